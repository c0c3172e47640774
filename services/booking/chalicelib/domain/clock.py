"""Local time of the district (Asia/Shanghai, no daylight saving: a fixed +08:00 offset,
so no tz database is needed in the Lambda package). Tests replace `now`."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")


def now() -> datetime:
    return datetime.now(CHINA)


def to_local(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("a time needs its offset, e.g. 2026-10-09T09:00:00+08:00")
    return moment.astimezone(CHINA)


def iso(moment: datetime) -> str:
    return to_local(moment).isoformat(timespec="seconds")
