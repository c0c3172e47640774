"""The hotspot consumer: workorders.order.created from the service's own topic, delivered
over SQS (govportal-workorders-hotspots) as Lambda delivers it; app.py registers it."""

from __future__ import annotations

from chalicelib.hotspot_service import HotspotService
from shared.messaging import Envelope, sqs_batch_handler


def _assess(envelope: Envelope) -> None:
    HotspotService().on_event(envelope)


order_events = sqs_batch_handler(_assess)

__all__ = ["order_events"]
