"""SQS consumer: workorders events build the requests' projection and the updates feed."""

from __future__ import annotations

from chalicelib import wiring
from shared.messaging import Envelope, sqs_batch_handler


def handle_event(envelope: Envelope) -> None:
    wiring.service().on_event(envelope)


inbox_handler = sqs_batch_handler(handle_event)
