"""HTTP routes. The gateway maps /workorders to this app (as API Gateway's base path
mapping does), so "/" here is /workorders outside. Thin: validate, call the service, return."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib.domain.workflow import ACTIONS
from chalicelib.models import requests as models
from chalicelib.service import Service
from chalicelib.wiring import photos, service
from shared.auth import ALL_ROLES, STAFF_ROLES, Role
from shared.http import RequestContext, Routes
from shared.idempotency import once

blueprint = Blueprint(__name__)
routes = Routes(blueprint)

SUBMITTERS = ALL_ROLES  # residents, grid workers (随手拍) and staff all report
CENTRE = {Role.COMMAND_CENTRE}
ACTION_BODIES: dict[str, type[models.Strict]] = {
    "sign": models.NoteIn,
    "return": models.ReturnIn,
    "start": models.NoteIn,
    "extend": models.ExtendIn,
    "approve-extension": models.NoteIn,
    "refuse-extension": models.ReturnIn,  # {reason}
    "reply": models.ReplyIn,
    "reopen": models.ReopenIn,
    "merge": models.MergeIn,
    "reroute": models.RerouteIn,
    "close": models.CloseIn,
    "locate": models.LocateIn,
}
BODY_REQUIRED = {"return", "extend", "reply", "merge", "locate", "refuse-extension"}


@routes.post("/", allow=SUBMITTERS)
def submit(ctx: RequestContext) -> tuple[int, Any]:
    body = ctx.body(models.IntakeIn)
    principal = ctx.principal
    return once(
        f"intake:{principal.subject}",
        ctx.idempotency_key,
        body.model_dump(mode="json"),
        # The request's id survives SDK retries: a commit that already happened is recognised.
        # Uploads named in `photos` are checked and cleaned first (PhotoService.claim_intake).
        lambda: (201, service().intake(principal, photos().claim_intake(principal, body),
                                       request_id=f"{principal.subject}|{ctx.idempotency_key}"
                                       if ctx.idempotency_key else None)),
    )


@routes.post("/triage", allow=STAFF_ROLES | {Role.RESIDENT})
def triage(ctx: RequestContext) -> dict[str, Any]:
    return Service.triage(ctx.body(models.TriageIn).text)


@routes.get("/", allow=ALL_ROLES)
def list_orders(ctx: RequestContext) -> dict[str, Any]:
    return service().list(ctx.principal, ctx.query(models.ListQuery))


@routes.get("/routing-rules", allow=CENTRE)
def list_rules(ctx: RequestContext) -> dict[str, Any]:
    return service().rules(ctx.query(models.RulesQuery).category)


@routes.put("/routing-rules/{category}/{area}", allow=CENTRE)
def put_rule(ctx: RequestContext, category: str, area: str) -> dict[str, Any]:
    return service().set_rule(category, area, ctx.body(models.RuleIn))


@routes.delete("/routing-rules/{category}/{area}", allow=CENTRE)
def delete_rule(ctx: RequestContext, category: str, area: str) -> dict[str, Any]:
    return service().delete_rule(category, area)


@routes.put("/residents/me/home", allow={Role.RESIDENT})
def set_home(ctx: RequestContext) -> dict[str, Any]:
    return service().set_home(ctx.principal, ctx.body(models.HomeIn))


@routes.get("/{case_number}", allow=ALL_ROLES)
def get_order(ctx: RequestContext, case_number: str) -> dict[str, Any]:
    return service().get(ctx.principal, case_number)


def _register_action(name: str) -> None:
    model = ACTION_BODIES[name]

    def act(ctx: RequestContext, case_number: str) -> dict[str, Any]:
        raw = ctx.request.raw_body or b""
        body = ctx.body(model) if raw.strip() or name in BODY_REQUIRED else model()
        return service().act(ctx.principal, case_number, name, body.model_dump(mode="json", exclude_none=True))

    act.__name__ = "act_" + name.replace("-", "_")
    routes.post(f"/{{case_number}}/{name}", allow=ACTIONS[name].roles)(act)


for _name in ACTIONS:
    _register_action(_name)
