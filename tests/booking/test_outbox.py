"""Nothing is lost: each change writes its event into the outbox in its own transaction; a
publish that fails after the commit is republished by the scheduled handler."""

from __future__ import annotations

from typing import Any

import pytest

from tests.booking.conftest import book, post, resident
from tests.support import SnsSwitch, run_schedule

START = "2026-09-29T08:30:00+08:00"


def outbox_items() -> list[dict[str, Any]]:
    from shared.events import Events

    return list(Events().outbox.stale(None))


def test_events_of_changes_whose_publish_failed_are_republished_by_the_schedule(
    client: Any, clock: Any, events: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    sns = SnsSwitch(monkeypatch)
    sns.down()
    booked = book(client, START)
    assert booked.status_code == 201  # the booking stands although SNS failed
    appointment = booked.json_body["id"]
    moved = post(client, f"/appointments/{appointment}/reschedule", {"start": "2026-09-29T09:00:00+08:00"}, resident())
    cancelled = post(client, f"/appointments/{appointment}/cancel", {}, resident())
    assert moved.status_code == 200 and cancelled.status_code == 200
    assert events() == [] and len(outbox_items()) == 3

    sns.up()
    assert run_schedule(client) == {"republished": 0}  # too fresh: the writing request may still publish them
    clock("2026-09-28T10:03:00+08:00")
    assert run_schedule(client) == {"republished": 3}
    seen = events()
    assert sorted(e["name"] for e in seen) == [
        "booking.appointment.booked",
        "booking.appointment.cancelled",
        "booking.appointment.rescheduled",
    ]
    assert {e["payload"]["id"] for e in seen} == {appointment}
    assert outbox_items() == []
    assert run_schedule(client) == {"republished": 0} and len(events()) == 3  # `events` lists all seen so far


def test_a_published_event_leaves_nothing_in_the_outbox(client: Any, events: Any) -> None:
    appointment = book(client, START).json_body
    assert [e["payload"]["id"] for e in events()] == [appointment["id"]]
    assert outbox_items() == []


def test_a_refused_change_writes_no_event(client: Any, events: Any) -> None:
    first = book(client, START).json_body
    again = book(client, START)  # one booking per resident, item and day
    assert again.status_code == 409
    assert [e["payload"]["id"] for e in events()] == [first["id"]]  # every event seen so far
    assert outbox_items() == []
