"""Daily figures (GET /rating/figures/daily): the command centre sees the district or any
unit; a unit sees its own (a street also its communities and grids)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from chalicelib.adapters.repository import Repository
from chalicelib.domain.daily import MAX_DAYS, daily_figures
from chalicelib.domain.months import months_between
from chalicelib.domain.units import kind_of
from chalicelib.models.daily import DailyQuery
from chalicelib.service import require_unit_access
from shared import clock
from shared.auth import Principal, Role
from shared.errors import BadRequest, NotFound


def months_of(first: date, last: date) -> list[str]:
    return months_between(first.strftime("%Y-%m"), last.strftime("%Y-%m"))


class DailyFigures:
    def __init__(self, repository: Repository | None = None) -> None:
        self.repo = repository or Repository()

    def figures(self, principal: Principal, query: DailyQuery) -> dict[str, Any]:
        unit = query.unit
        if principal.role != Role.COMMAND_CENTRE and unit is None:
            unit = principal.unit
        if unit is not None:
            if kind_of(unit) is None:
                raise NotFound(f"no unit {unit}", code="unknown_unit")
            require_unit_access(principal, unit)
        today = clock.today()
        last = query.to or today
        first = query.first or last - timedelta(days=query.days - 1)
        if first > last:
            raise BadRequest("from must not be after to", code="invalid_parameter", field="from")
        if (last - first).days + 1 > MAX_DAYS:
            raise BadRequest(f"at most {MAX_DAYS} days at once", code="invalid_parameter", field="from")
        entries = ((e.name, e.occurred_at, e.payload) for month in months_of(first, last) for e in self.repo.history(month))
        return {"unit": unit, "kind": kind_of(unit) if unit else "district", "from": first.isoformat(),
                "to": last.isoformat(), "as_of": clock.iso(clock.now()),
                "days": daily_figures(entries, unit, first, last)}
