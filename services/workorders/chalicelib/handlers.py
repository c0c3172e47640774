"""The service's SQS consumers and schedules, as Lambda calls them (app.py registers them),
calling the use cases from wiring (the outbox republisher is shared.events's)."""

from __future__ import annotations

from chalicelib import wiring
from shared.messaging import Envelope, sqs_batch_handler


def _consume(envelope: Envelope) -> None:
    wiring.service().consume(envelope)


def _command(envelope: Envelope) -> None:
    wiring.service().handle_command(envelope)


def _assess(envelope: Envelope) -> None:
    wiring.hotspots().on_event(envelope)


# Rating events (govportal-workorders-inbox), channels' commands (govportal-workorders-commands)
# and the service's own order.created for hotspots (govportal-workorders-hotspots): partial
# batch failures, redelivery dead-letters.
rating_events = sqs_batch_handler(_consume)
commands = sqs_batch_handler(_command)
order_events = sqs_batch_handler(_assess)


def run_due() -> dict[str, int]:
    return wiring.service().run_due()


__all__ = ["commands", "order_events", "rating_events", "run_due"]
