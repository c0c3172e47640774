"""Opening hours and slots of a service centre, from its reference data.

Seats are counted in cells of CELL_MINUTES per centre and day; an appointment for an item
lasting d minutes takes ceil(d / CELL_MINUTES) consecutive cells, so items of different
lengths share the same counters and a counter is never double-booked across items.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from shared import workdays
from shared.clock import CHINA_TZ as CHINA

CELL_MINUTES = 15
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# A home visit takes a whole half-day window (a morning or an afternoon working period).
HOME_VISIT_CAPACITY_PER_WINDOW = 1


@dataclass(frozen=True)
class Centre:
    id: str
    name_zh: str
    level: str
    unit: str
    counters: int
    capacity_per_counter: int
    hours: dict[str, list[tuple[str, str]]]
    extended_hours: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    closures: frozenset[date] = frozenset()
    extra_days: dict[date, list[tuple[str, str]] | None] = field(default_factory=dict)
    parent_centre: str | None = None  # a community centre's street centre

    @property
    def capacity(self) -> int:
        return self.counters * self.capacity_per_counter

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Centre:
        def periods(spec: dict[str, Any] | None) -> dict[str, list[tuple[str, str]]]:
            return {day: [(p[0], p[1]) for p in spans] for day, spans in (spec or {}).items()}

        extra: dict[date, list[tuple[str, str]] | None] = {}
        for entry in data.get("extra_days") or []:
            if isinstance(entry, str):
                extra[date.fromisoformat(entry)] = None
            else:
                extra[date.fromisoformat(entry["date"])] = [(p[0], p[1]) for p in entry.get("hours", [])] or None
        return cls(
            id=data["id"],
            name_zh=data.get("name_zh", data["id"]),
            level=data["level"],
            unit=data["unit"],
            counters=int(data["counters"]),
            capacity_per_counter=int(data.get("capacity_per_counter", 1)),
            hours=periods(data.get("hours")),
            extended_hours=periods(data.get("extended_hours")),
            closures=frozenset(date.fromisoformat(d) for d in data.get("closures") or []),
            extra_days=extra,
            parent_centre=data.get("parent_centre"),
        )


@dataclass(frozen=True)
class Item:
    code: str
    name_zh: str
    duration_minutes: int
    appointment: bool
    home_visit: bool
    centres: tuple[str, ...]

    @property
    def cells(self) -> int:
        return max(1, math.ceil(self.duration_minutes / CELL_MINUTES))

    @property
    def slot_minutes(self) -> int:
        return self.cells * CELL_MINUTES


@dataclass(frozen=True)
class Slot:
    start: datetime
    end: datetime
    cells: tuple[str, ...]  # "HHMM" of each cell the slot takes


def is_public_holiday(day: date) -> bool:
    """A statutory holiday (also when it falls on a weekend), as opposed to a plain weekend;
    for a year chinese-calendar does not know, from the holiday table's named periods."""
    return workdays.holiday_on(day) is not None


def opening_periods(centre: Centre, day: date) -> list[tuple[time, time]]:
    """The centre's working periods that day (breaks are the gaps), extended hours included."""
    if day in centre.closures:
        return []
    weekday = WEEKDAYS[day.weekday()]
    spans: list[tuple[str, str]]
    if day in centre.extra_days:
        spans = centre.extra_days[day] or _weekday_plan(centre)
    elif is_public_holiday(day):
        return []
    elif day.weekday() >= 5 and workdays.is_workday(day):
        spans = _weekday_plan(centre)  # 调休: a moved workday runs the ordinary weekday plan
    else:
        spans = list(centre.hours.get(weekday, [])) + list(centre.extended_hours.get(weekday, []))
    periods = sorted((time.fromisoformat(a), time.fromisoformat(b)) for a, b in spans)
    merged: list[tuple[time, time]] = []
    for start, end in periods:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        elif start < end:
            merged.append((start, end))
    return merged


def _weekday_plan(centre: Centre) -> list[tuple[str, str]]:
    for weekday in WEEKDAYS[:5]:
        if centre.hours.get(weekday):
            return list(centre.hours[weekday])
    return []


def cell_key(moment: datetime) -> str:
    return moment.strftime("%H%M")


def slots_for(centre: Centre, item: Item, day: date) -> list[Slot]:
    """Back-to-back slots of the item's length inside each working period."""
    result: list[Slot] = []
    length = timedelta(minutes=item.slot_minutes)
    for start_time, end_time in opening_periods(centre, day):
        start = datetime.combine(day, start_time, CHINA)
        end_of_period = datetime.combine(day, end_time, CHINA)
        while start + length <= end_of_period:
            cells = tuple(cell_key(start + timedelta(minutes=CELL_MINUTES * n)) for n in range(item.cells))
            result.append(Slot(start, start + length, cells))
            start += length
    return result


def home_visit_windows(centre: Centre, day: date) -> list[Slot]:
    """One visit window per working period (a morning or an afternoon), keyed by its start."""
    return [
        Slot(datetime.combine(day, a, CHINA), datetime.combine(day, b, CHINA), ("HV" + a.strftime("%H%M"),))
        for a, b in opening_periods(centre, day)
    ]


def find_slot(slots: list[Slot], start: datetime) -> Slot | None:
    for slot in slots:
        if slot.start == start:
            return slot
    return None


@dataclass(frozen=True)
class DayStatus:
    """Why a centre is open or closed on a day, for residents: a closed day names its
    reason (a public holiday by name, a weekend, the centre's own closure, or no hours that
    weekday); `estimated` when the day's status rests on an estimated holiday calendar."""

    closed: bool
    reason: str | None = None  # holiday | weekend | closure | no_hours
    holiday: workdays.HolidayInfo | None = None
    estimated: bool = False

    def public(self) -> dict[str, Any]:
        return {
            "closed": self.closed,
            "reason": self.reason,
            "holiday": self.holiday.name_zh if self.holiday else None,
            "holiday_en": self.holiday.name_en if self.holiday else None,
            "calendar": {"estimated": self.estimated},
        }


def day_status(centre: Centre, day: date) -> DayStatus:
    estimated = workdays.calendar_is_estimated(day)
    if opening_periods(centre, day):
        return DayStatus(closed=False, estimated=estimated)
    if day in centre.closures:
        return DayStatus(closed=True, reason="closure", estimated=estimated)
    holiday = workdays.holiday_on(day)
    if holiday is not None:
        return DayStatus(closed=True, reason="holiday", holiday=holiday, estimated=estimated)
    if day.weekday() >= 5:
        return DayStatus(closed=True, reason="weekend", estimated=estimated)
    return DayStatus(closed=True, reason="no_hours", estimated=estimated)
