"""AWS clients created once per container (Lambda reuses them across invocations)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cache
from typing import Any, Generic, TypeVar

import boto3
from botocore.config import Config

from shared.settings import get_settings

_CONFIG = Config(retries={"max_attempts": 3, "mode": "standard"}, connect_timeout=3, read_timeout=10)


def _kwargs() -> dict[str, Any]:
    settings = get_settings()
    kwargs: dict[str, Any] = {"region_name": settings.region, "config": _CONFIG}
    if settings.endpoint_url:  # empty string: not set
        kwargs["endpoint_url"] = settings.endpoint_url
    return kwargs


# One session for every client: it holds botocore's loader, so each service's model is read
# from disk once per process (about 150 ms for DynamoDB), not once per client. Creating
# clients from one session is not thread-safe (the local hosts serve from threads): a lock.
_SESSION_LOCK = threading.Lock()


@cache
def _session() -> boto3.session.Session:
    return boto3.session.Session()


@cache
def client(service: str) -> Any:
    with _SESSION_LOCK:
        return _session().client(service, **_kwargs())  # type: ignore[call-overload]


@cache
def resource(service: str) -> Any:
    with _SESSION_LOCK:
        return _session().resource(service, **_kwargs())  # type: ignore[call-overload]


def table(name: str | None = None) -> Any:
    """The service's own table (TABLE_NAME) unless another name is given."""
    return resource("dynamodb").Table(name or get_settings().table_name)


def reset_clients() -> None:
    """For tests: clients must be created inside moto's mock."""
    client.cache_clear()
    resource.cache_clear()


T = TypeVar("T")


class PerContainer(Generic[T]):
    """A composition root's `build`, run once per container (Lambda reuses it across
    invocations) and again only when the service's table or its DynamoDB client changed,
    which happens when tests reset the clients for another mocked stack.

        _build = PerContainer(lambda: Service(Repository(), Events()))
        def service() -> Service: return _build()
    """

    def __init__(self, build: Callable[[], T]) -> None:
        self._build = build
        self._marker: tuple[str, int] | None = None
        self._value: T | None = None

    def __call__(self) -> T:
        marker = (get_settings().table_name, id(client("dynamodb")))
        if self._value is None or marker != self._marker:
            self._value, self._marker = self._build(), marker
        return self._value

    def reset(self) -> None:
        """For tests: forget what was built (as a new container would)."""
        self._value = self._marker = None
