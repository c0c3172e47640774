"""HTTP routes under /rating (the gateway strips the prefix). Thin: parse, authorise the
role, call the service; object-level checks live in the service."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib.models.requests import (
    AppealDecisionRequest,
    AppealRequest,
    CallbackRequest,
    MonthQuery,
    OutcomeRequest,
    RankingQuery,
    RatingRequest,
    RatingsQuery,
    StreetRatingRequest,
    StreetRatingsQuery,
    UnitQuery,
)
from chalicelib.wiring import service
from shared.auth import STAFF_ROLES, Role
from shared.http import PUBLIC, RequestContext, Routes
from shared.idempotency import once

blueprint = Blueprint(__name__)
routes = Routes(blueprint)

# Staff who belong to a unit (grid, community, street, department): they act on their own unit.
UNIT_STAFF = STAFF_ROLES - {Role.COMMAND_CENTRE}
VIEWERS = STAFF_ROLES


@routes.post("/ratings", allow={Role.RESIDENT}, error_statuses=[404])
def submit_rating(ctx: RequestContext) -> tuple[int, Any]:
    request = ctx.body(RatingRequest)
    principal = ctx.principal
    return once(f"rate:{principal.subject}", ctx.idempotency_key, request.model_dump(mode="json"),
                lambda: (201, service().submit_rating(principal, request)))


@routes.get("/ratings", allow={Role.RESIDENT} | VIEWERS)
def list_ratings(ctx: RequestContext) -> dict[str, Any]:
    query = ctx.query(RatingsQuery)
    return service().list_ratings(ctx.principal, query.unit, query.limit, query.page_token)


@routes.get("/ratings/{rating_id}", allow={Role.RESIDENT} | VIEWERS)
def get_rating(ctx: RequestContext, rating_id: str) -> dict[str, Any]:
    return service().get_rating(ctx.principal, rating_id)


@routes.post("/ratings/{rating_id}/appeal", allow=UNIT_STAFF)
def appeal_rating(ctx: RequestContext, rating_id: str) -> tuple[int, Any]:
    return 201, service().appeal(ctx.principal, rating_id, ctx.body(AppealRequest))


@routes.post("/ratings/{rating_id}/appeal/decision", allow={Role.COMMAND_CENTRE})
def decide_appeal(ctx: RequestContext, rating_id: str) -> dict[str, Any]:
    return service().decide_appeal(ctx.principal, rating_id, ctx.body(AppealDecisionRequest))


@routes.get("/appeals", allow=VIEWERS)
def list_appeals(ctx: RequestContext) -> dict[str, Any]:
    query = ctx.query(UnitQuery)
    return service().list_appeals(ctx.principal, query.unit, query.status, query.limit, query.page_token)


@routes.get("/rectifications", allow=VIEWERS)
def list_rectifications(ctx: RequestContext) -> dict[str, Any]:
    query = ctx.query(UnitQuery)
    return service().list_rectifications(ctx.principal, query.unit, query.limit, query.page_token)


@routes.get("/rectifications/{rectification_id}", allow=VIEWERS)
def get_rectification(ctx: RequestContext, rectification_id: str) -> dict[str, Any]:
    return service().get_rectification(ctx.principal, rectification_id)


@routes.post("/rectifications/{rectification_id}/callback", allow=STAFF_ROLES)  # the centre: the district hall's
def record_callback(ctx: RequestContext, rectification_id: str) -> dict[str, Any]:
    return service().record_callback(ctx.principal, rectification_id, ctx.body(CallbackRequest))


@routes.post("/rectifications/{rectification_id}/outcome", allow=STAFF_ROLES)
def record_outcome(ctx: RequestContext, rectification_id: str) -> dict[str, Any]:
    return service().complete_rectification(ctx.principal, rectification_id, ctx.body(OutcomeRequest))


@routes.post("/street-ratings", allow={Role.STREET}, error_statuses=[404])
def street_rating(ctx: RequestContext) -> tuple[int, Any]:
    return 201, service().street_rating(ctx.principal, ctx.body(StreetRatingRequest))


@routes.get("/street-ratings", allow={Role.STREET, Role.DEPARTMENT, Role.COMMAND_CENTRE}, error_statuses=[404])
def list_street_ratings(ctx: RequestContext) -> dict[str, Any]:
    query = ctx.query(StreetRatingsQuery)
    return service().list_street_ratings(ctx.principal, query.department, query.limit, query.page_token)


@routes.get("/units/{unit}/scores", allow=VIEWERS)
def unit_scores(ctx: RequestContext, unit: str) -> dict[str, Any]:
    return service().unit_scores(ctx.principal, unit, ctx.query(MonthQuery).month)


@routes.get("/rankings", allow=PUBLIC)
def rankings(ctx: RequestContext) -> dict[str, Any]:
    query = ctx.query(RankingQuery)
    return service().rankings(query.kind, query.month)
