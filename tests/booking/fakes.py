"""In-memory implementations of the booking service's ports (chalicelib.service.Repository,
Events, and the reminders' store and outbox), with the same guards the DynamoDB adapter
puts in its transactions, so the use cases are tested without moto."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from chalicelib.domain.model import Appointment, SeatTaken, Status
from chalicelib.domain.schedule import Centre, Item


@dataclass(frozen=True)
class FakeStaged:
    name: str
    payload: dict[str, Any]
    puts: tuple[dict[str, Any], ...] = ()


@dataclass
class FakeEvents:
    """Events the use cases staged and published, in order."""

    staged: list[FakeStaged] = field(default_factory=list)
    published: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def stage(self, name: str, payload: dict[str, Any]) -> FakeStaged:
        staged = FakeStaged(name, copy.deepcopy(payload))
        self.staged.append(staged)
        return staged

    def publish(self, staged: Any) -> None:
        self.published.append((staged.name, staged.payload))

    def names(self) -> list[str]:
        return [name for name, _ in self.published]


class InMemoryRepository:
    """One dict per kind of record; every change checks its guards first and then applies
    all of its writes, as one DynamoDB transaction would."""

    def __init__(self, centres: Sequence[Centre] = (), items: Sequence[Item] = ()) -> None:
        self.centres = {c.id: c for c in centres}
        self.items = {i.code: i for i in items}
        self.appointments: dict[str, Appointment] = {}
        self.seats: dict[tuple[str, str, str], int] = {}  # (centre, day, cell) -> taken
        self.guards: set[tuple[str, str, str]] = set()  # (resident, item, day)
        self.active: dict[str, int] = {}
        self.codes: dict[str, str] = {}

    # -- reference data
    def centre(self, centre_id: str) -> Centre | None:
        return self.centres.get(centre_id)

    def item(self, code: str) -> Item | None:
        return self.items.get(code)

    # -- seats
    def taken(self, centre_id: str, day: date) -> dict[str, int]:
        return {cell: n for (c, d, cell), n in self.seats.items() if c == centre_id and d == day.isoformat()}

    def _check_seats(self, appointment: Appointment, cells: Sequence[str], capacity: int) -> None:
        if any(self.seats.get((appointment.centre, appointment.day, cell), 0) >= capacity for cell in cells):
            raise SeatTaken("slot_full")

    def _take(self, appointment: Appointment, cells: Sequence[str]) -> None:
        for cell in cells:
            seat = (appointment.centre, appointment.day, cell)
            self.seats[seat] = self.seats.get(seat, 0) + 1

    def _free(self, appointment: Appointment, cells: Sequence[str]) -> None:
        for cell in cells:
            self.seats[(appointment.centre, appointment.day, cell)] -= 1

    def _check_version(self, before: Appointment) -> None:
        stored = self.appointments.get(before.id)
        if stored is None or stored.version != before.version:
            raise SeatTaken("concurrent_change")

    # -- changes
    def book(self, appointment: Appointment, cell_capacity: int, max_active: int, *, outbox: Any = ()) -> None:
        self._check_seats(appointment, appointment.cells, cell_capacity)
        if appointment.id in self.appointments:
            raise SeatTaken("id_taken")
        if (appointment.resident, appointment.item, appointment.day) in self.guards:
            raise SeatTaken("one_per_item_per_day")
        if self.active.get(appointment.resident, 0) >= max_active:
            raise SeatTaken("too_many_active")
        if appointment.code in self.codes:
            raise SeatTaken("code_taken")
        self._take(appointment, appointment.cells)
        self.appointments[appointment.id] = copy.deepcopy(appointment)
        self.guards.add((appointment.resident, appointment.item, appointment.day))
        self.active[appointment.resident] = self.active.get(appointment.resident, 0) + 1
        self.codes[appointment.code] = appointment.id

    def transition(self, before: Appointment, after: Appointment, free_seats: bool, free_active: bool, *,
                   outbox: Any = ()) -> None:
        self._check_version(before)
        if free_seats:
            self._free(before, before.cells)
            self.guards.discard((before.resident, before.item, before.day))
        if free_active:
            self.active[before.resident] -= 1
        self.appointments[after.id] = copy.deepcopy(after)

    def move(self, before: Appointment, after: Appointment, cell_capacity: int, *, outbox: Any = ()) -> None:
        self._check_version(before)
        old, new = set(before.cells) if before.day == after.day else set(), set(after.cells)
        self._check_seats(after, sorted(new - old), cell_capacity)
        if before.day != after.day and (after.resident, after.item, after.day) in self.guards:
            raise SeatTaken("one_per_item_per_day")
        self._free(before, sorted(set(before.cells) - new) if before.day == after.day else before.cells)
        self._take(after, sorted(new - old))
        if before.day != after.day:
            self.guards.discard((before.resident, before.item, before.day))
            self.guards.add((after.resident, after.item, after.day))
        self.appointments[after.id] = copy.deepcopy(after)

    def update(self, before: Appointment, after: Appointment) -> None:
        self._check_version(before)
        self.appointments[after.id] = copy.deepcopy(after)

    # -- reading
    def get(self, appointment_id: str) -> Appointment | None:
        found = self.appointments.get(appointment_id)
        return copy.deepcopy(found) if found else None

    def by_code(self, code: str) -> Appointment | None:
        found = self.codes.get(code)
        return self.get(found) if found else None

    def for_resident(self, resident: str) -> list[Appointment]:
        return sorted((copy.deepcopy(a) for a in self.appointments.values() if a.resident == resident),
                      key=lambda a: (a.start, a.id))

    def for_centre_day(self, centre_id: str, day: date) -> list[Appointment]:
        return [a for a in self.for_day(day) if a.centre == centre_id]

    def for_day(self, day: date) -> list[Appointment]:
        return sorted((copy.deepcopy(a) for a in self.appointments.values() if a.day == day.isoformat()),
                      key=lambda a: (a.centre, a.start, a.id))

    # -- reminders (chalicelib.domain.reminders.ReminderStore)
    def due_for_reminder(self, day: date) -> list[Appointment]:
        return [a for a in self.for_day(day) if a.status == Status.BOOKED and a.reminded_at is None]

    def mark_reminded(self, appointment: Appointment, at: str) -> bool:
        stored = self.appointments.get(appointment.id)
        if stored is None or stored.version != appointment.version or stored.reminded_at or stored.status != Status.BOOKED:
            return False
        stored.reminded_at, stored.version = at, stored.version + 1
        return True

    def unmark_reminded(self, appointment: Appointment, at: str) -> None:
        stored = self.appointments.get(appointment.id)
        if stored is not None and stored.reminded_at == at:
            stored.reminded_at, stored.version = None, stored.version + 1


@dataclass
class FakeNotifications:
    sent: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    fail: bool = False

    def send(self, name: str, payload: dict[str, Any]) -> None:
        if self.fail:
            raise ConnectionError("queue unreachable")
        self.sent.append((name, payload))
