"""The composition root: the catalogue service on its DynamoDB snapshot source, built once
per container (and again when tests reset the AWS clients or the table changes). Public
reads import nothing of authentication (pyjwt is loaded only when a route needs a token)."""

from __future__ import annotations

from chalicelib.adapters.repository import CatalogueRepository, check_interval_from_env
from chalicelib.service import CatalogueService
from shared import aws
from shared.settings import get_settings

_built: dict[tuple[str, int], tuple[CatalogueRepository, CatalogueService]] = {}


def _build() -> tuple[CatalogueRepository, CatalogueService]:
    client = aws.client("dynamodb")
    marker = (get_settings().table_name, id(client))
    if marker not in _built:
        _built.clear()
        repository = CatalogueRepository(marker[0], client, check_interval_from_env())
        _built[marker] = (repository, CatalogueService(repository))
    return _built[marker]


def repository() -> CatalogueRepository:
    return _build()[0]


def service() -> CatalogueService:
    return _build()[1]


def reset() -> None:
    """For tests: forget the snapshot (as a new container would)."""
    _built.clear()
