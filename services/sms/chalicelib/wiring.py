"""The composition root: the service with its DynamoDB, SQS and SMS adapters, built once
per container (and again when tests reset the AWS clients)."""

from __future__ import annotations

from datetime import datetime

from chalicelib.adapters import sender as sender_module
from chalicelib.adapters.commands import QueueCommands
from chalicelib.adapters.directory import FileDirectory
from chalicelib.adapters.repository import DynamoStore
from chalicelib.adapters.sender import PinpointSender
from chalicelib.adapters.vault import FernetVault
from chalicelib.domain.policy import CHINA
from chalicelib.service import Config, SmsService
from chalicelib.settings import sms_settings
from shared import aws


def now() -> datetime:
    return datetime.now(CHINA)


@aws.PerContainer
def service() -> SmsService:
    sender_module.reset()
    settings = sms_settings()
    return SmsService(
        store=DynamoStore(),
        sender=PinpointSender(settings.origination_identity, settings.configuration_set),
        commands=QueueCommands(
            {
                "workorders": settings.workorders_commands_queue_url,
                "rating": settings.rating_commands_queue_url,
                "booking": settings.booking_commands_queue_url,
            }
        ),
        vault=FernetVault(settings.data_key),
        directory=FileDirectory(),
        clock=now,
        config=Config(signature=settings.signature, hourly_limit=settings.hourly_limit, quiet_hours=settings.quiet_hours),
    )
