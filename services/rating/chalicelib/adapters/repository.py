"""The rating service's single DynamoDB table.

Items (pk / sk; indexes):
- SUBJ#<kind>#<id> / STATE                the projection of an order or appointment
- RATING#<rating id> / RATING            a rating; gsi1 RESIDENT#<subject>, gsi2 UNITRATINGS#<handler unit>
- RECT#<id> / RECT                       a rectification; gsi1 RECTUNIT#<unit>
- APPEAL#<rating id> / APPEAL            an appeal; gsi1 APPEALS#<status>, gsi2 APPEALUNIT#<unit>
- STREETRATING#<case>#<dept> / STREETRATING  a street's rating of a summoned department; gsi1 STREETRATINGS#<dept>
- SCORE#<unit> / MONTH#<YYYY-MM>         the counters of one unit and month; gsi1 RANK#<kind>#<month> (rankings)
- HIST#<YYYY-MM>#<shard> / <occurred_at>#<event id>  append-only history of every consumed
  event and internal fact. Spread over `history_shards` partitions per month by event id, so
  a busy month never writes to one hot key; the rebuild reads the shards of each month.
- INBOX#<envelope id> / INBOX              a consumed command (shared.events.Inbox)
- OUTBOX#<shard> / <written at>#<event id>  an event not yet published (shared.events)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC
from typing import Any

from botocore.exceptions import ClientError

from chalicelib.domain.figures import Delta, merge
from chalicelib.domain.months import month_of, parse_time
from chalicelib.domain.projection import ProjectionUpdate
from chalicelib.service import HistoryEntry, Operation, get_config
from shared import aws, pages, storage
from shared.errors import InvalidField
from shared.events import Inbox
from shared.keys import SEP, key, shard
from shared.settings import get_settings

STATE = "STATE"
TOKEN_FIELD = "page_token"
KEY_PREFIXES = ("pk", "sk", "gsi")


def subject_key(kind: str, subject_id: str) -> dict[str, str]:
    return {"pk": key("SUBJ", kind, subject_id), "sk": STATE}


def counter_key(unit: str, month: str) -> dict[str, str]:
    return {"pk": key("SCORE", unit), "sk": key("MONTH", month)}


def _lists(value: Any) -> Any:
    """Sets (the projection's `summoned`) as sorted lists, for JSON answers."""
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_lists(v) for v in value]
    return value


def record(item: Mapping[str, Any]) -> dict[str, Any]:
    """A stored item as the use cases see it: without its table and index keys."""
    return {k: _lists(v) for k, v in item.items() if not k.startswith(KEY_PREFIXES)}


class Repository:
    """The rating table behind the use cases' port (service.RatingStore): records in,
    records out, and the conditional writes of one change as opaque operations for
    `transact` (shared.storage; a failed condition raises storage.ConditionFailed)."""

    def __init__(self, history_shards: int | None = None) -> None:
        self.table_name = get_settings().table_name
        self.shards = history_shards or get_config().history_shards
        self.inbox = Inbox(self.table_name)

    @property
    def table(self) -> Any:
        """The boto3 resource table (tools and tests that poke at items)."""
        return aws.table()

    # ---- one transaction ----------------------------------------------------------------
    def transact(self, operations: Iterable[Operation]) -> None:
        storage.transact(list(operations))

    def _put(self, item: Mapping[str, Any], *, unique: bool = True, condition: str | None = None,
             values: Mapping[str, Any] | None = None) -> dict[str, Any]:
        return storage.put(self.table_name, item, condition=condition or ("attribute_not_exists(pk)" if unique else None),
                           values=values)

    def _update(self, item_key: Mapping[str, str], sets: Mapping[str, Any], condition: str | None = None,
                condition_values: Mapping[str, Any] | None = None) -> dict[str, Any]:
        names = {f"#a{i}": name for i, name in enumerate(sets)}
        values: dict[str, Any] = {f":a{i}": value for i, value in enumerate(sets.values())}
        expression = "SET " + ", ".join(f"#a{i} = :a{i}" for i in range(len(sets)))
        if condition and "#status_" in condition:  # `status` is a reserved word in expressions
            names["#status_"] = "status"
        return storage.update(self.table_name, item_key, expression, condition=condition, names=names,
                              values={**values, **(condition_values or {})})

    # ratings
    def slot_guard(self, guard: tuple[str, ...], rating_id: str) -> dict[str, Any]:
        """One rating per subject and round: a second guard of the same slot fails."""
        return self._put({"pk": key("SLOT", *guard), "sk": "SLOT", "rating_id": rating_id})

    def new_rating(self, rating: Mapping[str, Any]) -> dict[str, Any]:
        rating_id, at = rating["rating_id"], rating["submitted_at"]
        return self._put({"pk": key("RATING", rating_id), "sk": "RATING", **rating,
                          "gsi1pk": key("RESIDENT", rating["resident"]), "gsi1sk": f"{at}#{rating_id}",
                          "gsi2pk": key("UNITRATINGS", rating["handler"]["code"]), "gsi2sk": f"{at}#{rating_id}"})

    def supersede_rating(self, rating_id: str, by: str, *, counted: bool) -> dict[str, Any]:
        """The previous rating is replaced, if it is still as it was read (counted or excluded)."""
        condition = "attribute_not_exists(superseded_by) AND " + (
            "attribute_not_exists(excluded)" if counted else "attribute_exists(excluded)")
        return self._update({"pk": key("RATING", rating_id), "sk": "RATING"}, {"superseded_by": by}, condition)

    def set_current_rating(self, kind: str, subject_id: str, rating_id: str, level: int, round_: int) -> dict[str, Any]:
        condition = "rating_round = :round" if round_ else "(attribute_not_exists(rating_round) OR rating_round = :round)"
        return self._update(subject_key(kind, subject_id),
                            {"current_rating_id": rating_id, "current_level": level, "current_round": round_},
                            condition, {":round": round_})

    def mark_appealed(self, rating_id: str) -> dict[str, Any]:
        return self._update({"pk": key("RATING", rating_id), "sk": "RATING"}, {"appeal_status": "pending"},
                            "attribute_not_exists(superseded_by)")

    def settle_appeal_on_rating(self, rating_id: str, changes: Mapping[str, Any]) -> dict[str, Any]:
        return self._update({"pk": key("RATING", rating_id), "sk": "RATING"}, changes,
                            "attribute_not_exists(excluded) AND attribute_not_exists(superseded_by)")

    # rectifications
    def new_rectification(self, rectification: Mapping[str, Any]) -> dict[str, Any]:
        rid = rectification["rectification_id"]
        return self._put({"pk": key("RECT", rid), "sk": "RECT", **rectification,
                          "gsi1pk": key("RECTUNIT", rectification["staff_unit"]),
                          "gsi1sk": f"{rectification['opened_at']}#{rid}"})

    def change_rectification(self, rectification_id: str, changes: Mapping[str, Any], *, from_status: str) -> dict[str, Any]:
        return self._update({"pk": key("RECT", rectification_id), "sk": "RECT"}, changes,
                            "#status_ = :from", {":from": from_status})

    def open_rerating(self, kind: str, subject_id: str, round_: int, deadline: str) -> dict[str, Any]:
        """The resident may rate again (the next round) until `deadline`."""
        condition = "rating_round = :round" if round_ else "(attribute_not_exists(rating_round) OR rating_round = :round)"
        return self._update(subject_key(kind, subject_id), {"rating_round": round_ + 1, "rerate_deadline": deadline},
                            condition, {":round": round_})

    # appeals
    def new_appeal(self, appeal: Mapping[str, Any]) -> dict[str, Any]:
        rating_id, at = appeal["rating_id"], appeal["appealed_at"]
        return self._put({"pk": key("APPEAL", rating_id), "sk": "APPEAL", **appeal,
                          "gsi1pk": key("APPEALS", appeal["status"]), "gsi1sk": f"{at}#{rating_id}",
                          "gsi2pk": key("APPEALUNIT", appeal["unit"]), "gsi2sk": f"{at}#{rating_id}"})

    def decide_appeal(self, rating_id: str, decision: Mapping[str, Any]) -> dict[str, Any]:
        """A pending appeal gets its decision (and moves to its status's list)."""
        return self._update({"pk": key("APPEAL", rating_id), "sk": "APPEAL"},
                            {**decision, "gsi1pk": key("APPEALS", decision["status"])},
                            "#status_ = :pending", {":pending": "pending"})

    # street ratings
    def put_street_rating(self, rating: Mapping[str, Any], previous: Mapping[str, Any] | None) -> dict[str, Any]:
        """New, or a revision of `previous` as it was read (its revision unchanged)."""
        at, case = rating["submitted_at"], rating["case_number"]
        item = {"pk": key("STREETRATING", case, rating["department"]), "sk": "STREETRATING", **rating,
                "gsi1pk": key("STREETRATINGS", rating["department"]), "gsi1sk": f"{at}#{case}",
                "gsi2pk": key("STREETRATEDBY", rating["street"]), "gsi2sk": f"{at}#{case}"}
        if previous is None:
            return self._put(item)
        if "revision" not in previous:
            return self._put(item, condition="attribute_not_exists(revision)")
        return self._put(item, condition="attribute_not_exists(revision) OR revision = :seen",
                         values={":seen": int(previous["revision"])})

    # consumed messages, history, tallies, counters
    def inbox_put(self, envelope_id: str) -> dict[str, Any]:
        """The dedupe record of a consumed command (conditional: a second one fails)."""
        return self.inbox.put(envelope_id)

    def tally_put(self, mark: str) -> dict[str, Any]:
        """A tally mark: this order was counted in this figure, unit and month."""
        return self._put({"pk": key("TALLY", mark), "sk": "TALLY"})

    def history_put(self, entry: HistoryEntry) -> dict[str, Any]:
        """The history entry doubles as the dedupe marker: its key is fixed by the envelope
        (month and time of occurrence, id), so a redelivery fails the condition."""
        occurred = parse_time(entry.occurred_at)
        utc = occurred.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        return self._put({
            "pk": key("HIST", month_of(occurred), f"{shard(entry.event_id, self.shards):02d}"),
            "sk": f"{utc}#{entry.event_id}",
            "name": entry.name,
            "event_id": entry.event_id,
            "occurred_at": entry.occurred_at,
            "origin": entry.origin,
            "body": json.dumps(entry.payload, ensure_ascii=False, sort_keys=True),
        })

    def _counter_update(self, delta: Delta) -> tuple[Mapping[str, Any], str, dict[str, str], dict[str, Any]]:
        names = {"#g": "gsi1pk", "#s": "gsi1sk", "#u": "unit", "#k": "unit_kind", "#m": "month"}
        values: dict[str, Any] = {":g": key("RANK", delta.kind, delta.month), ":s": delta.unit, ":u": delta.unit,
                                  ":k": delta.kind, ":m": delta.month}
        adds = []
        for index, (name, amount) in enumerate(sorted(delta.counts.items())):
            names[f"#c{index}"] = name
            values[f":c{index}"] = amount
            adds.append(f"#c{index} :c{index}")
        expression = "SET #g = :g, #s = :s, #u = :u, #k = :k, #m = :m ADD " + ", ".join(adds)
        return counter_key(delta.unit, delta.month), expression, names, values

    def counter_updates(self, deltas: Iterable[Delta]) -> list[dict[str, Any]]:
        """One ADD update per (unit, month): atomic increments that never read first."""
        return [storage.update(self.table_name, item_key, expression, names=names, values=values)
                for item_key, expression, names, values in map(self._counter_update, merge(deltas).values())]

    def projection_update(self, update: ProjectionUpdate) -> dict[str, Any]:
        values = {**update.values, "subject_kind": update.subject_kind, "subject_id": update.subject_id}
        names = {f"#v{i}": name for i, name in enumerate(values)}
        expression_values: dict[str, Any] = {f":v{i}": value for i, value in enumerate(values.values())}
        expression = "SET " + ", ".join(f"#v{i} = :v{i}" for i in range(len(values)))
        if update.summoned:
            names["#summoned"] = "summoned"
            expression_values[":summoned"] = set(update.summoned)
            expression += " ADD #summoned :summoned"
        return storage.update(self.table_name, subject_key(update.subject_kind, update.subject_id), expression,
                              names=names, values=expression_values)

    def add_to_counter(self, delta: Delta) -> None:
        """Applies a correction with ADD, so events consumed meanwhile are not lost."""
        item_key, expression, names, values = self._counter_update(delta)
        aws.client("dynamodb").update_item(TableName=self.table_name, Key=storage.encode(item_key),
                                           UpdateExpression=expression, ExpressionAttributeNames=names,
                                           ExpressionAttributeValues=storage.encode(values))

    # ---- reads ------------------------------------------------------------------------
    def _get(self, pk: str, sk: str) -> dict[str, Any] | None:
        item = aws.client("dynamodb").get_item(TableName=self.table_name, Key=storage.encode({"pk": pk, "sk": sk}),
                                               ConsistentRead=True).get("Item")
        return record(storage.decode(item)) if item else None

    def consumed(self, envelope_id: str) -> bool:
        return self.inbox.seen(envelope_id)

    def get_projection(self, kind: str, subject_id: str) -> dict[str, Any] | None:
        return self._get(**subject_key(kind, subject_id))

    # An id from a path holding the key separator names nothing: the same None as an unknown id.
    def get_rating(self, rating_id: str) -> dict[str, Any] | None:
        return None if SEP in rating_id else self._get(key("RATING", rating_id), "RATING")

    def get_rectification(self, rectification_id: str) -> dict[str, Any] | None:
        return None if SEP in rectification_id else self._get(key("RECT", rectification_id), "RECT")

    def get_appeal(self, rating_id: str) -> dict[str, Any] | None:
        return None if SEP in rating_id else self._get(key("APPEAL", rating_id), "APPEAL")

    def get_street_rating(self, case_number: str, department: str) -> dict[str, Any] | None:
        return self._get(key("STREETRATING", case_number, department), "STREETRATING")

    def get_counter(self, unit: str, month: str) -> dict[str, Any] | None:
        return self._get(**counter_key(unit, month))

    def existing_tallies(self, marks: list[str]) -> set[str]:
        found: set[str] = set()
        wanted = list(dict.fromkeys(marks))
        client = aws.client("dynamodb")
        for start in range(0, len(wanted), 100):
            request: dict[str, Any] = {self.table_name: {
                "Keys": [storage.encode({"pk": key("TALLY", m), "sk": "TALLY"}) for m in wanted[start:start + 100]],
                "ConsistentRead": True}}
            while request:
                response = client.batch_get_item(RequestItems=request)
                found |= {storage.decode(i)["pk"][len("TALLY#"):] for i in response["Responses"].get(self.table_name, [])}
                request = response.get("UnprocessedKeys") or {}
        return found

    def _page(self, index: str, partition: str, *, limit: int, token: str | None, status: str | None = None,
              bound: str = "") -> tuple[list[dict[str, Any]], str | None]:
        """Up to `limit` items of an index partition, newest first, from where `token` left
        off, and the token of the next page (None at the end). With `status`, only those
        items (filtered in DynamoDB; the page is read on until it is full)."""
        start = pages.decode(token, field=TOKEN_FIELD, index=index, partition=partition, bound=bound)
        try:
            items, last = storage.query_page(
                self.table_name, f"{index}pk = :p", {":p": partition, **({":status": status} if status else {})},
                index=index, limit=limit, start_key=start, newest_first=True,
                filter="#status_ = :status" if status else None, names={"#status_": "status"} if status else None)
        except ClientError as exc:
            # A safety net: a start key DynamoDB refuses is the client's token, not our fault.
            if token and exc.response.get("Error", {}).get("Code") == "ValidationException":
                raise InvalidField(TOKEN_FIELD, "does not fit this list; start again without it",
                                   "与该列表不符，请去掉它重新开始") from exc
            raise
        return [record(i) for i in items], pages.encode(last, index=index, partition=partition, bound=bound)

    def ratings_of_resident(self, subject: str, limit: int, token: str | None) -> tuple[list[dict[str, Any]], str | None]:
        return self._page("gsi1", key("RESIDENT", subject), limit=limit, token=token)

    def ratings_of_unit(self, unit: str, limit: int, token: str | None) -> tuple[list[dict[str, Any]], str | None]:
        return self._page("gsi2", key("UNITRATINGS", unit), limit=limit, token=token)

    def rectifications_of_unit(self, unit: str, limit: int, token: str | None) -> tuple[list[dict[str, Any]], str | None]:
        return self._page("gsi1", key("RECTUNIT", unit), limit=limit, token=token)

    def appeals_with_status(self, status: str, limit: int, token: str | None) -> tuple[list[dict[str, Any]], str | None]:
        """The status is in the partition key: one partition per status."""
        return self._page("gsi1", key("APPEALS", status), limit=limit, token=token)

    def appeals_of_unit(self, unit: str, status: str | None, limit: int,
                        token: str | None) -> tuple[list[dict[str, Any]], str | None]:
        """A unit's appeals of every status share one partition: the status is filtered."""
        return self._page("gsi2", key("APPEALUNIT", unit), limit=limit, token=token, status=status,
                          bound=f"status={status or ''}")

    def street_ratings_by(self, street: str, limit: int, token: str | None) -> tuple[list[dict[str, Any]], str | None]:
        return self._page("gsi2", key("STREETRATEDBY", street), limit=limit, token=token)

    def street_ratings_of(self, department: str, limit: int, token: str | None) -> tuple[list[dict[str, Any]], str | None]:
        return self._page("gsi1", key("STREETRATINGS", department), limit=limit, token=token)

    def counters_of_kind(self, kind: str, month: str) -> list[dict[str, Any]]:
        items = storage.query_all(self.table_name, "gsi1pk = :p", {":p": key("RANK", kind, month)}, index="gsi1")
        return [record(i) for i in items]

    def history(self, month: str) -> Iterator[HistoryEntry]:
        for number in range(self.shards):
            for item in storage.query_all(self.table_name, "pk = :p", {":p": key("HIST", month, f"{number:02d}")}):
                yield HistoryEntry(item["name"], item["event_id"], item["occurred_at"], json.loads(item["body"]),
                                   item["origin"])
