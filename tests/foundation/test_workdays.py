from datetime import date

from shared import workdays


def test_national_day_is_closed_and_moved_saturday_is_open() -> None:
    assert workdays.is_holiday(date(2025, 10, 1))
    assert workdays.is_workday(date(2025, 9, 28))  # Sunday made a workday (调休)
    assert workdays.is_holiday(date(2025, 9, 27))  # an ordinary Saturday


def test_add_workdays_skips_weekends_and_holidays() -> None:
    # Thursday 2025-09-25 + 3 working days: Fri 26, Sun 28 (调休), Mon 29
    assert workdays.add_workdays(date(2025, 9, 25), 3) == date(2025, 9, 29)
    assert workdays.add_workdays(date(2025, 10, 1), 0) == date(2025, 10, 9)


def test_unknown_year_falls_back_to_weekends_without_crashing() -> None:
    assert workdays.is_workday(date(2099, 6, 1)) is True  # a Monday
    assert workdays.is_workday(date(2099, 6, 6)) is False  # a Saturday
