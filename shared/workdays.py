"""China's working-day calendar: public holidays are closed, the moved weekend workdays
(调休) are open. chinese-calendar knows the years the State Council has published; for a
year it does not know we fall back to shared/data/holidays.json, and say so in the log."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import chinese_calendar

from shared.observability import logger

_DATA = Path(__file__).parent / "data" / "holidays.json"


@lru_cache(maxsize=1)
def _fallback() -> dict[int, tuple[frozenset[date], frozenset[date]]]:
    if not _DATA.exists():
        return {}
    years = json.loads(_DATA.read_text()).get("years", {})
    return {
        int(y): (
            frozenset(date.fromisoformat(d) for d in spec.get("holidays", [])),
            frozenset(date.fromisoformat(d) for d in spec.get("workdays", [])),
        )
        for y, spec in years.items()
    }


_warned: set[int] = set()


def is_workday(day: date) -> bool:
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        if day.year not in _warned:
            _warned.add(day.year)
            logger.warning("chinese-calendar does not know this year; using the holiday table", extra={"year": day.year})
        holidays, workdays = _fallback().get(day.year, (frozenset(), frozenset()))
        if day in workdays:
            return True
        if day in holidays:
            return False
        return day.weekday() < 5


def is_holiday(day: date) -> bool:
    return not is_workday(day)


def add_workdays(start: date, days: int) -> date:
    """The date `days` working days after `start` (0: the same day if it is a workday,
    else the next workday)."""
    current = start
    while not is_workday(current):
        current += timedelta(days=1)
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_workday(current):
            remaining -= 1
    return current


@dataclass(frozen=True)
class HolidayInfo:
    """The public holiday a day belongs to; `estimated` when the year's calendar is the
    project's own estimate (shared/data/holidays.json) rather than the State Council's."""

    name_zh: str
    name_en: str
    estimated: bool


@lru_cache(maxsize=1)
def _fallback_periods() -> dict[int, tuple[bool, list[tuple[date, date, str, str]]]]:
    if not _DATA.exists():
        return {}
    years = json.loads(_DATA.read_text()).get("years", {})
    return {
        int(y): (
            bool(spec.get("estimated")),
            [(date.fromisoformat(p["first"]), date.fromisoformat(p["last"]), p["name_zh"], p["name_en"])
             for p in spec.get("periods", [])],
        )
        for y, spec in years.items()
    }  # fmt: skip


def calendar_is_estimated(day: date) -> bool:
    """Whether the day's working/holiday status comes from an estimated table (a year the
    State Council has not published yet)."""
    try:
        chinese_calendar.is_workday(day)
        return False
    except NotImplementedError:
        estimated, _ = _fallback_periods().get(day.year, (True, []))
        return estimated


def holiday_on(day: date) -> HolidayInfo | None:
    """The statutory holiday period a day off belongs to (weekend days inside it included)."""
    if is_workday(day):
        return None
    try:
        _, holiday = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        estimated, periods = _fallback_periods().get(day.year, (True, []))
        for first, last, name_zh, name_en in periods:
            if first <= day <= last:
                return HolidayInfo(name_zh, name_en, estimated)
        return None
    if not holiday:
        return None
    known = {h.value: h.chinese for h in chinese_calendar.Holiday}
    return HolidayInfo(known.get(holiday, holiday), holiday, False)
