"""Fixtures of the shared library's tests on moto: the booking service's environment (any
service with an outbox would do), a clock the test moves, and what the topic's consumers get."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.conftest import listen_to_topic, service_environment

START = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


class Clock:
    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def stack(aws_stack: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    service_environment(aws_stack, "booking", monkeypatch)
    yield aws_stack


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def published(stack: Any) -> Callable[[], list[dict[str, Any]]]:
    """Drains a raw SQS subscription of the service's topic: what consumers receive, each
    envelope with the SNS `name` attribute it came with as `_name_attribute`."""
    from shared.settings import get_settings

    drain = listen_to_topic(stack, get_settings().events_topic_arn, "test-topic-published")

    def bodies() -> list[dict[str, Any]]:
        return [
            {**json.loads(m["Body"]), "_name_attribute": m.get("MessageAttributes", {}).get("name", {}).get("StringValue")}
            for m in drain()
        ]

    return bodies
