"""Publishes order events through the shared envelope; every payload carries the order's
common fields of the contract. The events of one change go out in one SNS PublishBatch call
(the same message body and `name` attribute as shared.messaging.Publisher)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from chalicelib import clock
from chalicelib.domain.workflow import Order
from shared import aws
from shared.messaging import Envelope, new_event
from shared.observability import logger
from shared.settings import get_settings

SNS_BATCH = 10


def common_fields(order: Order) -> dict[str, Any]:
    return {
        "case_number": order["case_number"],
        "category": order.get("category"),
        "handler": order.get("handler"),
        "location": order.get("location"),
        "resident": order.get("resident"),
        "submitter_role": (order.get("submitter") or {}).get("role"),
    }


class OrderEvents:
    def __init__(self, topic_arn: str | None = None, now: Callable[[], datetime] = clock.now) -> None:
        self.topic_arn = topic_arn or get_settings().events_topic_arn
        self.now = now

    def envelope(self, order: Order, name: str, fields: dict[str, Any], at: datetime | None = None) -> Envelope:
        # occurred_at is the moment of the change on the service's clock, as in the track.
        return new_event(name, {**common_fields(order), **fields}).model_copy(update={"occurred_at": at or self.now()})

    def publish(self, order: Order, events: list[tuple[str, dict[str, Any]]], at: datetime | None = None) -> list[Envelope]:
        envelopes = [self.envelope(order, name, fields, at) for name, fields in events]
        for start in range(0, len(envelopes), SNS_BATCH):
            chunk = envelopes[start:start + SNS_BATCH]
            response = aws.client("sns").publish_batch(
                TopicArn=self.topic_arn,
                PublishBatchRequestEntries=[
                    {"Id": str(n), "Message": e.model_dump_json(),
                     "MessageAttributes": {"name": {"DataType": "String", "StringValue": e.name}}}
                    for n, e in enumerate(chunk)
                ],
            )
            if response.get("Failed"):
                raise RuntimeError(f"SNS refused {len(response['Failed'])} of {len(chunk)} events: {response['Failed']}")
        for e in envelopes:
            logger.info("published", extra={"event_name": e.name, "event_id": e.id})
        return envelopes
