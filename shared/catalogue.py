"""Reference data of the demo district shipped in shared/data, read once per container.
Services seed their own tables from it (chalicelib/seed.py); the rule for which centres
offer an item lives here so that catalog and booking agree."""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"

# The lowest level that accepts an item decides where it can be done: community items at
# every community and street centre, street items at street centres, department items at
# the district government service hall.
_LEVEL_CENTRES = {"community": {"community", "street"}, "street": {"street"}, "department": {"district"}}


def load_json(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def district() -> dict[str, Any]:
    return load_json("district.json")  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def items() -> list[dict[str, Any]]:
    return load_json("catalog-items.json")["items"]  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def categories() -> list[dict[str, str]]:
    with (DATA / "request-categories.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=1)
def departments() -> list[dict[str, str]]:
    with (DATA / "departments.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def centres_for(item: dict[str, Any], centres: list[dict[str, Any]] | None = None) -> list[str]:
    """Ids of the centres that offer the item (an explicit "centres" list wins)."""
    if item.get("centres"):
        return list(item["centres"])
    levels = _LEVEL_CENTRES.get(item.get("level", ""), set())
    return [c["id"] for c in (centres if centres is not None else district()["centres"]) if c["level"] in levels]
