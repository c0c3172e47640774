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
        if exc.response.get("Error", {}).get("Code") not in RETRYABLE_CODES:
            raise
        logger.warning("storage throttled", extra={"error": exc.response["Error"]["Code"]})
        raise Unavailable("the booking store is busy; retry with the same Idempotency-Key") from exc
