"""The events adapter every service uses: what a change announces and what a consumer has
already done, both committed in the change's own DynamoDB transaction.

    events = Events()                                  # the service's topic, its table's outbox
    staged = events.stage("booking.appointment.booked", payload)     # a model or a dict
    storage.transact([*change, *staged.puts])          # the change and its events together
    events.publish(staged)                             # after the commit; never raises

    republish_outbox = register_republish(app, wiring.events)       # in app.py

    inbox = Inbox()
    if inbox.seen(envelope.id): return                 # a redelivery: done before
    storage.transact([inbox.record(envelope.id), *change, *staged.puts])
    # ConditionFailed on the "inbox" item (inbox.raise_if_consumed): a duplicate raced us

- `Events` stages envelopes as outbox items (shared.outbox) for the change's transaction and
  publishes them after the commit; what a failed publish leaves behind goes out with
  `republish_stale`, which `register_republish` schedules on the service's Chalice app. Every
  service waits the same GRACE_SECONDS before republishing, so the request that wrote an
  event has time to publish it itself.
- `Inbox` is the dedupe record of a consumed envelope: `INBOX#<envelope id> / INBOX` with
  `expires_at` (a DynamoDB TTL, 14 days: longer than any queue keeps a message), written
  with `attribute_not_exists(pk)` in the same transaction as the change it caused, so a
  duplicate delivery changes nothing twice; `seen` is the cheap check before doing the work.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol

from pydantic import BaseModel

from shared import aws, storage
from shared.keys import key
from shared.messaging import Envelope, Publisher, new_event
from shared.outbox import DEFAULT_GRACE_SECONDS, Outbox, Staged
from shared.settings import get_settings

GRACE_SECONDS = DEFAULT_GRACE_SECONDS  # the one grace before a committed event is republished
REPUBLISH_RATE = "rate(5 minutes)"
REPUBLISH_FUNCTION = "republish_outbox"  # the Lambda function's name in every service's template
INBOX_TTL = timedelta(days=14)
INBOX_LABEL = "inbox"  # the inbox record's label in a shared.storage transaction

Payload = BaseModel | Mapping[str, Any]

__all__ = ["GRACE_SECONDS", "INBOX_TTL", "AlreadyConsumed", "Events", "Inbox", "Payload", "Staged",
           "register_republish"]


def payload_of(payload: Payload) -> dict[str, Any]:
    """An event payload as the envelope carries it (a pydantic model as JSON-ready values)."""
    return payload.model_dump(mode="json") if isinstance(payload, BaseModel) else dict(payload)


class Events:
    """A service's events through its table's outbox to its topic.

    `outbox` (shared.outbox) defaults to the service's table and topic on shared.clock;
    `topic_arn` and `now` build one for another topic or clock."""

    def __init__(self, outbox: Outbox | None = None, *, topic_arn: str | None = None,
                 now: Callable[[], datetime] | None = None) -> None:
        self.outbox = outbox or Outbox(publisher=Publisher(topic_arn) if topic_arn else None, now=now)

    @staticmethod
    def event(name: str, payload: Payload, *, occurred_at: datetime | None = None) -> Envelope:
        """The envelope of one event (occurred_at: the change's moment on the service's clock)."""
        return new_event(name, payload_of(payload), occurred_at=occurred_at)

    def stage(self, events: str | Sequence[Envelope], payload: Payload | None = None, *,
              occurred_at: datetime | None = None) -> Staged:
        """One event by name and payload, or envelopes built already, as outbox items: put
        `staged.puts` in the change's transaction, then `publish(staged)` once it committed."""
        if isinstance(events, str):
            if payload is None:
                raise TypeError(f"event {events!r} needs a payload")
            return self.outbox.stage([self.event(events, payload, occurred_at=occurred_at)])
        if payload is not None or occurred_at is not None:
            raise TypeError("envelopes carry their own payload and time")
        return self.outbox.stage(events)

    def publish(self, staged: Staged) -> list[str]:
        """After the commit; never raises: what SNS did not take stays in the outbox for
        republish_stale. Returns the published ids."""
        return self.outbox.publish(staged)

    def republish_stale(self, older_than_seconds: float = GRACE_SECONDS) -> int:
        """Publishes what a failed publish left in the outbox more than the grace ago."""
        return self.outbox.republish_stale(older_than_seconds)


class Republisher(Protocol):
    def republish_stale(self) -> int: ...


def register_republish(app: Any, events: Callable[[], Republisher], *, name: str = REPUBLISH_FUNCTION,
                       rate: str = REPUBLISH_RATE) -> Any:
    """Schedules `events().republish_stale()` on a Chalice app as the Lambda function `name`
    and returns the handler. Assign it in app.py under the same name
    (`republish_outbox = register_republish(app, wiring.events)`): Lambda and the local host
    find a function as the attribute of the `app` module named like it."""

    def republish(event: Any) -> dict[str, int]:
        return {"republished": events().republish_stale()}

    republish.__name__ = republish.__qualname__ = name
    republish.__doc__ = "Events whose publish failed after their change was committed go out now."
    return app.schedule(rate, name=name)(republish)


class AlreadyConsumed(Exception):
    """The envelope id was consumed before: its inbox record exists."""


class Inbox:
    """Dedupe records of consumed envelopes in the service's table (`table_name`)."""

    def __init__(self, table_name: str | None = None, *, ttl: timedelta = INBOX_TTL) -> None:
        self.table_name = table_name or get_settings().table_name
        self.ttl = ttl

    @staticmethod
    def item_key(envelope_id: str) -> dict[str, str]:
        return {"pk": key("INBOX", envelope_id), "sk": "INBOX"}

    def put(self, envelope_id: str) -> dict[str, Any]:
        """The record as a conditional TransactWriteItems entry: a second one fails."""
        # Wall-clock time: the TTL is DynamoDB's real deletion, whatever the service's clock says.
        item = {**self.item_key(envelope_id), "expires_at": int(time.time() + self.ttl.total_seconds())}
        return storage.put(self.table_name, item, condition="attribute_not_exists(pk)")

    def record(self, envelope_id: str) -> tuple[str, dict[str, Any]]:
        """`put`, labelled for shared.storage.transact so `raise_if_consumed` recognises it."""
        return INBOX_LABEL, self.put(envelope_id)

    @staticmethod
    def consumed_in(failure: storage.ConditionFailed) -> bool:
        """Whether the labelled inbox record is what failed the transaction's conditions."""
        return any(r.label == INBOX_LABEL and r.code == "ConditionalCheckFailed" for r in failure.reasons)

    def raise_if_consumed(self, failure: storage.ConditionFailed) -> None:
        if self.consumed_in(failure):
            raise AlreadyConsumed() from failure

    def commit(self, envelope_id: str, operations: Sequence[storage.Operation] = ()) -> None:
        """The record and the operations (a change, staged events) in one transaction.
        Raises AlreadyConsumed when the envelope was consumed before (and changes nothing);
        another failed condition is raised as storage.ConditionFailed."""
        try:
            storage.transact([self.record(envelope_id), *operations])
        except storage.ConditionFailed as failure:
            self.raise_if_consumed(failure)
            raise

    def seen(self, envelope_id: str) -> bool:
        """Whether the envelope was consumed (a consistent read of its record)."""
        response = aws.client("dynamodb").get_item(TableName=self.table_name, Key=storage.encode(self.item_key(envelope_id)),
                                                   ConsistentRead=True, ProjectionExpression="pk")
        return "Item" in response
