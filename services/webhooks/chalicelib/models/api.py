"""Request bodies and event payloads at this service's edges (pydantic v2)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

WebhookType = Literal["workorder.dispatched", "workorder.reopened", "workorder.escalated", "workorder.rated", "workorder.merged"]
InboundType = Literal[
    "workorder.signed", "workorder.returned", "workorder.extension_requested", "workorder.replied", "workorder.started"
]


class EndpointRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(min_length=8, max_length=2048)
    events: list[WebhookType] = Field(min_length=1, max_length=5)


class InboundData(BaseModel):
    model_config = ConfigDict(extra="ignore")

    case_number: str = Field(min_length=1, max_length=64)
    reason: str | None = Field(None, max_length=2000)
    text: str | None = Field(None, max_length=4000)
    days: int | None = Field(None, ge=1, le=60)


class InboundRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    type: InboundType
    timestamp: str | None = None
    data: InboundData


class DeliveriesQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    limit: int = Field(50, ge=1, le=200)


class FailedQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    limit: int = Field(100, ge=1, le=500)


class OrderEventPayload(BaseModel):
    """The contract's common fields of every workorders.order.* payload; others pass through."""

    model_config = ConfigDict(extra="allow")

    case_number: str
    category: str | None = None
    status: str | None = None
    handler: dict[str, Any] | None = None
    location: dict[str, Any] | None = None
    actions: list[str] | None = None
    channel: str | None = None


class DeliveryMessage(BaseModel):
    """Body of a message on the deliveries queue: which delivery, and when it is due (the
    queue delays at most 15 minutes, so longer waits hop)."""

    model_config = ConfigDict(extra="forbid")

    delivery_id: str
    due_at: float = 0.0
