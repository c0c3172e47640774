from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import mocked_stack, service_environment, use_service

use_service("catalog")


def catalogue_source() -> dict[str, Any]:
    """The project's demo catalogue from shared/data, as `make run` seeds it."""
    from chalicelib.seed import default_source

    return default_source()


@pytest.fixture(scope="module")
def source() -> dict[str, Any]:
    return catalogue_source()


def _fresh_container() -> None:
    from chalicelib.wiring import reset as reset_repository

    reset_repository()


@pytest.fixture
def seeded_stack(aws_stack: Any, monkeypatch: pytest.MonkeyPatch, source: dict[str, Any]) -> Iterator[Any]:
    """A moto stack of its own with the catalogue seeded, for tests that change it."""
    from chalicelib import seed

    service_environment(aws_stack, "catalog", monkeypatch)
    seed.load(source)
    _fresh_container()
    yield aws_stack
    _fresh_container()


@pytest.fixture(scope="module")
def seeded(source: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The catalogue seeded into moto once per module, for tests that only read it."""
    from chalicelib import seed

    patch = pytest.MonkeyPatch()
    with mocked_stack() as stack:
        service_environment(stack, "catalog", patch)
        seed.load(source)
        _fresh_container()
        yield source
    patch.undo()
    _fresh_container()


@pytest.fixture(scope="module")
def client(seeded: dict[str, Any]) -> Iterator[Any]:
    import app
    from chalice.test import Client

    with Client(app.app) as test_client:
        yield test_client


class DynamoCalls:
    """Counts the DynamoDB API calls the service's client makes (botocore event hook)."""

    def __init__(self) -> None:
        self.operations: list[str] = []

    def __call__(self, model: Any, **_: Any) -> None:
        self.operations.append(model.name)

    def reset(self) -> None:
        self.operations.clear()

    def __len__(self) -> int:
        return len(self.operations)


@pytest.fixture
def dynamo_calls(seeded_stack: Any) -> DynamoCalls:
    from shared import aws

    counter = DynamoCalls()
    aws.client("dynamodb").meta.events.register("before-call.dynamodb", counter)
    return counter
