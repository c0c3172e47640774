"""Photo routes: a presigned upload for the browser, a unit's before / after photos and
the presigned views of an order's photos. A report names its uploads in POST /workorders
(`photos`), checked by PhotoService.claim_intake."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib.models.photos import AttachIn, UploadIn
from chalicelib.wiring import photos
from shared.auth import ALL_ROLES, STAFF_ROLES
from shared.http import RequestContext, Routes

blueprint = Blueprint(__name__)
routes = Routes(blueprint)


@routes.post("/uploads", allow=ALL_ROLES)
def new_upload(ctx: RequestContext) -> tuple[int, Any]:
    return 201, photos().new_upload(ctx.principal, ctx.body(UploadIn))


@routes.get("/{case_number}/photos", allow=ALL_ROLES)
def order_photos(ctx: RequestContext, case_number: str) -> dict[str, Any]:
    return photos().view(ctx.principal, case_number)


@routes.post("/{case_number}/photos", allow=STAFF_ROLES)
def attach_photos(ctx: RequestContext, case_number: str) -> dict[str, Any]:
    # Naturally idempotent: photos already attached are not added twice.
    return photos().attach(ctx.principal, case_number, ctx.body(AttachIn))
