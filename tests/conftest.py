"""Fixtures for every test group. Each group (tests/<service>) runs in its own pytest
process (tests/run_all.py), because every service has its own `chalicelib` package."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT / "events"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Never reach a real AWS account from a test.
os.environ.update(
    {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SECURITY_TOKEN": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "POWERTOOLS_TRACE_DISABLED": "true",
        "POWERTOOLS_METRICS_NAMESPACE": "GovPortal",
        "POWERTOOLS_DEV": "false",
        # ModuleStack empties the queues between tests (AWS allows one purge a minute).
        "MOTO_SQS_ENFORCE_STRICT_QUEUE_PURGE_BEHAVIOUR": "false",
    }
)
os.environ.pop("AWS_ENDPOINT_URL", None)


def use_service(service: str) -> None:
    """Puts services/<service> first on sys.path so `app` and `chalicelib` are that service's."""
    path = str(ROOT / "services" / service)
    if path not in sys.path:
        sys.path.insert(0, path)


@contextlib.contextmanager
def mocked_stack() -> Iterator[Any]:
    """moto's in-process mock with every resource of infra/ created from its definitions,
    and the shared library's cached settings and clients reset on both sides."""
    from moto import mock_aws

    from infra.local.stack import Stack
    from shared import aws, idempotency
    from shared.settings import reset_settings

    with mock_aws():
        reset_settings()
        aws.reset_clients()
        idempotency.reset()
        stack = Stack(None)
        stack.create_all()
        yield stack
    reset_settings()
    aws.reset_clients()
    idempotency.reset()


class ModuleStack:
    """One mocked stack for a whole test module, made clean between tests: creating every
    service's tables, queues, topics and subscriptions costs about a second, emptying them a
    few milliseconds. A test that removed one of the stack's tables gets a new stack."""

    def __init__(self) -> None:
        self._context: contextlib.AbstractContextManager[Any] | None = None
        self.stack: Any = None
        self.dirty = False

    def get(self) -> Any:
        if self.stack is None:
            self._context = mocked_stack()
            self.stack = self._context.__enter__()
            self._tables = set(self.stack.dynamodb.list_tables()["TableNames"])
            self._queues = set(self.stack.sqs.list_queues().get("QueueUrls", []))
            self._subscriptions = {s["SubscriptionArn"] for s in self.stack.sns.list_subscriptions()["Subscriptions"]}
        elif self.dirty:
            self._clean()
        self.dirty = True
        self._fresh_clients()
        return self.stack

    @staticmethod
    def _fresh_clients() -> None:
        from shared import aws, clock, idempotency
        from shared.settings import reset_settings

        reset_settings()
        aws.reset_clients()
        idempotency.reset()
        clock.set_clock(None)

    def _clean(self) -> None:
        stack = self.stack
        tables = set(stack.dynamodb.list_tables()["TableNames"])
        if not self._tables <= tables:
            self.close()
            self.get()
            return
        for name in tables - self._tables:
            stack.dynamodb.delete_table(TableName=name)
        for name in self._tables:
            keys = [k["AttributeName"] for k in stack.dynamodb.describe_table(TableName=name)["Table"]["KeySchema"]]
            scan: dict[str, Any] = {"TableName": name, "ProjectionExpression": ", ".join(f"#k{n}" for n in range(len(keys))),
                                    "ExpressionAttributeNames": {f"#k{n}": k for n, k in enumerate(keys)}}
            while True:
                page = stack.dynamodb.scan(**scan)
                for item in page.get("Items", []):
                    stack.dynamodb.delete_item(TableName=name, Key=item)
                if "LastEvaluatedKey" not in page:
                    break
                scan["ExclusiveStartKey"] = page["LastEvaluatedKey"]
        for subscription in stack.sns.list_subscriptions()["Subscriptions"]:
            if subscription["SubscriptionArn"] not in self._subscriptions:
                stack.sns.unsubscribe(SubscriptionArn=subscription["SubscriptionArn"])
        for url in stack.sqs.list_queues().get("QueueUrls", []):
            if url in self._queues:
                stack.sqs.purge_queue(QueueUrl=url)
            else:
                stack.sqs.delete_queue(QueueUrl=url)

    def close(self) -> None:
        if self._context is not None:
            self._context.__exit__(None, None, None)
        self._context, self.stack, self.dirty = None, None, False


@pytest.fixture(scope="module")
def module_stack() -> Iterator[ModuleStack]:
    shared_stack = ModuleStack()
    yield shared_stack
    shared_stack.close()


@pytest.fixture
def aws_stack(module_stack: ModuleStack) -> Iterator[Any]:
    """The module's mocked stack, empty: no items, no messages, no extra queues or
    subscriptions left by an earlier test."""
    yield module_stack.get()


def service_environment(stack: Any, service: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from shared import aws, idempotency
    from shared.settings import reset_settings

    for name, value in stack.service_env(service).items():
        if name != "AWS_ENDPOINT_URL":
            monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    reset_settings()
    aws.reset_clients()
    idempotency.reset()


def token(role: str, subject: str, unit: str | None = None) -> dict[str, str]:
    from shared.auth import issue_local_token

    return {"Authorization": f"Bearer {issue_local_token(subject, role, unit)}"}


def load_event(path: str) -> dict[str, Any]:
    import json

    return json.loads((EVENTS / path).read_text())


def listen_to_topic(stack: Any, topic_arn: str, queue_name: str) -> Any:
    """Subscribes a fresh queue (raw delivery, as the services' inboxes) to a topic and
    returns drain(): the SQS messages (Body, MessageAttributes) that arrived since the last
    call, deleted from the queue. This is what a consumer of the topic receives."""
    url = stack.sqs.create_queue(QueueName=queue_name)["QueueUrl"]
    arn = stack.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    stack.sns.subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=arn, Attributes={"RawMessageDelivery": "true"})

    def drain() -> list[dict[str, Any]]:
        received: list[dict[str, Any]] = []
        while True:
            batch = stack.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, MessageAttributeNames=["All"]).get(
                "Messages", []
            )
            if not batch:
                return received
            for message in batch:
                received.append(message)
                stack.sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])

    return drain
