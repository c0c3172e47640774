"""The local AWS's transactions (moto, as the local stack and the tests run it): a six-item
TransactWriteItems on a table of N items, with moto as released and with
infra.local.moto_fixes (each table copied once per transaction for its rollback, not once
per item). Each mode in a process of its own: the fix is applied process-wide."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def measure(fixed: bool, items: int, rounds: int) -> float:
    """Median milliseconds of a six-item transaction on a table of `items` items."""
    os.environ.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION="us-east-1")
    import boto3
    from moto import mock_aws

    if fixed:
        from infra.local import moto_fixes

        moto_fixes.apply()
    with mock_aws():
        dynamodb = boto3.client("dynamodb", region_name="us-east-1")
        dynamodb.create_table(TableName="orders", BillingMode="PAY_PER_REQUEST",
                              KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                              AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}])
        for n in range(items):
            dynamodb.put_item(TableName="orders", Item={"pk": {"S": f"ORDER#{n}"}, "text": {"S": "小区门口路灯不亮了" * 4},
                                                        "status": {"S": "dispatched"}, "handler": {"M": {"code": {"S": "urban-management"}}}})
        times = []
        for r in range(rounds):
            started = time.perf_counter()
            dynamodb.transact_write_items(TransactItems=[
                {"Put": {"TableName": "orders", "Item": {"pk": {"S": f"NEW#{r}#{i}"}}}} for i in range(6)])
            times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _in_own_process(fixed: bool, items: int, rounds: int) -> float:
    code = ("import sys; sys.path[:0] = [sys.argv[1]]; from tests.bench.localaws_bench import measure;"
            "print(measure(sys.argv[2] == 'fixed', int(sys.argv[3]), int(sys.argv[4])))")
    out = subprocess.run([sys.executable, "-c", code, str(ROOT), "fixed" if fixed else "moto", str(items), str(rounds)],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return float(out.stdout.strip().splitlines()[-1])


def run(sizes: tuple[int, ...], rounds: int) -> None:
    print("six-item transaction, median (moto as released -> with infra.local.moto_fixes):")
    for items in sizes:
        released, fixed = _in_own_process(False, items, rounds), _in_own_process(True, items, rounds)
        print(f"  table of {items:>5} items: {released:7.1f} ms -> {fixed:6.1f} ms  ratio {released / fixed:5.1f}")


def main() -> None:
    run((500, 2000, 5000), rounds=10)


def smoke() -> None:
    run((20,), rounds=2)
