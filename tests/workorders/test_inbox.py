"""Consuming the rating service's events from govportal-workorders-inbox, exercised with the
rating service's own example envelopes in events/rating/ (its satisfied and unsatisfied
ratings differ only in level), through the SQS handler registered in app.py."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import GRID, RESIDENT, URBAN, call

from tests.conftest import load_event

INBOX = Path(__file__).resolve().parents[2] / "events" / "rating"


SATISFIED = {"level": 4, "rectification": False}
UNSATISFIED = {"level": 2, "rectification": True}


def replied_order(client: Any) -> str:
    case = call(client, "POST", "/workorders", RESIDENT, {"text": "路灯不亮", "location": {"grid": GRID}}).json_body["case_number"]
    call(client, "POST", f"/workorders/{case}/sign", URBAN)
    assert call(client, "POST", f"/workorders/{case}/reply", URBAN, {"text": "已修复"}).status_code == 200
    return str(case)


def about(example: str, case: str, **payload: Any) -> dict[str, Any]:
    envelope = copy.deepcopy(load_event(f"rating/{example}"))
    envelope["payload"]["subject"]["id"] = case
    envelope["payload"].update(payload)
    return envelope


def deliver(client: Any, *envelopes: dict[str, Any]) -> dict[str, Any]:
    event = client.events.generate_sqs_event(queue_name="govportal-workorders-inbox",
                                             message_bodies=[json.dumps(e) for e in envelopes])
    return client.lambda_.invoke("workorders_inbox", event).payload  # type: ignore[no-any-return]


def status(client: Any, case: str) -> dict[str, Any]:
    return call(client, "GET", f"/workorders/{case}", RESIDENT).json_body  # type: ignore[no-any-return]


def test_every_inbox_example_is_a_valid_envelope() -> None:
    from shared.messaging import Envelope

    names = {Envelope.model_validate(json.loads(p.read_text())).name for p in INBOX.glob("*.json")
             if p.name.startswith(("rating.rating.", "rating.rectification."))}  # what the inbox subscribes to
    assert names == {"rating.rating.submitted", "rating.rectification.opened", "rating.rectification.completed"}


def test_satisfied_rating_closes_the_order_once_when_delivered_three_times(client: Any, outbox: Any) -> None:
    case = replied_order(client)
    outbox.drain()
    envelope = about("rating.rating.submitted.json", case, **SATISFIED)
    for _ in range(3):
        assert deliver(client, envelope) == {"batchItemFailures": []}
    order = status(client, case)
    assert order["status"] == "closed" and order["close_reason"] == "rated" and order["resolved"] is True
    assert [t["action"] for t in order["track"]].count("closed") == 1
    closed = outbox.drain()
    assert [e["name"] for e in closed] == ["workorders.order.closed"]
    assert closed[0]["payload"]["reason"] == "rated" and closed[0]["payload"]["resolved"] is True


def test_unsatisfied_rating_reopens_the_order(client: Any, outbox: Any) -> None:
    case = replied_order(client)
    outbox.drain()
    deliver(client, about("rating.rating.submitted.json", case, **UNSATISFIED))
    deliver(client, about("rating.rating.submitted.json", case, **UNSATISFIED))
    order = status(client, case)
    assert order["status"] == "reopened" and order["rating"]["level"] == 2
    assert [e["name"] for e in outbox.drain()] == ["workorders.order.reopened"]
    assert order["allowed_actions"] == []  # the resident waits for the handler to sign again


@pytest.mark.parametrize(("level", "expected"), [(1, "reopened"), (2, "reopened"), (3, "closed"), (5, "closed")])
def test_rating_level_threshold(client: Any, level: int, expected: str) -> None:
    case = replied_order(client)
    envelope = about("rating.rating.submitted.json", case, level=level)
    envelope["id"] = f"5b1f7c2e-3d4a-4e8b-9f60-00000000000{level}"
    deliver(client, envelope)
    assert status(client, case)["status"] == expected


def test_rating_of_an_order_not_yet_replied_changes_nothing(client: Any) -> None:
    case = call(client, "POST", "/workorders", RESIDENT, {"text": "路灯不亮", "location": {"grid": GRID}}).json_body["case_number"]
    assert deliver(client, about("rating.rating.submitted.json", case, **SATISFIED)) == {"batchItemFailures": []}
    assert status(client, case)["status"] == "dispatched"


def test_rectification_events_are_in_the_track_once(client: Any) -> None:
    case = replied_order(client)
    deliver(client, about("rating.rating.submitted.json", case, **UNSATISFIED))
    opened = about("rating.rectification.opened.json", case)
    completed = about("rating.rectification.completed.json", case)
    deliver(client, opened, completed, opened)
    actions = [t["action"] for t in status(client, case)["track"]]
    assert actions.count("rectification-opened") == 1 and actions.count("rectification-completed") == 1


def test_a_bad_message_fails_alone_and_is_left_for_the_dead_letter_queue(client: Any) -> None:
    case = replied_order(client)
    good = about("rating.rating.submitted.json", case, **SATISFIED)
    event = client.events.generate_sqs_event(queue_name="govportal-workorders-inbox",
                                             message_bodies=["not json", json.dumps(good)])
    failures = client.lambda_.invoke("workorders_inbox", event).payload["batchItemFailures"]
    assert len(failures) == 1
    assert status(client, case)["status"] == "closed"
