"""Small helpers every benchmark uses."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile; share in 0..1 (0.5 for p50, 0.99 for p99)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def prepare(root: object, service: object) -> None:
    """sys.path and environment for a benchmark against moto in-process: the repository
    root (shared/) and the service (its chalicelib), fake credentials, quiet logs."""
    import os
    import sys

    for path in (str(root), str(service)):
        if path not in sys.path:
            sys.path.insert(0, path)
    os.environ.update(
        {
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": "us-east-1",
            "POWERTOOLS_TRACE_DISABLED": "true",
            "POWERTOOLS_LOG_LEVEL": "WARNING",
            "POWERTOOLS_METRICS_NAMESPACE": "GovPortal",
        }
    )
    os.environ.pop("AWS_ENDPOINT_URL", None)


@contextlib.contextmanager
def in_process_stack(service: str) -> Iterator[Any]:
    """moto in this process with every table, queue and topic `make run` creates
    (infra/local/stack.py), and the service's environment (its settings and AWS clients
    rebuilt); yields the Stack. Call `prepare` first."""
    import os

    from moto import mock_aws

    from infra.local import moto_fixes

    moto_fixes.apply()
    with mock_aws():
        from infra.local.stack import Stack
        from shared import aws
        from shared.settings import reset_settings

        stack = Stack(None)
        stack.create_all()
        os.environ.update({name: value for name, value in stack.service_env(service).items() if name != "AWS_ENDPOINT_URL"})
        reset_settings()
        aws.reset_clients()
        yield stack
