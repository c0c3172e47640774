"""Events to the booking topic and reminders to the notifications outbox, both as the
shared envelope."""

from __future__ import annotations

import os
from typing import Any

from shared import aws
from shared.messaging import Publisher, new_event
from shared.observability import logger


class TopicEvents:
    def __init__(self) -> None:
        self.publisher = Publisher()

    def publish(self, name: str, payload: dict[str, Any]) -> None:
        # The change is already committed; a failed publish must not turn it into an error
        # the client would retry (see the report: a transactional outbox would close this).
        try:
            self.publisher.publish(new_event(name, payload))
        except Exception:  # noqa: BLE001 - logged; the committed change stands
            logger.exception("event not published", extra={"event_name": name, "appointment": payload.get("id")})


class NotificationsOutbox:
    def __init__(self, queue_url: str | None = None) -> None:
        self.queue_url = queue_url or os.environ["NOTIFICATIONS_QUEUE_URL"]

    def send(self, name: str, payload: dict[str, Any]) -> None:
        envelope = new_event(name, payload)
        aws.client("sqs").send_message(
            QueueUrl=self.queue_url,
            MessageBody=envelope.model_dump_json(),
            MessageAttributes={"name": {"DataType": "String", "StringValue": name}},
        )
