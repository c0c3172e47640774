"""Order events through the shared envelope and the table's transactional outbox: every
payload carries the order's common fields of the contract. A change's events are staged as
outbox items in the change's own transaction (`stage(...).puts`) and published after the
commit in one SNS PublishBatch call (`publish`); a failed publish stays in the outbox and is
republished by the schedule in app.py (`republish_stale`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from chalicelib import clock
from chalicelib.domain.workflow import Order
from shared.messaging import Envelope, Publisher, new_event
from shared.outbox import Outbox, Staged

OUTBOX_GRACE_SECONDS = 120  # leave the request that wrote an event time to publish it itself


def common_fields(order: Order) -> dict[str, Any]:
    return {
        "case_number": order["case_number"],
        "category": order.get("category"),
        "handler": order.get("handler"),
        "location": order.get("location"),
        "resident": order.get("resident"),
        "submitter_role": (order.get("submitter") or {}).get("role"),
    }


class OrderEvents:
    def __init__(self, topic_arn: str | None = None, now: Callable[[], datetime] = clock.now,
                 outbox: Outbox | None = None) -> None:
        self.now = now
        self.outbox = outbox or Outbox(publisher=Publisher(topic_arn) if topic_arn else None, now=now)

    def envelope(self, order: Order, name: str, fields: dict[str, Any], at: datetime | None = None) -> Envelope:
        # occurred_at is the moment of the change on the service's clock, as in the track.
        return new_event(name, {**common_fields(order), **fields}, occurred_at=at or self.now())

    def stage(self, order: Order, events: list[tuple[str, dict[str, Any]]], at: datetime | None = None) -> Staged:
        """The change's events as outbox items: put `staged.puts` in the change's transaction."""
        return self.outbox.stage([self.envelope(order, name, fields, at) for name, fields in events])

    def publish(self, staged: Staged) -> list[str]:
        """After the commit; never raises. Returns the ids SNS accepted."""
        return self.outbox.publish(staged)

    def republish_stale(self, older_than_seconds: float = OUTBOX_GRACE_SECONDS) -> int:
        return self.outbox.republish_stale(older_than_seconds)
