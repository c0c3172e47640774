"""The one clock and the one time zone of the portal.

Every time an API shows is ISO 8601 in China time with its offset (+08:00), and every
"day" or "month" is a China day or month. China has no daylight saving, so a fixed
+08:00 offset is exact and no tz database is needed in the Lambda package.

Tests move time with one hook: `set_clock(moment or callable)` (None puts the real clock
back), or the `frozen(moment)` context manager.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone

CHINA_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")

_source: Callable[[], datetime] | None = None


def now() -> datetime:
    """The current time in China time (aware, +08:00)."""
    moment = _source() if _source is not None else datetime.now(CHINA_TZ)
    return to_china(moment)


def today() -> date:
    """Today's China date."""
    return now().date()


def to_china(moment: datetime) -> datetime:
    """The same instant in China time; a naive time is refused (it could be any zone)."""
    if moment.tzinfo is None:
        raise ValueError("a time needs its offset, e.g. 2026-10-09T09:00:00+08:00")
    return moment.astimezone(CHINA_TZ)


def iso(moment: datetime, timespec: str = "seconds") -> str:
    """ISO 8601 in China time with its offset: 2026-10-09T09:00:00+08:00."""
    return to_china(moment).isoformat(timespec=timespec)


def month(moment: datetime) -> str:
    """The China month of an instant: "2026-10"."""
    return to_china(moment).strftime("%Y-%m")


def parse(text: str) -> datetime:
    """An ISO 8601 time with its offset, as China time."""
    return to_china(datetime.fromisoformat(text))


def set_clock(source: datetime | Callable[[], datetime] | None) -> None:
    """Test hook: a fixed moment, a callable returning the time, or None for the real clock."""
    global _source
    if source is None:
        _source = None
    elif isinstance(source, datetime):
        fixed = to_china(source)
        _source = lambda: fixed  # noqa: E731
    else:
        _source = source


@contextmanager
def frozen(moment: datetime) -> Iterator[None]:
    """Time stands at `moment` inside the block."""
    previous = _source
    set_clock(moment)
    try:
        yield
    finally:
        set_clock(previous)
