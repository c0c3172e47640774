"""Events to the booking topic (through the table's transactional outbox) and reminders to
the notifications queue, both as the shared envelope."""

from __future__ import annotations

from typing import Any, cast

from chalicelib import service
from shared.messaging import Publisher, new_event
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


class ReminderEvents:
    """The day-before reminder as an event on the booking topic, where the channels that tell
    residents (the SMS service) subscribe, as they do to the appointment events."""

    def send(self, name: str, payload: dict[str, Any]) -> None:
        Publisher().publish(new_event(name, payload))
