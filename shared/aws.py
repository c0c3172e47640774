"""AWS clients created once per container (Lambda reuses them across invocations)."""

from __future__ import annotations

from functools import cache
from typing import Any

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


@cache
def client(service: str) -> Any:
    return boto3.session.Session().client(service, **_kwargs())  # type: ignore[call-overload]


@cache
def resource(service: str) -> Any:
    return boto3.session.Session().resource(service, **_kwargs())  # type: ignore[call-overload]


def table(name: str | None = None) -> Any:
    """The service's own table (TABLE_NAME) unless another name is given."""
    return resource("dynamodb").Table(name or get_settings().table_name)


def reset_clients() -> None:
    """For tests: clients must be created inside moto's mock."""
    client.cache_clear()
    resource.cache_clear()
