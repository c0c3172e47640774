"""The service's SQS consumers and schedules, as Lambda calls them (app.py registers them)."""

from __future__ import annotations

from chalicelib.adapters.publisher import OrderEvents
from chalicelib.service import Service
from shared.messaging import Envelope, sqs_batch_handler


def _consume(envelope: Envelope) -> None:
    Service().consume(envelope)


def _command(envelope: Envelope) -> None:
    Service().handle_command(envelope)


# Rating events (govportal-workorders-inbox) and channels' commands
# (govportal-workorders-commands): partial batch failures, redelivery dead-letters.
rating_events = sqs_batch_handler(_consume)
commands = sqs_batch_handler(_command)


def run_due() -> dict[str, int]:
    return Service().run_due()


def republish_outbox() -> dict[str, int]:
    """Events whose publish failed after their change was committed go out now."""
    return {"republished": OrderEvents().republish_stale()}


__all__ = ["commands", "rating_events", "republish_outbox", "run_due"]
