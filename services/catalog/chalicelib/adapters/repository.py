"""Loads the whole catalogue from DynamoDB into an in-memory snapshot once per container
and reloads it only when the version item changes. The version is checked at most once
every CATALOG_VERSION_CHECK_SECONDS (default 30), so a warm search makes no DynamoDB call."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.adapters.records import PARTITIONS, VERSION_KEY, catalogue_from_rows
from chalicelib.domain.catalogue import Catalogue
from shared.errors import DomainError
from shared.observability import logger

DEFAULT_CHECK_SECONDS = 30.0


class CatalogueUnavailable(DomainError):
    status = 503
    code = "catalogue_unavailable"


def check_interval_from_env() -> float:
    raw = os.environ.get("CATALOG_VERSION_CHECK_SECONDS", "")
    try:
        return max(0.0, float(raw)) if raw else DEFAULT_CHECK_SECONDS
    except ValueError:
        logger.warning("CATALOG_VERSION_CHECK_SECONDS is not a number; using the default")
        return DEFAULT_CHECK_SECONDS


class CatalogueRepository:
    def __init__(
        self,
        table_name: str,
        client: Any,
        check_interval: float = DEFAULT_CHECK_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.table_name = table_name
        self.client = client
        self.check_interval = check_interval
        self.clock = clock
        self._snapshot: Catalogue | None = None
        self._checked_at = float("-inf")
        self._lock = threading.Lock()
        self.loads = 0

    def _version(self) -> str | None:
        found = self.client.get_item(
            TableName=self.table_name,
            Key={"pk": {"S": VERSION_KEY["pk"]}, "sk": {"S": VERSION_KEY["sk"]}},
            ProjectionExpression="#v",
            ExpressionAttributeNames={"#v": "value"},
            ConsistentRead=True,
        ).get("Item")
        return found["value"]["S"] if found else None

    def _partition(self, pk: str) -> list[tuple[str, dict[str, Any]]]:
        rows: list[tuple[str, dict[str, Any]]] = []
        kwargs: dict[str, Any] = {
            "TableName": self.table_name,
            "KeyConditionExpression": "pk = :pk",
            "ExpressionAttributeValues": {":pk": {"S": pk}},
            "ProjectionExpression": "sk, #d",
            "ExpressionAttributeNames": {"#d": "doc"},
        }
        while True:
            page = self.client.query(**kwargs)
            rows.extend((row["sk"]["S"], json.loads(row["doc"]["S"])) for row in page["Items"])
            if "LastEvaluatedKey" not in page:
                return rows
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def _load(self, version: str) -> Catalogue:
        rows = {pk: self._partition(pk) for pk in PARTITIONS}
        self.loads += 1
        return catalogue_from_rows(version, rows)

    def snapshot(self) -> Catalogue:
        """The current catalogue; DynamoDB is asked only when the check interval has passed."""
        if self._snapshot is not None and self.clock() - self._checked_at < self.check_interval:
            return self._snapshot
        with self._lock:
            if self._snapshot is not None and self.clock() - self._checked_at < self.check_interval:
                return self._snapshot
            try:
                version = self._version()
                if version is None:
                    raise CatalogueUnavailable("the catalogue has not been loaded yet; try again shortly",
                                               zh="事项目录尚未加载，请稍后重试")
                if self._snapshot is None or self._snapshot.version != version:
                    started = time.perf_counter()
                    self._snapshot = self._load(version)
                    logger.info(
                        "catalogue loaded",
                        extra={
                            "version": version,
                            "items": len(self._snapshot.items),
                            "seconds": round(time.perf_counter() - started, 3),
                        },
                    )
            except (ClientError, BotoCoreError) as exc:
                if self._snapshot is None:
                    logger.exception("catalogue could not be loaded")
                    raise CatalogueUnavailable("the catalogue is unavailable; try again shortly",
                                               zh="事项目录暂时不可用，请稍后重试") from exc
                # Keep answering from the snapshot we have; the next check tries again.
                logger.warning(
                    "catalogue version check failed; serving the current snapshot",
                    extra={"error": str(exc)},
                )
            self._checked_at = self.clock()
            return self._snapshot
