"""SQS consumers: workorders events (projection + deliveries queued) and the deliveries
queue (one attempt per message, as Lambda delivers them)."""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from chalicelib import wiring
from chalicelib.models.api import DeliveryMessage
from shared.messaging import Envelope, sqs_batch_handler
from shared.observability import logger


def handle_event(envelope: Envelope) -> None:
    wiring.service().on_event(envelope)


inbox_handler = sqs_batch_handler(handle_event)

_deliveries = BatchProcessor(event_type=EventType.SQS)


def _deliver_record(record: SQSRecord) -> None:
    message = DeliveryMessage.model_validate(json.loads(record.body))
    outcome = wiring.service().deliver(message)
    logger.info("delivery attempt", extra={"delivery_id": message.delivery_id, "outcome": outcome})


def deliveries_handler(raw_event: dict[str, Any]) -> dict[str, Any]:
    return dict(process_partial_response(event=raw_event, record_handler=_deliver_record, processor=_deliveries))
