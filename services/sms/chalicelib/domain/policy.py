"""When a text may go out: quiet hours and the hourly limit per number, on China time."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")
QUIET_START = time(22, 0)
QUIET_END = time(8, 0)


def china(moment: datetime) -> datetime:
    return moment.astimezone(CHINA)


def in_quiet_hours(moment: datetime) -> bool:
    local = china(moment).time()
    return local >= QUIET_START or local < QUIET_END


def quiet_hours_end(moment: datetime) -> datetime:
    """The next 08:00 China time at or after `moment`."""
    local = china(moment)
    end = local.replace(hour=QUIET_END.hour, minute=0, second=0, microsecond=0)
    return end if end >= local else end + timedelta(days=1)


def hour_window(moment: datetime) -> str:
    """The China-time hour a text is counted in, e.g. "2026112314"."""
    return china(moment).strftime("%Y%m%d%H")


def next_hour(moment: datetime) -> datetime:
    local = china(moment).replace(minute=0, second=0, microsecond=0)
    return local + timedelta(hours=1)


def iso(moment: datetime) -> str:
    return china(moment).isoformat(timespec="seconds")
