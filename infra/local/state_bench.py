"""How long the local stack takes to save and reload its state with N work orders.

    python -m infra.local.state_bench [--orders 10000]

Fills moto (in-process) with N orders shaped like the work-orders service's items (the
order, its track entries, its index rows), then times infra.local.moto_server's snapshot
and restore, which are what a `make run` restart or a restarted moto pays.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path
from tempfile import TemporaryDirectory


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=10_000)
    args = parser.parse_args()
    os.environ.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION="us-east-1")
    from moto import mock_aws

    from infra.local import moto_server
    from infra.local.stack import Stack

    with mock_aws(), TemporaryDirectory() as folder:
        stack = Stack(None)
        stack.create_all()
        table = stack.created["WorkordersTable"]["Ref"]
        started = time.perf_counter()
        text = "小区门口路灯不亮好几天了,晚上黑漆漆的,老人孩子出门不方便" * 3
        with_batch = []
        for n in range(args.orders):
            case = f"261122-{n:06d}"
            with_batch.append({"pk": {"S": f"WO#{case}"}, "sk": {"S": "ORDER"}, "text": {"S": text}, "status": {"S": "dispatched"},
                               "gsi1pk": {"S": "UNIT#urban-management"}, "gsi1sk": {"S": f"2026-11-22T10:00:00+08:00#{case}"},
                               "gsi2pk": {"S": "RESIDENT#r-1001"}, "gsi2sk": {"S": case}})
            for step in ("submitted", "dispatched"):
                with_batch.append({"pk": {"S": f"WO#{case}"}, "sk": {"S": f"TRACK#{step}"}, "note": {"S": text[:40]}})
        client = stack.dynamodb
        for i in range(0, len(with_batch), 25):
            client.batch_write_item(RequestItems={table: [{"PutRequest": {"Item": item}} for item in with_batch[i:i + 25]]})
        print(f"{args.orders} orders ({len(with_batch)} items) written in {time.perf_counter() - started:.1f}s")
        path = Path(folder) / "moto-state.pickle"
        seconds = moto_server.snapshot(path)
        print(f"snapshot: {seconds:.2f}s, {path.stat().st_size / 1e6:.1f} MB")
        started = time.perf_counter()
        moto_server.restore(path)
        print(f"restore: {time.perf_counter() - started:.2f}s")
        count = sum(page["Count"] for page in client.get_paginator("scan").paginate(TableName=table, Select="COUNT"))
        print(f"items after restore: {count}")


if __name__ == "__main__":
    main()
