"""Time helpers: months are Asia/Shanghai calendar months."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def now() -> datetime:
    """China time: every time the service stores or answers carries +08:00."""
    return datetime.now(SHANGHAI)


def parse_time(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:  # the contract says times carry an offset; treat bare ones as Shanghai
        moment = moment.replace(tzinfo=SHANGHAI)
    return moment


def month_of(moment: datetime | str) -> str:
    """The Asia/Shanghai month ("YYYY-MM") of a moment."""
    if isinstance(moment, str):
        moment = parse_time(moment)
    return moment.astimezone(SHANGHAI).strftime("%Y-%m")


def current_month() -> str:
    return month_of(now())


def months_between(first: str, last: str) -> list[str]:
    year, month = (int(p) for p in first.split("-"))
    end_year, end_month = (int(p) for p in last.split("-"))
    months = []
    while (year, month) <= (end_year, end_month):
        months.append(f"{year:04d}-{month:02d}")
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return months
