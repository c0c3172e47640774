"""The composition root: the use cases with their DynamoDB repository and the table's
outbox, built once per container (and again when tests reset the AWS clients). Routes and
handlers get what they need from here and never build adapters themselves."""

from __future__ import annotations

from chalicelib.adapters.repository import Repository
from chalicelib.service import RatingService, get_config
from shared import aws
from shared.outbox import Outbox
from shared.settings import get_settings

_built: dict[tuple[str, int], tuple[Repository, Outbox, RatingService]] = {}


def _build() -> tuple[Repository, Outbox, RatingService]:
    marker = (get_settings().table_name, id(aws.client("dynamodb")))
    if marker not in _built:
        _built.clear()
        config = get_config()
        repository, outbox = Repository(config.history_shards), Outbox()  # the outbox on shared.clock
        _built[marker] = (repository, outbox, RatingService(repository, outbox, config))
    return _built[marker]


def repository() -> Repository:
    return _build()[0]


def outbox() -> Outbox:
    return _build()[1]


def service() -> RatingService:
    return _build()[2]
