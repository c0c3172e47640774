"""HTTP routes of the SMS channel (mounted under /sms by the gateway): a signed-in resident
sees and sets whether they get texts. Texting in is the SMS itself (the inbound queue)."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib import wiring
from chalicelib.models.api import Subscription, SubscriptionRequest
from shared.auth import Role
from shared.http import RequestContext, Routes

blueprint = Blueprint(__name__)
routes = Routes(blueprint)

RESIDENTS = {Role.RESIDENT}


@routes.get("/subscription", allow=RESIDENTS, response=Subscription)
def get_subscription(ctx: RequestContext) -> dict[str, Any]:
    """Only the caller's own: the subject is the token's."""
    return Subscription.model_validate(wiring.service().subscription(ctx.principal.subject)).model_dump()


@routes.put("/subscription", allow=RESIDENTS, response=Subscription)
def put_subscription(ctx: RequestContext) -> dict[str, Any]:
    body = ctx.body(SubscriptionRequest)
    result = wiring.service().subscribe(ctx.principal.subject, body.phone, body.notify)
    return Subscription.model_validate(result).model_dump()
