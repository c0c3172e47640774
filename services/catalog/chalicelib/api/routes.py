"""Public catalogue routes (no token). Thin: parse the query, ask the in-memory snapshot."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib.adapters.repository import repository
from chalicelib.domain.catalogue import ItemFilters, item_summary
from chalicelib.domain.paging import decode_token, encode_token, fingerprint
from chalicelib.models.queries import CertificateSearch, ItemSearch, NoParameters, PlaceSearch, Point
from shared.errors import InvalidField
from shared.http import PUBLIC, RequestContext, Routes

blueprint = Blueprint(__name__)
routes = Routes(blueprint)


def _flag(value: str | None) -> bool | None:
    return None if value is None else value == "true"


@routes.get("/items", allow=PUBLIC)
def search_items(ctx: RequestContext) -> dict[str, Any]:
    params = ctx.query(ItemSearch)
    catalogue = repository().snapshot()
    if params.department is not None and params.department not in catalogue.departments_by_code:
        raise InvalidField("department", f"unknown department {params.department!r}")
    filters = ItemFilters(
        params.type,
        params.level,
        params.department,
        _flag(params.online),
        _flag(params.appointment),
    )
    query = (params.q or "").strip()
    query_hash = fingerprint({"q": query, **filters.__dict__})
    offset = decode_token(params.next_token, query_hash) if params.next_token else 0
    found = catalogue.search_items(query, filters)
    page = found[offset : offset + params.limit]
    end = offset + len(page)
    return {
        # Life-event bundles the query is about come first, on the first page only.
        "life_events": catalogue.search_life_events(query) if offset == 0 else [],
        "items": [item_summary(item, score) for item, score in page],
        "next_token": encode_token(end, query_hash) if end < len(found) else None,
    }


@routes.get("/items/{code}", allow=PUBLIC)
def get_item(ctx: RequestContext, code: str) -> dict[str, Any]:
    ctx.query(NoParameters)
    return repository().snapshot().item(code)


@routes.get("/life-events", allow=PUBLIC)
def list_life_events(ctx: RequestContext) -> dict[str, Any]:
    ctx.query(NoParameters)
    return {"life_events": repository().snapshot().life_event_list()}


@routes.get("/life-events/{code}", allow=PUBLIC)
def get_life_event(ctx: RequestContext, code: str) -> dict[str, Any]:
    ctx.query(NoParameters)
    return repository().snapshot().life_event(code)


@routes.get("/certificates", allow=PUBLIC)
def search_certificates(ctx: RequestContext) -> dict[str, Any]:
    params = ctx.query(CertificateSearch)
    return repository().snapshot().search_certificates(params.q)


@routes.get("/categories", allow=PUBLIC)
def list_categories(ctx: RequestContext) -> dict[str, Any]:
    ctx.query(NoParameters)
    return {"categories": repository().snapshot().categories}


@routes.get("/centres", allow=PUBLIC)
def list_centres(ctx: RequestContext) -> dict[str, Any]:
    ctx.query(NoParameters)
    return {"centres": repository().snapshot().centre_list()}


@routes.get("/centres/{centre_id}", allow=PUBLIC)
def get_centre(ctx: RequestContext, centre_id: str) -> dict[str, Any]:
    ctx.query(NoParameters)
    return repository().snapshot().centre(centre_id)


@routes.get("/areas", allow=PUBLIC)
def list_areas(ctx: RequestContext) -> dict[str, Any]:
    ctx.query(NoParameters)
    return repository().snapshot().areas_geojson()


@routes.get("/areas/locate", allow=PUBLIC, error_statuses=[404])
def locate(ctx: RequestContext) -> dict[str, Any]:
    point = ctx.query(Point)
    return repository().snapshot().locate(point.lon, point.lat)


@routes.get("/areas/search", allow=PUBLIC)
def search_places(ctx: RequestContext) -> dict[str, Any]:
    """Buildings, residential compounds, communities and streets by name, address, pinyin."""
    params = ctx.query(PlaceSearch)
    if not params.q.strip():
        raise InvalidField("q", "the search text is empty")
    return {"places": repository().snapshot().search_places(params.q, params.kind, params.limit)}
