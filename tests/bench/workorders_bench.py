"""Work-order intake benchmark (moto in-process): `make bench` calls main().

Figures, each with the ratio it is judged by:
- AWS calls per intake, by operation (goal: one write and one publish; reads listed apart),
  counted with botocore event hooks on the service's clients.
- Intake latency as a ratio to the bare AWS calls it makes: the same intakes timed end to
  end (service layer, and through the HTTP route) against the time spent inside those calls.
- Writes per partition key when 300 intakes a second are simulated: every item a real
  intake writes is recorded (table key and GSI keys) and turned into writes per second per
  key, to compare with DynamoDB's 1,000 write units per second per partition.
Triage figures are in the triage benchmark. The use cases come from chalicelib.wiring, as
the app's routes and handlers get them.

`smoke()` runs the same steps at a tiny size (tests/foundation/test_benches.py), so the
benchmark cannot silently stop running when the service moves on.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SERVICE = ROOT / "services" / "workorders"
for path in (str(ROOT), str(SERVICE)):
    if path not in sys.path:
        sys.path.insert(0, path)

RATE = 300  # intakes per second to simulate
SIMULATED_SECONDS = 2
PARTITION_LIMIT = 1000  # write units per second per partition
os.environ.update({"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_DEFAULT_REGION": "us-east-1",
                   "POWERTOOLS_TRACE_DISABLED": "true", "POWERTOOLS_METRICS_NAMESPACE": "GovPortal"})
os.environ.pop("AWS_ENDPOINT_URL", None)

from tests.bench.common import in_process_stack  # noqa: E402


class CallMeter:
    """Counts and times every AWS call of the given botocore clients."""

    def __init__(self, clients: list[Any]) -> None:
        self.calls: Counter[str] = Counter()
        self.seconds = 0.0
        self.params: list[tuple[str, dict[str, Any]]] = []
        self._started: dict[int, float] = {}
        for client in clients:
            client.meta.events.register("provide-client-params.*.*", self._params)
            client.meta.events.register("before-send.*.*", self._before)
            client.meta.events.register("after-call.*.*", self._after)

    def _params(self, params: dict[str, Any], model: Any, **_: Any) -> None:
        self.calls[f"{model.service_model.service_name}.{model.name}"] += 1
        self.params.append((model.name, params))

    def _before(self, request: Any, **_: Any) -> None:
        self._started[id(request)] = time.perf_counter()
        self._last = time.perf_counter()

    def _after(self, **_: Any) -> None:
        self.seconds += time.perf_counter() - self._last

    def reset(self) -> None:
        self.calls.clear()
        self.params.clear()
        self.seconds = 0.0


@contextlib.contextmanager
def transactions_recorded(client: Any, recorded: list[tuple[str, dict[str, Any]]]) -> Iterator[None]:
    """The client's TransactWriteItems are recorded and answered as successes without being
    sent (a `before-call` answer short-circuits botocore); every other call still goes to moto."""

    def record(params: dict[str, Any], **_: Any) -> None:
        recorded.append(("TransactWriteItems", params))

    def succeed(**_: Any) -> tuple[Any, dict[str, Any]]:
        return SimpleNamespace(status_code=200, headers={}), {}

    events = client.meta.events
    events.register("provide-client-params.dynamodb.TransactWriteItems", record)
    events.register_first("before-call.dynamodb.TransactWriteItems", succeed)
    try:
        yield
    finally:
        events.unregister("provide-client-params.dynamodb.TransactWriteItems", record)
        events.unregister("before-call.dynamodb.TransactWriteItems", succeed)


def random_point(rng: random.Random) -> dict[str, float]:
    from shared.geo import district

    geo = district()
    grid = rng.choice(geo.grids)
    xs = [p[0] for p in grid["polygon"]]
    ys = [p[1] for p in grid["polygon"]]
    while True:
        lon, lat = rng.uniform(min(xs), max(xs)), rng.uniform(min(ys), max(ys))
        if geo.locate(lon, lat):
            return {"lon": round(lon, 6), "lat": round(lat, 6)}


def written_keys(params: list[tuple[str, dict[str, Any]]]) -> list[str]:
    """Every table and GSI key the recorded writes touched (one entry per item write)."""
    keys: list[str] = []
    for operation, request in params:
        if operation not in ("TransactWriteItems", "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem"):
            continue
        for op in request.get("TransactItems", []):
            kind, body = next(iter(op.items()))
            item = body.get("Item") or body.get("Key") or {}
            keys.append("table " + item["pk"]["S"])
            for index in ("gsi1pk", "gsi2pk"):
                if index in item:
                    keys.append(f"{index[:4]} " + item[index]["S"])
    return keys


@contextlib.contextmanager
def fresh_service() -> Iterator[Any]:
    """moto in-process with every resource and the seeded rules; yields the app module."""
    from shared import idempotency

    with in_process_stack("workorders"):
        idempotency.reset()
        import app
        from chalicelib import seed

        seed.load()
        yield app


def meter_for_service() -> CallMeter:
    from shared import aws

    return CallMeter([aws.client("dynamodb"), aws.client("sns"), aws.resource("dynamodb").meta.client])


def main(rounds: int = 50, simulated: int = RATE * SIMULATED_SECONDS) -> None:
    """`rounds`: intakes measured per figure; `simulated`: intakes recorded for the writes per key."""
    texts = [json.loads(line)["text"] for line in (ROOT / "tests" / "data" / "triage-dev.jsonl").read_text().splitlines() if line]
    rng = random.Random(7)
    print("workorders: intake")
    with fresh_service() as app:
        from chalice.test import Client
        from chalicelib import wiring
        from chalicelib.models.requests import IntakeIn

        from shared import aws
        from shared.auth import Principal, Role, issue_local_token

        def resident() -> Principal:
            return Principal(subject=f"resident-{rng.randrange(50_000)}", role=Role.RESIDENT)

        def body() -> dict[str, Any]:
            return {"text": rng.choice(texts), "location": random_point(rng)}

        meter = meter_for_service()
        service = wiring.service()
        service.intake(resident(), IntakeIn.model_validate(body()))  # warm: triage lexicon, clients

        # --- calls per intake -------------------------------------------------------------
        meter.reset()
        for _ in range(rounds):
            service.intake(resident(), IntakeIn.model_validate(body()))
        print(f"  AWS calls per intake (mean of {rounds}; point locations; category by triage from dev-set texts):")
        writes = publishes = reads = 0.0
        for name, count in sorted(meter.calls.items()):
            per = count / rounds
            print(f"    {name:40s} {per:5.2f}")
            if name.endswith(("TransactWriteItems", "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem")):
                writes += per
            elif name.startswith("sns."):
                publishes += per
            else:
                reads += per
        print(f"  writes per intake {writes:.2f} (goal 1)   publishes per intake {publishes:.2f} (goal 1)"
              f"   reads {reads:.2f} (routing rules + near-duplicate cell)")
        print("  (the second write is the outbox delete after the publish: the price of never losing an event;"
              " an Idempotency-Key adds the idempotency table's own put and update)")

    with fresh_service() as app:
        service = wiring.service()
        meter = meter_for_service()
        service.intake(resident(), IntakeIn.model_validate(body()))
        samples, in_calls = [], []
        for _ in range(rounds):
            request = IntakeIn.model_validate(body())
            meter.reset()
            start = time.perf_counter()
            service.intake(resident(), request)
            samples.append(time.perf_counter() - start)
            in_calls.append(meter.seconds)
        total, bare = statistics.median(samples), statistics.median(in_calls)
        print(f"  service intake median {total * 1000:6.1f} ms; inside its AWS calls {bare * 1000:6.1f} ms;"
              f" own work {(total - bare) * 1000:5.1f} ms; ratio {total / bare:4.2f} (1.00: all time is the bare calls)")

    with fresh_service() as app:
        meter = meter_for_service()
        headers = {"Authorization": "Bearer " + issue_local_token("bench-resident", "resident"), "Content-Type": "application/json"}
        http_samples, http_calls = [], []
        with Client(app.app) as client:
            client.http.post("/", headers=headers, body=json.dumps(body(), ensure_ascii=False))
            for _ in range(rounds):
                payload = json.dumps(body(), ensure_ascii=False)
                meter.reset()
                start = time.perf_counter()
                response = client.http.post("/", headers=headers, body=payload)
                http_samples.append(time.perf_counter() - start)
                http_calls.append(meter.seconds)
                assert response.status_code == 201, response.body
        total, bare = statistics.median(http_samples), statistics.median(http_calls)
        print(f"  POST /workorders median {total * 1000:6.1f} ms; inside its AWS calls {bare * 1000:6.1f} ms;"
              f" own work {(total - bare) * 1000:5.1f} ms; ratio {total / bare:4.2f}")
        print("  (moto answers in-process and copies its tables on every transaction, so these are not AWS latencies)")

    with fresh_service() as app:
        # moto copies every table for each TransactWriteItems (its rollback), so thousands of
        # real transactions would measure moto; here the transactions are recorded, not sent.
        # The items are exactly those a real intake writes (reads still go to moto).
        service = wiring.service()
        count = simulated
        seconds = count / RATE
        recorded: list[tuple[str, dict[str, Any]]] = []
        with transactions_recorded(aws.client("dynamodb"), recorded):
            for _ in range(count):
                service.intake(resident(), IntakeIn.model_validate(body()))
        items = sum(len(r.get("TransactItems", [])) for _, r in recorded)
        keys = Counter(written_keys(recorded))
        per_second = {k: v / seconds for k, v in keys.items()}
        table = {k: v for k, v in per_second.items() if k.startswith("table ")}
        gsi = {k: v for k, v in per_second.items() if not k.startswith("table ")}
        print(f"  writes per key at {RATE} intakes/s ({count} intakes simulated; {items / count:.1f} items per intake,"
              f" in its one transaction):")
        hottest = max(table, key=lambda k: table[k])
        print(f"    table partition keys: {len(table)}; hottest ({hottest.removeprefix('table ')}) {table[hottest]:.1f} item writes/s"
              f" ({table[hottest] * 2:.1f} transactional write units/s; ratio to the {PARTITION_LIMIT}/s limit"
              f" {table[hottest] * 2 / PARTITION_LIMIT:5.3f})")
        for name, rate in sorted(gsi.items(), key=lambda kv: -kv[1])[:8]:
            print(f"    {name:45s} {rate:6.1f} writes/s  ratio to the partition limit {rate / PARTITION_LIMIT:5.3f}")


def smoke() -> None:
    """Every step of main() at a tiny size: proves the benchmark still runs on the current code."""
    main(rounds=2, simulated=3)


if __name__ == "__main__":
    main()
