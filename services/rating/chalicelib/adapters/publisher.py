"""Publishes the rating service's events (rating.*) to its SNS topic through an outbox:
each envelope is written in the same transaction as the change it announces, published
right after, and removed; what a failed publish leaves behind is republished by the
scheduled sweep. Consumers dedupe by envelope id, so a republished event is harmless."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from chalicelib.adapters.repository import Repository, iso
from shared.messaging import Envelope, Publisher, new_event
from shared.observability import logger

OUTBOX_TTL = timedelta(days=7)


class EventPublisher:
    def __init__(self, repository: Repository | None = None) -> None:
        self.publisher = Publisher()
        self.repo = repository or Repository()

    @staticmethod
    def envelope(name: str, payload: dict[str, Any]) -> Envelope:
        return new_event(name, payload)

    def outbox_puts(self, envelopes: list[Envelope], now: datetime) -> list[dict[str, Any]]:
        """Transaction items that record the envelopes with the change itself."""
        return [
            self.repo.put({
                "pk": f"OUTBOX#{envelope.id}", "sk": "OUTBOX", "body": envelope.model_dump_json(),
                "gsi1pk": "OUTBOX", "gsi1sk": f"{iso(now.astimezone(UTC))}#{envelope.id}",
                "expires_at": int((now + OUTBOX_TTL).timestamp()),
            })
            for envelope in envelopes
        ]

    def flush(self, envelopes: list[Envelope]) -> None:
        """Publishes after the commit; a failure is logged and left to the sweep."""
        sent = []
        for envelope in envelopes:
            try:
                self.publisher.publish(envelope)
                sent.append(envelope.id)
            except Exception:  # the change is committed; the outbox keeps the event
                logger.exception("publish failed; left in the outbox", extra={"event_name": envelope.name})
        self.repo.delete_outbox(sent)

    def sweep(self, older_than: datetime) -> int:
        """Republishes what is still in the outbox from before `older_than`."""
        stuck = self.repo.outbox_before(iso(older_than.astimezone(UTC)))
        envelopes = [Envelope.model_validate_json(item["body"]) for item in stuck]
        self.flush(envelopes)
        return len(envelopes)
