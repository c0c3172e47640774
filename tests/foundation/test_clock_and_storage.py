"""shared.clock (one clock, China time, one test hook) and shared.storage (one encoding,
paged queries, transactions that say which item failed)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from shared import clock, storage


def test_now_is_china_time_and_the_hook_moves_it() -> None:
    assert clock.now().utcoffset().total_seconds() == 8 * 3600  # type: ignore[union-attr]
    with clock.frozen(datetime(2026, 11, 30, 17, 51, 20, tzinfo=UTC)):
        assert clock.iso(clock.now()) == "2026-12-01T01:51:20+08:00"
        assert clock.today().isoformat() == "2026-12-01"  # the China day, not the UTC one
        assert clock.month(clock.now()) == "2026-12"
    assert clock.now() != datetime(2026, 12, 1, 1, 51, 20, tzinfo=clock.CHINA_TZ)  # the real clock is back
    with pytest.raises(ValueError):
        clock.iso(datetime(2026, 1, 1))


def test_one_encoding_round_trips_plain_values() -> None:
    item = {"pk": "A", "n": 3, "x": 1.5, "flags": [True, None], "doc": {"k": [1, "two"]}, "gone": None}
    encoded = storage.encode(item)
    assert "gone" not in encoded and encoded["x"] == {"N": "1.5"}
    assert storage.decode(encoded) == {"pk": "A", "n": 3, "x": 1.5, "flags": [True, None], "doc": {"k": [1, "two"]}}
    assert storage.plain({"a": Decimal("2"), "b": [Decimal("2.5")]}) == {"a": 2, "b": [2.5]}


@pytest.fixture
def table(aws_stack: Any) -> Iterator[str]:
    name = "test-storage"
    aws_stack.dynamodb.create_table(
        TableName=name, BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
    )
    yield name


def test_query_all_and_query_page(table: str) -> None:
    storage.transact([storage.put(table, {"pk": "P", "sk": f"{n:03d}", "n": n}) for n in range(25)])
    storage.transact([storage.put(table, {"pk": "P", "sk": f"{n:03d}", "n": n}) for n in range(25, 40)])
    assert [row["n"] for row in storage.query_all(table, "pk = :p", {":p": "P"})] == list(range(40))
    seen, start = [], None
    while True:
        rows, start = storage.query_page(table, "pk = :p AND sk >= :s", {":p": "P", ":s": "010"}, limit=15, start_key=start)
        seen += [row["n"] for row in rows]
        if start is None:
            break
    assert seen == list(range(10, 40))


def test_a_failed_condition_names_the_item(table: str) -> None:
    storage.transact([storage.put(table, {"pk": "K", "sk": "1"})])
    with pytest.raises(storage.ConditionFailed) as failed:
        storage.transact([
            ("fresh", storage.put(table, {"pk": "K", "sk": "2"}, condition="attribute_not_exists(pk)")),
            ("taken", storage.put(table, {"pk": "K", "sk": "1"}, condition="attribute_not_exists(pk)")),
        ])
    assert (failed.value.label, failed.value.index) == ("taken", 1)
    assert [r.code for r in failed.value.reasons] == ["None", "ConditionalCheckFailed"]
    assert storage.query_all(table, "pk = :p", {":p": "K"}) == [{"pk": "K", "sk": "1"}]  # nothing of it was written
