"""Consumes work-order and booking events: projection, history and counters move together
in one DynamoDB transaction, guarded by the history entry, so a redelivery changes nothing."""

from __future__ import annotations

from chalicelib.adapters.repository import HistoryEntry, Repository, TransactionFailed
from chalicelib.domain.figures import deltas_for, drop_counted, order_tallies
from chalicelib.domain.projection import projection_update
from shared.messaging import Envelope
from shared.observability import logger

CONSUMED_PREFIXES = ("workorders.", "booking.")


def handle_event(envelope: Envelope, repository: Repository | None = None) -> bool:
    """Applies one envelope; False when it was a duplicate or not for this service."""
    if not envelope.name.startswith(CONSUMED_PREFIXES):
        logger.info("ignored event", extra={"event_name": envelope.name, "event_id": envelope.id})
        return False
    repo = repository or Repository()
    occurred_at = envelope.occurred_at.isoformat()
    payload = dict(envelope.payload)
    if envelope.name == "workorders.order.returned" and not payload.get("handler") and payload.get("case_number"):
        # A returned order has no handler any more; the return counts against the unit that
        # had it. Written into the history entry so that a rebuild attributes it the same way.
        previous = repo.get_projection("workorder", str(payload["case_number"]))
        if previous and previous.get("handler"):
            payload["returned_by"] = previous["handler"]
    entry = HistoryEntry(envelope.name, envelope.id, occurred_at, payload, "consumed")
    items = [repo.history_put(entry)]
    update = projection_update(envelope.name, payload, occurred_at)
    if update is not None:
        items.append(repo.projection_update(update))
    deltas = deltas_for(envelope.name, occurred_at, payload)
    # Each order counts once per month in each figure: the marks already made are skipped,
    # the new ones are written with the counts (a race fails the transaction; the redelivery
    # then sees the other's marks).
    counted = repo.existing_tallies(order_tallies(envelope.name, payload, deltas))
    deltas, marks = drop_counted(envelope.name, payload, deltas, counted)
    items += [repo.tally_put(mark) for mark in marks]
    items += repo.counter_updates(deltas)
    try:
        repo.transact(items)
    except TransactionFailed as failure:
        if failure.reasons and failure.reasons[0] == "ConditionalCheckFailed":
            logger.info("duplicate event skipped", extra={"event_name": envelope.name, "event_id": envelope.id})
            return False
        raise
    return True
