"""The booking use cases on in-memory fakes of their ports (no moto): the rules, the events
each change publishes, and the messages in both languages. The DynamoDB adapter's own
guarantees (conditions inside one transaction, concurrency) are tested on moto elsewhere."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from tests.booking.conftest import CENTRE, NOW
from tests.booking.fakes import FakeEvents, FakeNotifications, InMemoryRepository

SLOT = "2026-09-29T08:30:00+08:00"  # Tuesday, the first slot of the morning
LATER = "2026-09-29T09:00:00+08:00"


@pytest.fixture
def world() -> Iterator[tuple[Any, InMemoryRepository, FakeEvents]]:
    from chalicelib.domain.schedule import Centre, Item
    from chalicelib.service import BookingService

    from shared import catalogue, clock

    centre = Centre.from_data(next(c for c in catalogue.district()["centres"] if c["id"] == CENTRE))
    items = [
        Item("T-RESIDENCE", "居住证办理", 20, appointment=True, home_visit=False, centres=(CENTRE,)),
        Item("T-PENSION", "养老保险待遇核定", 60, appointment=True, home_visit=False, centres=(CENTRE,)),
        Item("T-WALKIN", "即办事项", 10, appointment=False, home_visit=False, centres=(CENTRE,)),
    ]
    repository, events = InMemoryRepository([centre], items), FakeEvents()
    clock.set_clock(NOW)
    yield BookingService(repository, events), repository, events
    clock.set_clock(None)


def resident(subject: str = "res-1") -> Any:
    from shared.auth import Principal, Role

    return Principal(subject=subject, role=Role.RESIDENT)


def street_staff() -> Any:
    from shared.auth import Principal, Role

    return Principal(subject="staff-1", role=Role.STREET, unit="JN-S01")


def request(start: str = SLOT, item: str = "T-RESIDENCE") -> Any:
    from datetime import datetime

    from chalicelib.service import BookingRequest

    return BookingRequest(item=item, centre=CENTRE, start=datetime.fromisoformat(start))


def test_a_booking_takes_its_seats_and_announces_itself(world: Any) -> None:
    service, repository, events = world
    booked = service.book(resident(), request())
    assert (booked.start, booked.end, booked.status.value, booked.version) == (SLOT, "2026-09-29T09:00:00+08:00", "booked", 1)
    assert repository.taken(CENTRE, date(2026, 9, 29)) == {"0830": 1, "0845": 1}
    assert events.names() == ["booking.appointment.booked"]
    assert events.published[0][1]["code"] == booked.code


def test_the_sixth_booking_of_a_five_seat_slot_is_slot_full_in_chinese_or_english(world: Any) -> None:
    from shared.errors import Conflict

    service, repository, _ = world
    for n in range(5):
        service.book(resident(f"res-{n}"), request())
    with pytest.raises(Conflict) as refused:
        service.book(resident("res-9"), request())
    assert refused.value.code == "slot_full"
    assert refused.value.body()["error"]["message"] == "该时段已约满，请选择其他时间"
    assert refused.value.body("en")["error"]["message"] == "this slot is fully booked; pick another time"
    assert repository.taken(CENTRE, date(2026, 9, 29))["0830"] == 5


def test_one_booking_per_item_per_day_and_three_active_at_most(world: Any) -> None:
    from shared.errors import Conflict

    service, _, _ = world
    service.book(resident(), request())
    with pytest.raises(Conflict) as twice:
        service.book(resident(), request(LATER))
    assert twice.value.code == "one_per_item_per_day"
    service.book(resident(), request("2026-09-30T09:00:00+08:00"))
    service.book(resident(), request("2026-09-29T09:30:00+08:00", item="T-PENSION"))
    with pytest.raises(Conflict) as fourth:
        service.book(resident(), request("2026-09-30T14:30:00+08:00", item="T-PENSION"))
    assert fourth.value.code == "too_many_active"


def test_cancel_frees_the_seat_and_the_allowance(world: Any) -> None:
    service, repository, events = world
    booked = service.book(resident(), request())
    cancelled = service.act(resident(), booked.id, "cancel")
    assert (cancelled.status.value, cancelled.version) == ("cancelled", 2)
    assert repository.taken(CENTRE, date(2026, 9, 29)) == {"0830": 0, "0845": 0}
    assert repository.active["res-1"] == 0
    assert events.names() == ["booking.appointment.booked", "booking.appointment.cancelled"]
    service.book(resident(), request())  # the day's guard is gone too


def test_reschedule_moves_the_seats(world: Any) -> None:
    service, repository, events = world
    booked = service.book(resident(), request())
    moved = service.reschedule(resident(), booked.id, request(LATER).start)
    assert moved.start == LATER
    assert repository.taken(CENTRE, date(2026, 9, 29)) == {"0830": 0, "0845": 0, "0900": 1, "0915": 1}
    assert events.published[-1][0] == "booking.appointment.rescheduled"
    assert events.published[-1][1]["previous_start"] == SLOT


def test_someone_elses_appointment_does_not_exist_for_you(world: Any) -> None:
    from shared.errors import NotFound

    service, _, _ = world
    booked = service.book(resident(), request())
    with pytest.raises(NotFound):
        service.get(resident("res-2"), booked.id)
    with pytest.raises(NotFound):
        service.get(resident("res-2"), "apt-missing")


def test_time_rules_and_items_without_appointments(world: Any) -> None:
    from shared.errors import BadRequest

    service, _, _ = world
    for start, code in (("2026-09-28T11:00:00+08:00", "minimum_notice"), ("2026-10-16T09:00:00+08:00", "booking_window"),
                        ("2026-10-02T09:00:00+08:00", "centre_closed"), ("2026-09-29T08:40:00+08:00", "not_a_slot")):
        with pytest.raises(BadRequest) as refused:
            service.book(resident(), request(start))
        assert refused.value.code == code, start
    with pytest.raises(BadRequest) as walk_in:
        service.book(resident(), request(item="T-WALKIN"))
    assert walk_in.value.code == "no_appointment_needed"


def test_staff_book_on_behalf_only_with_the_residents_subject(world: Any) -> None:
    from chalicelib.service import BookingRequest

    from shared.errors import BadRequest

    service, _, _ = world
    with pytest.raises(BadRequest) as missing:
        service.book(street_staff(), request())
    assert missing.value.code == "resident_required"
    proxy = service.book(street_staff(), BookingRequest(item="T-RESIDENCE", centre=CENTRE, start=request().start, resident="res-7"))
    assert (proxy.resident, proxy.proxy, proxy.proxy_by) == ("res-7", True, "staff-1")


def test_a_past_day_closes_its_unattended_bookings_as_no_shows(world: Any) -> None:
    from shared import clock

    service, repository, events = world
    booked = service.book(resident(), request())
    clock.set_clock(clock.parse("2026-09-30T01:00:00+08:00"))
    assert service.close_day(date(2026, 9, 29)) == 1
    assert repository.get(booked.id).status.value == "no_show"  # type: ignore[union-attr]
    assert repository.active["res-1"] == 0
    assert service.close_day(date(2026, 9, 29)) == 0
    assert events.names()[-1] == "booking.appointment.no_show"


def test_each_appointment_of_tomorrow_gets_one_reminder(world: Any) -> None:
    from chalicelib.domain.reminders import REMINDER_EVENT, send_reminders

    service, repository, _ = world
    booked = service.book(resident(), request())
    outbox = FakeNotifications(fail=True)
    with pytest.raises(ConnectionError):
        send_reminders(repository, outbox)
    assert repository.get(booked.id).reminded_at is None  # type: ignore[union-attr]  # the mark is cleared for the next run
    outbox.fail = False
    assert send_reminders(repository, outbox) == 1
    assert send_reminders(repository, outbox) == 0
    assert outbox.sent == [(REMINDER_EVENT, {"id": booked.id, "code": booked.code, "centre": CENTRE, "start": SLOT,
                                             "resident": "res-1"})]
