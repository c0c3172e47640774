"""The composition root: the catalogue service on its DynamoDB snapshot source, built once
per container (and again when tests reset the AWS clients or the table changes). Public
reads import nothing of authentication (pyjwt is loaded only when a route needs a token)."""

from __future__ import annotations

from chalicelib.adapters.repository import CatalogueRepository, check_interval_from_env
from chalicelib.service import CatalogueService
from shared import aws
from shared.settings import get_settings


def _compose() -> tuple[CatalogueRepository, CatalogueService]:
    repository = CatalogueRepository(get_settings().table_name, aws.client("dynamodb"), check_interval_from_env())
    return repository, CatalogueService(repository)


_build = aws.PerContainer(_compose)


def repository() -> CatalogueRepository:
    return _build()[0]


def service() -> CatalogueService:
    return _build()[1]


def reset() -> None:
    """For tests: forget the snapshot (as a new container would)."""
    _build.reset()
