from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import mocked_stack, use_service

use_service("open311")

SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "open311-schemas"
COMMANDS_QUEUE = "govportal-workorders-commands"


@pytest.fixture(scope="module")
def stack() -> Iterator[Any]:
    with pytest.MonkeyPatch.context() as patch, mocked_stack() as aws_stack:
        from shared import aws
        from shared.settings import reset_settings

        for name, value in aws_stack.service_env("open311").items():
            if name != "AWS_ENDPOINT_URL":
                patch.setenv(name, value)
        patch.delenv("AWS_ENDPOINT_URL", raising=False)
        reset_settings()
        aws.reset_clients()
        aws_stack.sqs.create_queue(QueueName=COMMANDS_QUEUE)  # owned by workorders (docs/CONTRACTS.md)
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
    url = stack.sqs.get_queue_url(QueueName=COMMANDS_QUEUE)["QueueUrl"]
    out = []
    while True:
        batch = stack.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
        if not batch:
            return out
        for message in batch:
            out.append(json.loads(message["Body"]))
            stack.sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
