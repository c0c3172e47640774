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
    from chalicelib.domain.booking import BookingRequest

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
