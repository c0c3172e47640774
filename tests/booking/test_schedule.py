"""Opening hours and slots from the centres' data and China's calendar (pure domain)."""

from __future__ import annotations

from datetime import date, time

from chalicelib.domain.schedule import Centre, Item, opening_periods, slots_for

from shared.catalogue import district


def centre(centre_id: str = "ctr-JN-S01") -> Centre:
    return Centre.from_data(next(c for c in district()["centres"] if c["id"] == centre_id))


ITEM = Item("X", "x", duration_minutes=20, appointment=True, home_visit=False, centres=("ctr-JN-S01",))


def test_weekday_has_working_plan_with_lunch_break_and_evening_extended_hours() -> None:
    # Tuesday: 08:30-12:00, break, 14:30-17:30 and 延时 17:30-19:30 run on as one period
    assert opening_periods(centre(), date(2026, 9, 29)) == [(time(8, 30), time(12, 0)), (time(14, 30), time(19, 30))]


def test_slots_are_item_length_rounded_to_cells_and_stay_inside_periods() -> None:
    slots = slots_for(centre(), ITEM, date(2026, 9, 28))  # Monday, no extended hours
    assert slots[0].start.isoformat() == "2026-09-28T08:30:00+08:00"
    assert slots[0].end.isoformat() == "2026-09-28T09:00:00+08:00"  # 20 minutes -> two 15-minute cells
    assert slots[0].cells == ("0830", "0845")
    assert all(s.end.time() <= time(12, 0) or s.start.time() >= time(14, 30) for s in slots)
    assert slots[-1].end.isoformat() == "2026-09-28T17:30:00+08:00"
    assert len(slots) == 7 + 6


def test_public_holiday_is_closed() -> None:
    assert opening_periods(centre(), date(2026, 10, 1)) == []


def test_weekend_inside_a_holiday_has_no_extended_hours() -> None:
    assert opening_periods(centre(), date(2026, 10, 3)) == []


def test_moved_saturday_workday_runs_the_weekday_plan() -> None:
    assert opening_periods(centre(), date(2026, 10, 10)) == [(time(8, 30), time(12, 0)), (time(14, 30), time(17, 30))]


def test_ordinary_saturday_has_only_weekend_extended_hours() -> None:
    assert opening_periods(centre(), date(2026, 10, 17)) == [(time(9, 0), time(12, 0))]
    assert opening_periods(centre(), date(2026, 10, 18)) == []  # Sunday


def test_closure_dates_close_the_centre() -> None:
    assert opening_periods(centre("ctr-JN-S02"), date(2026, 12, 30)) == []
    assert opening_periods(centre("ctr-JN-S01"), date(2026, 12, 30)) != []


def test_extra_day_opens_a_sunday_with_the_weekday_plan() -> None:
    data = dict(next(c for c in district()["centres"] if c["id"] == "ctr-JN-S01"))
    data["extra_days"] = ["2026-10-18"]
    assert opening_periods(Centre.from_data(data), date(2026, 10, 18)) == [
        (time(8, 30), time(12, 0)),
        (time(14, 30), time(17, 30)),
    ]


def test_unknown_year_falls_back_without_crashing() -> None:
    assert opening_periods(centre(), date(2099, 6, 1))  # a Monday
    assert opening_periods(centre(), date(2099, 6, 7)) == []  # a Sunday
