"""The composition root: the use cases with their DynamoDB repository and events adapter
(shared.events, the table's outbox), built once per container (and again when tests reset the AWS clients). Routes and
handlers get what they need from here and never build adapters themselves."""

from __future__ import annotations

from chalicelib.adapters.repository import Repository
from chalicelib.service import RatingService, get_config
from shared import aws
from shared.events import Events


def _compose() -> tuple[Repository, Events, RatingService]:
    config = get_config()
    repository, events = Repository(config.history_shards), Events()  # the outbox on shared.clock
    return repository, events, RatingService(repository, events, config)


_build = aws.PerContainer(_compose)


def repository() -> Repository:
    return _build()[0]


def events() -> Events:
    return _build()[1]


def service() -> RatingService:
    return _build()[2]
