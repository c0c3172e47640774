"""Hotspot routes (/workorders/hotspots...): the command centre sees every hotspot and opens
one coordinated order for it; a street sees the hotspots in its own street."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib.models.hotspots import HotspotsQuery
from chalicelib.wiring import hotspots
from shared.auth import Role
from shared.http import RequestContext, Routes
from shared.idempotency import once

blueprint = Blueprint(__name__)
routes = Routes(blueprint)

VIEWERS = {Role.COMMAND_CENTRE, Role.STREET}
CENTRE = {Role.COMMAND_CENTRE}


@routes.get("/hotspots", allow=VIEWERS)
def list_hotspots(ctx: RequestContext) -> dict[str, Any]:
    return hotspots().list(ctx.principal, ctx.query(HotspotsQuery))


@routes.get("/hotspots/{hotspot_id}", allow=VIEWERS)
def get_hotspot(ctx: RequestContext, hotspot_id: str) -> dict[str, Any]:
    return hotspots().get(ctx.principal, hotspot_id)


@routes.post("/hotspots/{hotspot_id}/open-order", allow=CENTRE)
def open_order(ctx: RequestContext, hotspot_id: str) -> tuple[int, Any]:
    principal = ctx.principal
    return once(f"hotspot-open:{principal.subject}:{hotspot_id}", ctx.idempotency_key, {"hotspot": hotspot_id},
                lambda: (201, hotspots().open_order(principal, hotspot_id)))
