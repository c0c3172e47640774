"""python -m infra.openapi <service> <file>: writes a service's OpenAPI document (generated
by shared.openapi from its route table) without a running stack. A tool, not part of
shared/: it imports the service named on the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from shared.openapi import document


def main(argv: list[str]) -> int:
    service, target = argv
    root = Path(__file__).resolve().parents[1]
    sys.path[:0] = [str(root / "services" / service), str(root)]
    import app as service_app  # noqa: PLC0415 - the service named on the command line

    Path(target).write_text(json.dumps(document(service_app.app), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
