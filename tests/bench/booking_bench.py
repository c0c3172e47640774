"""Booking benchmark.

1. DynamoDB calls per booking, counted with a botocore event hook in the service's own
   process (moto in-process, warm container): goal one TransactWriteItems.
2. On the real local stack (moto server + booking host + gateway, `local_stack`):
   booking latency through the gateway as a ratio to the bare DynamoDB transaction it makes,
   sent by boto3 straight to the same moto server.
3. 200 concurrent attempts on one 5-seat slot through the gateway: outcome counts (goal
   exactly 5 x 201, 195 x 409 slot_full, nothing else) and the seats really taken.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Collection
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from tests.bench.common import in_process_stack, percentile, prepare

ROOT = Path(__file__).resolve().parents[2]
SERVICE = ROOT / "services" / "booking"
ITEM = "JN-MZ-008"  # a real community item (20 minutes), also done at street centres
CENTRE = "ctr-JN-S01"  # 5 counters x 1: five seats per slot
SEQUENTIAL = 40
CONCURRENT = 200
CHINA = timezone(timedelta(hours=8))



def _environment() -> None:
    prepare(ROOT, SERVICE)


def _bookable_slots(get: Any, minimum_remaining: int) -> list[str]:
    """Slot starts with enough seats left, from tomorrow on, inside the booking window."""
    today = datetime.now(CHINA).date()
    starts: list[str] = []
    for offset in range(1, 14):
        day = today + timedelta(days=offset)
        for slot in get(f"/slots?item={ITEM}&centre={CENTRE}&date={day.isoformat()}")["slots"]:
            if slot["remaining"] >= minimum_remaining:
                starts.append(slot["start"])
    return starts


# -- 1. calls per booking, in-process ------------------------------------------------------
def calls_per_booking() -> None:
    with in_process_stack("booking"):
        from shared import aws, idempotency
        from shared.auth import issue_local_token

        idempotency.reset()

        import app
        from chalice.test import Client
        from chalicelib import seed

        seed.load()
        calls: list[str] = []
        aws.client("dynamodb").meta.events.register("before-call.dynamodb", lambda model, **_: calls.append(model.name))
        aws.resource("dynamodb").meta.client.meta.events.register(
            "before-call.dynamodb", lambda model, **_: calls.append(model.name)
        )
        with Client(app.app) as client:

            def get(path: str) -> Any:
                return client.http.get(path).json_body

            starts = _bookable_slots(get, 1)

            def book(n: int, start: str, key: str | None) -> list[str]:
                headers = {
                    "Authorization": f"Bearer {issue_local_token(f'bench-{n}', 'resident')}",
                    "Content-Type": "application/json",
                }
                if key:
                    headers["Idempotency-Key"] = key
                calls.clear()
                response = client.http.post(
                    "/appointments", body=json.dumps({"item": ITEM, "centre": CENTRE, "start": start}), headers=headers
                )
                assert response.status_code == 201, response.body
                return list(calls)

            first = book(0, starts[0], None)  # a fresh container reads the centre and the item once
            warm = book(1, starts[0], None)
            keyed = book(2, starts[0], "bench-key-2")
        print(
            f"DynamoDB calls, first booking in a fresh container (after one GET /slots): {len(first)} {Counter(first).most_common()}"
        )
        print(f"DynamoDB calls per warm booking: {len(warm)} {Counter(warm).most_common()}")
        print(
            f"  with an Idempotency-Key: {len(keyed)} {Counter(keyed).most_common()} (Powertools' record in the idempotency table)"
        )


# -- 2 and 3. the real local stack --------------------------------------------------------
def _http(
    method: str, url: str, body: dict[str, Any] | None = None, token: str | None = None, key: str | None = None
) -> tuple[int, Any]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if key:
        request.add_header("Idempotency-Key", key)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        payload = error.read()
        try:
            return error.code, json.loads(payload)
        except ValueError:
            return error.code, {"error": {"code": payload[:80].decode(errors="replace")}}


def book_until_answered(base: str, start: str, token: str, key: str, *, tries: int,
                        retry_statuses: Collection[int] = (), retried: Counter[str] | None = None) -> tuple[int, str]:
    """Books ITEM at CENTRE as a client in a crowd does: a dropped connection, a request still
    in progress and the `retry_statuses` are retried with the same Idempotency-Key (what the
    key is for), up to `tries` times; `retried` counts why. Returns (status, error code or "")."""
    for attempt in range(tries):
        try:
            status, answer = _http("POST", f"{base}/appointments", {"item": ITEM, "centre": CENTRE, "start": start},
                                   token, key=key)
        except (ConnectionError, urllib.error.URLError):
            why = "retried after a dropped connection"
        else:
            reason = (answer.get("error") or {}).get("code", "") if isinstance(answer, dict) else ""
            if status not in retry_statuses and reason != "in_progress":
                return status, reason
            why = f"retried after {status} {reason}"
        if retried is not None:
            retried[why] += 1
        time.sleep(min(1.0, 0.05 * (attempt + 1)))
    return 0, "gave up"


def _bare_transactions(endpoint: str, n: int) -> list[float]:
    """The same TransactWriteItems a booking sends (2 seat cells, appointment, day guard,
    active counter, code guard), sent straight to the moto server."""
    import boto3

    client = boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1")
    table = "govportal-booking"
    timings = []
    for _ in range(1):
        day = (date(2030, 1, 1) + timedelta(days=n)).isoformat()
        items: list[dict[str, Any]] = []
        for cell in ("0830", "0845"):
            items.append(
                {
                    "Update": {
                        "TableName": table,
                        "Key": {"pk": {"S": f"BENCH#CELLS#{day}"}, "sk": {"S": cell}},
                        "UpdateExpression": "SET #t = if_not_exists(#t, :z) + :o, #c = :cap",
                        "ConditionExpression": "attribute_not_exists(#t) OR #t < :cap",
                        "ExpressionAttributeNames": {"#t": "taken", "#c": "capacity"},
                        "ExpressionAttributeValues": {":z": {"N": "0"}, ":o": {"N": "1"}, ":cap": {"N": "5"}},
                    }
                }
            )
        for kind in ("APPT", "GUARD", "CODE"):
            items.append(
                {
                    "Put": {
                        "TableName": table,
                        "Item": {"pk": {"S": f"BENCH#{kind}#{n}"}, "sk": {"S": kind}, "x": {"S": "y" * 200}},
                        "ConditionExpression": "attribute_not_exists(pk)",
                    }
                }
            )
        items.append(
            {
                "Update": {
                    "TableName": table,
                    "Key": {"pk": {"S": f"BENCH#RESIDENT#{n}"}, "sk": {"S": "ACTIVE"}},
                    "UpdateExpression": "SET #a = if_not_exists(#a, :z) + :o",
                    "ConditionExpression": "attribute_not_exists(#a) OR #a < :m",
                    "ExpressionAttributeNames": {"#a": "active"},
                    "ExpressionAttributeValues": {":z": {"N": "0"}, ":o": {"N": "1"}, ":m": {"N": "3"}},
                }
            }
        )
        started = time.perf_counter()
        client.transact_write_items(TransactItems=items)
        timings.append(time.perf_counter() - started)
    return timings


def _wait(url: str, seconds: float = 120) -> None:
    deadline = time.time() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            if time.time() > deadline:
                raise TimeoutError(f"{url} did not come up") from None
            time.sleep(0.3)


def figures(label: str, base: str, moto_port: int) -> None:
    from shared.auth import issue_local_token

    print(f"--- {label}")

    def get(path: str) -> Any:
        status, body = _http("GET", f"{base}{path}")
        assert status == 200, body
        return body

    starts = _bookable_slots(get, 5)
    if len(starts) < SEQUENTIAL // 5 + 2:
        print("local stack: not enough free slots in the booking window; skipped")
        return
    race_start, sequential_starts = starts[0], starts[1:]

    # 2. The race, first while the table is small (moto copies a whole table per
    # transaction): 200 residents, one 5-seat slot, all released at once.
    tokens = [issue_local_token(f"race-{n}", "resident") for n in range(CONCURRENT)]
    barrier = threading.Barrier(CONCURRENT)

    resets = Counter[str]()

    def attempt(n: int) -> tuple[int, str]:
        barrier.wait()
        # The local servers' listen backlogs drop some of 200 simultaneous connections,
        # and an overloaded moto answers 503: retried too.
        return book_until_answered(base, race_start, tokens[n], f"race-{n}", tries=60, retry_statuses={502, 503},
                                   retried=resets)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=CONCURRENT) as pool:
        outcomes = Counter(pool.map(attempt, range(CONCURRENT)))
    elapsed = time.perf_counter() - started
    day = race_start[:10]
    remaining = next(
        s["remaining"] for s in get(f"/slots?item={ITEM}&centre={CENTRE}&date={day}")["slots"] if s["start"] == race_start
    )
    staff = issue_local_token("bench-staff", "street", "JN-S01")
    status, listing = _http("GET", f"{base}/centres/{CENTRE}/appointments?date={day}", token=staff)
    confirmed = sum(1 for a in listing.get("appointments", []) if a["start"] == race_start and a["status"] == "booked")
    print(f"{CONCURRENT} concurrent attempts on one 5-seat slot ({race_start}) in {elapsed:.1f} s:")
    for (code, reason), count in sorted(outcomes.items()):
        print(f"  {code} {reason or ''}: {count}")
    for what, count in resets.items():
        print(f"  ({what}: {count} times)")
    print(f"  seats remaining afterwards: {remaining}; confirmed appointments stored for the slot: {confirmed}")

    # 3. latency: sequential bookings by different residents, each slot filled in turn
    # Alternate bookings and bare transactions: moto slows down as its table grows.
    timings: list[float] = []
    bare: list[float] = []
    for n in range(SEQUENTIAL):
        token = issue_local_token(f"seq-{n}", "resident")
        body = {"item": ITEM, "centre": CENTRE, "start": sequential_starts[n // 5]}
        started = time.perf_counter()
        status, answer = _http("POST", f"{base}/appointments", body, token)
        timings.append(time.perf_counter() - started)
        assert status == 201, answer
        bare += _bare_transactions(f"http://127.0.0.1:{moto_port}", n)
    health = []
    for _ in range(SEQUENTIAL):
        started = time.perf_counter()
        _http("GET", f"{base}/health")
        health.append(time.perf_counter() - started)
    b50, t50, h50 = percentile(timings, 0.5), percentile(bare, 0.5), percentile(health, 0.5)
    print(f"{SEQUENTIAL} sequential bookings over HTTP: p50 {b50 * 1000:.1f} ms, p99 {percentile(timings, 0.99) * 1000:.1f} ms")
    print(f"  the bare TransactWriteItems to the same moto server: p50 {t50 * 1000:.1f} ms")
    print(f"  GET /health over the same path (no DynamoDB): p50 {h50 * 1000:.1f} ms")
    print(
        f"  ratio booking / bare DynamoDB transaction: {b50 / t50:.1f}x; (booking - empty route) / bare: {(b50 - h50) / t50:.1f}x"
    )


def main() -> None:
    _environment()
    calls_per_booking()
    from tests.bench.localstack import free_port, local_stack

    moto_port = free_port()
    with local_stack(services=["booking"], MOTO_PORT=str(moto_port)) as gateway:
        # make run's moto applies one DynamoDB request at a time, as DynamoDB is atomic per request.
        figures("the local stack as `make run` starts it (gateway, booking host, moto server)", f"{gateway}/booking", moto_port)


def smoke() -> None:
    """Part 1 only (parts 2 and 3 need the local stack; tests/foundation/test_benches.py):
    proves the benchmark still runs on the current code."""
    _environment()
    calls_per_booking()


if __name__ == "__main__":
    main()
