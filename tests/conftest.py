"""Fixtures for every test group. Each group (tests/<service>) runs in its own pytest
process (tests/run_all.py), because every service has its own `chalicelib` package."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
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

    from infra.local import moto_fixes
    from infra.local.stack import Stack
    from shared import aws, idempotency
    from shared.settings import reset_settings

    moto_fixes.apply()
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
        self._snapshots: dict[str, dict[str, Any]] = {}

    def seeded(self, name: str, seed: Callable[[], Any]) -> None:
        """Runs `seed` the first time; later tests of the module get the tables as `seed`
        left them, restored from a copy (seeding through the API takes a second or two)."""
        import copy

        dynamodb = self._backends()[0]
        if name in self._snapshots:
            for table, items in self._snapshots[name].items():
                dynamodb.tables[table].items = copy.deepcopy(items)
            return
        seed()
        self._snapshots[name] = {table: copy.deepcopy(dynamodb.tables[table].items) for table in self._tables}

    def get(self) -> Any:
        if self.stack is None:
            self._context = mocked_stack()
            self.stack = self._context.__enter__()
            dynamodb, sqs, sns = self._backends()
            self._tables, self._queues, self._subscriptions = set(dynamodb.tables), set(sqs.queues), set(sns.subscriptions)
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

    def _backends(self) -> tuple[Any, Any, Any]:
        # moto's own models: emptying them directly takes microseconds, where the same
        # through the API (scan, delete, purge, unsubscribe) takes about a second.
        from moto.core import DEFAULT_ACCOUNT_ID
        from moto.dynamodb.models import dynamodb_backends
        from moto.sns.models import sns_backends
        from moto.sqs.models import sqs_backends

        region = self.stack.region
        return (dynamodb_backends[DEFAULT_ACCOUNT_ID][region], sqs_backends[DEFAULT_ACCOUNT_ID][region],
                sns_backends[DEFAULT_ACCOUNT_ID][region])

    def _clean(self) -> None:
        dynamodb, sqs, sns = self._backends()
        if not self._tables <= set(dynamodb.tables):
            self.close()
            self.get()
            return
        for name in set(dynamodb.tables) - self._tables:
            dynamodb.delete_table(name)
        for name in self._tables:
            dynamodb.tables[name].items.clear()
        for arn in set(sns.subscriptions) - self._subscriptions:
            sns.unsubscribe(arn)
        for name in set(sqs.queues):
            if name in self._queues:
                sqs.purge_queue(name)
            else:
                sqs.delete_queue(name)

    def close(self) -> None:
        if self._context is not None:
            self._context.__exit__(None, None, None)
        self._context, self.stack, self.dirty = None, None, False
        self._snapshots.clear()


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


@contextlib.contextmanager
def channel_stack(service: str, **env: str) -> Iterator[Any]:
    """A mocked stack for a channel's test module, in `service`'s environment (chalice.json's,
    plus `env`), with the workorders commands queue the channels send to (docs/CONTRACTS.md)."""
    with pytest.MonkeyPatch.context() as patch, mocked_stack() as stack:
        from shared import aws
        from shared.settings import reset_settings

        for name, value in {**stack.service_env(service), **env}.items():
            if name != "AWS_ENDPOINT_URL":
                patch.setenv(name, value)
        patch.delenv("AWS_ENDPOINT_URL", raising=False)
        reset_settings()
        aws.reset_clients()
        stack.sqs.create_queue(QueueName=COMMANDS_QUEUE)
        yield stack


COMMANDS_QUEUE = "govportal-workorders-commands"


def drain_json(stack: Any, queue_name: str = COMMANDS_QUEUE) -> list[dict[str, Any]]:
    """Every message waiting on the queue, parsed, and deleted: what its consumer would get."""
    import json

    url = stack.sqs.get_queue_url(QueueName=queue_name)["QueueUrl"]
    out = []
    while True:
        batch = stack.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
        if not batch:
            return out
        for message in batch:
            out.append(json.loads(message["Body"]))
            stack.sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])


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
