"""The composition root: the service with its DynamoDB, SQS and HTTP adapters, built once
per container (and again when tests reset the AWS clients)."""

from __future__ import annotations

from chalicelib.adapters.queues import DeliveryQueue
from chalicelib.adapters.repository import DynamoRepository
from chalicelib.adapters.secrets import SecretBox, new_secret
from chalicelib.adapters.sender import HttpSender
from chalicelib.config import get_config
from chalicelib.service import WebhooksService
from shared import aws
from shared.messaging import CommandSender


@aws.PerContainer
def service() -> WebhooksService:
    config = get_config()
    return WebhooksService(
        DynamoRepository(),
        HttpSender(allow_local_http=config.allow_local_http, timeout_seconds=config.http_timeout_seconds),
        DeliveryQueue(config.deliveries_queue_url, config.deliveries_dlq_url),
        CommandSender(config.commands_queue_url),
        SecretBox(config.secret_key),
        new_secret=new_secret,
        allow_local_http=config.allow_local_http,
        backoff_scale=config.backoff_scale,
    )
