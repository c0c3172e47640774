"""Event handlers registered in app.py."""

from __future__ import annotations

from typing import Any

from chalicelib import wiring
from chalicelib.domain.reminders import send_reminders
from shared.observability import logger


def remind_tomorrow(event: Any) -> dict[str, int]:
    sent = send_reminders(wiring.repository(), wiring.outbox())
    logger.info("reminders sent", extra={"sent": sent})
    return {"sent": sent}
