"""HTTP routes of the webhooks channel (mounted under /webhooks by the gateway)."""

from __future__ import annotations

import re
from typing import Any

from chalice import Blueprint

from chalicelib import wiring
from chalicelib.models.api import DeliveriesQuery, EndpointRequest, FailedQuery
from shared.auth import STAFF_ROLES, Role
from shared.errors import InvalidField
from shared.http import PUBLIC, RequestContext, Routes, json_response

blueprint = Blueprint(__name__)
routes = Routes(blueprint)

COMMAND_CENTRE = {Role.COMMAND_CENTRE}
UNIT_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{1,63}$")
MAX_INBOUND_BYTES = 64 * 1024


def _unit(unit: str) -> str:
    if not UNIT_CODE.fullmatch(unit):
        raise InvalidField("unit", "a unit code is 2 to 64 letters, digits or hyphens")
    return unit


@routes.put("/endpoints/{unit}", allow=COMMAND_CENTRE, status=(200, 201))
def register_endpoint(ctx: RequestContext, unit: str) -> tuple[int, Any]:
    """Registers or updates a unit's endpoint; the secret is in the answer only when new."""
    return wiring.service().register(_unit(unit), ctx.body(EndpointRequest))


@routes.post("/endpoints/{unit}/rotate", allow=COMMAND_CENTRE)
def rotate_secret(ctx: RequestContext, unit: str) -> dict[str, Any]:
    return wiring.service().rotate(_unit(unit))


@routes.get("/endpoints/{unit}", allow=STAFF_ROLES)
def get_endpoint(ctx: RequestContext, unit: str) -> dict[str, Any]:
    """The unit itself or the command centre; never the secret."""
    return wiring.service().endpoint(ctx.principal, _unit(unit))


@routes.get("/endpoints/{unit}/deliveries", allow=STAFF_ROLES)
def list_deliveries(ctx: RequestContext, unit: str) -> dict[str, Any]:
    query = ctx.query(DeliveriesQuery)
    return wiring.service().deliveries(ctx.principal, _unit(unit), query.limit)


@routes.get("/deliveries/failed", allow=COMMAND_CENTRE)
def failed_deliveries(ctx: RequestContext) -> dict[str, Any]:
    """Deliveries that exhausted their attempts (also in the dead-letter queue)."""
    return wiring.service().failed(ctx.query(FailedQuery).limit)


@routes.post("/inbound/{unit}", allow=PUBLIC, status=(200, 202), error_statuses=[401])
def inbound(ctx: RequestContext, unit: str) -> Any:
    """Authenticated by the Standard Webhooks signature with the unit's secret, not a token."""
    raw = ctx.request.raw_body or b""
    if isinstance(raw, str):  # Chalice types it str | bytes
        raw = raw.encode()
    if len(raw) > MAX_INBOUND_BYTES:
        raw = b""  # fails verification: nothing this large is a status update
    status, body = wiring.service().inbound(_unit(unit), raw, dict(ctx.request.headers))
    return json_response(status, body)
