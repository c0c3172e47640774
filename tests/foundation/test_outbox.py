"""shared.outbox and Publisher.publish_many on moto: events staged into a transaction are
published once after the commit; a failed publish stays in the outbox until republish_stale
sends it; a failed transaction leaves no outbox item; the republisher Queries each shard."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.foundation.conftest import Clock
from tests.support import SnsSwitch


@pytest.fixture
def calls(stack: Any) -> Counter[str]:
    """AWS operations made through the shared clients, by name ("dynamodb.Query", ...)."""
    from shared import aws

    seen: Counter[str] = Counter()

    def count(event_name: str, **_: Any) -> None:
        seen[".".join(event_name.split(".")[1:3])] += 1

    for client in (aws.client("dynamodb"), aws.resource("dynamodb").meta.client, aws.client("sns")):
        client.meta.events.register("before-call", count)
    return seen


def outbox(clock: Clock, **kwargs: Any) -> Any:
    from shared.outbox import Outbox

    return Outbox(now=clock, **kwargs)


def events(count: int, name: str = "booking.appointment.booked") -> list[Any]:
    from shared.messaging import new_event

    return [new_event(name, {"n": n}) for n in range(count)]


def change(pk: str, *, unique: bool = False) -> dict[str, Any]:
    from shared.settings import get_settings

    put: dict[str, Any] = {"TableName": get_settings().table_name, "Item": {"pk": {"S": pk}, "sk": {"S": "ITEM"}}}
    if unique:
        put["ConditionExpression"] = "attribute_not_exists(pk)"
    return {"Put": put}


def commit(*entries: dict[str, Any]) -> None:
    from shared import aws

    aws.client("dynamodb").transact_write_items(TransactItems=list(entries))


def test_events_written_in_the_transaction_are_published_once(stack: Any, clock: Clock, published: Any) -> None:
    box = outbox(clock)
    sent = events(3)
    staged = box.stage(sent)
    commit(change("APPT#1"), *staged.puts)
    assert len(list(box.stale(None))) == 3  # committed with the change, before any publish
    assert box.publish(staged) == [e.id for e in sent]
    seen = published()
    assert sorted(m["id"] for m in seen) == sorted(e.id for e in sent)
    assert all(m["_name_attribute"] == "booking.appointment.booked" for m in seen)
    assert list(box.stale(None)) == []
    clock.advance(hours=1)
    assert box.republish_stale(120) == 0 and published() == []


def test_a_failed_publish_stays_in_the_outbox_until_republish_stale_sends_it(
    stack: Any, clock: Clock, published: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    box = outbox(clock)
    sent = events(2)
    staged = box.stage(sent)
    commit(change("APPT#2"), *staged.puts)
    sns = SnsSwitch(monkeypatch)
    sns.down()
    assert box.publish(staged) == []  # no exception: the change is committed
    assert published() == [] and len(list(box.stale(None))) == 2
    clock.advance(minutes=10)
    assert box.republish_stale(120) == 0  # SNS still down: nothing lost, nothing deleted
    assert len(list(box.stale(None))) == 2

    sns.up()
    assert box.republish_stale(120) == 2
    assert sorted(m["id"] for m in published()) == sorted(e.id for e in sent)
    assert list(box.stale(None)) == []


def test_republish_waits_for_the_grace_period(stack: Any, clock: Clock, published: Any) -> None:
    box = outbox(clock)
    commit(change("APPT#3"), *box.stage(events(1)).puts)  # committed, never published by its request
    clock.advance(seconds=60)
    assert box.republish_stale(120) == 0
    clock.advance(seconds=61)
    assert box.republish_stale(120) == 1 and len(published()) == 1


def test_a_failed_transaction_writes_no_outbox_item(stack: Any, clock: Clock, published: Any) -> None:
    box = outbox(clock)
    commit(change("APPT#4"))
    staged = box.stage(events(2))
    with pytest.raises(ClientError) as failed:
        commit(change("APPT#4", unique=True), *staged.puts)
    assert failed.value.response["Error"]["Code"] == "TransactionCanceledException"
    assert list(box.stale(None)) == []
    clock.advance(hours=1)
    assert box.republish_stale(0) == 0 and published() == []


def test_refused_entries_of_a_batch_stay_in_the_outbox(
    stack: Any, clock: Clock, published: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shared import aws

    sns = aws.client("sns")
    real = sns.publish_batch

    def refuse_second(**kwargs: Any) -> dict[str, Any]:
        entries = kwargs["PublishBatchRequestEntries"]
        refused = [e for e in entries if e["Id"] == "1"]
        response = real(**{**kwargs, "PublishBatchRequestEntries": [e for e in entries if e["Id"] != "1"]})
        response["Failed"] = [{"Id": e["Id"], "Code": "InternalError", "Message": "try again", "SenderFault": False}
                              for e in refused]
        return dict(response)

    box = outbox(clock)
    sent = events(3)
    staged = box.stage(sent)
    commit(change("APPT#5"), *staged.puts)
    monkeypatch.setattr(sns, "publish_batch", refuse_second)
    assert box.publish(staged) == [sent[0].id, sent[2].id]
    left = list(box.stale(None))
    assert [item["event_id"] for item in left] == [sent[1].id]
    monkeypatch.setattr(sns, "publish_batch", real)
    clock.advance(minutes=5)
    assert box.republish_stale(120) == 1
    assert sorted(m["id"] for m in published()) == sorted(e.id for e in sent)  # each once


def stuck(box: Any, count: int, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Any], Any]:
    """`count` events committed while SNS was down: all of them wait in the outbox."""
    sent = events(count)
    staged = box.stage(sent)
    for start in range(0, count, 20):
        commit(*staged.puts[start:start + 20])
    sns = SnsSwitch(monkeypatch)
    sns.down()
    box.publish(staged)
    sns.up()
    return sent, staged


def test_the_outbox_is_sharded_and_the_republisher_queries_each_shard(
    stack: Any, clock: Clock, published: Any, calls: Counter[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    box = outbox(clock, shards=4)
    sent, staged = stuck(box, 40, monkeypatch)
    per_shard = Counter(put["Put"]["Item"]["pk"]["S"] for put in staged.puts)
    assert len(per_shard) == 4  # no single hot partition
    clock.advance(minutes=5)
    calls.clear()
    assert box.republish_stale(120) == 40
    assert calls["dynamodb.Scan"] == 0
    assert calls["dynamodb.Query"] == 4  # one per shard (each fits one page)
    assert calls["sns.PublishBatch"] == sum(-(-n // 10) for n in per_shard.values())  # 10 entries per call, per page
    assert calls["dynamodb.BatchWriteItem"] == 4  # each page's published items, deleted before reading on
    assert sorted(m["id"] for m in published()) == sorted(e.id for e in sent)
    assert list(box.stale(None)) == []


def test_the_republisher_pages_through_every_shard(
    stack: Any, clock: Clock, published: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shared import aws

    box = outbox(clock, shards=4, page_size=5)
    sent, _ = stuck(box, 40, monkeypatch)
    queried: list[str] = []
    operations: list[str] = []
    client = aws.client("dynamodb")

    def record(params: dict[str, Any], model: Any, **_: Any) -> None:
        operations.append(model.name)
        if model.name == "Query":
            queried.append(params["ExpressionAttributeValues"][":pk"]["S"])

    client.meta.events.register("provide-client-params.dynamodb.*", record)
    clock.advance(minutes=5)
    assert box.republish_stale(120) == 40
    assert "Scan" not in operations
    assert set(queried) == {box.partition(n) for n in range(4)} and len(queried) > 4  # several pages per shard
    assert sorted(m["id"] for m in published()) == sorted(e.id for e in sent)  # each once
    assert list(box.stale(None)) == []


def test_while_sns_is_down_the_republisher_stops_after_one_page(
    stack: Any, clock: Clock, calls: Counter[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    box = outbox(clock, shards=2, page_size=5)
    stuck(box, 20, monkeypatch)
    SnsSwitch(monkeypatch).down()
    clock.advance(minutes=5)
    calls.clear()
    assert box.republish_stale(120) == 0
    assert calls["dynamodb.Query"] == 1 and calls["dynamodb.BatchWriteItem"] == 0
    assert len(list(box.stale(None))) == 20


def test_one_change_costs_one_publish_batch_and_one_delete(stack: Any, clock: Clock, published: Any, calls: Counter[str]) -> None:
    box = outbox(clock)
    staged = box.stage(events(2))
    commit(change("APPT#6"), *staged.puts)
    calls.clear()
    box.publish(staged)
    assert dict(calls) == {"sns.PublishBatch": 1, "dynamodb.BatchWriteItem": 1}


def test_publish_many_sends_batches_of_ten_with_the_name_attribute(stack: Any, published: Any, calls: Counter[str]) -> None:
    from shared.messaging import Publisher

    sent = events(23, "booking.appointment.cancelled")
    assert Publisher().publish_many(sent) == [e.id for e in sent]
    assert calls["sns.PublishBatch"] == 3
    seen = published()
    assert sorted(m["id"] for m in seen) == sorted(e.id for e in sent)
    assert {m["_name_attribute"] for m in seen} == {"booking.appointment.cancelled"}


def test_publish_many_reports_what_it_could_not_publish(stack: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from shared import aws
    from shared.messaging import Publisher, PublishIncomplete

    sns = aws.client("sns")
    real = sns.publish_batch
    state = {"calls": 0}

    def second_call_fails(**kwargs: Any) -> Any:
        state["calls"] += 1
        if state["calls"] == 2:
            raise ConnectionError("SNS unreachable")
        return real(**kwargs)

    monkeypatch.setattr(sns, "publish_batch", second_call_fails)
    sent = events(25)
    with pytest.raises(PublishIncomplete) as incomplete:
        Publisher().publish_many(sent)
    assert incomplete.value.published == [e.id for e in sent[:10]]
    assert [e.id for e in incomplete.value.failed] == [e.id for e in sent[10:]]


def test_new_event_takes_the_moment_of_the_change() -> None:
    from shared.messaging import new_event

    at = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    assert new_event("x.y.z", {}, occurred_at=at).occurred_at == at
    assert new_event("x.y.z", {}).occurred_at.tzinfo is not None
