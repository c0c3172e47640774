"""Idempotency-Key handling with Powertools Idempotency on the service's idempotency table.

A retried request with the same key (and the same caller and body) gets the stored answer;
the same key with a different body is refused.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from aws_lambda_powertools.utilities.idempotency import (
    DynamoDBPersistenceLayer,
    IdempotencyConfig,
    idempotent_function,
)
from aws_lambda_powertools.utilities.idempotency.exceptions import (
    IdempotencyAlreadyInProgressError,
    IdempotencyValidationError,
)

from shared import aws
from shared.errors import Conflict, DomainError
from shared.settings import get_settings

DAY = 24 * 3600


@lru_cache(maxsize=1)
def _persistence() -> DynamoDBPersistenceLayer:
    return DynamoDBPersistenceLayer(
        table_name=get_settings().idempotency_table_name, boto3_client=aws.client("dynamodb")
    )


def reset() -> None:
    _persistence.cache_clear()


_CONFIG = IdempotencyConfig(
    event_key_jmespath="[scope, key]",
    payload_validation_jmespath="body",
    expires_after_seconds=DAY,
    use_local_cache=False,
)


# How long a key stays "in progress" when its request died mid-way (a stalled store, a killed
# process): API Gateway gives up on a request after 29 s, so by then the client has its
# answer (a 504) and a retry with the same key must be able to run.
IN_PROGRESS_SECONDS = 30


class _FunctionTimeout:
    """Stands in for the Lambda context when none is given: Powertools gives an in-progress
    record an expiry only from the context's remaining time, and without one a request
    that died mid-way would block its key for the whole day."""

    def get_remaining_time_in_millis(self) -> int:
        return IN_PROGRESS_SECONDS * 1000


def once(
    scope: str, key: str | None, body: Any, action: Callable[[], tuple[int, Any]], lambda_context: Any = None
) -> tuple[int, Any]:
    """Run `action` once per (scope, key); without a key it simply runs.

    `scope` should name the caller and the operation (e.g. "book:<subject>") so two callers
    cannot collide on a key. Domain errors are not stored: a retry after a 4xx runs again.
    """
    if not key:
        return action()
    _CONFIG.register_lambda_context(lambda_context or _FunctionTimeout())  # type: ignore[arg-type]
    body_hash = hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()

    @idempotent_function(data_keyword_argument="request", persistence_store=_persistence(), config=_CONFIG)
    def run(request: dict[str, Any]) -> dict[str, Any]:
        status, result = action()
        return {"status": status, "body": json.loads(json.dumps(result, default=str))}

    try:
        stored = run(request={"scope": scope, "key": key, "body": body_hash})
    except IdempotencyValidationError as exc:
        raise DomainError(
            "Idempotency-Key was already used with a different request", code="idempotency_key_reused"
        ) from exc
    except IdempotencyAlreadyInProgressError as exc:
        raise Conflict("a request with this Idempotency-Key is still in progress", code="in_progress") from exc
    return stored["status"], stored["body"]
