"""SMS channel figures (run only this: `.venv/bin/python -m tests.bench.sms_bench`).

1. AWS calls per inbound text and per notification, in-process on moto (counted with
   botocore's before-call hook; the SMS send itself is counted as 1 call).
2. Time from an inbound text published (POST /_local/sms/inbound) to its reply recorded
   (GET /_local/sms/messages) on the real local stack, p50/p99 over 50 texts. Reports
   ("received" with the case number) when the workorders commands queue exists, else
   status queries answered from the channel's own projection (stated in the output).
3. The cost of 10,000 notifications a day: segments per text measured here x the price.
"""

from __future__ import annotations

import json
import os
import sys
import time
import urllib.parse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SERVICE = ROOT / "services" / "sms"
sys.path[:0] = [str(ROOT), str(SERVICE)]

from tests.bench.common import in_process_stack, percentile, prepare  # noqa: E402

TEXTS = 50
# AWS End User Messaging SMS price to China (CN), USD per outbound message part. The
# published figure could not be verified from this machine (the pricing page,
# https://aws.amazon.com/end-user-messaging/pricing/, is not in the reachable sources):
# set SMS_PRICE_CN_USD to the current figure from that page.
PRICE_ENV = "SMS_PRICE_CN_USD"


def calls_per_text() -> dict[str, float]:
    prepare(ROOT, SERVICE)
    with in_process_stack("sms") as stack:
        from shared import aws

        for name in ("govportal-workorders-commands", "govportal-rating-commands"):
            stack.sqs.create_queue(QueueName=name)
        from datetime import datetime

        from chalicelib import wiring
        from chalicelib.models.inbound import InboundText

        from shared.identity import resident_subject
        from shared.messaging import Envelope
        from tests.sms.fakes import FakeSender

        service = wiring.service()
        sender = FakeSender()
        service.sender = sender
        service.clock = lambda: datetime.fromisoformat("2026-11-23T10:00:00+08:00")
        counted: list[str] = []

        def count(event_name: str, **_: Any) -> None:
            counted.append(event_name)

        for client in (aws.client("sqs"), aws.resource("dynamodb").meta.client):
            client.meta.events.register("before-call.*.*", count)

        def measure(action: Any) -> int:
            counted.clear()
            sent = len(sender.sent)
            action()
            return len(counted) + (len(sender.sent) - sent)

        example = json.loads((ROOT / "events" / "sms" / "aws" / "inbound-text.json").read_text())
        reports, notices = [], []
        for n in range(20):
            number = f"+86138001{n:05d}"
            payload = {**example, "originationNumber": number, "inboundMessageId": f"bench-{n}"}
            reports.append(measure(lambda p=payload: service.receive(InboundText.model_validate(p))))
            closed = json.loads((ROOT / "events" / "workorders" / "workorders.order.closed.json").read_text())
            closed["id"] = f"evt-{n}"
            closed["payload"]["resident"] = resident_subject(number)
            notices.append(measure(lambda e=closed: service.on_event(Envelope.model_validate(e))))
        segments = [len(body) <= 70 for _, _, body in sender.sent]
        return {
            "per_inbound_report": sum(reports) / len(reports),
            "per_notification": sum(notices) / len(notices),
            "one_segment_share": sum(segments) / len(segments),
        }


def _http(method: str, url: str, body: dict[str, Any] | None = None) -> Any:
    import urllib.request

    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def inbound_to_reply() -> tuple[str, list[float]]:
    from tests.bench.localstack import local_stack

    with local_stack(["workorders", "rating", "booking", "sms"], SMS_QUIET_HOURS="false") as base:
        import boto3

        sqs = boto3.client("sqs", endpoint_url=base.aws_endpoint, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")  # type: ignore[attr-defined]
        reports = any(u.endswith("/govportal-workorders-commands") for u in sqs.list_queues().get("QueueUrls", []))
        kind = "report -> case number" if reports else "status query -> reply (workorders commands not merged)"
        times: list[float] = []
        for n in range(TEXTS):
            number = f"+86139001{n:05d}"
            body = "小区门口路灯不亮了" if reports else "CX261123-7A29CC"
            start = time.perf_counter()
            _http("POST", f"{base}/_local/sms/inbound", {"from": number, "text": body})
            while True:
                if _http("GET", f"{base}/_local/sms/messages?to={urllib.parse.quote(number)}"):
                    times.append(time.perf_counter() - start)
                    break
                if time.perf_counter() - start > 60:
                    raise TimeoutError(f"no reply to text {n}")
                time.sleep(0.01)
        return kind, times


def main() -> None:
    calls = calls_per_text()
    print("sms: AWS calls (in-process, moto)")
    print(f"  per inbound report text: {calls['per_inbound_report']:.1f}  per notification: {calls['per_notification']:.1f}")
    kind, times = inbound_to_reply()
    p50, p99 = percentile(times, 0.5) * 1000, percentile(times, 0.99) * 1000
    print(f"sms: inbound text to reply on the local stack ({kind}), {len(times)} texts: p50 {p50:.0f} ms, p99 {p99:.0f} ms")
    parts = 1 / calls["one_segment_share"] if calls["one_segment_share"] else 1
    price = os.environ.get(PRICE_ENV)
    monthly_parts = 10_000 * 30 * parts
    if price:
        print(f"sms: 10,000 notifications/day = {10_000 * parts:,.0f} parts/day; at {price} USD/part: "
              f"{10_000 * parts * float(price):,.2f} USD/day, {monthly_parts * float(price):,.0f} USD/30 days")
    else:
        print(f"sms: 10,000 notifications/day = {10_000 * parts:,.0f} parts/day ({calls['one_segment_share']:.0%} fit one segment); "
              f"cost = parts x the CN price per part (unverified here: set {PRICE_ENV}); per 0.01 USD/part: "
              f"{10_000 * parts * 0.01:,.0f} USD/day")


def smoke() -> None:
    """Part 1 only (part 2 needs the local stack; tests/foundation/test_benches.py): proves
    the benchmark still runs on the current code."""
    calls = calls_per_text()
    print(f"sms: per inbound report text: {calls['per_inbound_report']:.1f}  per notification: {calls['per_notification']:.1f}")


if __name__ == "__main__":
    main()
