"""One envelope for every message, its publisher (SNS) and its consumer (SQS batches with
partial batch failures, as Lambda delivers them)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from shared import aws
from shared.observability import current_correlation_id, logger
from shared.settings import get_settings


def _now() -> datetime:
    return datetime.now(UTC)


class Envelope(BaseModel):
    """name is "<service>.<entity>.<verb>", e.g. "workorders.order.created"."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=3)
    version: int = Field(1, ge=1)
    id: str = Field(default_factory=lambda: str(uuid.uuid4()))
    correlation_id: str
    occurred_at: AwareDatetime = Field(default_factory=_now)
    source: str
    payload: dict[str, Any]


def new_event(name: str, payload: dict[str, Any], *, version: int = 1, correlation_id: str | None = None) -> Envelope:
    return Envelope(
        name=name,
        version=version,
        correlation_id=correlation_id or current_correlation_id(),
        source=get_settings().service_name,
        payload=payload,
    )


class Publisher:
    """Publishes envelopes to the service's SNS topic; subscribers' queues get the raw
    envelope (RawMessageDelivery) and may filter on the `name` attribute."""

    def __init__(self, topic_arn: str | None = None) -> None:
        self.topic_arn = topic_arn or get_settings().events_topic_arn

    def publish(self, event: Envelope) -> None:
        aws.client("sns").publish(
            TopicArn=self.topic_arn,
            Message=event.model_dump_json(),
            MessageAttributes={"name": {"DataType": "String", "StringValue": event.name}},
        )
        logger.info("published", extra={"event_name": event.name, "event_id": event.id})


def envelope_from_body(body: str) -> Envelope:
    """Accepts the raw envelope or an SNS notification wrapping it."""
    data = json.loads(body)
    if isinstance(data, dict) and data.get("Type") == "Notification" and "Message" in data:
        data = json.loads(data["Message"])
    return Envelope.model_validate(data)


def sqs_batch_handler(handle: Callable[[Envelope], None]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Wraps a per-envelope handler into a Lambda SQS batch handler that reports partial
    batch failures; a record that raises is retried and ends in the dead-letter queue."""
    processor = BatchProcessor(event_type=EventType.SQS)

    def record_handler(record: SQSRecord) -> None:
        envelope = envelope_from_body(record.body)
        logger.info("consuming", extra={"event_name": envelope.name, "event_id": envelope.id})
        handle(envelope)

    def handler(raw_event: dict[str, Any]) -> dict[str, Any]:
        return dict(process_partial_response(event=raw_event, record_handler=record_handler, processor=processor))

    return handler
