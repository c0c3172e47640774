"""Loads the demo centres (shared/data/district.json) and the bookable catalogue items
(shared/data/catalog/, via shared.catalogue) into the booking table. Idempotent:
it overwrites the reference rows and never touches appointments or seats."""

from __future__ import annotations

from typing import Any

from shared import catalogue
from shared.observability import logger

CENTRE_FIELDS = (
    "id",
    "name_zh",
    "name_en",
    "level",
    "unit",
    "counters",
    "capacity_per_counter",
    "hours",
    "extended_hours",
    "closures",
    "extra_days",
)
ITEM_FIELDS = ("code", "name_zh", "name_en", "level", "duration_minutes", "appointment", "home_visit", "department")


def load(items: list[dict[str, Any]] | None = None, centres: list[dict[str, Any]] | None = None) -> str:
    from chalicelib import wiring

    repository = wiring.repository()
    centres = centres if centres is not None else catalogue.district()["centres"]
    street_centres = {c["unit"]: c["id"] for c in centres if c["level"] == "street"}
    for centre in centres:
        record = {k: centre[k] for k in CENTRE_FIELDS if k in centre}
        if centre["level"] == "community":
            # Community codes extend their street's (JN-S01-C01 belongs to JN-S01).
            record["parent_centre"] = street_centres.get(centre["unit"].rsplit("-", 1)[0])
        repository.put_reference("CENTRE", centre["id"], record)
    if items is None:
        try:
            items = catalogue.items()
        except FileNotFoundError:
            logger.warning("shared/data/catalog/ is missing: no catalogue items seeded")
            items = []
    # Every item, so that one needing no appointment is answered as such (not "unknown").
    bookable = 0
    for item in items:
        record = {k: item[k] for k in ITEM_FIELDS if k in item}
        record["duration_minutes"] = int(item.get("duration_minutes") or 15)
        record["centres"] = catalogue.centres_for(item, centres)
        repository.put_reference("ITEM", item["code"], record)
        bookable += bool(item.get("appointment"))
    home_visits = sum(1 for i in items if i.get("home_visit"))
    return f"{len(centres)} centres, {len(items)} items ({bookable} at a counter, {home_visits} with home visits)"
