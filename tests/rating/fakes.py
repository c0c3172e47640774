"""In-memory implementations of the rating use cases' ports (chalicelib.service.RatingStore
and EventOutbox), with the semantics of the DynamoDB adapter that the use cases rely on, so
they are tested without moto:

- a change is a list of operations committed together by `transact`: every condition is
  checked against the items as they were before it, and if one fails nothing is written and
  shared.storage's ConditionFailed names each failed operation by its index (as DynamoDB's
  CancellationReasons do); two operations on one item are refused, as DynamoDB refuses them;
- the same conditions as the adapter's: a new item (slot guard, rating, rectification,
  appeal, inbox record, tally mark, history entry) only where none is; the round checks on
  the subject; a rating superseded or settled only as it was read; a rectification and an
  appeal moved only from the status it was read in; a street rating revised only at the
  revision it was read at;
- a history entry's key is the adapter's (month, time of occurrence, event id), so a
  redelivered event fails its condition;
- records come back without keys, as copies, with the whistle's `summoned` set as a sorted
  list and None attributes left out (DynamoDB's encoding drops them);
- lists are newest first, paged with shared.pages tokens bound to the list (index,
  partition, filter) as the adapter's are, so a token of another list is refused the same
  way. A next token is given only while more items match.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any

from chalicelib.domain.figures import Delta, merge
from chalicelib.domain.months import month_of, parse_time
from chalicelib.domain.projection import ProjectionUpdate
from chalicelib.service import HistoryEntry, Operation, Page

from shared import pages
from shared.keys import SEP, key
from shared.messaging import Envelope
from shared.storage import CancellationReason, ConditionFailed

Item = dict[str, Any]
Key = tuple[str, ...]
TOKEN_FIELD = "page_token"


def _key(*parts: str) -> Key:
    """An item's key; a part holding the key separator is refused, as shared.keys.key does."""
    key(*parts)
    return parts


def _absent(name: str) -> Callable[[Item | None], bool]:
    return lambda item: item is None or name not in item


def _new(item: Item | None) -> bool:
    return item is None


def _always(item: Item | None) -> bool:
    return True


def _round_is(round_: int) -> Callable[[Item | None], bool]:
    """The adapter's round check: round 0 also holds before the subject has a round."""
    def holds(item: Item | None) -> bool:
        stored = (item or {}).get("rating_round")
        return stored == round_ or (not round_ and stored is None)
    return holds


def _both(*conditions: Callable[[Item | None], bool]) -> Callable[[Item | None], bool]:
    return lambda item: all(condition(item) for condition in conditions)


def _field_is(name: str, value: Any) -> Callable[[Item | None], bool]:
    return lambda item: item is not None and item.get(name) == value


def _stored(attributes: Mapping[str, Any]) -> Item:
    """Attributes as shared.storage encodes them: a copy, the None ones left out (a None
    inside a map stays, as DynamoDB's NULL)."""
    return {name: copy.deepcopy(value) for name, value in attributes.items() if value is not None}


def _record(item: Item) -> Item:
    """An item as the adapter hands it out: a copy, sets as sorted lists."""
    return {k: sorted(v) if isinstance(v, (set, frozenset)) else copy.deepcopy(v) for k, v in item.items()}


class InMemoryRatingStore:
    """The rating table as one dict of items by key; operations are plain mappings holding
    the item's key, its condition and the change, opaque to the use cases as the adapter's."""

    def __init__(self) -> None:
        self.items: dict[Key, Item] = {}
        self.transactions = 0  # committed ones

    # ---- one transaction ----------------------------------------------------------------
    def transact(self, operations: Iterable[Operation]) -> None:
        ops = list(operations)
        keys = [op["key"] for op in ops]
        if len(set(keys)) != len(keys):
            raise ValueError("DynamoDB refuses a transaction with two operations on one item")
        failed = [not op["condition"](self.items.get(op["key"])) for op in ops]
        if any(failed):
            raise ConditionFailed([CancellationReason(n, None, "ConditionalCheckFailed" if bad else "None")
                                   for n, bad in enumerate(failed)])
        for op in ops:
            changed = op["change"](copy.deepcopy(self.items.get(op["key"])))
            if changed is None:
                self.items.pop(op["key"], None)
            else:
                self.items[op["key"]] = changed
        self.transactions += 1

    @staticmethod
    def _put(item_key: Key, item: Mapping[str, Any],
             condition: Callable[[Item | None], bool] = _new) -> Operation:
        stored = _stored(item)
        return {"key": item_key, "condition": condition, "change": lambda _: copy.deepcopy(stored)}

    @staticmethod
    def _update(item_key: Key, sets: Mapping[str, Any], condition: Callable[[Item | None], bool] = _always) -> Operation:
        """SET on the item (made if missing, as UpdateItem does); a None value is left out."""
        values = _stored(dict(sets))

        def change(item: Item | None) -> Item:
            return {**(item or {}), **copy.deepcopy(values)}
        return {"key": item_key, "condition": condition, "change": change}

    # ratings
    def slot_guard(self, guard: tuple[str, ...], rating_id: str) -> Operation:
        return self._put(_key("SLOT", *guard), {"rating_id": rating_id})

    def new_rating(self, rating: Mapping[str, Any]) -> Operation:
        return self._put(_key("RATING", rating["rating_id"]), rating)

    def supersede_rating(self, rating_id: str, by: str, *, counted: bool) -> Operation:
        as_read = _absent("excluded") if counted else (lambda item: item is not None and "excluded" in item)
        return self._update(_key("RATING", rating_id), {"superseded_by": by}, _both(_absent("superseded_by"), as_read))

    def set_current_rating(self, kind: str, subject_id: str, rating_id: str, level: int, round_: int) -> Operation:
        return self._update(_key("SUBJ", kind, subject_id),
                            {"current_rating_id": rating_id, "current_level": level, "current_round": round_},
                            _round_is(round_))

    def mark_appealed(self, rating_id: str) -> Operation:
        return self._update(_key("RATING", rating_id), {"appeal_status": "pending"}, _absent("superseded_by"))

    def settle_appeal_on_rating(self, rating_id: str, changes: Mapping[str, Any]) -> Operation:
        return self._update(_key("RATING", rating_id), changes, _both(_absent("excluded"), _absent("superseded_by")))

    # rectifications
    def new_rectification(self, rectification: Mapping[str, Any]) -> Operation:
        return self._put(_key("RECT", rectification["rectification_id"]), rectification)

    def change_rectification(self, rectification_id: str, changes: Mapping[str, Any], *, from_status: str) -> Operation:
        return self._update(_key("RECT", rectification_id), changes, _field_is("status", from_status))

    def open_rerating(self, kind: str, subject_id: str, round_: int, deadline: str) -> Operation:
        return self._update(_key("SUBJ", kind, subject_id), {"rating_round": round_ + 1, "rerate_deadline": deadline},
                            _round_is(round_))

    # appeals
    def new_appeal(self, appeal: Mapping[str, Any]) -> Operation:
        return self._put(_key("APPEAL", appeal["rating_id"]), appeal)

    def decide_appeal(self, rating_id: str, decision: Mapping[str, Any]) -> Operation:
        return self._update(_key("APPEAL", rating_id), decision, _field_is("status", "pending"))

    # street ratings
    def put_street_rating(self, rating: Mapping[str, Any], previous: Mapping[str, Any] | None) -> Operation:
        """New, or a revision of `previous` as it was read (its revision unchanged)."""
        item_key = _key("STREETRATING", rating["case_number"], rating["department"])
        if previous is None:
            return self._put(item_key, rating)
        if "revision" not in previous:
            return self._put(item_key, rating, _absent("revision"))
        seen = int(previous["revision"])
        return self._put(item_key, rating, lambda item: item is None or item.get("revision", seen) == seen)

    # consumed messages, history, tallies, counters
    def inbox_put(self, envelope_id: str) -> Operation:
        return self._put(_key("INBOX", envelope_id), {"envelope_id": envelope_id})

    def tally_put(self, mark: str) -> Operation:
        return self._put(_key("TALLY", mark), {"mark": mark})

    def history_put(self, entry: HistoryEntry) -> Operation:
        """Keyed as the adapter's: month and UTC time of occurrence, and the event id."""
        occurred = parse_time(entry.occurred_at)
        utc = occurred.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        body = json.dumps(entry.payload, ensure_ascii=False, sort_keys=True)  # stored as the adapter's JSON body
        return self._put(("HIST", month_of(occurred), f"{utc}#{entry.event_id}"),
                         {"name": entry.name, "event_id": entry.event_id, "occurred_at": entry.occurred_at,
                          "origin": entry.origin, "body": body})

    def counter_updates(self, deltas: Iterable[Delta]) -> Sequence[Operation]:
        """One ADD per (unit, month), never read first."""
        def adding(delta: Delta) -> Operation:
            def change(item: Item | None) -> Item:
                counter = {**(item or {}), "unit": delta.unit, "unit_kind": delta.kind, "month": delta.month}
                for name, amount in delta.counts.items():
                    counter[name] = counter.get(name, 0) + amount
                return counter
            return {"key": _key("SCORE", delta.unit, delta.month), "condition": _always, "change": change}
        return [adding(delta) for delta in merge(deltas).values()]

    def projection_update(self, update: ProjectionUpdate) -> Operation:
        values = _stored({**update.values, "subject_kind": update.subject_kind, "subject_id": update.subject_id})

        def change(item: Item | None) -> Item:
            projection = {**(item or {}), **copy.deepcopy(values)}
            if update.summoned:
                projection["summoned"] = set(projection.get("summoned") or ()) | set(update.summoned)
            return projection
        return {"key": _key("SUBJ", update.subject_kind, update.subject_id), "condition": _always, "change": change}

    # ---- reads ------------------------------------------------------------------------
    def _get(self, *item_key: str) -> Item | None:
        item = self.items.get(_key(*item_key))
        return _record(item) if item is not None else None

    def consumed(self, envelope_id: str) -> bool:
        return _key("INBOX", envelope_id) in self.items

    def get_projection(self, kind: str, subject_id: str) -> Item | None:
        return self._get("SUBJ", kind, subject_id)

    # An id holding the key separator names nothing, as in the adapter.
    def get_rating(self, rating_id: str) -> Item | None:
        return None if SEP in rating_id else self._get("RATING", rating_id)

    def get_rectification(self, rectification_id: str) -> Item | None:
        return None if SEP in rectification_id else self._get("RECT", rectification_id)

    def get_appeal(self, rating_id: str) -> Item | None:
        return None if SEP in rating_id else self._get("APPEAL", rating_id)

    def get_street_rating(self, case_number: str, department: str) -> Item | None:
        return self._get("STREETRATING", case_number, department)

    def get_counter(self, unit: str, month: str) -> Item | None:
        return self._get("SCORE", unit, month)

    def existing_tallies(self, marks: list[str]) -> set[str]:
        return {mark for mark in marks if _key("TALLY", mark) in self.items}

    def _of(self, kind: str) -> Iterator[Item]:
        return (item for item_key, item in self.items.items() if item_key[0] == kind)

    def _page(self, found: Iterable[Item], order: Callable[[Item], tuple[str, ...]], *, index: str, partition: str,
              limit: int, token: str | None, bound: str = "") -> Page:
        """Newest first; the token holds the sort key of the last item given (signed and bound
        to the list by shared.pages, which wants an index's key attributes)."""
        start = pages.decode(token, field=TOKEN_FIELD, index=index, partition=partition, bound=bound)
        ordered = sorted(found, key=order, reverse=True)
        if start is not None:
            after = tuple(json.loads(start[f"{index}sk"]))
            ordered = [item for item in ordered if order(item) < after]
        shown, rest = ordered[:limit], ordered[limit:]
        last = None
        if rest and shown:
            sort_key = json.dumps(list(order(shown[-1])), ensure_ascii=False)
            last = {"pk": "fake", "sk": "fake", f"{index}pk": partition, f"{index}sk": sort_key}
        return [_record(item) for item in shown], pages.encode(last, index=index, partition=partition, bound=bound)

    @staticmethod
    def _newest(at: str, identity: str) -> Callable[[Item], tuple[str, ...]]:
        return lambda item: (str(item.get(at, "")), str(item.get(identity, "")))

    def ratings_of_resident(self, subject: str, limit: int, token: str | None) -> Page:
        return self._page((r for r in self._of("RATING") if r.get("resident") == subject),
                          self._newest("submitted_at", "rating_id"), index="gsi1", partition=f"RESIDENT#{subject}",
                          limit=limit, token=token)

    def ratings_of_unit(self, unit: str, limit: int, token: str | None) -> Page:
        return self._page((r for r in self._of("RATING") if (r.get("handler") or {}).get("code") == unit),
                          self._newest("submitted_at", "rating_id"), index="gsi2", partition=f"UNITRATINGS#{unit}",
                          limit=limit, token=token)

    def rectifications_of_unit(self, unit: str, limit: int, token: str | None) -> Page:
        return self._page((r for r in self._of("RECT") if r.get("staff_unit") == unit),
                          self._newest("opened_at", "rectification_id"), index="gsi1", partition=f"RECTUNIT#{unit}",
                          limit=limit, token=token)

    def appeals_with_status(self, status: str, limit: int, token: str | None) -> Page:
        return self._page((a for a in self._of("APPEAL") if a.get("status") == status),
                          self._newest("appealed_at", "rating_id"), index="gsi1", partition=f"APPEALS#{status}",
                          limit=limit, token=token)

    def appeals_of_unit(self, unit: str, status: str | None, limit: int, token: str | None) -> Page:
        return self._page((a for a in self._of("APPEAL") if a.get("unit") == unit and status in (None, a.get("status"))),
                          self._newest("appealed_at", "rating_id"), index="gsi2", partition=f"APPEALUNIT#{unit}",
                          limit=limit, token=token, bound=f"status={status or ''}")

    def street_ratings_by(self, street: str, limit: int, token: str | None) -> Page:
        return self._page((r for r in self._of("STREETRATING") if r.get("street") == street),
                          self._newest("submitted_at", "case_number"), index="gsi2", partition=f"STREETRATEDBY#{street}",
                          limit=limit, token=token)

    def street_ratings_of(self, department: str, limit: int, token: str | None) -> Page:
        return self._page((r for r in self._of("STREETRATING") if r.get("department") == department),
                          self._newest("submitted_at", "case_number"), index="gsi1",
                          partition=f"STREETRATINGS#{department}", limit=limit, token=token)

    def counters_of_kind(self, kind: str, month: str) -> list[Item]:
        return [_record(c) for c in self._of("SCORE") if c.get("unit_kind") == kind and c.get("month") == month]

    def history(self, month: str) -> Iterator[HistoryEntry]:
        for item_key in sorted(k for k in self.items if k[:2] == ("HIST", month)):
            item = self.items[item_key]
            yield HistoryEntry(item["name"], item["event_id"], item["occurred_at"], json.loads(item["body"]),
                               item["origin"])


@dataclass(frozen=True)
class FakeStaged:
    envelopes: tuple[Envelope, ...]
    puts: tuple[Operation, ...] = ()


@dataclass
class FakeOutbox:
    """The outbox on the fake store: staged events are written by the change's transaction
    (as items of the store, so a cancelled change leaves none) and published after it."""

    store: InMemoryRatingStore
    published: list[Envelope] = field(default_factory=list)

    def stage(self, envelopes: Sequence[Envelope]) -> FakeStaged:
        puts = tuple(self.store._put(("OUTBOX", e.id), {"name": e.name, "body": e.model_dump_json()}) for e in envelopes)
        return FakeStaged(tuple(envelopes), puts)

    def publish(self, staged: FakeStaged) -> list[str]:
        self.published += staged.envelopes
        for envelope in staged.envelopes:
            self.store.items.pop(("OUTBOX", envelope.id), None)
        return [e.id for e in staged.envelopes]

    def names(self) -> list[str]:
        return [e.name for e in self.published]

    def payloads(self) -> dict[str, dict[str, Any]]:
        """The last published payload of each event name."""
        return {e.name: dict(e.payload) for e in self.published}

    def waiting(self) -> int:
        """Staged events committed but not published."""
        return sum(1 for k in self.store.items if k[0] == "OUTBOX")
