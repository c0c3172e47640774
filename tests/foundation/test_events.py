"""shared.events on moto (one mocked stack for the module): a change's events are staged in its
transaction and published once after the commit; a failed publish stays in the outbox until
the republisher sends it, once; a duplicate delivery is consumed once through the Inbox; and
register_republish schedules the republisher on a Chalice app as Lambda finds it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pydantic import BaseModel

from tests.foundation.conftest import START, Clock
from tests.support import SnsSwitch, run_schedule


class Booked(BaseModel):
    id: str
    starts_at: datetime


@pytest.fixture
def sns(monkeypatch: pytest.MonkeyPatch) -> SnsSwitch:
    return SnsSwitch(monkeypatch)


def change(pk: str) -> dict[str, Any]:
    """A counter the change adds one to (so a change applied twice shows)."""
    from shared import storage
    from shared.settings import get_settings

    return storage.update(get_settings().table_name, {"pk": pk, "sk": "COUNT"}, "ADD n :one", values={":one": 1})


def count(pk: str) -> int:
    from shared import aws, storage
    from shared.settings import get_settings

    item = aws.client("dynamodb").get_item(TableName=get_settings().table_name,
                                           Key=storage.encode({"pk": pk, "sk": "COUNT"})).get("Item")
    return int(storage.decode(item)["n"]) if item else 0


def test_staged_events_commit_with_the_change_and_are_published_once(stack: Any, clock: Clock, published: Any) -> None:
    from shared import storage
    from shared.events import Events

    events = Events(now=clock)
    staged = events.stage("booking.appointment.booked", Booked(id="A1", starts_at=START), occurred_at=START)
    assert list(events.outbox.stale(None)) == []  # nothing before the commit
    storage.transact([change("APPT#A1"), *staged.puts])
    assert len(list(events.outbox.stale(None))) == 1 and published() == []  # committed together, not sent yet

    assert events.publish(staged) == [staged.envelopes[0].id]
    (envelope,) = published()
    assert envelope["name"] == "booking.appointment.booked" and envelope["id"] == staged.envelopes[0].id
    assert envelope["payload"] == {"id": "A1", "starts_at": "2026-11-23T01:00:00Z"}  # the model as JSON
    assert datetime.fromisoformat(envelope["occurred_at"]) == START
    assert list(events.outbox.stale(None)) == [] and count("APPT#A1") == 1


def test_a_failed_transaction_leaves_no_event(stack: Any, clock: Clock) -> None:
    from shared import storage
    from shared.events import Events
    from shared.settings import get_settings

    events = Events(now=clock)
    staged = events.stage("booking.appointment.booked", {"id": "A2"})
    taken = storage.check(get_settings().table_name, {"pk": "APPT#A2", "sk": "COUNT"}, "attribute_exists(pk)")
    with pytest.raises(storage.ConditionFailed):
        storage.transact([taken, *staged.puts])
    assert list(events.outbox.stale(None)) == []


def test_a_failed_publish_stays_until_the_republisher_sends_it_once(stack: Any, clock: Clock, published: Any,
                                                                    sns: SnsSwitch) -> None:
    from shared import storage
    from shared.events import GRACE_SECONDS, Events
    from shared.messaging import new_event

    events = Events(now=clock)
    staged = events.stage([new_event("booking.appointment.cancelled", {"id": "A3"}),
                           new_event("booking.appointment.booked", {"id": "A4"})])
    storage.transact([change("APPT#A3"), *staged.puts])
    sns.down()
    assert events.publish(staged) == []  # never raises: the change stands, the events wait
    sns.up()
    assert published() == [] and len(list(events.outbox.stale(None))) == 2

    assert events.republish_stale() == 0  # within the grace the writing request may still publish
    clock.now += timedelta(seconds=GRACE_SECONDS + 1)
    assert events.republish_stale() == 2
    assert events.republish_stale() == 0
    assert sorted(e["payload"]["id"] for e in published()) == ["A3", "A4"]
    assert list(events.outbox.stale(None)) == []


def test_a_duplicate_delivery_is_consumed_once(stack: Any, clock: Clock, published: Any) -> None:
    """Lambda delivers the same envelope twice (in one batch and again later): the change and
    its event happen once; the inbox record has the layout saved state relies on."""
    from shared import aws, storage
    from shared.events import INBOX_TTL, AlreadyConsumed, Events, Inbox
    from shared.messaging import new_event, sqs_batch_handler
    from shared.settings import get_settings

    inbox, events = Inbox(), Events(now=clock)

    def consume(envelope: Any) -> None:
        if inbox.seen(envelope.id):
            return
        staged = events.stage("booking.visit.counted", {"of": envelope.id})
        inbox.commit(envelope.id, [change("VISITS"), *staged.puts])
        events.publish(staged)

    handler = sqs_batch_handler(consume)
    envelope = new_event("workorders.order.closed", {"case_number": "JN1"})
    record = {"messageId": "m1", "receiptHandle": "r", "body": envelope.model_dump_json(), "attributes": {},
              "messageAttributes": {}, "md5OfBody": "x", "eventSource": "aws:sqs",
              "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:q", "awsRegion": "us-east-1"}
    batch = {"Records": [record, {**record, "messageId": "m2"}]}
    assert handler(batch) == {"batchItemFailures": []}
    assert handler(batch) == {"batchItemFailures": []}
    assert count("VISITS") == 1 and [e["payload"] for e in published()] == [{"of": envelope.id}]

    # Two consumers that both passed `seen`: the record's condition lets one of them commit.
    with pytest.raises(AlreadyConsumed):
        inbox.commit(envelope.id, [change("VISITS")])
    assert count("VISITS") == 1 and inbox.seen(envelope.id) and not inbox.seen("another-id")

    item = storage.decode(aws.client("dynamodb").get_item(
        TableName=get_settings().table_name, Key=storage.encode(Inbox.item_key(envelope.id)))["Item"])
    assert item["pk"] == f"INBOX#{envelope.id}" and item["sk"] == "INBOX" and set(item) == {"pk", "sk", "expires_at"}
    expected = datetime.now(UTC).timestamp() + INBOX_TTL.total_seconds()
    assert abs(item["expires_at"] - expected) < 60


def test_a_condition_other_than_the_inbox_record_is_not_a_duplicate(stack: Any) -> None:
    from shared import storage
    from shared.events import Inbox
    from shared.settings import get_settings

    inbox = Inbox()
    missing = ("order", storage.check(get_settings().table_name, {"pk": "ORDER#X", "sk": "ORDER"}, "attribute_exists(pk)"))
    with pytest.raises(storage.ConditionFailed) as failed:
        inbox.commit("env-1", [missing])
    assert failed.value.label == "order" and not Inbox.consumed_in(failed.value)
    assert not inbox.seen("env-1")  # nothing committed


def test_register_republish_schedules_the_republisher_as_lambda_finds_it(stack: Any, clock: Clock,
                                                                         sns: SnsSwitch) -> None:
    from chalice import Chalice
    from chalice.app import ScheduledEventConfig
    from chalice.test import Client

    from shared import storage
    from shared.events import Events, register_republish

    events = Events(now=clock)
    app = Chalice("govportal-test")
    register_republish(app, lambda: events)

    (source,) = app.event_sources
    assert isinstance(source, ScheduledEventConfig)
    assert (source.name, source.schedule_expression, source.handler_string) == (
        "republish_outbox", "rate(5 minutes)", "app.republish_outbox")

    staged = events.stage("booking.appointment.booked", {"id": "A5"})
    storage.transact([change("APPT#A5"), *staged.puts])
    sns.down()
    events.publish(staged)
    sns.up()
    clock.now += timedelta(hours=1)
    with Client(app) as client:
        assert run_schedule(client) == {"republished": 1}
        assert run_schedule(client) == {"republished": 0}
