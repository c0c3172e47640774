"""Channels' commands on govportal-workorders-commands (docs/CONTRACTS.md): a report and a unit's
action are done as the HTTP routes would do them, once per envelope id, with results that
carry the command's id; what cannot be done is answered by workorders.command.rejected.
Driven with the real examples in events/workorders through the SQS handler in app.py."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from conftest import CENTRE, call

from tests.conftest import load_event, token


def deliver(client: Any, *bodies: Any) -> dict[str, Any]:
    event = client.events.generate_sqs_event(
        queue_name="govportal-workorders-commands",
        message_bodies=[b if isinstance(b, str) else json.dumps(b, ensure_ascii=False) for b in bodies])
    return client.lambda_.invoke("workorders_commands", event).payload  # type: ignore[no-any-return]


def report(**payload: Any) -> dict[str, Any]:
    envelope = copy.deepcopy(load_event("workorders/workorders.command.report.json"))
    envelope["payload"].update(payload)
    return envelope


def act(case: str, envelope_id: str = "a2d4f6b8-1c3e-4a5b-8d7f-9e0a1b2c3d4e", **payload: Any) -> dict[str, Any]:
    envelope = copy.deepcopy(load_event("workorders/workorders.command.act.json"))
    envelope["id"] = envelope["correlation_id"] = envelope_id
    envelope["payload"].update(case_number=case, **payload)
    return envelope


def test_the_examples_are_valid_commands() -> None:
    from chalicelib.models.messages import COMMAND_MODELS, CommandRejected

    from shared.messaging import Envelope

    for name, model in COMMAND_MODELS.items():
        envelope = Envelope.model_validate(load_event(f"workorders/{name}.json"))
        assert envelope.name == name
        model.model_validate(envelope.payload)
    rejected = Envelope.model_validate(load_event("workorders/workorders.command.rejected.json"))
    CommandRejected.model_validate(rejected.payload)


def test_a_report_by_sms_is_taken_once_and_its_events_carry_the_command_id(client: Any, outbox: Any) -> None:
    command = report()
    for _ in range(3):  # SQS delivers at least once
        assert deliver(client, command) == {"batchItemFailures": []}
    events = outbox.drain()
    assert [e["name"] for e in events] == ["workorders.order.created", "workorders.order.dispatched"]
    created = events[0]
    assert {e["correlation_id"] for e in events} == {command["id"]}
    payload = created["payload"]
    assert payload["channel"] == "sms" and payload["client_ref"] == "sms-in-20261123-000417"
    assert payload["reporter"] == payload["resident"] == "p-3f9a1c0d2b4e6f8a1c3e5d7b"
    assert payload["status"] == "dispatched" and payload["actions"] == ["sign", "return"]
    # No map point: located from the building named in the text.
    assert payload["location"]["grid"] == "JN-S01-C01-G01" and payload["location"]["precision"] == "building"
    resident = token("resident", "p-3f9a1c0d2b4e6f8a1c3e5d7b")
    assert len(call(client, "GET", "/workorders", resident).json_body["orders"]) == 1


def test_a_units_sign_by_command_and_its_redelivery(client: Any, outbox: Any) -> None:
    deliver(client, report())
    case = outbox.drain()[0]["payload"]["case_number"]
    command = act(case)
    assert deliver(client, command, command) == {"batchItemFailures": []}
    events = outbox.drain()
    assert [e["name"] for e in events] == ["workorders.order.signed"]
    assert events[0]["correlation_id"] == command["id"]
    assert events[0]["payload"]["status"] == "signed" and events[0]["payload"]["actions"] == ["return", "start", "extend", "reply"]
    # A reply by command: the text goes where the route's body would.
    reply = act(case, "b1d4f6b8-1c3e-4a5b-8d7f-9e0a1b2c3d4e", action="reply", text="已更换灯泡")
    deliver(client, reply)
    replied = outbox.drain()
    assert [e["name"] for e in replied] == ["workorders.order.replied"]
    order = call(client, "GET", f"/workorders/{case}", CENTRE).json_body
    assert order["status"] == "replied" and order["reply"] == "已更换灯泡"


@pytest.mark.parametrize(("change", "code"), [
    ({"case_number": "261123-ZZZZZZ"}, "not_found"),
    ({"actor": {"subject": "w-1", "role": "department", "unit": "water"}}, "not_found"),  # not theirs: the same answer
    ({"action": "reply", "text": "已修复"}, "illegal_transition"),  # a dispatched order is signed before it is replied
    ({"action": "extend", "days": 99, "reason": "等配件"}, "bad_request"),
])
def test_a_command_that_cannot_be_done_is_rejected_once(client: Any, outbox: Any, change: dict[str, Any], code: str) -> None:
    deliver(client, report())
    case = outbox.drain()[0]["payload"]["case_number"]
    command = act(case)
    command["payload"].update(change)
    assert deliver(client, command, command) == {"batchItemFailures": []}
    events = outbox.drain()
    assert [e["name"] for e in events] == ["workorders.command.rejected"]
    rejected = events[0]
    assert rejected["correlation_id"] == command["id"]
    from chalicelib.models.messages import CommandRejected

    payload = CommandRejected.model_validate(rejected["payload"])
    assert payload.command_id == command["id"] and payload.command == "workorders.command.act" and payload.code == code
    assert call(client, "GET", f"/workorders/{case}", CENTRE).json_body["status"] == "dispatched"


def test_a_message_that_is_no_envelope_is_left_for_the_dead_letter_queue(client: Any, outbox: Any) -> None:
    result = deliver(client, "not json", report())
    assert len(result["batchItemFailures"]) == 1
    assert [e["name"] for e in outbox.drain()] == ["workorders.order.created", "workorders.order.dispatched"]


def test_the_commands_queue_dead_letters_after_five_receives(stack: Any) -> None:
    url = stack.queue_url("WorkordersCommandsQueue")
    attributes = stack.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["RedrivePolicy"])["Attributes"]
    policy = json.loads(attributes["RedrivePolicy"])
    assert policy["maxReceiveCount"] == 5 and policy["deadLetterTargetArn"].endswith(":govportal-workorders-commands-dlq")
