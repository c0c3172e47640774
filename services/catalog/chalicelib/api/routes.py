"""Public catalogue routes (no token). Thin: parse the query, call the use case, answer."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib import wiring
from chalicelib.domain.catalogue import ItemFilters
from chalicelib.models.queries import CertificateSearch, ItemSearch, NoParameters, PlaceSearch, Point
from shared.http import PUBLIC, RequestContext, Routes

blueprint = Blueprint(__name__)
routes = Routes(blueprint)


def _flag(value: str | None) -> bool | None:
    return None if value is None else value == "true"


@routes.get("/items", allow=PUBLIC)
def search_items(ctx: RequestContext) -> dict[str, Any]:
    params = ctx.query(ItemSearch)
    filters = ItemFilters(params.type, params.level, params.department, _flag(params.online), _flag(params.appointment))
    return wiring.service().search_items(params.q, filters, limit=params.limit, page_token=params.page_token)


@routes.get("/items/{code}", allow=PUBLIC)
def get_item(ctx: RequestContext, code: str) -> dict[str, Any]:
    ctx.query(NoParameters)
    return wiring.service().item(code)


@routes.get("/life-events", allow=PUBLIC)
def list_life_events(ctx: RequestContext) -> dict[str, Any]:
    ctx.query(NoParameters)
    return {"life_events": wiring.service().life_events()}


@routes.get("/life-events/{code}", allow=PUBLIC)
def get_life_event(ctx: RequestContext, code: str) -> dict[str, Any]:
    ctx.query(NoParameters)
    return wiring.service().life_event(code)


@routes.get("/certificates", allow=PUBLIC)
def search_certificates(ctx: RequestContext) -> dict[str, Any]:
    params = ctx.query(CertificateSearch)
    return wiring.service().certificates(params.q)


@routes.get("/categories", allow=PUBLIC)
def list_categories(ctx: RequestContext) -> dict[str, Any]:
    ctx.query(NoParameters)
    return {"categories": wiring.service().categories()}


@routes.get("/centres", allow=PUBLIC)
def list_centres(ctx: RequestContext) -> dict[str, Any]:
    ctx.query(NoParameters)
    return {"centres": wiring.service().centres()}


@routes.get("/centres/{centre_id}", allow=PUBLIC)
def get_centre(ctx: RequestContext, centre_id: str) -> dict[str, Any]:
    ctx.query(NoParameters)
    return wiring.service().centre(centre_id)


@routes.get("/areas", allow=PUBLIC)
def list_areas(ctx: RequestContext) -> dict[str, Any]:
    ctx.query(NoParameters)
    return wiring.service().areas()


@routes.get("/areas/locate", allow=PUBLIC, error_statuses=[404])
def locate(ctx: RequestContext) -> dict[str, Any]:
    point = ctx.query(Point)
    return wiring.service().locate(point.lon, point.lat)


@routes.get("/areas/search", allow=PUBLIC)
def search_places(ctx: RequestContext) -> dict[str, Any]:
    params = ctx.query(PlaceSearch)
    return wiring.service().search_places(params.q, params.kind, params.limit)
