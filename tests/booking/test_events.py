"""The published events follow the cross-service contract, and the example envelopes in
events/booking/ are what the service really sends."""

from __future__ import annotations

from typing import Any

import pytest

from tests.booking.conftest import book, post, resident, staff
from tests.conftest import EVENTS, load_event

CONTRACT = {
    "id",
    "code",
    "resident",
    "item",
    "centre",
    "centre_unit",
    "start",
    "end",
    "status",
    "proxy",
    "home_visit",
    "staff",
    "at",
}
VERBS = {
    "booked": "booked",
    "cancelled": "cancelled",
    "rescheduled": "booked",
    "checked_in": "checked_in",
    "completed": "completed",
    "no_show": "no_show",
}


@pytest.mark.parametrize("verb", sorted(VERBS))
def test_example_envelopes_follow_the_contract(verb: str) -> None:
    from shared.messaging import Envelope

    envelope = Envelope.model_validate(load_event(f"booking/booking.appointment.{verb}.json"))
    assert envelope.name == f"booking.appointment.{verb}"
    expected = CONTRACT | ({"previous_start"} if verb == "rescheduled" else set())
    assert set(envelope.payload) == expected
    assert envelope.payload["status"] == VERBS[verb]
    assert envelope.payload["start"].endswith("+08:00")


def test_only_known_examples_exist() -> None:
    names = sorted(p.stem for p in (EVENTS / "booking").glob("*.json"))
    assert names == sorted([f"booking.appointment.{v}" for v in VERBS] + ["booking.reminder.due"])


def test_reminder_example_matches_what_the_outbox_gets() -> None:
    from chalicelib.domain.model import Appointment
    from chalicelib.domain.reminders import reminder_payload

    example = load_event("booking/booking.reminder.due.json")
    appointment = Appointment(
        id="a", code="C", resident="r", item="i", centre="c", centre_unit="u", start="s", end="e", day="d", cells=[]
    )
    assert set(reminder_payload(appointment)) == set(example["payload"])


def test_live_events_have_the_same_shape_as_the_examples(client: Any, clock: Any, events: Any) -> None:
    booked = book(client, "2026-09-29T08:30:00+08:00").json_body
    post(client, f"/appointments/{booked['id']}/reschedule", {"start": "2026-09-29T09:00:00+08:00"}, resident())
    clock("2026-09-29T08:50:00+08:00")
    post(client, f"/appointments/{booked['id']}/check-in", {}, staff())
    post(client, f"/appointments/{booked['id']}/complete", {}, staff())
    seen = events()
    assert [e["name"].rsplit(".", 1)[1] for e in seen] == ["booked", "rescheduled", "checked_in", "completed"]
    for envelope in seen:
        example = load_event(f"booking/{envelope['name']}.json")
        assert set(envelope) == set(example)
        assert set(envelope["payload"]) == set(example["payload"])
        assert envelope["payload"]["id"] == booked["id"] and envelope["payload"]["code"] == booked["code"]
