"""GET /rating/figures/daily: sign-for within the hour, overdue and satisfaction by day."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib.models.daily import DailyQuery
from chalicelib.wiring import service
from shared.auth import STAFF_ROLES
from shared.http import RequestContext, Routes

blueprint = Blueprint(__name__)
routes = Routes(blueprint)


@routes.get("/figures/daily", allow=STAFF_ROLES, error_statuses=[404])
def daily(ctx: RequestContext) -> dict[str, Any]:
    return service().daily_figures(ctx.principal, ctx.query(DailyQuery))
