"""SQS consumers and schedules, registered in app.py."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from chalicelib import wiring
from chalicelib.models.inbound import inbound_from_body
from shared.messaging import Envelope, sqs_batch_handler
from shared.observability import logger

_inbound_processor = BatchProcessor(event_type=EventType.SQS)


def _inbound_record(record: SQSRecord) -> None:
    inbound = inbound_from_body(record.body)
    outcome = wiring.service().receive(inbound)
    # The id only: the number and the text stay out of the log.
    logger.info("inbound text", extra={"inbound_message_id": inbound.inbound_message_id, "outcome": outcome})


def inbound(raw_event: dict[str, Any]) -> dict[str, Any]:
    """govportal-sms-inbound-queue: texts residents send (AWS End User Messaging payloads)."""
    return dict(process_partial_response(event=raw_event, record_handler=_inbound_record, processor=_inbound_processor))


def _event(envelope: Envelope) -> None:
    outcome = wiring.service().on_event(envelope)
    logger.info("event handled", extra={"event_name": envelope.name, "outcome": outcome})


events = sqs_batch_handler(_event)


def release_held(event: Any) -> dict[str, int]:
    """Texts that waited for the end of quiet hours or of the hourly limit."""
    return {"released": wiring.service().release_held()}
