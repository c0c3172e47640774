"""The one source of "now" for the service, so tests can move time without sleeping. Every
time the service stores, answers or publishes is China time (+08:00): a day or a month is a
China day or month, and ISO strings of one offset also sort in time order in the indexes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8))
_frozen: datetime | None = None


def now() -> datetime:
    return _frozen if _frozen is not None else datetime.now(CHINA).replace(microsecond=0)


def set_now(moment: datetime | None) -> None:
    """Tests only: freeze the clock at `moment` (aware), or unfreeze with None."""
    global _frozen
    if moment is not None and moment.tzinfo is None:
        raise ValueError("set_now needs an aware datetime")
    _frozen = moment.astimezone(CHINA) if moment is not None else None
