"""HTTP routes of the booking service (mounted under /booking by the gateway)."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib import wiring
from chalicelib.domain.model import Appointment
from chalicelib.models.api import (
    AssignRequest,
    BookRequest,
    CentresQuery,
    DayQuery,
    ListQuery,
    RescheduleRequest,
    SlotsQuery,
)
from chalicelib.service import BookingRequest
from shared.auth import Role
from shared.http import PUBLIC, RequestContext, Routes
from shared.idempotency import once

blueprint = Blueprint(__name__)
routes = Routes(blueprint)


BOOKERS = {Role.RESIDENT, Role.COMMUNITY, Role.STREET}
VIEWERS = {Role.RESIDENT, Role.COMMUNITY, Role.STREET, Role.COMMAND_CENTRE}
OPERATORS = {Role.COMMUNITY, Role.STREET, Role.COMMAND_CENTRE}


def _one(appointment: Appointment) -> dict[str, Any]:
    return appointment.public()


@routes.get("/slots", allow=PUBLIC, error_statuses=[404])
def list_slots(ctx: RequestContext) -> dict[str, Any]:
    query = ctx.query(SlotsQuery)
    day = wiring.service().slot_day(query.item, query.centre, query.date, home_visit=query.home_visit)
    return {"item": query.item, "centre": query.centre, "date": query.date.isoformat(), **day}


@routes.get("/centres", allow=PUBLIC, error_statuses=[404])
def centres_for_item(ctx: RequestContext) -> dict[str, Any]:
    query = ctx.query(CentresQuery)
    return {"item": query.item, "centres": wiring.service().centres_for(query.item)}


@routes.post("/appointments", allow=BOOKERS, error_statuses=[404])
def book(ctx: RequestContext) -> tuple[int, Any]:
    body = ctx.body(BookRequest)
    principal = ctx.principal
    request = BookingRequest(
        item=body.item,
        centre=body.centre,
        start=body.start,
        resident=body.resident,
        home_visit_reason=body.home_visit.reason if body.home_visit else None,
        address=body.home_visit.address if body.home_visit else None,
    )

    def action() -> tuple[int, Any]:
        return 201, _one(wiring.service().book(principal, request))

    return once(f"book:{principal.subject}", ctx.idempotency_key, body.model_dump(mode="json"), action)


@routes.get("/appointments", allow=VIEWERS, error_statuses=[404])
def list_appointments(ctx: RequestContext) -> dict[str, Any]:
    query = ctx.query(ListQuery)
    service = wiring.service()
    if query.code:
        return {"appointments": [_one(service.find_by_code(ctx.principal, query.code))]}
    return {"appointments": [_one(a) for a in service.mine(ctx.principal)]}


@routes.get("/appointments/{appointment_id}", allow=VIEWERS)
def get_appointment(ctx: RequestContext, appointment_id: str) -> dict[str, Any]:
    return _one(wiring.service().get(ctx.principal, appointment_id))


@routes.post("/appointments/{appointment_id}/cancel", allow=VIEWERS)
def cancel(ctx: RequestContext, appointment_id: str) -> dict[str, Any]:
    return _one(wiring.service().act(ctx.principal, appointment_id, "cancel"))


@routes.post("/appointments/{appointment_id}/reschedule", allow=VIEWERS)
def reschedule(ctx: RequestContext, appointment_id: str) -> dict[str, Any]:
    body = ctx.body(RescheduleRequest)
    return _one(wiring.service().reschedule(ctx.principal, appointment_id, body.start))


@routes.post("/appointments/{appointment_id}/check-in", allow=OPERATORS)
def check_in(ctx: RequestContext, appointment_id: str) -> dict[str, Any]:
    return _one(wiring.service().act(ctx.principal, appointment_id, "check_in"))


@routes.post("/appointments/{appointment_id}/no-show", allow=OPERATORS)
def no_show(ctx: RequestContext, appointment_id: str) -> dict[str, Any]:
    return _one(wiring.service().act(ctx.principal, appointment_id, "no_show"))


@routes.post("/appointments/{appointment_id}/complete", allow=OPERATORS)
def complete(ctx: RequestContext, appointment_id: str) -> dict[str, Any]:
    return _one(wiring.service().act(ctx.principal, appointment_id, "complete"))


@routes.post("/appointments/{appointment_id}/assign", allow={Role.COMMUNITY})
def assign(ctx: RequestContext, appointment_id: str) -> dict[str, Any]:
    body = ctx.body(AssignRequest)
    return _one(wiring.service().assign(ctx.principal, appointment_id, body.staff))


@routes.get("/centres/{centre_id}/appointments", allow=OPERATORS)
def centre_day(ctx: RequestContext, centre_id: str) -> dict[str, Any]:
    query = ctx.query(DayQuery)
    appointments = wiring.service().centre_day(ctx.principal, centre_id, query.date)
    return {"centre": centre_id, "date": query.date.isoformat(), "appointments": [_one(a) for a in appointments]}
