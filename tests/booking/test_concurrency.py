"""Many residents race for the same 5-seat slot through the real repository on moto."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from tests.booking.conftest import CENTRE

START = "2026-09-29T08:30:00+08:00"


def test_forty_concurrent_bookings_confirm_exactly_the_capacity(booking: Any, atomic_moto: None) -> None:
    from datetime import datetime

    from chalicelib import wiring
    from chalicelib.service import BookingRequest

    from shared.auth import Principal, Role
    from shared.errors import DomainError

    service = wiring.service()
    barrier = threading.Barrier(40)

    def attempt(n: int) -> str:
        principal = Principal(subject=f"racer-{n}", role=Role.RESIDENT)
        request = BookingRequest(item="T-RESIDENCE", centre=CENTRE, start=datetime.fromisoformat(START))
        barrier.wait()
        try:
            service.book(principal, request)
            return "booked"
        except DomainError as exc:
            return f"{exc.status}:{exc.code}"

    with ThreadPoolExecutor(max_workers=40) as pool:
        outcomes = Counter(pool.map(attempt, range(40)))

    assert outcomes == {"booked": 5, "409:slot_full": 35}
    taken = wiring.repository().taken(CENTRE, datetime.fromisoformat(START).date())
    assert taken == {"0830": 5, "0845": 5}


def test_everyone_saw_a_free_seat_yet_only_the_capacity_is_taken(booking: Any, atomic_moto: None) -> None:
    """The worst interleaving, forced: all 20 read the slot as free before anyone books. A
    read-then-write booking would confirm all 20; the conditional transaction confirms 5."""
    from datetime import datetime

    from chalicelib import wiring
    from chalicelib.service import BookingRequest

    from shared.auth import Principal, Role
    from shared.errors import DomainError

    service = wiring.service()
    day = datetime.fromisoformat(START).date()
    barrier = threading.Barrier(20)

    def attempt(n: int) -> str:
        free = next(s for s in service.slots("T-RESIDENCE", CENTRE, day) if s["start"] == START)["remaining"]
        barrier.wait()  # nobody books before everybody has seen the seat free
        assert free == 5
        try:
            service.book(
                Principal(subject=f"racer-{n}", role=Role.RESIDENT),
                BookingRequest(item="T-RESIDENCE", centre=CENTRE, start=datetime.fromisoformat(START)),
            )
            return "booked"
        except DomainError as exc:
            return exc.code

    with ThreadPoolExecutor(max_workers=20) as pool:
        outcomes = Counter(pool.map(attempt, range(20)))
    assert outcomes == {"booked": 5, "slot_full": 15}
