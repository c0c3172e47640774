"""The service's SQS consumers and schedules, as Lambda calls them (app.py registers them)."""

from __future__ import annotations

from chalicelib.consumer import handle_event
from chalicelib.service import handle_command, sweep_outbox
from shared.messaging import sqs_batch_handler

# Work-order and booking events (govportal-rating-inbox) and channels' commands
# (govportal-rating-commands): partial batch failures, redelivery dead-letters.
inbox = sqs_batch_handler(handle_event)
commands = sqs_batch_handler(handle_command)


def republish_outbox() -> dict[str, int]:
    """Republishes events whose publish failed after their change was committed."""
    return {"republished": sweep_outbox()}
