"""The local stand-in for Lambda's event source mappings and schedules.

SQS: long-polls each queue a handler is bound to, hands it a batch as Lambda does, deletes
the records that succeeded and leaves the ones in batchItemFailures (or the whole batch if
the function raised) to come back after the visibility timeout; after maxReceiveCount
receives, the queue's redrive policy moves them to the dead-letter queue.
Schedules: runs scheduled handlers at their rate.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from typing import Any

import boto3

from infra.local.lambda_events import LambdaContext, scheduled_event, sqs_event
from shared.observability import logger

Handler = Callable[[dict[str, Any], Any], Any]


class SqsPump:
    def __init__(self, handler: Handler, function_name: str, queue_name: str, batch_size: int, *, endpoint: str, region: str) -> None:
        self.handler = handler
        self.function_name = function_name
        self.batch_size = min(batch_size, 10)
        self.region = region
        self.sqs = boto3.client("sqs", endpoint_url=endpoint, region_name=region)
        self.queue_url = self.sqs.get_queue_url(QueueName=queue_name)["QueueUrl"]
        self.queue_arn = self.sqs.get_queue_attributes(QueueUrl=self.queue_url, AttributeNames=["QueueArn"])["Attributes"][
            "QueueArn"
        ]

    def poll_once(self, wait_seconds: int = 1) -> tuple[int, int]:
        """One receive and one invocation. Returns (delivered, failed)."""
        response = self.sqs.receive_message(
            QueueUrl=self.queue_url,
            MaxNumberOfMessages=self.batch_size,
            WaitTimeSeconds=wait_seconds,
            AttributeNames=["All"],
            MessageAttributeNames=["All"],
        )
        messages = response.get("Messages", [])
        if not messages:
            return 0, 0
        event = sqs_event(messages, self.queue_arn, self.region)
        failed_ids: set[str]
        try:
            result = self.handler(event, LambdaContext(self.function_name))
            failures = (result or {}).get("batchItemFailures", []) if isinstance(result, dict) else []
            failed_ids = {f["itemIdentifier"] for f in failures}
        except Exception:
            logger.exception("handler raised: whole batch will be retried", extra={"function": self.function_name})
            failed_ids = {m["MessageId"] for m in messages}
        done = [m for m in messages if m["MessageId"] not in failed_ids]
        if done:
            self.sqs.delete_message_batch(
                QueueUrl=self.queue_url,
                Entries=[{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(done)],
            )
        return len(messages), len(failed_ids)

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                self.poll_once()
            except Exception:
                logger.exception("pump error", extra={"function": self.function_name})
                stop.wait(2)


_RATE = re.compile(r"rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)")


def rate_seconds(expression: str) -> int:
    match = _RATE.fullmatch(expression.strip())
    if not match:
        raise ValueError(f"local schedules support rate(...) expressions only, got {expression!r}")
    n, unit = int(match.group(1)), match.group(2)
    return n * {"minute": 60, "hour": 3600, "day": 86400}[unit.rstrip("s")]


class Scheduler:
    def __init__(self, handler: Handler, function_name: str, expression: str, region: str, speedup: float = 1.0) -> None:
        self.handler = handler
        self.function_name = function_name
        self.period = max(1.0, rate_seconds(expression) / speedup)
        self.region = region

    def fire(self) -> Any:
        return self.handler(scheduled_event(f"arn:aws:events:{self.region}:123456789012:rule/{self.function_name}", self.region), LambdaContext(self.function_name))

    def run(self, stop: threading.Event) -> None:
        while not stop.wait(self.period):
            try:
                self.fire()
            except Exception:
                logger.exception("scheduled handler failed", extra={"function": self.function_name})


def describe(result: Any) -> str:
    return json.dumps(result, default=str)[:200]
