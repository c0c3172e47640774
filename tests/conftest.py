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


@pytest.fixture
def aws_stack() -> Iterator[Any]:
    with mocked_stack() as stack:
        yield stack


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
