"""The composition root: the use cases with their DynamoDB repository and events adapter
(shared.events, the table's outbox), built once per container (and again when tests reset the AWS clients). Routes and
handlers get what they need from here and never build adapters themselves."""

from __future__ import annotations

from chalicelib.adapters.repository import Repository
from chalicelib.service import RatingService, get_config
from shared import aws
from shared.events import Events
from shared.settings import get_settings

_built: dict[tuple[str, int], tuple[Repository, Events, RatingService]] = {}


def _build() -> tuple[Repository, Events, RatingService]:
    marker = (get_settings().table_name, id(aws.client("dynamodb")))
    if marker not in _built:
        _built.clear()
        config = get_config()
        repository, events = Repository(config.history_shards), Events()  # the outbox on shared.clock
        _built[marker] = (repository, events, RatingService(repository, events, config))
    return _built[marker]


def repository() -> Repository:
    return _build()[0]


def events() -> Events:
    return _build()[1]


def service() -> RatingService:
    return _build()[2]
