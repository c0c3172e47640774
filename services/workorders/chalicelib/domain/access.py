"""Object-level rules: who may see an order and who acts for its handler."""

from __future__ import annotations

from typing import Any

from shared.auth import Principal, Role

COMMAND_CENTRE_CODE = "command-center"


def is_handler(order: dict[str, Any], principal: Principal) -> bool:
    handler = order.get("handler") or {}
    return principal.is_staff and bool(principal.unit) and principal.unit == handler.get("code")


def is_co_owner(order: dict[str, Any], principal: Principal) -> bool:
    return principal.role == Role.STREET and principal.unit in (order.get("co_owners") or [])


def can_view(order: dict[str, Any], principal: Principal) -> bool:
    role, unit = principal.role, principal.unit
    location = order.get("location") or {}
    if role == Role.COMMAND_CENTRE:
        return True
    if role == Role.RESIDENT:
        return bool(order.get("resident")) and order.get("resident") == principal.subject
    if is_handler(order, principal) or is_co_owner(order, principal):
        return True
    if (order.get("submitter") or {}).get("subject") == principal.subject:
        return True
    if role == Role.GRID_WORKER:
        return location.get("grid") == unit
    if role == Role.COMMUNITY:
        return location.get("community") == unit
    if role == Role.STREET:
        return location.get("street") == unit
    if role == Role.DEPARTMENT:
        return unit in (order.get("summoned") or [])
    return False


def can_view_area(principal: Principal, area: str, code: str) -> bool:
    """May the caller list the orders of a grid, community or street?"""
    role, unit = principal.role, principal.unit or ""
    if role == Role.COMMAND_CENTRE:
        return True
    if role == Role.STREET:
        return code == unit or code.startswith(unit + "-")
    if role == Role.COMMUNITY:
        return area in ("community", "grid") and (code == unit or code.startswith(unit + "-"))
    if role == Role.GRID_WORKER:
        return area == "grid" and code == unit
    return False
