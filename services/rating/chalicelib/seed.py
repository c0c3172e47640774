"""Demo data: the rating service needs none of its own. Its projections and figures come
from work-order and booking events, and the unit directory is read from shared/data."""

from __future__ import annotations

from chalicelib.domain.units import directory


def load() -> str:
    units = directory()
    kinds: dict[str, int] = {}
    for unit in units.values():
        kinds[unit["kind"]] = kinds.get(unit["kind"], 0) + 1
    return "no table data needed; unit directory: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
