"""Service settings read from the environment (defaults follow the local stack)."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class WebhooksConfig:
    deliveries_queue_url: str
    deliveries_dlq_url: str
    commands_queue_url: str
    # Encrypts the signing secrets at rest (Fernet). Each deployed stage sets its own.
    secret_key: str
    # Local stack only: lets a demo receiver on http://127.0.0.1 get deliveries.
    allow_local_http: bool
    # Multiplies the backoff schedule; tests and benchmarks shrink it, AWS keeps 1.
    backoff_scale: float
    http_timeout_seconds: float = 15.0


def get_config() -> WebhooksConfig:
    stage = os.environ.get("STAGE", "local")
    local = stage in ("local", "test")
    default_allow = "true" if local else "false"
    return WebhooksConfig(
        deliveries_queue_url=os.environ.get("DELIVERIES_QUEUE_URL", ""),
        deliveries_dlq_url=os.environ.get("DELIVERIES_DLQ_URL", ""),
        commands_queue_url=os.environ.get("WORKORDERS_COMMANDS_QUEUE_URL", ""),
        secret_key=os.environ.get("WEBHOOKS_SECRET_KEY", "govportal-webhooks-local-key-not-a-secret" if local else ""),
        allow_local_http=local and os.environ.get("WEBHOOKS_ALLOW_LOCAL_HTTP", default_allow).lower() == "true",
        backoff_scale=float(os.environ.get("WEBHOOK_BACKOFF_SCALE", "1")),
        http_timeout_seconds=float(os.environ.get("WEBHOOK_HTTP_TIMEOUT", "15")),
    )
