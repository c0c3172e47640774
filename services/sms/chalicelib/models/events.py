"""The parts of other services' event payloads this channel reads (extra fields ignored,
so the owning services may add to them)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field


class _Payload(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Handler(_Payload):
    kind: str
    code: str


class OrderEvent(_Payload):
    case_number: str
    category: str | None = None
    status: str | None = None
    handler: Handler | None = None
    resident: str | None = None
    reporter: str | None = None  # the reporter's subject (may differ from the resident)
    channel: str | None = None
    priority: str | None = None
    dispatched_at: AwareDatetime | None = None
    sign_deadline: AwareDatetime | None = None
    level: str | None = None
    summoned: list[str] = Field(default_factory=list)

    @property
    def resident_subject(self) -> str | None:
        return self.resident or self.reporter


class RatingSubject(_Payload):
    kind: str
    id: str


class RatingEvent(_Payload):
    subject: RatingSubject
    level: int | None = None
    resident: str | None = None
    rectification: bool | None = None


class AppointmentEvent(_Payload):
    code: str
    resident: str
    centre: str
    start: datetime


class CommandRejected(_Payload):
    command_id: str
    command: str | None = None
    case_number: str | None = None
    code: str
    message: str = ""


def payload_model(name: str) -> type[_Payload] | None:
    if name.endswith(".command.rejected"):
        return CommandRejected
    if name.startswith("workorders.order."):
        return OrderEvent
    if name.startswith("rating."):
        return RatingEvent
    if name.startswith("booking.appointment.") or name == "booking.reminder.due":
        return AppointmentEvent
    return None


def parse(name: str, payload: dict[str, Any]) -> _Payload | None:
    model = payload_model(name)
    return None if model is None else model.model_validate(payload)
