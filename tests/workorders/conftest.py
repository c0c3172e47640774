from tests.conftest import use_service

use_service("workorders")


import json  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from datetime import UTC, datetime, timedelta, timezone  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402

from tests.conftest import listen_to_topic, service_environment, token  # noqa: E402

CHINA = timezone(timedelta(hours=8))
# A Monday morning that is a working day in China.
MONDAY_9AM = datetime(2026, 11, 23, 9, 0, tzinfo=CHINA)
GRID = "JN-S01-C01-G01"


@pytest.fixture
def stack(aws_stack: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """moto with every resource, the service's environment, the seeded routing rules, the
    clock frozen on a working Monday, and a queue that receives every published event."""
    service_environment(aws_stack, "workorders", monkeypatch)
    from chalicelib import seed

    from shared import clock

    seed.load()
    clock.set_clock(MONDAY_9AM.astimezone(UTC))
    yield aws_stack
    clock.set_clock(None)


class Outbox:
    """An SQS queue subscribed (raw) to the service's topic: what consumers would receive."""

    def __init__(self, stack: Any) -> None:
        self._drain = listen_to_topic(stack, stack.created["WorkordersEventsTopic"]["Ref"], "test-workorders-outbox")
        self.seen: list[dict[str, Any]] = []

    def drain(self) -> list[dict[str, Any]]:
        new = [json.loads(m["Body"]) for m in self._drain()]
        self.seen += new
        return new

    def names(self) -> list[str]:
        return [e["name"] for e in self.drain()]


@pytest.fixture
def outbox(stack: Any) -> Outbox:
    return Outbox(stack)


@pytest.fixture
def client(stack: Any) -> Iterator[Any]:
    import app
    from chalice.test import Client

    with Client(app.app) as test_client:
        yield test_client


def grid_point(code: str = GRID) -> dict[str, float]:
    from shared.geo import district

    lon, lat = district().grid_by_code[code]["point"]
    return {"lon": lon, "lat": lat}


def call(client: Any, method: str, path: str, headers: dict[str, str], body: Any = None) -> Any:
    """Calls the app with its public path: the gateway maps /workorders/... to the app's /...."""
    if path.startswith("/workorders"):
        rest = path[len("/workorders"):]
        path = rest if rest.startswith("/") else "/" + rest
    kwargs: dict[str, Any] = {"headers": {**headers, "Content-Type": "application/json"}}
    if body is not None:
        kwargs["body"] = json.dumps(body, ensure_ascii=False)
    return getattr(client.http, method.lower())(path, **kwargs)


RESIDENT = token("resident", "resident-1")
OTHER_RESIDENT = token("resident", "resident-2")
CENTRE = token("command-centre", "cc-1", "command-center")
URBAN = token("department", "um-1", "urban-management")
WATER = token("department", "water-1", "water")
STREET = token("street", "st-1", "JN-S01")
OTHER_STREET = token("street", "st-2", "JN-S02")
COMMUNITY = token("community", "co-1", "JN-S01-C01")
GRID_WORKER = token("grid-worker", "gw-1", GRID)
