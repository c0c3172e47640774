"""Rewrites triage_lexicon.json in its compact layout (one tier or rule per line).

    .venv/bin/python tools/format_lexicon.py
"""

from __future__ import annotations

import json
from pathlib import Path

PATH = Path(__file__).resolve().parents[1] / "services" / "workorders" / "chalicelib" / "domain" / "triage_lexicon.json"


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def main() -> None:
    raw = json.loads(PATH.read_text(encoding="utf-8"))
    lines = ["{"]
    for key in ("_about", "version", "categories", "calibration", "neutral"):
        lines.append(f"  {dumps(key)}: {dumps(raw[key])},")
    lines.append('  "terms": {')
    cats = list(raw["terms"].items())
    for k, (cat, tiers) in enumerate(cats):
        lines.append(f"    {dumps(cat)}: {{")
        items = list(tiers.items())
        for j, (weight, terms) in enumerate(items):
            lines.append(f"      {dumps(weight)}: {dumps(terms)}" + ("," if j < len(items) - 1 else ""))
        lines.append("    }" + ("," if k < len(cats) - 1 else ""))
    lines.append("  },")
    lines.append('  "rules": [')
    for k, rule in enumerate(raw["rules"]):
        lines.append(f"    {dumps(rule)}" + ("," if k < len(raw["rules"]) - 1 else ""))
    lines.append("  ]")
    lines.append("}")
    PATH.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
