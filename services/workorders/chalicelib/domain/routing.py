"""Routing rules: category x area -> handler unit. A rule's area is "*" (the district), or
"street:<code>", "community:<code>", "grid:<code>"; the most specific matching rule wins.
A handler is a fixed unit ({"kind": "department", "code": "water"}) or the unit of the
order's location ({"kind": "community"} means the community where it happened)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from chalicelib.domain.access import COMMAND_CENTRE_CODE
from shared.errors import InvalidField

AREA_KINDS = ("grid", "community", "street")
HANDLER_KINDS = ("department", "street", "community", "grid", "command-centre")
COMMAND_CENTRE = {"kind": "command-centre", "code": COMMAND_CENTRE_CODE}


@dataclass(frozen=True)
class Rule:
    category: str
    area: str
    handler: dict[str, Any]
    sign_minutes: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"category": self.category, "area": self.area, "handler": self.handler, "sign_minutes": self.sign_minutes}


def default_handler(default_code: str) -> dict[str, Any]:
    """The taxonomy's default_handler column as a rule's handler."""
    if default_code == "community":
        return {"kind": "community"}
    if default_code == "street-office":
        return {"kind": "street"}
    if default_code == COMMAND_CENTRE_CODE:
        return dict(COMMAND_CENTRE)
    return {"kind": "department", "code": default_code}


def validate_area(area: str, known_units: dict[str, set[str]]) -> str:
    if area == "*":
        return area
    kind, _, code = area.partition(":")
    if kind not in AREA_KINDS or not code:
        raise InvalidField("area", "must be '*' or street:<code>, community:<code>, grid:<code>",
                           "应为 '*' 或 street:<代码>、community:<代码>、grid:<代码>")
    if code not in known_units[kind]:
        raise InvalidField("area", f"unknown {kind} {code!r}", f"没有 {kind} {code!r}")
    return area


def validate_handler(handler: dict[str, Any], known_units: dict[str, set[str]], departments: set[str]) -> dict[str, Any]:
    kind, code = handler.get("kind"), handler.get("code")
    if kind not in HANDLER_KINDS:
        raise InvalidField("handler.kind", f"must be one of {', '.join(HANDLER_KINDS)}", f"应为 {'、'.join(HANDLER_KINDS)} 之一")
    if kind == "command-centre":
        return dict(COMMAND_CENTRE)
    if kind == "department":
        if code not in departments:
            raise InvalidField("handler.code", f"unknown department {code!r}", f"没有部门 {code!r}")
        return {"kind": kind, "code": code}
    if code is None:
        return {"kind": kind}  # the unit of the order's location
    if code not in known_units[kind]:
        raise InvalidField("handler.code", f"unknown {kind} {code!r}", f"没有 {kind} {code!r}")
    return {"kind": kind, "code": code}


def areas_of(location: dict[str, str | None]) -> list[str]:
    """Most specific first; only the parts of the location that are known."""
    return [f"{kind}:{location[kind]}" for kind in AREA_KINDS if location.get(kind)] + ["*"]


def unit_for(handler: dict[str, Any], location: dict[str, str | None]) -> dict[str, str] | None:
    """The unit a rule's handler names at `location`: its fixed code, or the location's unit
    of its kind; when the location is not known that precisely (a road, a community), the
    next larger area's unit (a grid's work goes to its community, then its street)."""
    if handler.get("code"):
        return {"kind": handler["kind"], "code": handler["code"]}
    kind = handler["kind"]
    kinds = AREA_KINDS[AREA_KINDS.index(kind):] if kind in AREA_KINDS else ()
    for larger in kinds:
        if location.get(larger):
            return {"kind": larger, "code": str(location[larger])}
    return None


def resolve(rules: Iterable[Rule], location: dict[str, str | None]) -> tuple[dict[str, str], Rule | None]:
    """The handler unit for an order of the rules' category at `location`; the command
    centre when no rule matches (or the location is too vague for the matching rule)."""
    by_area = {r.area: r for r in rules}
    for area in areas_of(location):
        rule = by_area.get(area)
        if rule:
            unit = unit_for(rule.handler, location)
            if unit is None:
                break
            return unit, rule
    return dict(COMMAND_CENTRE), None


def fallback(rules: Iterable[Rule], location: dict[str, str | None], exclude: set[str]) -> tuple[dict[str, str], Rule] | None:
    """After a return: the most specific matching rule whose unit has not returned the order
    (a street returning a delegated case falls back to the district-wide department)."""
    by_area = {r.area: r for r in rules}
    for area in areas_of(location):
        rule = by_area.get(area)
        if rule:
            unit = unit_for(rule.handler, location)
            if unit and unit["code"] not in exclude:
                return unit, rule
    return None
