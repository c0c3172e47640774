"""The composition root, built once per container (again when tests reset AWS clients)."""

from __future__ import annotations

import os

from chalicelib.adapters.commands import CommandSender
from chalicelib.adapters.repository import DynamoRepository
from chalicelib.service import Open311Service
from shared import aws


@aws.PerContainer
def service() -> Open311Service:
    return Open311Service(DynamoRepository(), CommandSender(os.environ.get("WORKORDERS_COMMANDS_QUEUE_URL", "")))
