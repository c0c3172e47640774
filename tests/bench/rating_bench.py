"""Rating service benchmark (moto in-process).

Prints:
- AWS calls per consumed event (fresh and redelivered) and per rating (good, bad, re-rating),
  counted with botocore `before-call` event hooks on every client the service uses;
- the latency of GET /units/{unit}/scores with 1,000 and with 100,000 orders behind the
  counters, and their ratio (goal: about 1, the query reads one counter item);
- the rebuild of the replayed month from its history.

Only REPLAYED orders go through the real consumer (RatingService.consume, from wiring): moto deep-copies the whole table for
every item of every TransactWriteItems (its rollback), so replaying thousands of events
gets quadratically slower in the emulator (not in DynamoDB). The 1,000- and 100,000-order
counters are therefore written directly (the repository's ADD correction, as the rebuild
applies it), scaled from the replayed unit's real figures.

`smoke()` runs the same steps at a tiny size (tests/foundation/test_benches.py), so the
benchmark cannot silently stop running when the service moves on.
"""

from __future__ import annotations

import json
import statistics
import time
import uuid
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from tests.bench.common import in_process_stack, percentile, prepare  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SERVICE = ROOT / "services" / "rating"
REPLAYED = 100
SCALES = (1_000, 100_000)
QUERIES = 300
MONTH = "2026-11"
UNIT = "urban-management"
START = datetime.fromisoformat("2026-11-02T09:00:00+08:00")
LOCATIONS = [("JN-S01-C01-G01", "JN-S01-C01", "JN-S01"), ("JN-S02-C01-G01", "JN-S02-C01", "JN-S02")]


def _environment() -> None:
    prepare(ROOT, SERVICE)



def _envelope(name: str, case: str, index: int, at: datetime, **fields: Any) -> Any:
    from shared.messaging import Envelope

    grid, community, street = LOCATIONS[index % len(LOCATIONS)]
    payload = {"case_number": case, "category": "street-light", "handler": {"kind": "department", "code": UNIT},
               "location": {"grid": grid, "community": community, "street": street},
               "resident": f"resident-{index:05d}", "submitter_role": "resident", **fields}
    return Envelope(name=name, id=str(uuid.uuid4()), correlation_id="bench", occurred_at=at, source="workorders",
                    payload=payload)


def _order_events(index: int) -> list[Any]:
    case = f"BENCH-{index:06d}"
    at = START + timedelta(minutes=index)
    iso = at.isoformat()
    return [
        _envelope("workorders.order.created", case, index, at, kind="complaint", priority="normal", channel="portal"),
        _envelope("workorders.order.dispatched", case, index, at, dispatched_at=iso, sign_deadline=iso, due_date=iso),
        _envelope("workorders.order.signed", case, index, at, signed_at=iso, on_time=index % 10 != 0),
        _envelope("workorders.order.replied", case, index, at + timedelta(days=2), replied_at=(at + timedelta(days=2)).isoformat(),
                  overdue=False, rating_deadline=(at + timedelta(days=17)).isoformat()),
    ]


def main(replayed: int = REPLAYED, queries: int = QUERIES) -> None:
    _environment()
    with in_process_stack("rating"):
        import app
        from chalice.test import Client
        from chalicelib import wiring
        from chalicelib.domain.figures import Delta
        from chalicelib.rebuild import rebuild

        from shared import aws, clock
        from shared.auth import issue_local_token

        handle_event = wiring.service().consume

        calls: Counter[str] = Counter()

        def count(model: Any, **_: Any) -> None:
            calls[f"{model.service_model.service_name}.{model.name}"] += 1

        for client in (aws.client("dynamodb"), aws.client("sns"), aws.resource("dynamodb").meta.client):
            client.meta.events.register("before-call", count)

        # --- consumed events ---
        events = [e for i in range(replayed) for e in _order_events(i)]
        started = time.perf_counter()
        calls.clear()
        for envelope in events:
            handle_event(envelope)
        replay = time.perf_counter() - started
        fresh_calls = sum(calls.values())
        print(f"consumed {len(events)} events ({replayed} orders x 4) in {replay:.1f} s "
              f"({replay / len(events) * 1000:.0f} ms each, mostly moto copying the table per transaction item)")
        print(f"AWS calls per consumed event: {fresh_calls / len(events):.2f}  ({dict(calls)})")
        calls.clear()
        redelivered = events[:200]
        for envelope in redelivered:
            assert not handle_event(envelope), "a redelivery must change nothing"
        print(f"AWS calls per redelivered event: {sum(calls.values()) / len(redelivered):.2f}"
              " (the cancelled transaction; counters unchanged)")

        # --- ratings through the HTTP app ---
        clock.set_clock(START + timedelta(days=3, hours=6))  # within the rating window of every order
        with Client(app.app) as http:
            def rate(index: int, level: int) -> dict[str, Any]:
                headers = {"Authorization": f"Bearer {issue_local_token(f'resident-{index:05d}', 'resident')}",
                           "Content-Type": "application/json"}
                body = json.dumps({"subject": {"kind": "workorder", "id": f"BENCH-{index:06d}"}, "level": level})
                response = http.http.post("/ratings", body=body, headers=headers)
                assert response.status_code == 201, response.body
                answer: dict[str, Any] = json.loads(response.body)
                return answer

            half = replayed // 2
            rectifications: dict[int, str] = {}  # index -> the rectification its bad rating opened
            for label, indexes, level in (("good rating (level 4-5)", range(0, half), 5),
                                          ("bad rating (level 1-2, opens a rectification)", range(half, replayed), 1)):
                calls.clear()
                for index in indexes:
                    rated = rate(index, level)
                    if "rectification_id" in rated:
                        rectifications[index] = rated["rectification_id"]
                print(f"AWS calls per {label}: {sum(calls.values()) / len(indexes):.2f}  ({dict(calls)})")

            # Re-ratings after a completed rectification (the bad ones above).
            unit_staff = {"Authorization": f"Bearer {issue_local_token('s-1', 'department', UNIT)}",
                          "Content-Type": "application/json"}
            rerated = range(half, min(half + 10, replayed))
            for index in rerated:
                rectification = rectifications[index]
                for step, note in (("callback", {"note": "called back"}), ("outcome", {"outcome": "fixed"})):
                    answer = http.http.post(f"/rectifications/{rectification}/{step}", body=json.dumps(note), headers=unit_staff)
                    assert answer.status_code == 200, answer.body
            calls.clear()
            for index in rerated:
                rate(index, 4)
            print(f"AWS calls per re-rating (replaces the bad one): {sum(calls.values()) / len(rerated):.2f}  ({dict(calls)})")

            # --- scores latency ---
            cc = {"Authorization": f"Bearer {issue_local_token('cc-1', 'command-centre', 'command-center')}"}

            def timed_scores(unit: str) -> tuple[list[float], int, dict[str, Any]]:
                http.http.get(f"/units/{unit}/scores?month={MONTH}", headers=cc)  # warm
                calls.clear()
                times = []
                for _ in range(queries):
                    started = time.perf_counter()
                    response = http.http.get(f"/units/{unit}/scores?month={MONTH}", headers=cc)
                    times.append(time.perf_counter() - started)
                assert response.status_code == 200
                return times, sum(calls.values()), json.loads(response.body)

            unit, unit_calls, unit_body = timed_scores(UNIT)
            print(f"scores of {UNIT} (replayed: {unit_body['counts']['dispatched']} orders dispatched, "
                  f"{unit_body['counts']['ratings']} ratings, response rate {unit_body['rates']['response_rate']}): "
                  f"p50 {percentile(unit, 0.5) * 1000:.2f} ms, {unit_calls / queries:.2f} DynamoDB calls per query")

            repo = wiring.repository()
            real = {k: int(v) for k, v in (repo.get_counter(UNIT, MONTH) or {}).items() if isinstance(v, int)}
            measured: dict[int, list[float]] = {}
            for orders, big_unit in zip(SCALES, ("housing", "ecology"), strict=True):
                repo.add_to_counter(Delta(big_unit, "department", MONTH, {k: v * orders // replayed for k, v in real.items()}))
                times, n_calls, scaled = timed_scores(big_unit)
                measured[orders] = times
                print(f"  {orders:>7,} orders behind {big_unit:<9}: p50 {percentile(times, 0.5) * 1000:6.2f} ms  "
                      f"p99 {percentile(times, 0.99) * 1000:6.2f} ms  mean {statistics.fmean(times) * 1000:6.2f} ms  "
                      f"DynamoDB calls per query {n_calls / queries:.2f}  (dispatched {scaled['counts']['dispatched']:,})")
            small, big = measured[SCALES[0]], measured[SCALES[1]]
            print(f"  ratio p50 100,000 / 1,000 orders: {percentile(big, 0.5) / percentile(small, 0.5):.2f} (goal ~1.0)")

            started = time.perf_counter()
            http.http.get(f"/rankings?kind=department&month={MONTH}")
            print(f"rankings (department, one index query): {(time.perf_counter() - started) * 1000:.2f} ms")

        started = time.perf_counter()
        report = rebuild(MONTH, MONTH, repository=wiring.repository())
        clock.set_clock(None)
        # The directly written counters have no history behind them, so they differ by design.
        wrong = [d for d in report.differences if d.unit not in ("housing", "ecology")]
        print(f"rebuild of {MONTH}: {report.history_entries} history entries, {report.counters_checked} counters, "
              f"{len(wrong)} differences, {time.perf_counter() - started:.1f} s")


def smoke() -> None:
    """Every step of main() at a tiny size: proves the benchmark still runs on the current code."""
    main(replayed=4, queries=3)


if __name__ == "__main__":
    main()
