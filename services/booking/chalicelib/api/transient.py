"""Failures of the infrastructure (DynamoDB throttled or unreachable) become a clean 503
the client may retry with the same Idempotency-Key, instead of an anonymous 500."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from aws_lambda_powertools.utilities.idempotency.exceptions import IdempotencyPersistenceLayerError
from botocore.exceptions import ClientError, HTTPClientError
from botocore.exceptions import ConnectionError as BotoConnectionError

from shared.errors import DomainError
from shared.observability import logger

RETRYABLE_CODES = frozenset(
    {
        "ThrottlingException",
        "ProvisionedThroughputExceededException",
        "RequestLimitExceeded",
        "InternalServerError",
        "ServiceUnavailable",
        "TransactionInProgressException",
    }
)


class Unavailable(DomainError):
    status = 503
    code = "unavailable"


@contextlib.contextmanager
def transient_as_unavailable() -> Iterator[None]:
    try:
        yield
    except (BotoConnectionError, HTTPClientError, IdempotencyPersistenceLayerError) as exc:
        logger.warning("storage unreachable", extra={"error": type(exc).__name__})
        raise Unavailable("the booking store is busy; retry with the same Idempotency-Key") from exc
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code")
        server_side = int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0) >= 500
        if code not in RETRYABLE_CODES and not server_side:
            raise
        logger.warning("storage throttled or failing", extra={"error": code})
        raise Unavailable("the booking store is busy; retry with the same Idempotency-Key") from exc
