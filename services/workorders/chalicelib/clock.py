"""The one source of "now" for the service, so tests can move time without sleeping."""

from __future__ import annotations

from datetime import UTC, datetime

_frozen: datetime | None = None


def now() -> datetime:
    return _frozen if _frozen is not None else datetime.now(UTC).replace(microsecond=0)


def set_now(moment: datetime | None) -> None:
    """Tests only: freeze the clock at `moment` (aware), or unfreeze with None."""
    global _frozen
    if moment is not None and moment.tzinfo is None:
        raise ValueError("set_now needs an aware datetime")
    _frozen = moment
