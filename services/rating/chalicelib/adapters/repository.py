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
- OUTBOX#<shard> / <written at>#<event id>  an event not yet published (shared.outbox)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from boto3.dynamodb.conditions import ConditionBase, Key
from botocore.exceptions import ClientError

from chalicelib.config import get_config
from chalicelib.domain.figures import Delta, merge
from chalicelib.domain.months import month_of, parse_time
from chalicelib.domain.projection import ProjectionUpdate
from shared import aws, clock, pages
from shared.errors import Conflict, InvalidField
from shared.keys import key, shard
from shared.settings import get_settings

STATE = "STATE"


def subject_key(kind: str, subject_id: str) -> dict[str, str]:
    return {"pk": key("SUBJ", kind, subject_id), "sk": STATE}


def counter_key(unit: str, month: str) -> dict[str, str]:
    return {"pk": key("SCORE", unit), "sk": key("MONTH", month)}


def plain(value: Any) -> Any:
    """DynamoDB's Decimals back to ints/floats, sets to sorted lists."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(plain(v) for v in value)
    return value


# ---- page tokens (shared.pages: signed and bound to the list they came from) ----------
TOKEN_FIELD = "page_token"
MAX_QUERIES_PER_PAGE = 10  # a filtered page stops after this many reads and hands back a token
FILTERED_BATCH = 100


def index_key_attributes(index: str) -> set[str]:
    return pages.key_attributes(index)


def encode_page_token(start: dict[str, Any] | None, index: str, partition: str, bound: str = "") -> str | None:
    return pages.encode(plain(start) if start else None, index=index, partition=partition, bound=bound)


def decode_page_token(token: str | None, index: str, partition: str, bound: str = "") -> dict[str, Any] | None:
    return pages.decode(token, field=TOKEN_FIELD, index=index, partition=partition, bound=bound)


@dataclass
class HistoryEntry:
    name: str
    event_id: str
    occurred_at: str
    payload: dict[str, Any]
    origin: str  # "consumed" (an inbox event) or "internal" (this service's own fact)


class AlreadyConsumed(Exception):
    """A command's envelope id was consumed before."""


INBOX_TTL_SECONDS = 14 * 24 * 3600


class TransactionFailed(Exception):
    def __init__(self, reasons: list[str]) -> None:
        super().__init__(f"transaction cancelled: {reasons}")
        self.reasons = reasons


class Repository:
    def __init__(self) -> None:
        settings = get_settings()
        self.table_name = settings.table_name
        self.table = aws.table()
        self.client = aws.resource("dynamodb").meta.client  # high-level types, with transactions
        self.shards = get_config().history_shards

    # ---- writes in one transaction -------------------------------------------------
    def transact(self, items: list[dict[str, Any]]) -> None:
        try:
            self.client.transact_write_items(TransactItems=items)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") != "TransactionCanceledException":
                raise
            reasons = [r.get("Code", "None") for r in exc.response.get("CancellationReasons", [])]
            if not reasons:  # some emulators leave the reasons out: recover them from the message
                message = exc.response.get("Error", {}).get("Message", "")
                inside = message.partition("[")[2].partition("]")[0]
                reasons = [part.strip() for part in inside.split(",")] if inside else []
            raise TransactionFailed(reasons) from exc

    def tally_put(self, mark: str) -> dict[str, Any]:
        """A tally mark: this order was counted in this figure, unit and month."""
        return self.put({"pk": key("TALLY", mark), "sk": "TALLY"})

    def existing_tallies(self, marks: list[str]) -> set[str]:
        found: set[str] = set()
        wanted = list(dict.fromkeys(marks))
        for start in range(0, len(wanted), 100):
            request: dict[str, Any] = {self.table_name: {"Keys": [{"pk": key("TALLY", m), "sk": "TALLY"}
                                                                  for m in wanted[start:start + 100]],
                                                         "ConsistentRead": True}}
            while request:
                response = aws.resource("dynamodb").batch_get_item(RequestItems=request)
                found |= {str(i["pk"])[len("TALLY#"):] for i in response["Responses"].get(self.table_name, [])}
                request = response.get("UnprocessedKeys") or {}
        return found

    def inbox_put(self, envelope_id: str) -> dict[str, Any]:
        """The dedupe record of a consumed command (conditional: a second one fails)."""
        expires = int(datetime.now(UTC).timestamp()) + INBOX_TTL_SECONDS
        return self.put({"pk": key("INBOX", envelope_id), "sk": "INBOX", "expires_at": expires})

    def consumed(self, envelope_id: str) -> bool:
        return "Item" in self.table.get_item(Key={"pk": key("INBOX", envelope_id), "sk": "INBOX"}, ConsistentRead=True)

    def put(self, item: dict[str, Any], *, unique: bool = True) -> dict[str, Any]:
        operation: dict[str, Any] = {"TableName": self.table_name, "Item": item}
        if unique:
            operation["ConditionExpression"] = "attribute_not_exists(pk)"
        return {"Put": operation}

    def history_put(self, entry: HistoryEntry) -> dict[str, Any]:
        """The history entry doubles as the dedupe marker: its key is fixed by the envelope
        (month and time of occurrence, id), so a redelivery fails the condition."""
        occurred = parse_time(entry.occurred_at)
        utc = occurred.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        month = month_of(occurred)
        return self.put(
            {
                "pk": key("HIST", month, f"{shard(entry.event_id, self.shards):02d}"),
                "sk": f"{utc}#{entry.event_id}",
                "name": entry.name,
                "event_id": entry.event_id,
                "occurred_at": entry.occurred_at,
                "origin": entry.origin,
                "body": json.dumps(entry.payload, ensure_ascii=False, sort_keys=True),
            }
        )

    def counter_updates(self, deltas: Iterable[Delta]) -> list[dict[str, Any]]:
        """One ADD update per (unit, month): atomic increments that never read first."""
        operations = []
        for delta in merge(deltas).values():
            names = {"#g": "gsi1pk", "#s": "gsi1sk", "#u": "unit", "#k": "unit_kind", "#m": "month"}
            values: dict[str, Any] = {
                ":g": key("RANK", delta.kind, delta.month),
                ":s": delta.unit,
                ":u": delta.unit,
                ":k": delta.kind,
                ":m": delta.month,
            }
            adds = []
            for index, (name, amount) in enumerate(sorted(delta.counts.items())):
                names[f"#c{index}"] = name
                values[f":c{index}"] = amount
                adds.append(f"#c{index} :c{index}")
            operations.append(
                {
                    "Update": {
                        "TableName": self.table_name,
                        "Key": counter_key(delta.unit, delta.month),
                        "UpdateExpression": "SET #g = :g, #s = :s, #u = :u, #k = :k, #m = :m ADD " + ", ".join(adds),
                        "ExpressionAttributeNames": names,
                        "ExpressionAttributeValues": values,
                    }
                }
            )
        return operations

    def projection_update(self, update: ProjectionUpdate, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        values = {**update.values, **(extra or {}), "subject_kind": update.subject_kind, "subject_id": update.subject_id}
        names = {f"#v{i}": name for i, name in enumerate(values)}
        expression_values: dict[str, Any] = {f":v{i}": value for i, value in enumerate(values.values())}
        expression = "SET " + ", ".join(f"#v{i} = :v{i}" for i in range(len(values)))
        if update.summoned:
            names["#summoned"] = "summoned"
            expression_values[":summoned"] = set(update.summoned)
            expression += " ADD #summoned :summoned"
        return {
            "Update": {
                "TableName": self.table_name,
                "Key": subject_key(update.subject_kind, update.subject_id),
                "UpdateExpression": expression,
                "ExpressionAttributeNames": names,
                "ExpressionAttributeValues": expression_values,
            }
        }

    def update(self, item_key: dict[str, str], sets: dict[str, Any], condition: str | None = None,
               condition_values: dict[str, Any] | None = None, removes: Iterable[str] = ()) -> dict[str, Any]:
        names = {f"#a{i}": name for i, name in enumerate(sets)}
        values: dict[str, Any] = {f":a{i}": value for i, value in enumerate(sets.values())}
        expression = "SET " + ", ".join(f"#a{i} = :a{i}" for i in range(len(sets)))
        removed = list(removes)
        if removed:
            for i, name in enumerate(removed):
                names[f"#r{i}"] = name
            expression += " REMOVE " + ", ".join(f"#r{i}" for i in range(len(removed)))
        operation: dict[str, Any] = {
            "TableName": self.table_name,
            "Key": item_key,
            "UpdateExpression": expression,
            "ExpressionAttributeNames": names,
            "ExpressionAttributeValues": {**values, **(condition_values or {})},
        }
        if condition:
            operation["ConditionExpression"] = condition
            if "#status_" in condition:  # `status` is a reserved word in expressions
                names["#status_"] = "status"
        return {"Update": operation}

    # ---- reads ------------------------------------------------------------------------
    def get(self, pk: str, sk: str) -> dict[str, Any] | None:
        item = self.table.get_item(Key={"pk": pk, "sk": sk}, ConsistentRead=True).get("Item")
        return plain(item) if item else None

    def get_projection(self, kind: str, subject_id: str) -> dict[str, Any] | None:
        return self.get(**subject_key(kind, subject_id))

    def query_page(self, index: str, partition: str, *, limit: int, token: str | None = None,
                   filter_on: ConditionBase | None = None, bound: str = "",
                   newest_first: bool = True) -> tuple[list[dict[str, Any]], str | None]:
        """Up to `limit` items of an index partition from where `token` left off, and the
        token of the next page (None at the end). With `filter_on` (named by `bound` in the
        token) it reads on until the page is full, or MAX_QUERIES_PER_PAGE reads were made:
        a page may then be short although a token follows."""
        start = decode_page_token(token, index, partition, bound)
        kwargs: dict[str, Any] = {"IndexName": index, "KeyConditionExpression": Key(f"{index}pk").eq(partition),
                                  "ScanIndexForward": not newest_first}
        if filter_on is not None:
            kwargs["FilterExpression"] = filter_on
        items: list[dict[str, Any]] = []
        for _ in range(MAX_QUERIES_PER_PAGE):
            wanted = limit - len(items)
            kwargs["Limit"] = wanted if filter_on is None else max(wanted, FILTERED_BATCH)
            if start:
                kwargs["ExclusiveStartKey"] = start
            try:
                response = self.table.query(**kwargs)
            except ClientError as exc:
                # A safety net: a start key DynamoDB refuses is the client's token, not our fault.
                if token and exc.response.get("Error", {}).get("Code") == "ValidationException":
                    raise InvalidField(TOKEN_FIELD, "does not fit this list; start again without it") from exc
                raise
            found = response.get("Items", [])
            start = response.get("LastEvaluatedKey")
            if len(found) > wanted:  # a filtered read found more than fit: go on after the last one shown
                found = found[:wanted]
                start = {name: found[-1][name] for name in index_key_attributes(index)}
            items += found
            if len(items) >= limit or not start:
                break
        return [plain(item) for item in items], encode_page_token(start, index, partition, bound)

    def query_all_index(self, index: str, partition: str) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        kwargs: dict[str, Any] = {"IndexName": index, "KeyConditionExpression": Key(f"{index}pk").eq(partition)}
        while True:
            response = self.table.query(**kwargs)
            items.extend(plain(item) for item in response.get("Items", []))
            if "LastEvaluatedKey" not in response:
                return items
            kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]

    def get_counter(self, unit: str, month: str) -> dict[str, Any] | None:
        return self.get(**counter_key(unit, month))

    def counters_of_kind(self, kind: str, month: str) -> list[dict[str, Any]]:
        return self.query_all_index("gsi1", key("RANK", kind, month))

    def history(self, month: str) -> Iterator[HistoryEntry]:
        for number in range(self.shards):
            kwargs: dict[str, Any] = {"KeyConditionExpression": Key("pk").eq(key("HIST", month, f"{number:02d}"))}
            while True:
                response = self.table.query(**kwargs)
                for item in response.get("Items", []):
                    yield HistoryEntry(item["name"], item["event_id"], item["occurred_at"], json.loads(item["body"]), item["origin"])
                if "LastEvaluatedKey" not in response:
                    break
                kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]

    def add_to_counter(self, delta: Delta) -> None:
        """Applies a correction with ADD, so events consumed meanwhile are not lost."""
        operation = self.counter_updates([delta])[0]["Update"]
        operation.pop("TableName")
        self.table.update_item(**operation)

    def overwrite_counter(self, unit: str, kind: str, month: str, counts: dict[str, int]) -> None:
        self.table.put_item(
            Item={
                **counter_key(unit, month),
                "gsi1pk": key("RANK", kind, month),
                "gsi1sk": unit,
                "unit": unit,
                "unit_kind": kind,
                "month": month,
                **counts,
            }
        )


def conflict_from(failure: TransactionFailed, messages: dict[int, Conflict]) -> Conflict:
    """The Conflict for the first conditional item that failed (by its position)."""
    for index, reason in enumerate(failure.reasons):
        if reason == "ConditionalCheckFailed" and index in messages:
            return messages[index]
    return Conflict("the change collided with another one; try again", code="concurrent_change")


iso = clock.iso  # ISO 8601 in China time (+08:00), whatever the moment's own zone
