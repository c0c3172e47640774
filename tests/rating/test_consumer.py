"""Consuming work-order and booking events: projection, history, counters, duplicates. The
rules run on the in-memory fakes (the `rating` fixture); the two tests that deliver through
the SQS handler, as Lambda does, run on moto."""

from __future__ import annotations

import json
from typing import Any

from tests.rating.conftest import CASE, LOCATION, RESIDENT, UseCases, appointment_event, example, order_event

ORDER_VERBS = ("created", "dispatched", "signed", "returned", "extended", "escalated", "replied", "closed", "reopened")
BOOKING_VERBS = ("booked", "rescheduled", "cancelled", "checked_in", "completed", "no_show")


def test_every_example_envelope_is_consumed_without_failures(feed: Any) -> None:
    from chalicelib.adapters.repository import Repository

    envelopes = [example(f"workorders.order.{v}") for v in ORDER_VERBS] + [
        example(f"booking.appointment.{v}") for v in BOOKING_VERBS
    ]
    result = feed(*envelopes)
    assert result == {"batchItemFailures": []}
    first = envelopes[0]["payload"]
    assert (Repository().get_projection("workorder", first["case_number"]) or {})["resident"] == first["resident"]


def test_an_event_delivered_three_times_counts_once(rating: UseCases) -> None:
    dispatched = order_event("dispatched")
    assert rating.feed(dispatched, dispatched, dispatched) == [True, False, False]
    assert rating.feed(dispatched, dispatched) == [False, False]  # also twice in one batch
    assert rating.counter("urban-management")["dispatched"] == 1


def test_order_events_move_handler_and_location_counters(rating: UseCases) -> None:
    rating.feed(
        order_event("created", handler=None),
        order_event("dispatched"),
        order_event("signed", on_time=True),
        order_event("returned", improper=True),
        order_event("replied"),
        order_event("closed", resolved=True, overdue=True),
    )
    for unit in ("urban-management", LOCATION["grid"], LOCATION["community"], LOCATION["street"]):
        figures = rating.counter(unit)
        assert figures["dispatched"] == 1, unit
        assert figures["signed_on_time"] == 1
        assert figures["returns"] == 1 and figures["improper_returns"] == 1
        assert figures["closed"] == 1 and figures["resolved"] == 1 and figures["overdue"] == 1
    assert rating.counter("urban-management")["unit_kind"] == "department"
    assert rating.counter(LOCATION["grid"])["unit_kind"] == "grid"


def test_late_signature_and_proper_return_do_not_count_as_good(rating: UseCases) -> None:
    rating.feed(order_event("dispatched"), order_event("signed", on_time=False), order_event("returned", improper=False))
    figures = rating.counter("urban-management")
    assert figures["signed"] == 1 and figures.get("signed_on_time", 0) == 0
    assert figures["returns"] == 1 and figures.get("improper_returns", 0) == 0


def test_handler_in_its_own_territory_is_counted_once(rating: UseCases) -> None:
    rating.feed(order_event("dispatched", handler={"kind": "street", "code": LOCATION["street"]}))
    assert rating.counter(LOCATION["street"])["dispatched"] == 1


def test_projection_follows_the_order(rating: UseCases) -> None:
    rating.feed(order_event("created", handler=None), order_event("dispatched"), order_event("replied"))
    state = rating.projection("workorder", CASE)
    assert state["resident"] == RESIDENT
    assert state["status"] == "replied"
    assert state["handler"] == {"kind": "department", "code": "urban-management"}
    assert state["location"] == LOCATION
    assert state["rating_deadline"] == "2026-11-20T16:00:00+08:00"


def test_whistle_records_the_summoned_departments(rating: UseCases) -> None:
    rating.feed(order_event("escalated", level="whistle", summoned=["housing"]),
                order_event("escalated", level="whistle", summoned=["urban-management"]),
                order_event("escalated", level="reminder", summoned=["ecology"]))
    assert rating.projection("workorder", CASE)["summoned"] == ["housing", "urban-management"]


def test_appointment_projection_and_completion(rating: UseCases) -> None:
    rating.feed(appointment_event("booked"), appointment_event("checked_in"), appointment_event("completed"))
    state = rating.projection("appointment", "apt-test-1")
    assert state["status"] == "completed"
    assert state["centre_unit"] == "JN-S01-C01"
    assert state["completed_at"] == "2026-11-05T09:50:00+08:00"


def test_every_consumed_event_is_in_the_history(rating: UseCases) -> None:
    events = [order_event("created", handler=None), order_event("extended"), appointment_event("booked")]
    rating.feed(*events, events[0])
    months = {json.dumps(e["occurred_at"])[1:8] for e in events}
    entries = [entry for month in months for entry in rating.store.history(month)]
    assert sorted(entry.event_id for entry in entries) == sorted(e["id"] for e in events)  # each once


def test_a_broken_message_fails_alone_and_others_still_count(feed: Any) -> None:
    from chalicelib.adapters.repository import Repository

    good = order_event("dispatched")
    result = feed({"name": "workorders.order.dispatched", "payload": "not an envelope"}, good)
    assert len(result["batchItemFailures"]) == 1
    assert (Repository().get_counter("urban-management", "2026-11") or {})["dispatched"] == 1


def test_events_of_other_services_are_ignored(rating: UseCases) -> None:
    envelope = {**order_event("dispatched"), "name": "rating.rating.submitted"}
    assert rating.feed(envelope) == [False]
    assert rating.counter("urban-management") == {}
    assert rating.store.items == {}


def test_a_return_without_handler_counts_against_the_unit_that_had_the_order(rating: UseCases) -> None:
    rating.feed(order_event("dispatched", handler={"kind": "department", "code": "water"}))
    rating.feed(order_event("returned", handler=None, improper=True))
    figures = rating.counter("water")
    assert figures["returns"] == 1 and figures["improper_returns"] == 1
    assert rating.counter(LOCATION["grid"])["returns"] == 1


def test_status_follows_event_time_not_arrival_order(rating: UseCases) -> None:
    from chalicelib.domain.projection import current_status

    replied = order_event("replied", occurred_at="2026-11-05T16:00:00+08:00")
    closed = order_event("closed", occurred_at="2026-11-06T10:00:00+08:00")
    rating.feed(closed)
    rating.feed(replied)  # arrives late
    assert current_status(rating.projection("workorder", CASE)) == "closed"
    rating.feed(order_event("reopened", occurred_at="2026-11-07T09:00:00+08:00"))
    assert current_status(rating.projection("workorder", CASE)) == "reopened"
