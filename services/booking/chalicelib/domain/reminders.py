"""The day-before reminder: each booked appointment of tomorrow gets exactly one
booking.reminder.due event on the booking topic (the SMS channel texts it)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Protocol

from chalicelib.domain.model import Appointment
from shared import clock

REMINDER_EVENT = "booking.reminder.due"


class ReminderStore(Protocol):
    def due_for_reminder(self, day: date) -> list[Appointment]: ...
    def mark_reminded(self, appointment: Appointment, at: str) -> bool: ...
    def unmark_reminded(self, appointment: Appointment, at: str) -> None: ...


class Outbox(Protocol):
    def send(self, name: str, payload: dict[str, Any]) -> None: ...


def reminder_payload(appointment: Appointment) -> dict[str, Any]:
    return {
        "id": appointment.id,
        "code": appointment.code,
        "centre": appointment.centre,
        "start": appointment.start,
        "resident": appointment.resident,
    }


def send_reminders(store: ReminderStore, outbox: Outbox) -> int:
    """Marks then sends, so two overlapping runs never both send; a failed send clears the
    mark for the next run. Returns how many reminders were sent."""
    tomorrow = clock.now().date() + timedelta(days=1)
    sent = 0
    for appointment in store.due_for_reminder(tomorrow):
        at = clock.iso(clock.now())
        if not store.mark_reminded(appointment, at):
            continue
        try:
            outbox.send(REMINDER_EVENT, reminder_payload(appointment))
        except Exception:
            store.unmark_reminded(appointment, at)
            raise
        sent += 1
    return sent
