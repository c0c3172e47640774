"""The snapshot: loaded once from DynamoDB, answered from memory, reloaded on a new version."""

from __future__ import annotations

import copy
import json
from typing import Any

import app
import pytest
from chalice.test import Client
from chalicelib import seed
from chalicelib.adapters.records import PARTITIONS
from chalicelib.domain.catalogue import ItemFilters
from chalicelib.wiring import repository
from chalicelib.wiring import reset as reset_repository

from shared import aws
from tests.catalog.conftest import DynamoCalls


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def get(path: str) -> tuple[int, Any]:
    with Client(app.app) as client:
        response = client.http.get(path)
    return response.status_code, json.loads(response.body)


def test_warm_search_makes_no_dynamodb_call(dynamo_calls: DynamoCalls) -> None:
    status, body = get("/items?q=%E4%BD%8E%E4%BF%9D")  # 低保
    assert status == 200 and body["items"]
    assert "Query" in dynamo_calls.operations  # the cold request loaded the catalogue
    assert "Scan" not in dynamo_calls.operations
    dynamo_calls.reset()
    for path in (
        "/items?q=dibao",
        "/items?q=residence%20permit",
        "/items/JN-MZ-001",
        "/centres",
        "/areas/locate?lat=41.04&lon=113.087",
    ):
        get(path)
    assert len(dynamo_calls) == 0


def test_cold_load_reads_each_partition_by_query(dynamo_calls: DynamoCalls) -> None:
    get("/categories")
    assert dynamo_calls.operations.count("GetItem") == 1
    assert dynamo_calls.operations.count("Query") >= len(PARTITIONS)
    assert set(dynamo_calls.operations) == {"GetItem", "Query"}


def test_version_check_is_throttled_and_a_new_version_reloads(
    seeded_stack: Any, source: dict[str, Any], dynamo_calls: DynamoCalls
) -> None:
    clock = FakeClock()
    repo = repository()
    repo.clock = clock
    repo.check_interval = 30
    first = repo.snapshot()
    assert repo.loads == 1

    changed = copy.deepcopy(source)
    target = changed["items"][0]
    target["name_zh"] = "测试改名事项"
    seed.load(changed)

    dynamo_calls.reset()
    clock.now += 10
    assert repo.snapshot() is first  # inside the interval: no call, old snapshot
    assert len(dynamo_calls) == 0

    clock.now += 25
    fresh = repo.snapshot()
    assert fresh is not first and fresh.version != first.version
    assert repo.loads == 2
    assert fresh.item(target["code"])["name_zh"] == "测试改名事项"

    dynamo_calls.reset()
    clock.now += 31
    assert repo.snapshot() is fresh  # same version: one GetItem, no reload
    assert dynamo_calls.operations == ["GetItem"]
    assert repo.loads == 2


def test_seed_is_idempotent_and_removes_what_left_the_data(seeded_stack: Any, source: dict[str, Any]) -> None:
    table = aws.table()
    before = table.get_item(Key={"pk": "CATALOG", "sk": "VERSION"})["Item"]["value"]
    assert "unchanged" in seed.load(source)
    assert table.get_item(Key={"pk": "CATALOG", "sk": "VERSION"})["Item"]["value"] == before

    smaller = copy.deepcopy(source)
    removed = smaller["items"].pop()
    summary = seed.load(smaller)
    assert "1 stale removed" in summary
    assert "Item" not in table.get_item(Key={"pk": "ITEM", "sk": removed["code"]})
    reset_repository()
    status, _ = get(f"/items/{removed['code']}")
    assert status == 404


def test_seeded_counts_match_the_data(seeded_stack: Any, source: dict[str, Any]) -> None:
    counts = json.loads(aws.table().get_item(Key={"pk": "CATALOG", "sk": "VERSION"})["Item"]["counts"])
    assert counts["ITEM"] == len(source["items"])
    assert counts["LIFE_EVENT"] == len(source["life_events"])
    assert counts["CERTIFICATE"] == len(source["certificates"]["may_issue"]) + len(source["certificates"]["must_not_issue"])
    assert counts["CENTRE"] == len(source["district"]["centres"])
    district = source["district"]
    assert counts["AREA"] == 1 + len(district["streets"]) + len(district["communities"]) + len(district["grids"])


def test_unseeded_catalogue_is_a_503_not_a_500(aws_stack: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import service_environment

    service_environment(aws_stack, "catalog", monkeypatch)
    reset_repository()
    status, body = get("/items?q=x")
    assert status == 503
    assert body["error"]["code"] == "catalogue_unavailable"
    reset_repository()


def test_a_failed_version_check_keeps_serving_the_snapshot(seeded_stack: Any) -> None:
    clock = FakeClock()
    repo = repository()
    repo.clock = clock
    snapshot = repo.snapshot()
    aws.client("dynamodb").delete_table(TableName=repo.table_name)
    clock.now += 3600
    assert repo.snapshot() is snapshot
    status, body = get("/items?q=dibao")
    assert status == 200 and body["items"]


def test_a_cold_load_needs_no_pinyin_computation(seeded_stack: Any) -> None:
    """The seed stores the pinyin of every name and keyword, so a container never loads
    pypinyin's dictionaries (~1 s) on the request path."""
    from chalicelib.domain.text import pinyin_forms

    pinyin_forms.cache_clear()
    catalogue = repository().snapshot()
    assert pinyin_forms.cache_info().misses == 0
    assert catalogue.search_items("dibao", ItemFilters())[0][0]["code"] == "JN-MZ-001"
