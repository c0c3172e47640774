"""The local event pump delivers SQS batches as Lambda does: partial batch failures are
retried, then redriven to the dead-letter queue, from which `make replay-dlq` replays."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto.server import ThreadedMotoServer

from infra.local.pump import Scheduler, SqsPump, rate_seconds
from infra.replay import replay
from tests.bench.localstack import free_port


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


def make_queue(sqs: Any, name: str) -> str:
    dlq = sqs.create_queue(QueueName=f"{name}-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return sqs.create_queue(
        QueueName=name,
        Attributes={"VisibilityTimeout": "1", "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 2})},
    )["QueueUrl"]


def test_partial_failures_are_retried_then_dead_lettered_then_replayed(endpoint: str) -> None:
    sqs = boto3.client("sqs", endpoint_url=endpoint, region_name="us-east-1")
    url = make_queue(sqs, "pump-test")
    for body in ("ok-1", "bad", "ok-2"):
        sqs.send_message(QueueUrl=url, MessageBody=body)
    calls: list[list[str]] = []

    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        bodies = [r["body"] for r in event["Records"]]
        calls.append(bodies)
        assert all(r["eventSource"] == "aws:sqs" and r["attributes"]["ApproximateReceiveCount"] for r in event["Records"])
        assert context.get_remaining_time_in_millis() > 0
        return {"batchItemFailures": [{"itemIdentifier": r["messageId"]} for r in event["Records"] if r["body"] == "bad"]}

    pump = SqsPump(handler, "fn", "pump-test", 10, endpoint=endpoint, region="us-east-1")
    deadline = time.time() + 20
    while time.time() < deadline:
        pump.poll_once(wait_seconds=1)
        dlq = sqs.get_queue_url(QueueName="pump-test-dlq")["QueueUrl"]
        attrs = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["ApproximateNumberOfMessages"])["Attributes"]
        if attrs["ApproximateNumberOfMessages"] == "1":
            break
    delivered = [b for batch in calls for b in batch]
    assert delivered.count("ok-1") == 1 and delivered.count("ok-2") == 1  # succeeded once, deleted
    assert delivered.count("bad") == 2  # maxReceiveCount, then the DLQ
    assert replay(sqs, "pump-test") == 1
    message = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1)["Messages"][0]
    assert message["Body"] == "bad"


def test_a_raising_handler_leaves_the_whole_batch(endpoint: str) -> None:
    sqs = boto3.client("sqs", endpoint_url=endpoint, region_name="us-east-1")
    url = make_queue(sqs, "pump-raise")
    sqs.send_message(QueueUrl=url, MessageBody="x")

    def handler(event: dict[str, Any], context: Any) -> None:
        raise RuntimeError("all failed")

    pump = SqsPump(handler, "fn", "pump-raise", 10, endpoint=endpoint, region="us-east-1")
    assert pump.poll_once() == (1, 1)
    time.sleep(1.2)
    assert len(sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1).get("Messages", [])) == 1


def test_schedules_parse_rates_and_deliver_scheduled_events() -> None:
    assert rate_seconds("rate(5 minutes)") == 300
    assert rate_seconds("rate(1 hour)") == 3600
    with pytest.raises(ValueError):
        rate_seconds("cron(0 1 * * ? *)")
    seen: list[dict[str, Any]] = []
    Scheduler(lambda e, c: seen.append(e), "tick", "rate(1 minute)", "us-east-1").fire()
    assert seen[0]["detail-type"] == "Scheduled Event"
