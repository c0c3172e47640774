"""The composition root: the use cases with their DynamoDB and SNS adapters, built once per
container (and again when tests reset the AWS clients). Routes and handlers get what they
need from here and never build adapters themselves."""

from __future__ import annotations

from chalicelib.adapters.messaging import ReminderEvents
from chalicelib.adapters.repository import DynamoRepository
from chalicelib.service import BookingService
from shared import aws
from shared.events import Events


def _compose() -> tuple[DynamoRepository, Events, BookingService]:
    repository, events = DynamoRepository(), Events()  # the table's outbox, on shared.clock
    return repository, events, BookingService(repository, events)


_build = aws.PerContainer(_compose)


def repository() -> DynamoRepository:
    return _build()[0]


def events() -> Events:
    return _build()[1]


def service() -> BookingService:
    return _build()[2]


def outbox() -> ReminderEvents:
    return ReminderEvents()
