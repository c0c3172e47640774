"""Catalogue search benchmark against moto in-process with the seeded table.

Prints: the first search of a fresh container (catalogue load + index build), then warm
search latency p50/p99 through the Chalice app (chalice.test.Client) and in the domain
alone, and the DynamoDB calls per warm search (goal 0). HTTP ratios on the local stack
are printed by tests/bench/run.py.

`smoke()` runs the same steps at a tiny size (tests/foundation/test_benches.py), so the
benchmark cannot silently stop running when the service moves on."""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from tests.bench.common import in_process_stack, percentile, prepare  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SERVICE = ROOT / "services" / "catalog"

ROUNDS = 20

QUERIES = [
    # simplified Chinese, as residents type it
    "低保", "办低保", "最低生活保障", "医保", "医保报销", "异地就医", "公积金", "公积金提取", "身份证", "身份证丢了",
    "居住证", "户口迁入", "上户口", "结婚登记", "离婚", "残疾人证", "高龄津贴", "失业金", "工伤认定", "创业贷款",
    "小学入学", "法律援助", "营业执照", "开饭店", "退休", "退役军人", "临时救助", "维修基金",
    # traditional
    "醫保", "戶口", "身份證", "結婚登記", "營業執照", "公積金", "殘疾人證", "養老保險",
    # pinyin, initials
    "dibao", "di bao", "yibao", "gjj", "ybbx", "sfz", "jzz", "hukou",
    # English
    "minimum living allowance", "residence permit", "medical insurance", "business licence", "legal aid",
    "marriage registration", "unemployment benefit",
]  # fmt: skip


def _environment() -> None:
    prepare(ROOT, SERVICE)


def main(rounds: int = ROUNDS) -> None:
    _environment()
    with in_process_stack("catalog"):
        import app
        from chalice.test import Client
        from chalicelib import seed
        from chalicelib.domain.catalogue import ItemFilters
        from chalicelib.wiring import repository

        from shared import aws

        print(seed.load())
        # As in a fresh container: no snapshot and nothing cached from the seed's pinyin work.
        from chalicelib.domain.text import pinyin_forms
        from chalicelib.wiring import reset as reset_repository

        reset_repository()
        pinyin_forms.cache_clear()
        calls: list[str] = []
        aws.client("dynamodb").meta.events.register("before-call.dynamodb", lambda model, **_: calls.append(model.name))

        with Client(app.app) as client:

            def search(query: str) -> Any:
                response = client.http.get(f"/items?q={quote(query)}")
                assert response.status_code == 200, response.body
                return response

            started = time.perf_counter()
            search(QUERIES[0])
            cold = time.perf_counter() - started
            print(
                f"first search in a fresh container (load: {len(calls)} DynamoDB calls + index build): {cold * 1000:.0f} ms;"
                f" pinyin computed at load: {pinyin_forms.cache_info().misses} texts (0: seeded table used, pypinyin not needed)"
            )

            search(QUERIES[0])  # warm-up
            calls.clear()
            http: list[float] = []
            for _ in range(rounds):
                for query in QUERIES:
                    started = time.perf_counter()
                    search(query)
                    http.append(time.perf_counter() - started)
            warm_calls = len(calls)

        catalogue = repository().snapshot()
        from chalicelib.adapters.records import PARTITIONS, catalogue_from_rows

        rows = {pk: repository()._partition(pk) for pk in PARTITIONS}
        started = time.perf_counter()
        catalogue_from_rows(catalogue.version, rows)
        build = time.perf_counter() - started
        print(f"  of which the snapshot and index build from loaded rows: {build * 1000:.0f} ms (the rest is moto)")
        domain: list[float] = []
        empty = ItemFilters()
        for _ in range(rounds):
            for query in QUERIES:
                started = time.perf_counter()
                catalogue.search_items(query, empty)
                domain.append(time.perf_counter() - started)

    n = len(http)
    print(f"queries: {len(QUERIES)} x {rounds} rounds = {n} warm searches over {len(catalogue.items)} items")
    print(
        f"search through the app (chalice.test.Client): p50 {percentile(http, 0.5) * 1000:.2f} ms, p99 {percentile(http, 0.99) * 1000:.2f} ms, mean {statistics.fmean(http) * 1000:.2f} ms"
    )
    print(
        f"search in the domain alone:                   p50 {percentile(domain, 0.5) * 1000:.3f} ms, p99 {percentile(domain, 0.99) * 1000:.3f} ms"
    )
    print(f"(machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs: p99 includes scheduler preemption)")
    print(f"DynamoDB calls per warm search: {warm_calls / n:.3f} ({warm_calls} calls in {n} searches)")
    # Search quality on the held-out resident queries (never tuned on) and the dev set.
    import sys

    sys.path.insert(0, str(ROOT))
    from tests.catalog.search_quality import judge, load

    for name in ("heldout", "dev"):
        figures = judge(catalogue, load(name))
        print(f"search quality, {name} set ({len(load(name))} queries): {figures.line()}")
        for miss in figures.misses:
            print(f"    miss: {miss}")
    print("top result per query:")
    for query in QUERIES:
        found = catalogue.search_items(query, empty)
        top = found[0][0]["name_zh"] if found else "(nothing)"
        print(f"  {query!r:32} -> {top}")


def smoke() -> None:
    """Every step of main() with one round of queries: proves the benchmark still runs."""
    main(rounds=1)


if __name__ == "__main__":
    main()
