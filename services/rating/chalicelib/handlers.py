"""The service's SQS consumers and schedules, as Lambda calls them (app.py registers them),
calling the use cases from wiring (the outbox republisher is shared.events's)."""

from __future__ import annotations

from chalicelib import wiring
from shared.messaging import Envelope, sqs_batch_handler


def _consume(envelope: Envelope) -> bool:
    return wiring.service().consume(envelope)


def _command(envelope: Envelope) -> str:
    return wiring.service().handle_command(envelope)


# Work-order and booking events (govportal-rating-inbox) and channels' commands
# (govportal-rating-commands): partial batch failures, redelivery dead-letters.
inbox = sqs_batch_handler(_consume)
commands = sqs_batch_handler(_command)
