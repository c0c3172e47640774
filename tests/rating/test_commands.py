"""Channels' rating commands on govportal-rating-commands (docs/CONTRACTS.md): rated as POST
/rating/ratings would for the rater, once per envelope id; a command that cannot be done is
answered by rating.command.rejected. Driven with the examples in events/rating through the
SQS handler registered in app.py."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from tests.conftest import load_event
from tests.rating.conftest import CASE, order_event


@pytest.fixture
def command_feed(stack: Any, clock: Any) -> Any:
    import app
    from chalice.test import Client

    def deliver(*bodies: Any) -> dict[str, Any]:
        with Client(app.app) as lambda_client:
            event = lambda_client.events.generate_sqs_event(
                message_bodies=[b if isinstance(b, str) else json.dumps(b, ensure_ascii=False) for b in bodies],
                queue_name="govportal-rating-commands")
            return lambda_client.lambda_.invoke("consume_commands", event).payload  # type: ignore[no-any-return]

    return deliver


def rate(**payload: Any) -> dict[str, Any]:
    envelope = copy.deepcopy(load_event("rating/rating.command.rate.json"))
    envelope["payload"].update(payload)
    return envelope


def test_the_examples_are_valid() -> None:
    from chalicelib.models.messages import COMMAND_MODELS, CommandRejected

    from shared.messaging import Envelope

    command = Envelope.model_validate(load_event("rating/rating.command.rate.json"))
    COMMAND_MODELS[command.name].model_validate(command.payload)
    CommandRejected.model_validate(Envelope.model_validate(load_event("rating/rating.command.rejected.json")).payload)


def test_a_rating_by_command_is_taken_once(feed: Any, command_feed: Any, published: Any) -> None:
    feed(order_event("created", handler=None), order_event("dispatched"), order_event("replied"))
    command = rate()
    for _ in range(3):
        assert command_feed(command) == {"batchItemFailures": []}
    events = published()
    assert [e["name"] for e in events] == ["rating.rating.submitted"]
    assert events[0]["correlation_id"] == command["id"]
    assert events[0]["payload"]["level"] == 5 and events[0]["payload"]["subject"]["id"] == CASE


@pytest.mark.parametrize(("change", "code"), [
    ({"rater": {"subject": "resident-0002", "role": "resident"}}, "subject_not_found"),  # not theirs: as unknown
    ({"subject": {"kind": "workorder", "id": "JN-NO-SUCH"}}, "subject_not_found"),
    ({"level": 9}, "bad_request"),
])
def test_a_rating_command_that_cannot_be_done_is_rejected_once(feed: Any, command_feed: Any, published: Any,
                                                                change: dict[str, Any], code: str) -> None:
    feed(order_event("created", handler=None), order_event("dispatched"), order_event("replied"))
    command = rate(**change)
    assert command_feed(command, command) == {"batchItemFailures": []}
    events = published()
    assert [e["name"] for e in events] == ["rating.command.rejected"]
    assert events[0]["correlation_id"] == command["id"]
    assert events[0]["payload"]["code"] == code and events[0]["payload"]["command_id"] == command["id"]


def test_an_order_not_yet_replied_is_rejected_as_not_rateable(feed: Any, command_feed: Any, published: Any) -> None:
    feed(order_event("created", handler=None), order_event("dispatched"))
    command_feed(rate())
    assert [(e["name"], e["payload"]["code"]) for e in published()] == [("rating.command.rejected", "not_rateable")]


def test_garbage_is_left_for_the_dead_letter_queue(feed: Any, command_feed: Any, published: Any) -> None:
    feed(order_event("created", handler=None), order_event("dispatched"), order_event("replied"))
    assert len(command_feed("not json", rate())["batchItemFailures"]) == 1
    assert [e["name"] for e in published()] == ["rating.rating.submitted"]


def test_the_commands_queue_dead_letters_after_five_receives(stack: Any) -> None:
    url = stack.queue_url("RatingCommandsQueue")
    policy = json.loads(stack.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["RedrivePolicy"])["Attributes"]["RedrivePolicy"])
    assert policy["maxReceiveCount"] == 5 and policy["deadLetterTargetArn"].endswith(":govportal-rating-commands-dlq")
