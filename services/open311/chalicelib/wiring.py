"""The composition root, built once per container (again when tests reset AWS clients)."""

from __future__ import annotations

import os

from chalicelib.adapters.commands import CommandSender
from chalicelib.adapters.repository import DynamoRepository
from chalicelib.service import Open311Service
from shared import aws
from shared.settings import get_settings

_built: dict[tuple[str, int], Open311Service] = {}


def service() -> Open311Service:
    marker = (get_settings().table_name, id(aws.client("dynamodb")))
    if marker not in _built:
        _built.clear()
        _built[marker] = Open311Service(DynamoRepository(), CommandSender(os.environ.get("WORKORDERS_COMMANDS_QUEUE_URL", "")))
    return _built[marker]
