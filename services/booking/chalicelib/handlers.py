"""Event handlers registered in app.py (the outbox republisher is shared.events's)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from chalicelib import wiring
from chalicelib.domain.reminders import send_reminders
from shared import clock
from shared.observability import logger


def hourly(event: Any) -> dict[str, int]:
    """Reminders for tomorrow, and yesterday's unattended appointments become no-shows."""
    sent = send_reminders(wiring.repository(), wiring.outbox())
    closed = wiring.service().close_day(clock.today() - timedelta(days=1))
    logger.info("hourly booking jobs", extra={"reminders_sent": sent, "no_shows_closed": closed})
    return {"sent": sent, "closed": closed}
