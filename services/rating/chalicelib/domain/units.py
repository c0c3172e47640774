"""The unit directory (departments, streets, communities, grids) from shared reference data."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from shared import catalogue

RANKED_KINDS = ("department", "street", "community", "grid")
# Kinds a counter item may carry; the last two are not ranked but still have figures.
ALL_KINDS = (*RANKED_KINDS, "command-centre", "district")


@lru_cache(maxsize=1)
def directory() -> dict[str, dict[str, str]]:
    """code -> {"kind", "street"} (street: the street a community or grid lies in)."""
    units: dict[str, dict[str, str]] = {}
    for row in catalogue.departments():
        kind = "command-centre" if row["code"] == "command-center" else row.get("kind") or "department"
        units[row["code"]] = {"kind": kind, "street": ""}
    data = catalogue.district()
    units[data["district"]["code"]] = {"kind": "district", "street": ""}
    for street in data["streets"]:
        units[street["code"]] = {"kind": "street", "street": street["code"]}
    for community in data["communities"]:
        units[community["code"]] = {"kind": "community", "street": community.get("street") or _street_prefix(community["code"])}
    for grid in data["grids"]:
        units[grid["code"]] = {"kind": "grid", "street": grid.get("street") or _street_prefix(grid["code"])}
    return units


def _street_prefix(code: str) -> str:
    return "-".join(code.split("-")[:2])


def kind_of(code: str) -> str | None:
    unit = directory().get(code)
    return unit["kind"] if unit else None


def street_of(code: str) -> str | None:
    """The street a street, community or grid belongs to (None for departments)."""
    unit = directory().get(code)
    return (unit["street"] or None) if unit else None


def unit_from_handler(handler: Any) -> tuple[str, str] | None:
    """(code, kind) from an event's handler object, or None before dispatch."""
    if not isinstance(handler, dict) or not handler.get("code"):
        return None
    return str(handler["code"]), str(handler.get("kind") or kind_of(str(handler["code"])) or "department")


def centre_unit(code: str) -> tuple[str, str]:
    """A booking centre's unit: a street or community code, or the district hall ("JN")."""
    return code, kind_of(code) or "district"
