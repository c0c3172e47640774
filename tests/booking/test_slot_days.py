"""GET /booking/slots says why a day has no slots (issue 10): the booking window, public
holidays by name, weekends, estimated calendars, and items that need no appointment."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.booking.conftest import CENTRE, book


def slots(client: Any, day: str, item: str = "T-RESIDENCE") -> Any:
    return client.http.get(f"/slots?item={item}&centre={CENTRE}&date={day}")


def test_no_slots_beyond_the_booking_window(client: Any) -> None:
    # Now is Monday 2026-09-28: bookings open until 2026-10-12 (14 days ahead).
    last = slots(client, "2026-10-12").json_body
    assert last["slots"] and last["closed"] is False and last["reason"] is None
    assert last["bookable_until"] == "2026-10-12"
    beyond = slots(client, "2026-10-13")
    assert beyond.status_code == 200
    assert beyond.json_body["slots"] == []
    assert beyond.json_body["closed"] is False and beyond.json_body["reason"] == "booking_window"
    far = slots(client, "2028-12-01").json_body  # a Friday, two years ahead
    assert far["slots"] == [] and far["reason"] == "booking_window"
    # What the list offers can be booked: every slot of the last day books.
    assert book(client, last["slots"][0]["start"]).status_code == 201


def test_past_days_and_slots_inside_the_minimum_notice_are_not_offered(client: Any, clock: Callable[[str], None]) -> None:
    assert slots(client, "2026-09-24").json_body["reason"] == "past"
    assert slots(client, "2026-09-24").json_body["slots"] == []
    clock("2026-09-29T12:30:00+08:00")
    today = slots(client, "2026-09-29").json_body["slots"]
    assert today and today[0]["start"] >= "2026-09-29T14:30:00+08:00"


def test_a_holiday_says_which_holiday(client: Any) -> None:
    body = slots(client, "2026-10-01").json_body
    assert body["slots"] == []
    assert body["closed"] is True and body["reason"] == "holiday"
    assert body["holiday"] == "国庆节" and body["holiday_en"] == "National Day"
    assert body["calendar"] == {"estimated": False}
    saturday_in_holiday = slots(client, "2026-10-03").json_body
    assert saturday_in_holiday["reason"] == "holiday" and saturday_in_holiday["holiday"] == "国庆节"


def test_a_weekend_says_weekend_and_a_moved_workday_is_open(client: Any) -> None:
    sunday = slots(client, "2026-10-11").json_body
    assert sunday == {**sunday, "closed": True, "reason": "weekend", "holiday": None, "slots": []}
    moved = slots(client, "2026-10-10").json_body
    assert moved["closed"] is False and moved["slots"]


def test_estimated_holidays_of_2027_are_marked(client: Any, clock: Callable[[str], None]) -> None:
    clock("2026-12-28T10:00:00+08:00")
    new_year = slots(client, "2027-01-01").json_body
    assert new_year["closed"] is True and new_year["reason"] == "holiday" and new_year["holiday"] == "元旦"
    assert new_year["calendar"] == {"estimated": True}
    # A Saturday inside the estimated holiday is a holiday, not an extended-hours Saturday.
    assert slots(client, "2027-01-02").json_body["reason"] == "holiday"
    working = slots(client, "2027-01-04").json_body
    assert working["slots"] and working["calendar"] == {"estimated": True}
    assert slots(client, "2026-12-31").json_body["calendar"] == {"estimated": False}


def test_an_item_that_needs_no_appointment_says_so(client: Any) -> None:
    response = slots(client, "2026-09-29", item="T-WALKIN")
    assert response.status_code == 400
    error = response.json_body["error"]
    assert error["code"] == "no_appointment_needed" and "T-WALKIN" in error["message"]
    booked = book(client, "2026-09-29T08:30:00+08:00", item="T-WALKIN")
    assert (booked.status_code, booked.json_body["error"]["code"]) == (400, "no_appointment_needed")
    assert slots(client, "2026-09-29", item="NOPE").json_body["error"]["code"] == "unknown_item"
