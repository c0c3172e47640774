"""Open311 GeoReport v2 under /open311/v2/ (every resource as .json and .xml), and the
command centre's API keys under /open311/keys. Open311 routes answer errors the way the
specification says: [{"code", "description"}] (XML <errors><error>) with 400/403/404."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs

from chalice import Blueprint, Response
from pydantic import BaseModel, ConfigDict, Field, RootModel

from chalicelib import wiring
from chalicelib.domain import georeport as geo
from shared.auth import Role
from shared.errors import BadRequest, DomainError, NotFound
from shared.http import PUBLIC, RequestContext, Routes

blueprint = Blueprint(__name__)
routes = Routes(blueprint)

FORMATS = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
SPEC = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-30T00:00:00+08:00"
MAX_FORM_BYTES = 64 * 1024


class KeyRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100)


class Open311Error(BaseModel):
    code: int
    description: str


class Open311Errors(RootModel[list[Open311Error]]):
    """GeoReport v2 errors: [{"code", "description"}] (XML <errors><error>)."""


class RequestForm(BaseModel):
    """POST requests.{fmt}: the GeoReport v2 form (form-encoded; attribute[<code>] fields too)."""

    model_config = ConfigDict(extra="allow")

    api_key: str
    service_code: str
    lat: str | None = None
    long: str | None = None
    address_string: str | None = None
    address_id: str | None = None
    description: str | None = None
    media_url: str | None = None


# What the OpenAPI document says of the GeoReport routes: JSON or XML, errors in Open311's shape.
GEOREPORT = {"media_types": ["application/json", "text/xml"], "errors": Open311Errors, "own_error_statuses": [400, 403, 404],
             "schema": {}}


def _split(name: str) -> tuple[str, str]:
    stem, dot, fmt = name.rpartition(".")
    if not dot or fmt not in FORMATS:
        raise NotFound(f"{name}: ask for .json or .xml")
    return stem, fmt


def _render(fmt: str, status: int, body: Any, root: str, item: str | None) -> Response:
    if fmt == "xml":
        return Response(body=geo.to_xml(root, item, body).decode("utf-8"), status_code=status, headers={"Content-Type": FORMATS["xml"]})
    return Response(body=json.dumps(body, ensure_ascii=False), status_code=status, headers={"Content-Type": FORMATS["json"]})


def _error(fmt: str, error: DomainError) -> Response:
    status = error.status if error.status in (400, 403, 404) else 400
    return _render(fmt, status, [{"code": status, "description": error.message}], "errors", "error")


def open311(view: Callable[..., Response]) -> Callable[..., Response]:
    """Errors in the Open311 shape and the format named by the path."""

    @functools.wraps(view)
    def wrapper(ctx: RequestContext, **params: Any) -> Response:
        name = next(iter(params.values()))
        fmt = name.rpartition(".")[2] if name.rpartition(".")[2] in FORMATS else "json"
        try:
            return view(ctx, **params)
        except DomainError as exc:
            return _error(fmt, exc)

    return wrapper


def _query(ctx: RequestContext) -> dict[str, str]:
    return {k: str(v) for k, v in (ctx.request.query_params or {}).items()}


def _base(ctx: RequestContext) -> str:
    host = ctx.header("Host") or "127.0.0.1"
    proto = ctx.header("X-Forwarded-Proto") or "http"
    return f"{proto}://{host}/open311/v2"


@routes.get("/v2/{resource}", allow=PUBLIC, **GEOREPORT)
@open311
def read_collection(ctx: RequestContext, resource: str) -> Response:
    """discovery, services, requests and servicerequestupdates."""
    stem, fmt = _split(resource)
    service = wiring.service()
    if stem == "discovery":
        body = {"changeset": CHANGESET, "contact": "区综合指挥中心 (command centre)", "key_service": "由区综合指挥中心签发 API key",
                "endpoints": [{"specification": SPEC, "url": _base(ctx), "changeset": CHANGESET, "type": "production",
                               "formats": ["text/xml", "application/json"]}]}
        return _render(fmt, 200, body, "discovery", None)
    if stem == "services":
        return _render(fmt, 200, geo.services(), "services", "service")
    if stem == "requests":
        return _render(fmt, 200, service.requests(_query(ctx)), "service_requests", "request")
    if stem == "servicerequestupdates":
        return _render(fmt, 200, service.updates(_query(ctx)), "service_request_updates", "request_update")
    raise NotFound(f"no resource {resource}")


@routes.post("/v2/{resource}", allow=PUBLIC, content_types=["application/x-www-form-urlencoded", "application/json"],
             status=201, body=RequestForm, body_types=["application/x-www-form-urlencoded"], error_statuses=[403], **GEOREPORT)
@open311
def post_request(ctx: RequestContext, resource: str) -> Response:
    """POST requests.{fmt}, form-encoded, with the client's api_key."""
    stem, fmt = _split(resource)
    if stem != "requests":
        raise NotFound(f"no resource {resource}")
    raw = ctx.request.raw_body or b""
    if isinstance(raw, str):  # Chalice types it str | bytes
        raw = raw.encode()
    if len(raw) > MAX_FORM_BYTES:
        raise BadRequest(f"request body over {MAX_FORM_BYTES} bytes")
    content_type = (ctx.header("Content-Type") or "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        raise BadRequest("send the request form-encoded (Content-Type: application/x-www-form-urlencoded)")
    try:
        form = parse_qs(raw.decode("utf-8"), keep_blank_values=True)
    except UnicodeDecodeError as exc:
        raise BadRequest("the form is not UTF-8") from exc
    return _render(fmt, 201, wiring.service().post_request(form), "service_requests", "request")


@routes.get("/v2/services/{name}", allow=PUBLIC, **GEOREPORT)
@open311
def service_definition(ctx: RequestContext, name: str) -> Response:
    code, fmt = _split(name)
    definition = geo.definition(code)
    if definition is None:
        raise NotFound(f"service_code {code} not found")
    return _render(fmt, 200, definition, "service_definition", None)


@routes.get("/v2/requests/{name}", allow=PUBLIC, **GEOREPORT)
@open311
def one_request(ctx: RequestContext, name: str) -> Response:
    case_number, fmt = _split(name)
    return _render(fmt, 200, wiring.service().request(case_number), "service_requests", "request")


@routes.get("/v2/tokens/{name}", allow=PUBLIC, **GEOREPORT)
@open311
def token(ctx: RequestContext, name: str) -> Response:
    value, fmt = _split(name)
    return _render(fmt, 200, wiring.service().token(value), "service_requests", "request")


@routes.post("/keys", allow={Role.COMMAND_CENTRE})
def issue_key(ctx: RequestContext) -> tuple[int, Any]:
    """A new API key for an Open311 client; shown only in this answer, stored hashed."""
    body = ctx.body(KeyRequest)
    return 201, wiring.service().issue_key(body.name, ctx.principal.subject)
