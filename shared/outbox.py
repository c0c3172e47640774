"""Transactional outbox: nothing a service announces is lost when SNS fails after DynamoDB
committed the change.

    outbox = Outbox()
    staged = outbox.stage([new_event("booking.appointment.booked", payload)])
    client.transact_write_items(TransactItems=[*change, *staged.puts])
    outbox.publish(staged)             # after the commit; never raises

    # a schedule: shared.events.register_republish(app, ...) calls republish_stale

1. The envelopes are written as outbox items in the SAME TransactWriteItems as the change
   (`stage(...).puts`): the change and its events commit together or not at all.
2. After the commit `publish` sends them (SNS PublishBatch, 10 per call) and deletes the
   outbox items of the published ones (BatchWriteItem, 25 per call). A failure is logged
   and leaves the items in the outbox.
3. `republish_stale(older_than_seconds)`, run by a schedule, publishes whatever is still
   in the outbox from before the cutoff (the grace leaves the writing request time to
   publish it itself) and deletes it, page by page within a time budget. Consumers dedupe
   by envelope id, so an event published twice (a delete failed, two sweeps overlapped)
   is harmless.

Item layout (in the service's own table):

    OUTBOX#<shard> / <written at, UTC>#<envelope id>   body (the envelope JSON), name, event_id

The shard is a stable hash of the envelope id over `shards` partitions, so a busy service
never writes its outbox to one hot key; the republisher Queries each shard by key range
(no Scan, no index). No TTL: an event leaves the outbox only once it was published. Never
lower `shards` while items wait in the higher shards (the republisher would not read them).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from shared import aws, storage
from shared.keys import key, shard
from shared.messaging import Envelope, Publisher, PublishIncomplete
from shared.observability import logger
from shared.settings import get_settings

OUTBOX = "OUTBOX"
DEFAULT_SHARDS = 8
DELETE_BATCH = 25  # BatchWriteItem takes at most 25 requests
DELETE_ATTEMPTS = 3
PAGE_SIZE = 100  # outbox items per Query page: published (10 PublishBatch calls) and deleted before the next page
DEFAULT_BUDGET_SECONDS = 40.0  # a republish run stops reading after this (the functions' timeout is 60 s)
DEFAULT_GRACE_SECONDS = 120  # leaves the request that wrote an event time to publish it itself

def _now() -> datetime:
    from shared import clock  # read at call time: tests move the one clock

    return clock.now()


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class Staged:
    """Envelopes on their way through the outbox: `puts` are the TransactWriteItems entries."""

    envelopes: tuple[Envelope, ...]
    keys: tuple[dict[str, str], ...]
    puts: tuple[dict[str, Any], ...]


class Outbox:
    """The outbox of one service's table.

    `puts` are AttributeValue maps (shared.storage's one encoding), for shared.storage.transact
    or `aws.client("dynamodb")`. now: defaults to shared.clock (tests move it); the outbox
    stamps items with it and measures staleness against it. Services use it through
    shared.events.Events."""

    def __init__(
        self,
        table_name: str | None = None,
        *,
        shards: int = DEFAULT_SHARDS,
        publisher: Publisher | None = None,
        now: Callable[[], datetime] | None = None,
        page_size: int = PAGE_SIZE,
    ) -> None:
        if shards < 1:
            raise ValueError("an outbox needs at least one shard")
        self.table_name = table_name or get_settings().table_name
        self.shards = shards
        self.page_size = page_size
        self._publisher = publisher
        self.now = now or _now

    @property
    def publisher(self) -> Publisher:
        if self._publisher is None:
            self._publisher = Publisher()
        return self._publisher

    # ---- keys --------------------------------------------------------------------------
    def partition(self, number: int) -> str:
        return key(OUTBOX, f"{number:02d}")

    def item_key(self, envelope: Envelope, written_at: datetime) -> dict[str, str]:
        return {"pk": self.partition(shard(envelope.id, self.shards)), "sk": f"{_stamp(written_at)}#{envelope.id}"}

    # ---- 1. in the transaction ---------------------------------------------------------
    def stage(self, envelopes: Sequence[Envelope]) -> Staged:
        """The outbox items of the envelopes: add `staged.puts` to the TransactWriteItems
        of the change, then `publish(staged)` once it committed."""
        written_at = self.now()
        keys, puts = [], []
        for envelope in envelopes:
            item_key = self.item_key(envelope, written_at)
            item = {**item_key, "body": envelope.model_dump_json(), "name": envelope.name, "event_id": envelope.id}
            keys.append(item_key)
            puts.append(storage.put(self.table_name, item))
        return Staged(tuple(envelopes), tuple(keys), tuple(puts))

    # ---- 2. after the commit -----------------------------------------------------------
    def publish(self, staged: Staged) -> list[str]:
        """Call only after the transaction with `staged.puts` committed: publishes the
        envelopes and removes the published ones from the outbox. Never raises: what was not
        published stays for republish_stale. Returns the published ids."""
        published = set(self._send(staged.envelopes))
        self._delete([k for e, k in zip(staged.envelopes, staged.keys, strict=True) if e.id in published])
        return [e.id for e in staged.envelopes if e.id in published]

    def _send(self, envelopes: Sequence[Envelope]) -> list[str]:
        if not envelopes:
            return []
        try:
            return self.publisher.publish_many(envelopes)
        except PublishIncomplete as incomplete:
            logger.exception(
                "publish failed; left in the outbox",
                extra={"event_names": [e.name for e in incomplete.failed], "event_ids": [e.id for e in incomplete.failed]},
            )
            return incomplete.published
        except Exception:  # noqa: BLE001 - the change is committed; the outbox keeps the events
            logger.exception("publish failed; left in the outbox", extra={"event_ids": [e.id for e in envelopes]})
            return []

    def _delete(self, item_keys: list[dict[str, str]]) -> None:
        """Best effort: an item left behind is only published once more."""
        client = aws.client("dynamodb")
        for start in range(0, len(item_keys), DELETE_BATCH):
            requests: list[dict[str, Any]] = [
                {"DeleteRequest": {"Key": {name: {"S": value} for name, value in item_key.items()}}}
                for item_key in item_keys[start : start + DELETE_BATCH]
            ]
            try:
                for _ in range(DELETE_ATTEMPTS):
                    response = client.batch_write_item(RequestItems={self.table_name: requests})
                    requests = response.get("UnprocessedItems", {}).get(self.table_name, [])
                    if not requests:
                        break
                if requests:
                    logger.warning("published outbox items not deleted; they will be published again", extra={"left": len(requests)})
            except Exception:  # noqa: BLE001 - published already; a leftover is republished, never lost
                logger.exception("could not delete published outbox items; they will be published again")

    # ---- 3. the scheduled republisher --------------------------------------------------
    def pages(self, older_than_seconds: float | None) -> Iterator[list[dict[str, Any]]]:
        """Pages of the outbox items written before now - older_than_seconds (None: all of
        them), shard by shard, oldest first: one Query per shard and page, never a Scan."""
        cutoff = "~" if older_than_seconds is None else _stamp(self.now() - timedelta(seconds=older_than_seconds))
        for number in range(self.shards):
            start: dict[str, Any] | None = None
            while True:
                items, start = storage.query_page(
                    self.table_name, "pk = :pk AND sk < :cutoff", {":pk": self.partition(number), ":cutoff": cutoff},
                    limit=self.page_size, start_key=start, consistent=True,
                )
                if items:
                    yield items
                if start is None:
                    break

    def stale(self, older_than_seconds: float | None) -> Iterator[dict[str, Any]]:
        """The outbox items written before now - older_than_seconds (None: all of them)."""
        for page in self.pages(older_than_seconds):
            yield from page

    def republish_stale(self, older_than_seconds: float = DEFAULT_GRACE_SECONDS, *,
                        budget_seconds: float = DEFAULT_BUDGET_SECONDS) -> int:
        """Publishes what is still in the outbox from before the cutoff, page by page, and
        deletes each page's published items before reading on. Stops when the stale part of
        the outbox is done, when the time budget is used (keep it under the Lambda timeout),
        or when a whole page fails (SNS is down): the next run carries on. Returns how many
        events were published."""
        deadline = time.monotonic() + budget_seconds
        total = 0
        for page in self.pages(older_than_seconds):
            found, published = self._republish(page)
            total += published
            if found and not published:
                logger.warning("the outbox could not be republished; the next run tries again", extra={"left": found})
                break
            if time.monotonic() >= deadline:
                logger.warning("republish time budget used up; the next run carries on", extra={"published": total})
                break
        return total

    def _republish(self, items: list[dict[str, Any]]) -> tuple[int, int]:
        by_id: dict[str, dict[str, str]] = {}
        envelopes: list[Envelope] = []
        for item in items:
            try:
                envelope = Envelope.model_validate_json(item["body"])
            except ValueError:
                logger.exception("unreadable outbox item left in place", extra={"pk": item["pk"], "sk": item["sk"]})
                continue
            by_id[envelope.id] = {"pk": item["pk"], "sk": item["sk"]}
            envelopes.append(envelope)
        published = self._send(envelopes)
        self._delete([by_id[event_id] for event_id in published])
        if envelopes:
            logger.info("republished outbox events", extra={"found": len(envelopes), "published": len(published)})
        return len(envelopes), len(published)
