"""Helpers that more than one test group uses (fixtures stay in the conftest files): an SNS
that can be switched off, a Chalice schedule invoked as EventBridge invokes it, and waiting
for an effect that travels through queues on the local stack."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

import pytest


def _unreachable(self: Any, envelopes: Any) -> list[str]:
    raise ConnectionError("SNS unreachable")


class SnsSwitch:
    """`down()` makes every publish fail as an unreachable SNS does; `up()` restores it.
    The monkeypatch undoes both at the end of the test."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from shared.messaging import Publisher

        self._monkeypatch = monkeypatch
        self._publisher = Publisher
        self._real = Publisher.publish_many

    def down(self) -> None:
        self._monkeypatch.setattr(self._publisher, "publish_many", _unreachable)

    def up(self) -> None:
        self._monkeypatch.setattr(self._publisher, "publish_many", self._real)


def run_schedule(client: Any, handler: str = "republish_outbox", resources: Iterable[str] = ()) -> Any:
    """Invokes a scheduled handler of the app behind a chalice.test Client with the event
    EventBridge sends; returns the handler's answer."""
    event = client.events.generate_cw_event(source="aws.events", detail_type="Scheduled Event", detail={},
                                            resources=list(resources))
    return client.lambda_.invoke(handler, event).payload


def eventually(check: Callable[[], Any], seconds: float = 30) -> Any:
    """Events travel through SNS, SQS and the pump: polls `check` until it gives a true value
    or `seconds` pass, and returns its last value."""
    deadline = time.time() + seconds
    while True:
        result = check()
        if result or time.time() > deadline:
            return result
        time.sleep(0.5)
