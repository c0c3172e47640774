"""Reminders to the booking topic as the shared envelope. The appointment events go through
shared.events.Events (the table's transactional outbox), built in wiring.py."""

from __future__ import annotations

from typing import Any

from shared.messaging import Publisher, new_event


class ReminderEvents:
    """The day-before reminder as an event on the booking topic, where the channels that tell
    residents (the SMS service) subscribe, as they do to the appointment events."""

    def send(self, name: str, payload: dict[str, Any]) -> None:
        Publisher().publish(new_event(name, payload))
