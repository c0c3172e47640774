"""End to end on the real local stack: processes, HTTP, moto server.

1. `local_stack` (moto server, booking host, gateway, as `make run` starts them): a
   resident finds a slot for a real catalogue item, books it, sees it, reschedules and
   cancels it; the centre's staff see it in their day list; a retried request with the
   same Idempotency-Key gets the same booking.
2. Concurrent bookings through HTTP on one 5-seat slot confirm exactly five, on the same
   local stack: its moto server applies one DynamoDB request at a time, as DynamoDB is
   atomic per request (infra/local/moto_server.py).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any

import pytest

from tests.bench.booking_bench import CENTRE, CHINA, ITEM, _bookable_slots, _http, book_until_answered
from tests.bench.localstack import local_stack


def _token(subject: str, role: str = "resident", unit: str | None = None) -> str:
    from shared.auth import issue_local_token

    return issue_local_token(subject, role, unit)


@pytest.fixture(scope="module")
def gateway() -> Iterator[str]:
    """One stack for the module: the journey leaves its slot as it found it (it cancels)."""
    with local_stack(services=["booking"]) as url:
        yield url


def test_resident_journey_on_the_local_stack(gateway: str) -> None:
    base = f"{gateway}/booking"

    def get(path: str, token: str | None = None) -> Any:
        status, body = _http("GET", f"{base}{path}", token=token)
        assert status == 200, body
        return body

    centres = get(f"/centres?item={ITEM}")["centres"]
    assert CENTRE in [c["id"] for c in centres]
    first, second = _bookable_slots(get, 5)[:2]
    me = _token("e2e-resident")
    body = {"item": ITEM, "centre": CENTRE, "start": first}
    status, booked = _http("POST", f"{base}/appointments", body, me, key="e2e-1")
    assert status == 201 and booked["status"] == "booked"
    status, again = _http("POST", f"{base}/appointments", body, me, key="e2e-1")
    assert status == 201 and again["id"] == booked["id"]
    assert [a["id"] for a in get("/appointments", me)["appointments"]] == [booked["id"]]

    status, moved = _http("POST", f"{base}/appointments/{booked['id']}/reschedule", {"start": second}, me)
    assert status == 200 and moved["start"] == second
    staff = _token("e2e-staff", "street", "JN-S01")
    day_list = get(f"/centres/{CENTRE}/appointments?date={second[:10]}", staff)["appointments"]
    assert booked["id"] in [a["id"] for a in day_list]
    status, other = _http("GET", f"{base}/appointments/{booked['id']}", token=_token("someone-else"))
    assert status == 404

    status, cancelled = _http("POST", f"{base}/appointments/{booked['id']}/cancel", {}, me)
    assert status == 200 and cancelled["status"] == "cancelled"
    slots = get(f"/slots?item={ITEM}&centre={CENTRE}&date={second[:10]}")["slots"]
    assert next(s for s in slots if s["start"] == second)["remaining"] == 5
    tomorrow = (datetime.now(CHINA) + timedelta(days=1)).date().isoformat()
    assert isinstance(get(f"/slots?item={ITEM}&centre={CENTRE}&date={tomorrow}")["slots"], list)


def test_concurrent_http_bookings_confirm_exactly_the_capacity(gateway: str) -> None:
    base = f"{gateway}/booking"

    def get(path: str) -> Any:
        status, body = _http("GET", f"{base}{path}")
        assert status == 200, body
        return body

    start = _bookable_slots(get, 5)[0]
    attempts = 40
    barrier = threading.Barrier(attempts)

    def attempt(n: int) -> tuple[int, str]:
        barrier.wait()
        # Connections the host's small listen backlog drops are retried with the
        # same Idempotency-Key, as a client would: the key makes the retry safe.
        return book_until_answered(base, start, _token(f"c-{n}"), f"c-{n}", tries=40)

    with ThreadPoolExecutor(max_workers=attempts) as pool:
        outcomes = Counter(pool.map(attempt, range(attempts)))
    assert outcomes[(201, "")] == 5
    assert outcomes[(409, "slot_full")] == attempts - 5, outcomes
    slots = get(f"/slots?item={ITEM}&centre={CENTRE}&date={start[:10]}")["slots"]
    assert next(s for s in slots if s["start"] == start)["remaining"] == 0
