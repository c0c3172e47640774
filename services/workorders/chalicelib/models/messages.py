"""Payloads of the messages the service takes (commands on govportal-workorders-commands) and
publishes (workorders.order.* and workorders.command.rejected), as pydantic models.
Commands are refused whole when they do not fit (extra fields included); event models
describe what consumers may rely on (channels build their projections from them)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictFloat

from chalicelib.models.requests import MAX_TEXT, Text

ACT_ACTIONS = ("sign", "return", "start", "extend", "reply")
CHANNELS = ("sms", "open311", "webhook", "portal")


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# --- commands ---------------------------------------------------------------------------
class Reporter(Message):
    subject: str = Field(min_length=1, max_length=128)
    role: Literal["resident", "grid-worker", "community", "street", "department", "command-centre"]
    unit: str | None = Field(None, max_length=64)


class PointIn(Message):
    lat: StrictFloat = Field(ge=-90, le=90)
    lon: StrictFloat = Field(ge=-180, le=180)


class ReportCommand(Message):
    """workorders.command.report: a report taken by a channel, acted on as POST /workorders."""

    reporter: Reporter
    channel: Literal["sms", "open311", "webhook", "portal"]
    text: Text = Field(min_length=2, max_length=MAX_TEXT)
    location: PointIn | None = None
    place: Text | None = Field(None, min_length=1, max_length=200)
    media_urls: list[Annotated[str, Field(min_length=1, max_length=500)]] = Field(default_factory=list, max_length=9)
    client_ref: str | None = Field(None, max_length=200)


class Actor(Message):
    subject: str = Field(min_length=1, max_length=128)
    role: Literal["grid-worker", "community", "street", "department", "command-centre"]
    unit: str = Field(min_length=1, max_length=64)


class ActCommand(Message):
    """workorders.command.act: a unit's action on an order, acted on as POST /workorders/{case}/{action}."""

    case_number: str = Field(min_length=6, max_length=32)
    action: Literal["sign", "return", "start", "extend", "reply"]
    actor: Actor
    reason: Text | None = Field(None, max_length=MAX_TEXT)
    text: Text | None = Field(None, max_length=MAX_TEXT)
    days: int | None = Field(None, ge=1, le=30)


class CommandRejected(Message):
    """workorders.command.rejected: the command could not be done; `code` as the HTTP error's."""

    command_id: str
    command: str
    case_number: str | None
    code: str
    message: str


# --- events -----------------------------------------------------------------------------
class Handler(BaseModel):
    kind: str
    code: str | None = None


class EventLocation(BaseModel):
    grid: str | None = None
    community: str | None = None
    street: str | None = None
    point: list[float] | None = None
    precision: str | None = None


class OrderEvent(BaseModel):
    """Fields every workorders.order.* payload carries (the contract's common fields)."""

    model_config = ConfigDict(extra="forbid")

    case_number: str
    status: str
    category: str | None
    handler: Handler | None
    location: EventLocation | None
    resident: str | None
    reporter: str | None
    submitter_role: str | None
    channel: str
    client_ref: str | None = None
    actions: list[str] = Field(description="what the handling unit may do now, e.g. ['sign', 'return']")


class Created(OrderEvent):
    kind: str
    priority: str
    linked_to: str | None = None


class Dispatched(OrderEvent):
    text: str | None = None  # the report, for the handling unit (and its own system, by webhook)
    dispatched_at: str
    sign_deadline: str
    due_date: str


class Signed(OrderEvent):
    signed_at: str
    on_time: bool


class Returned(OrderEvent):
    reason: str
    returned_at: str
    improper: bool | None


class Extended(OrderEvent):
    days: int
    reason: str
    new_due_date: str
    approved: bool
    refused: bool = False


class Escalated(OrderEvent):
    level: str
    reason: str
    summoned: list[str]


class Replied(OrderEvent):
    replied_at: str
    overdue: bool
    rating_deadline: str
    original: str | None = None


class Closed(OrderEvent):
    closed_at: str
    reason: str
    resolved: bool
    overdue: bool
    original: str | None = None


class Reopened(OrderEvent):
    reason: str


class Located(OrderEvent):
    located_by: str


EVENT_MODELS: dict[str, type[BaseModel]] = {
    "workorders.order.created": Created,
    "workorders.order.dispatched": Dispatched,
    "workorders.order.signed": Signed,
    "workorders.order.returned": Returned,
    "workorders.order.extended": Extended,
    "workorders.order.escalated": Escalated,
    "workorders.order.replied": Replied,
    "workorders.order.closed": Closed,
    "workorders.order.reopened": Reopened,
    "workorders.order.located": Located,
    "workorders.command.rejected": CommandRejected,
}
COMMAND_MODELS: dict[str, type[Message]] = {
    "workorders.command.report": ReportCommand,
    "workorders.command.act": ActCommand,
}
