"""Builds the service with its DynamoDB and messaging adapters, once per container (and
again when tests reset the AWS clients)."""

from __future__ import annotations

from chalicelib.adapters.messaging import NotificationsOutbox, TopicEvents
from chalicelib.adapters.repository import DynamoRepository
from chalicelib.domain.booking import BookingService
from shared import aws
from shared.settings import get_settings

_built: dict[tuple[str, int], tuple[DynamoRepository, BookingService]] = {}


def _build() -> tuple[DynamoRepository, BookingService]:
    marker = (get_settings().table_name, id(aws.client("dynamodb")))
    if marker not in _built:
        _built.clear()
        repository = DynamoRepository()
        _built[marker] = (repository, BookingService(repository, TopicEvents()))
    return _built[marker]


def repository() -> DynamoRepository:
    return _build()[0]


def service() -> BookingService:
    return _build()[1]


def outbox() -> NotificationsOutbox:
    return NotificationsOutbox()
