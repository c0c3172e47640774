"""Publishes the rating service's events (rating.*) to its SNS topic."""

from __future__ import annotations

from typing import Any

from shared.messaging import Envelope, Publisher, new_event


class EventPublisher:
    def __init__(self) -> None:
        self.publisher = Publisher()

    def publish(self, name: str, payload: dict[str, Any]) -> Envelope:
        envelope = new_event(name, payload)
        self.publisher.publish(envelope)
        return envelope
