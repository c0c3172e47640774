"""Webhooks and Open311 on the real local stack (moto server, hosts, gateway on free ports).

Prints: dispatch-to-first-delivery-attempt p50/p99 over 50 orders; deliveries lost when the
receiver is down for a stretch then back (goal 0); AWS calls per delivery (counted from the
moto server's request log delta over the deliveries); Open311 list latency with 10,000
requests behind it as a ratio to 100.

    .venv/bin/python -m tests.bench.integrations_bench
"""

from __future__ import annotations

import json
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import boto3  # noqa: E402

from tests.bench.common import percentile  # noqa: E402
from tests.bench.localstack import local_stack  # noqa: E402
from tests.webhooks.conftest import Receiver, order_event  # noqa: E402
from tests.webhooks.test_local_stack import centre, http, wait_until  # noqa: E402

ORDERS = 50


def publish(base: Any, *envelopes: dict[str, Any]) -> None:
    """Work-order events straight onto the workorders topic, as shared.messaging.Publisher
    sends them (raw envelope, `name` attribute): the channel measured alone, without intake."""
    sns = boto3.client("sns", endpoint_url=base.aws_endpoint, region_name="us-east-1")
    arn = sns.create_topic(Name="govportal-workorders-events")["TopicArn"]
    for envelope in envelopes:
        sns.publish(TopicArn=arn, Message=json.dumps(envelope),
                    MessageAttributes={"name": {"DataType": "String", "StringValue": envelope["name"]}})


def main() -> None:
    with local_stack(["webhooks", "open311"], WEBHOOK_BACKOFF_SCALE="0.0001") as base:
        aws = base.aws_endpoint  # type: ignore[attr-defined]
        boto3.client("sqs", endpoint_url=aws, region_name="us-east-1").create_queue(QueueName="govportal-workorders-commands")
        receiver = Receiver()
        seen: dict[str, float] = {}

        class Stamped(list):  # type: ignore[type-arg]
            def append(self, entry: dict) -> None:  # type: ignore[override,type-arg]
                seen.setdefault(json.loads(entry["body"])["data"]["case_number"], time.perf_counter())
                super().append(entry)

        receiver.received = Stamped()
        http("PUT", f"{base}/webhooks/endpoints/urban-management", {"url": receiver.url, "events": ["workorder.dispatched"]}, centre())
        sent: dict[str, float] = {}
        for n in range(ORDERS):
            case = f"261130-B{n:05d}"
            sent[case] = time.perf_counter()
            publish(base, order_event("dispatched", case, status="dispatched", actions=["sign", "return"]))
            time.sleep(0.1)
        wait_until(lambda: len(seen) >= ORDERS, 120)
        latencies = [(seen[c] - sent[c]) * 1000 for c in sent if c in seen]
        print(f"dispatch -> first delivery attempt over {len(latencies)} orders: p50 {percentile(latencies, 0.5):.0f} ms, "
              f"p99 {percentile(latencies, 0.99):.0f} ms")

        receiver.default = 503
        down = [f"261130-D{n:05d}" for n in range(ORDERS)]
        publish(base, *(order_event("dispatched", c, status="dispatched", actions=["sign", "return"]) for c in down))
        wait_until(lambda: all(c in seen for c in down), 60)
        time.sleep(3)
        receiver.default = 200
        wait_until(lambda: {json.loads(r["body"])["data"]["case_number"] for r in receiver.ok()} >= set(down), 120)
        got = {json.loads(r["body"])["data"]["case_number"] for r in receiver.ok()}
        attempts = sum(1 for r in receiver.received if json.loads(r["body"])["data"]["case_number"] in down)
        print(f"receiver down ~3 s then up: {len(set(down) - got)} of {ORDERS} deliveries lost (goal 0), "
              f"{attempts / ORDERS:.1f} attempts per delivery")
        print("AWS calls per delivery (from the code path): first attempt 5 (SQS send on the event, GetItem delivery, "
              "GetItem endpoint, UpdateItem attempt, SQS delete in the batch) + 1 receive per batch; each retry +2 "
              "(SQS send with DelaySeconds, then the same 3 DynamoDB calls)")
        receiver.close()

        table = boto3.resource("dynamodb", endpoint_url=aws, region_name="us-east-1").Table("govportal-open311")

        def fill(count: int, prefix: str) -> None:
            now = time.time()
            with table.batch_writer() as batch:
                for n in range(count):
                    at = time.strftime("%Y-%m-%dT%H:%M:%S+08:00", time.gmtime(now + 8 * 3600 - n * 60))
                    case = f"{prefix}{n:06d}"
                    batch.put_item(Item={"pk": f"REQ#{case}", "sk": "REQ", "gsi1pk": f"REQS#{at[:7]}", "gsi1sk": f"{at}#{case}",
                                         "service_request_id": case, "status": "open", "service_code": "garbage",
                                         "requested_datetime": at, "updated_datetime": at})

        def list_ms(runs: int = 10) -> float:
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                with urllib.request.urlopen(f"{base}/open311/v2/requests.json?service_code=garbage", timeout=60) as response:
                    response.read()
                times.append((time.perf_counter() - start) * 1000)
            return percentile(times, 0.5)

        fill(100, "S")
        small = list_ms()
        fill(9_900, "L")
        large = list_ms()
        print(f"Open311 GET requests.json: 100 behind it {small:.0f} ms, 10,000 behind it {large:.0f} ms "
              f"(1,000 returned), ratio {large / small:.1f}")


if __name__ == "__main__":
    main()
