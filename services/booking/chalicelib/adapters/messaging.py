"""Events to the booking topic (through the table's transactional outbox) and reminders to
the notifications queue, both as the shared envelope."""

from __future__ import annotations

import os
from typing import Any, cast

from chalicelib import service
from shared import aws
from shared.messaging import new_event
from shared.outbox import DEFAULT_GRACE_SECONDS, Outbox, Staged


def new_outbox() -> Outbox:
    """The outbox in the booking table, on shared.clock."""
    return Outbox()


class TopicEvents:
    """Stages an event as an outbox item for the change's transaction, then publishes it
    after the commit. A failed publish is logged and left in the outbox: the committed
    change stands, and republish_stale (scheduled in app.py) sends the event later."""

    def __init__(self, outbox: Outbox | None = None) -> None:
        self.outbox = outbox or new_outbox()

    def stage(self, name: str, payload: dict[str, Any]) -> Staged:
        return self.outbox.stage([new_event(name, payload)])

    def publish(self, staged: service.Staged) -> None:
        # Only stage() makes Staged values, so what comes back is the outbox's own.
        self.outbox.publish(cast(Staged, staged))

    def republish_stale(self, older_than_seconds: float = DEFAULT_GRACE_SECONDS) -> int:
        return self.outbox.republish_stale(older_than_seconds)


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
