"""The payload AWS End User Messaging SMS publishes to SNS for each inbound text (two-way SMS)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class InboundText(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)

    origination_number: str = Field(alias="originationNumber", min_length=1, max_length=32)
    destination_number: str = Field(alias="destinationNumber", min_length=1, max_length=32)
    message_keyword: str | None = Field(None, alias="messageKeyword", max_length=64)
    # Not bounded here: an over-long text is answered, not dropped as malformed.
    message_body: str = Field("", alias="messageBody")
    inbound_message_id: str = Field(alias="inboundMessageId", min_length=1, max_length=128)
    previous_published_message_id: str | None = Field(None, alias="previousPublishedMessageId", max_length=128)


def inbound_from_body(body: str) -> InboundText:
    """The SQS body is the raw payload (RawMessageDelivery) or an SNS notification wrapping it."""
    data: Any = json.loads(body)
    if isinstance(data, dict) and data.get("Type") == "Notification" and "Message" in data:
        data = json.loads(data["Message"])
    return InboundText.model_validate(data)
