"""Every change of an appointment is conditioned on the version it was read at: of two
writers that read the same version one wins, the other gets 409 concurrent_change and
changes nothing (no seat taken or freed, no event). The test clock is frozen, so every
write happens "in the same second": a condition on `updated_at` cannot tell them apart."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import pytest

from tests.booking.conftest import CENTRE, COMMUNITY_CENTRE, book, post, resident, staff

DAYS = (date(2026, 9, 29), date(2026, 9, 30), date(2026, 10, 8), date(2026, 10, 9), date(2026, 10, 12))
VISIT = {"reason": "elderly", "address": "北园社区3号楼2单元101"}
COMMUNITY_STAFF = staff("JN-S01-C01", "community", "staff-c1")


def error_code(response: Any) -> str:
    return str(response.json_body["error"]["code"])


def assert_seats_match_appointments(centre: str = CENTRE, days: tuple[date, ...] = DAYS) -> None:
    """Each cell's counter equals the appointments holding a seat in it (all but cancelled)."""
    from chalicelib import wiring
    from chalicelib.domain.model import Status

    repo = wiring.repository()
    for day in days:
        taken = {cell: n for cell, n in repo.taken(centre, day).items() if n}
        held = Counter(cell for a in repo.for_centre_day(centre, day) if a.status != Status.CANCELLED for cell in a.cells)
        assert taken == dict(held), f"{centre} {day}: counters {taken} but appointments hold {dict(held)}"


def disjoint_slots() -> list[Any]:
    """Slots of T-RESIDENCE at the street centre whose cells do not overlap."""
    from chalicelib import wiring
    from chalicelib.domain.schedule import slots_for

    repo = wiring.repository()
    centre, item = repo.centre(CENTRE), repo.item("T-RESIDENCE")
    assert centre is not None and item is not None
    chosen: list[Any] = []
    for day in DAYS:
        used: set[str] = set()
        for slot in slots_for(centre, item, day):
            if not used & set(slot.cells):
                used |= set(slot.cells)
                chosen.append(slot)
    return chosen


@pytest.fixture
def interleave(booking: Any, monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable[[], None]], None]:
    """interleave(change): the next appointment read returns what it read, but `change` is
    committed before the caller gets it, so the caller writes from a stale read."""
    from chalicelib.adapters.repository import DynamoRepository

    pending: list[Callable[[], None]] = []
    original = DynamoRepository.get

    def get(self: Any, appointment_id: str) -> Any:
        found = original(self, appointment_id)
        if pending:
            pending.pop()()
        return found

    monkeypatch.setattr(DynamoRepository, "get", get)
    return pending.append


# -- (1) two reschedules at the same time ---------------------------------------------------
@pytest.fixture
def both_read_first(booking: Any, atomic_moto: None) -> Iterator[Any]:
    """A service whose reads of an appointment wait until both racers have read it: the
    worst interleaving, forced (both read version n, both then write)."""
    from chalicelib.adapters.repository import DynamoRepository
    from chalicelib.service import BookingService

    from shared.events import Events

    barrier = threading.Barrier(2, timeout=20)

    class ReadTogether(DynamoRepository):
        def get(self, appointment_id: str) -> Any:
            found = super().get(appointment_id)
            barrier.wait()
            return found

    yield BookingService(ReadTogether(), Events())


def test_two_concurrent_reschedules_one_wins_one_is_409_and_seats_stay_exact(booking: Any, both_read_first: Any) -> None:
    from chalicelib import wiring
    from chalicelib.domain.model import Status
    from chalicelib.service import BookingRequest

    from shared import clock
    from shared.auth import Principal, Role
    from shared.errors import DomainError

    service, plain = both_read_first, wiring.service()
    slots = disjoint_slots()
    rounds = 5  # the interleaving is forced each round: five rounds on five days, not chance
    assert len(slots) >= 3 * rounds
    for n in range(rounds):
        home, to_a, to_b = slots[3 * n : 3 * n + 3]
        mover = Principal(subject=f"mover-{n}", role=Role.RESIDENT)
        # A neighbour keeps a seat in the old slot: a second "free" of that slot would not
        # hit zero and would go unnoticed by the counter's own condition.
        neighbour = Principal(subject=f"neighbour-{n}", role=Role.RESIDENT)
        plain.book(neighbour, BookingRequest(item="T-RESIDENCE", centre=CENTRE, start=home.start))
        appointment = plain.book(mover, BookingRequest(item="T-RESIDENCE", centre=CENTRE, start=home.start))
        assert appointment.version == 1

        def attempt(target: Any, appointment_id: str = appointment.id, who: Any = mover) -> str:
            try:
                service.reschedule(who, appointment_id, target.start)
                return "200"
            except DomainError as exc:
                return f"{exc.status}:{exc.code}"

        with ThreadPoolExecutor(max_workers=2) as pool:
            outcomes = list(pool.map(attempt, (to_a, to_b)))
        assert sorted(outcomes) == ["200", "409:concurrent_change"], f"round {n}: {outcomes}"

        stored = plain.repo.get(appointment.id)
        winner = (to_a, to_b)[outcomes.index("200")]
        assert stored.start == clock.iso(winner.start) and stored.status == Status.BOOKED
        assert stored.version == 2
        assert [h["status"] for h in stored.history] == ["booked", "rescheduled"]
        taken = plain.repo.taken(CENTRE, home.start.date())
        assert [taken.get(c, 0) for c in home.cells] == [1] * len(home.cells)  # the neighbour's seat
        loser = (to_a, to_b)[1 - outcomes.index("200")]
        assert [plain.repo.taken(CENTRE, loser.start.date()).get(c, 0) for c in loser.cells] == [0] * len(loser.cells)
        assert_seats_match_appointments(days=(home.start.date(),))
    assert_seats_match_appointments()


# -- (2) a stale write is refused -----------------------------------------------------------
def test_stale_reschedule_is_409_and_changes_nothing(client: Any, interleave: Any, events: Any) -> None:
    start, first, second = "2026-09-29T08:30:00+08:00", "2026-09-29T10:00:00+08:00", "2026-09-29T15:00:00+08:00"
    book(client, start, subject="neighbour")
    booked = book(client, start).json_body
    assert booked["version"] == 1
    url = f"/appointments/{booked['id']}/reschedule"

    def meanwhile() -> None:
        assert post(client, url, {"start": second}, resident()).status_code == 200

    interleave(meanwhile)
    stale = post(client, url, {"start": first}, resident())
    assert (stale.status_code, error_code(stale)) == (409, "concurrent_change")

    now = client.http.get(f"/appointments/{booked['id']}", headers=resident()).json_body
    assert (now["start"], now["version"]) == (second, 2)
    assert_seats_match_appointments()
    assert [e["name"] for e in events()] == ["booking.appointment.booked"] * 2 + ["booking.appointment.rescheduled"]


def test_stale_cancel_after_a_reschedule_is_409_and_frees_no_seat(client: Any, interleave: Any) -> None:
    """A reschedule leaves the status "booked" and, within the same second, the old
    updated_at too: a cancel read before it would free the seats of the slot it left (the
    neighbour's seat) and leave the new one held by nobody."""
    start, moved = "2026-09-29T08:30:00+08:00", "2026-09-29T11:00:00+08:00"
    book(client, start, subject="neighbour")
    booked = book(client, start).json_body
    interleave(
        lambda: (
            post(client, f"/appointments/{booked['id']}/reschedule", {"start": moved}, resident()).status_code == 200
            or pytest.fail("the interleaved reschedule failed")
        )
    )
    stale = post(client, f"/appointments/{booked['id']}/cancel", {}, resident())
    assert (stale.status_code, error_code(stale)) == (409, "concurrent_change")
    now = client.http.get(f"/appointments/{booked['id']}", headers=resident()).json_body
    assert (now["status"], now["start"], now["version"]) == ("booked", moved, 2)
    assert_seats_match_appointments()


def test_stale_no_show_after_a_reschedule_is_409(client: Any, interleave: Any, clock: Any) -> None:
    """Staff mark a no-show from a read taken just before the resident moved the home visit
    to the afternoon, in the same second as the visit's last change (an assignment)."""
    visit = home_visit(client)
    clock("2026-09-29T08:40:00+08:00")  # a no-show may be marked once the start has passed
    assert post(client, f"/appointments/{visit['id']}/assign", {"staff": "worker-1"}, COMMUNITY_STAFF).status_code == 200
    afternoon = "2026-09-29T14:30:00+08:00"
    interleave(
        lambda: (
            post(client, f"/appointments/{visit['id']}/reschedule", {"start": afternoon}, resident()).status_code == 200
            or pytest.fail("the interleaved reschedule failed")
        )
    )
    stale = post(client, f"/appointments/{visit['id']}/no-show", {}, COMMUNITY_STAFF)
    assert (stale.status_code, error_code(stale)) == (409, "concurrent_change")
    now = client.http.get(f"/appointments/{visit['id']}", headers=resident()).json_body
    assert (now["status"], now["start"], now["version"]) == ("booked", afternoon, 3)
    assert_seats_match_appointments(COMMUNITY_CENTRE, (date(2026, 9, 29),))


def test_legacy_appointment_without_a_version_counts_as_version_0(client: Any, booking: Any, interleave: Any) -> None:
    from chalicelib import wiring
    from chalicelib.adapters.repository import appointment_key

    booked = book(client, "2026-09-29T08:30:00+08:00").json_body
    from shared import aws

    table = aws.table(wiring.repository().table_name)
    table.update_item(Key=appointment_key(booked["id"]), UpdateExpression="REMOVE version")
    assert client.http.get(f"/appointments/{booked['id']}", headers=resident()).json_body["version"] == 0

    url = f"/appointments/{booked['id']}/reschedule"
    moved = post(client, url, {"start": "2026-09-29T10:00:00+08:00"}, resident())
    assert (moved.status_code, moved.json_body["version"]) == (200, 1)
    assert table.get_item(Key=appointment_key(booked["id"]))["Item"]["version"] == 1

    table.update_item(Key=appointment_key(booked["id"]), UpdateExpression="REMOVE version")
    interleave(lambda: post(client, url, {"start": "2026-09-29T15:00:00+08:00"}, resident()))
    stale = post(client, url, {"start": "2026-09-29T11:00:00+08:00"}, resident())
    assert (stale.status_code, error_code(stale)) == (409, "concurrent_change")
    assert client.http.get(f"/appointments/{booked['id']}", headers=resident()).json_body["start"].startswith("2026-09-29T15:00")
    assert_seats_match_appointments()


# -- (3) home-visit assignment --------------------------------------------------------------
def home_visit(client: Any, subject: str = "res-1") -> dict[str, Any]:
    response = book(
        client, "2026-09-29T08:30:00+08:00", subject=subject, item="T-ELDERLY", centre=COMMUNITY_CENTRE, home_visit=VISIT
    )
    assert response.status_code == 201
    return response.json_body  # type: ignore[no-any-return]


def test_stale_assign_is_409_and_the_first_assignment_stands(client: Any, interleave: Any) -> None:
    visit = home_visit(client)
    url = f"/appointments/{visit['id']}/assign"
    interleave(lambda: post(client, url, {"staff": "worker-1"}, COMMUNITY_STAFF).status_code == 200 or pytest.fail("interleaved"))
    stale = post(client, url, {"staff": "worker-2"}, COMMUNITY_STAFF)
    assert (stale.status_code, error_code(stale)) == (409, "concurrent_change")
    now = client.http.get(f"/appointments/{visit['id']}", headers=resident()).json_body
    assert (now["staff"], now["version"]) == ("worker-1", 2)
    assert [h.get("staff") for h in now["history"] if h["status"] == "assigned"] == ["worker-1"]


def test_assign_read_before_a_reschedule_is_409_and_keeps_the_new_window(client: Any, interleave: Any) -> None:
    visit = home_visit(client)
    afternoon = "2026-09-29T14:30:00+08:00"
    windows = client.http.get(f"/slots?item=T-ELDERLY&centre={COMMUNITY_CENTRE}&date=2026-09-29&home_visit=true").json_body
    assert afternoon in [w["start"] for w in windows["slots"]]
    interleave(
        lambda: (
            post(client, f"/appointments/{visit['id']}/reschedule", {"start": afternoon}, resident()).status_code == 200
            or pytest.fail("interleaved")
        )
    )
    stale = post(client, f"/appointments/{visit['id']}/assign", {"staff": "worker-1"}, COMMUNITY_STAFF)
    assert (stale.status_code, error_code(stale)) == (409, "concurrent_change")
    now = client.http.get(f"/appointments/{visit['id']}", headers=resident()).json_body
    assert (now["start"], now["staff"], now["version"]) == (afternoon, None, 2)
    assert_seats_match_appointments(COMMUNITY_CENTRE, (date(2026, 9, 29),))


def test_two_concurrent_assigns_one_wins(booking: Any, both_read_first: Any, client: Any) -> None:
    from chalicelib import wiring

    from shared.auth import Principal, Role
    from shared.errors import DomainError

    visit = home_visit(client)
    who = Principal(subject="staff-c1", role=Role.COMMUNITY, unit="JN-S01-C01")

    def attempt(worker: str) -> str:
        try:
            both_read_first.assign(who, visit["id"], worker)
            return "200"
        except DomainError as exc:
            return f"{exc.status}:{exc.code}"

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(attempt, ("worker-1", "worker-2")))
    assert sorted(outcomes) == ["200", "409:concurrent_change"]
    stored = wiring.repository().get(visit["id"])
    assert stored.staff == ("worker-1", "worker-2")[outcomes.index("200")]
    assert stored.version == 2 and len(stored.history) == 2


# -- the schedule's writes -------------------------------------------------------------------
def test_close_day_does_not_overwrite_a_change_made_after_its_read(
    client: Any, booking: Any, clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib import wiring
    from chalicelib.adapters.repository import DynamoRepository

    visit = home_visit(client)
    clock("2026-09-30T00:30:00+08:00")
    # A first assignment in the second the close-out runs: updated_at cannot tell it apart.
    assert post(client, f"/appointments/{visit['id']}/assign", {"staff": "worker-0"}, COMMUNITY_STAFF).status_code == 200
    original = DynamoRepository.for_day

    def for_day(self: Any, day: date) -> Any:
        found = original(self, day)
        assert post(client, f"/appointments/{visit['id']}/assign", {"staff": "worker-1"}, COMMUNITY_STAFF).status_code == 200
        return found

    monkeypatch.setattr(DynamoRepository, "for_day", for_day)
    assert wiring.service().close_day(date(2026, 9, 29)) == 0  # staff changed it meanwhile
    stored = wiring.repository().get(visit["id"])
    assert (stored.status.value, stored.staff, stored.version) == ("booked", "worker-1", 3)
    monkeypatch.setattr(DynamoRepository, "for_day", original)
    assert wiring.service().close_day(date(2026, 9, 29)) == 1  # the next run closes it
    stored = wiring.repository().get(visit["id"])
    assert (stored.status.value, stored.staff, stored.version) == ("no_show", "worker-1", 4)


def test_a_reminder_mark_is_not_undone_by_a_write_read_before_it(client: Any, booking: Any, interleave: Any, outbox: Any) -> None:
    """Marking a reminder rewrites the item: an assignment read before the mark must not
    put the unmarked item back (the next run would remind the resident a second time)."""
    from tests.booking.test_reminders import run_schedule

    visit = home_visit(client)
    interleave(run_schedule)
    stale = post(client, f"/appointments/{visit['id']}/assign", {"staff": "worker-1"}, COMMUNITY_STAFF)
    assert (stale.status_code, error_code(stale)) == (409, "concurrent_change")
    assert len(outbox()) == 1
    now = client.http.get(f"/appointments/{visit['id']}", headers=resident()).json_body
    assert now["reminded_at"] is not None and now["version"] == 2
    assert post(client, f"/appointments/{visit['id']}/assign", {"staff": "worker-1"}, COMMUNITY_STAFF).status_code == 200
    run_schedule()
    assert outbox() == []  # reminded once
