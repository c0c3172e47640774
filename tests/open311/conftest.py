from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import channel_stack, drain_json, use_service

use_service("open311")

SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "open311-schemas"


@pytest.fixture(scope="module")
def stack() -> Iterator[Any]:
    with channel_stack("open311") as aws_stack:
        yield aws_stack


@pytest.fixture(scope="module")
def client(stack: Any) -> Iterator[Any]:
    import app
    from chalice.test import Client

    with Client(app.app) as test_client:
        yield test_client


def validator(name: str) -> Any:
    """A jsonschema validator for one of the Open311 schemas, $refs resolved from the folder."""
    from jsonschema import Draft7Validator, FormatChecker
    from referencing import Registry, Resource

    registry = Registry().with_resources(
        (p.name, Resource.from_contents({**json.loads(p.read_text()), "$schema": "http://json-schema.org/draft-07/schema#"}))
        for p in SCHEMAS.glob("*.json")
    )
    schema = json.loads((SCHEMAS / name).read_text())
    return Draft7Validator(schema, registry=registry, format_checker=FormatChecker())


def commands(stack: Any) -> list[dict[str, Any]]:
    return drain_json(stack)
