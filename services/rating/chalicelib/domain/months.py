"""Event times and China months (the clock itself, "now" and the time zone, is shared.clock)."""

from __future__ import annotations

from datetime import datetime

from shared.clock import CHINA_TZ, to_china


def parse_time(value: str) -> datetime:
    """An event's time, in China time. The contract says times carry an offset; a bare one
    from an older producer is read as China time rather than refused."""
    moment = datetime.fromisoformat(value)
    return to_china(moment if moment.tzinfo is not None else moment.replace(tzinfo=CHINA_TZ))


def month_of(moment: datetime | str) -> str:
    """The China month ("YYYY-MM") of a moment."""
    return (parse_time(moment) if isinstance(moment, str) else to_china(moment)).strftime("%Y-%m")


def months_between(first: str, last: str) -> list[str]:
    """Every month from `first` to `last` ("YYYY-MM"), both included."""
    year, month = (int(p) for p in first.split("-"))
    end_year, end_month = (int(p) for p in last.split("-"))
    months = []
    while (year, month) <= (end_year, end_month):
        months.append(f"{year:04d}-{month:02d}")
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return months
