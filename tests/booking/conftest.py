from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import pytest

from tests.conftest import listen_to_topic, service_environment, token, use_service

use_service("booking")

# A Monday morning before China's National Day week of 2026: 10-01..10-07 are holidays,
# Saturday 10-10 is a moved workday (调休), 10-03 is a Saturday inside the holiday.
NOW = datetime.fromisoformat("2026-09-28T10:00:00+08:00")
CENTRE = "ctr-JN-S01"  # a street centre with 5 counters: 5 seats per slot
COMMUNITY_CENTRE = "ctr-JN-S01-C01"

# A small catalogue in the shape of shared/data/catalog/<department>.json.
ITEMS: list[dict[str, Any]] = [
    {
        "code": "T-RESIDENCE",
        "name_zh": "居住证办理",
        "name_en": "Residence permit",
        "level": "community",
        "duration_minutes": 20,
        "appointment": True,
        "home_visit": False,
        "department": "公安分局",
    },
    {
        "code": "T-ELDERLY",
        "name_zh": "高龄津贴申请",
        "name_en": "Old-age allowance",
        "level": "community",
        "duration_minutes": 30,
        "appointment": True,
        "home_visit": True,
        "department": "民政局",
    },
    {
        "code": "T-PENSION",
        "name_zh": "养老保险待遇核定",
        "name_en": "Pension assessment",
        "level": "street",
        "duration_minutes": 60,
        "appointment": True,
        "home_visit": False,
        "department": "人社局",
    },
    {
        "code": "T-HOMEONLY",
        "name_zh": "最低生活保障年度复核",
        "name_en": "Annual dibao review",
        "level": "community",
        "duration_minutes": 10,
        "appointment": False,
        "home_visit": True,
        "department": "民政局",
    },
]


@pytest.fixture
def clock() -> Iterator[Callable[[str], None]]:
    """Time stands at NOW (shared.clock's test hook); set_now moves it."""
    from shared import clock as shared_clock

    current = {"now": NOW}
    shared_clock.set_clock(lambda: current["now"])

    def set_now(moment: str) -> None:
        current["now"] = datetime.fromisoformat(moment)

    yield set_now
    shared_clock.set_clock(None)


@pytest.fixture
def booking(aws_stack: Any, module_stack: Any, monkeypatch: pytest.MonkeyPatch, clock: Callable[[str], None]) -> Iterator[Any]:
    """The booking service's environment on moto with the centres and a small catalogue
    (seeded once per module, restored for each test)."""
    service_environment(aws_stack, "booking", monkeypatch)
    from chalicelib import seed

    module_stack.seeded("booking", lambda: seed.load(items=ITEMS + [{**ITEMS[0], "code": "T-WALKIN", "appointment": False}]))
    yield aws_stack


@pytest.fixture
def client(booking: Any) -> Iterator[Any]:
    from app import app
    from chalice.test import Client

    with Client(app) as test_client:
        yield test_client


@pytest.fixture
def events(booking: Any) -> Callable[[], list[dict[str, Any]]]:
    """Every envelope published on the booking topic, read from a queue subscribed to it."""
    drain = listen_to_topic(booking, booking.created["BookingEventsTopic"]["Ref"], "test-booking-events")
    seen: list[dict[str, Any]] = []

    def everything() -> list[dict[str, Any]]:
        seen.extend(json.loads(m["Body"]) for m in drain())
        return seen

    return everything


def resident(subject: str = "res-1") -> dict[str, str]:
    return token("resident", subject)


def staff(unit: str = "JN-S01", role: str = "street", subject: str = "staff-1") -> dict[str, str]:
    return token(role, subject, unit)


def post(client: Any, path: str, body: dict[str, Any], headers: dict[str, str]) -> Any:
    return client.http.post(path, body=json.dumps(body), headers={**headers, "Content-Type": "application/json"})


def book(client: Any, start: str, subject: str = "res-1", item: str = "T-RESIDENCE", centre: str = CENTRE, **extra: Any) -> Any:
    return post(client, "/appointments", {"item": item, "centre": centre, "start": start, **extra}, resident(subject))


@pytest.fixture
def atomic_moto(monkeypatch: pytest.MonkeyPatch) -> None:
    """moto applies a request without any lock (a transaction even snapshots and restores
    whole tables), so threads sharing the in-process mock corrupt each other. DynamoDB runs
    every request atomically; one lock per request gives moto that same guarantee and no
    more: a read followed by a write is still two requests that others can interleave."""
    from moto.dynamodb.responses import DynamoHandler

    lock = threading.Lock()
    original = DynamoHandler.call_action

    def call_action(self: Any) -> Any:
        with lock:
            return original(self)

    monkeypatch.setattr(DynamoHandler, "call_action", call_action)


@pytest.fixture
def outbox(events: Any) -> Any:
    """The reminders published since the last call (what the SMS channel receives)."""
    read = 0

    def reminders() -> list[dict[str, Any]]:
        nonlocal read
        seen = events()
        new, read = seen[read:], len(seen)
        return [e for e in new if e["name"] == "booking.reminder.due"]

    return reminders
