"""booking.command.cancel from a channel (docs/CONTRACTS.md): the resident's cancel, exactly as
the HTTP route does it for them. The result is the usual booking.appointment.cancelled
(correlation_id = the command's id) or booking.command.rejected."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from chalicelib import wiring
from chalicelib.domain.model import Status
from shared.auth import Principal, Role
from shared.errors import DomainError
from shared.messaging import Envelope, Publisher, new_event
from shared.observability import correlation_id


class CancelCommand(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(min_length=4, max_length=16)
    resident: str = Field(min_length=1, max_length=128)


def handle(envelope: Envelope) -> None:
    token = correlation_id.set(envelope.id)  # the events this causes answer this command
    try:
        _cancel(envelope)
    finally:
        correlation_id.reset(token)


def _cancel(envelope: Envelope) -> None:
    try:
        if envelope.name != "booking.command.cancel":
            raise DomainError(f"unknown command {envelope.name}")
        command = CancelCommand.model_validate(envelope.payload)
        principal = Principal(subject=command.resident, role=Role.RESIDENT)
        appointment = wiring.service().find_by_code(principal, command.code)
        if appointment.status == Status.CANCELLED:
            return  # a redelivered command: it already had its one effect
        wiring.service().act(principal, appointment.id, "cancel")
    except (DomainError, ValueError) as error:
        code = getattr(error, "code", "bad_request")
        message = getattr(error, "message", "invalid command payload")
        Publisher().publish(
            new_event(
                "booking.command.rejected",
                {"command_id": envelope.id, "command": envelope.name, "case_number": None, "code": code, "message": message},
                correlation_id=envelope.id,
            )
        )
