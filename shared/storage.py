"""The storage kit every repository and the outbox use: one item encoding, the paginated
Query loop, and transactions whose cancellations say which item failed and why.

Encoding: repositories talk to the low-level client (`aws.client("dynamodb")`) with
AttributeValue maps. `encode(item)` turns plain Python values into one (float -> Decimal,
None attributes dropped); `decode(av_item)` turns one back into plain values, numbers as
int when whole and float otherwise (the one Decimal conversion of the project; `plain()`
does the same for values read through the boto3 resource).

    rows = query_all(table, "pk = :pk", {":pk": "CELLS#c#2026-10-09"})
    rows, last_key = query_page(table, "gsi1pk = :p", {":p": "RESIDENT#r-1"}, index="gsi1", limit=20)

    transact([
        ("slot_full", update(table, key, "SET ...", condition="...", values={...})),
        ("id_taken", put(table, record, condition="attribute_not_exists(pk)")),
        *staged.puts,                     # unlabelled items are fine too
    ], client_request_token=request_id)

A cancelled transaction raises `ConditionFailed` (an item's condition did not hold:
`.label` and `.index` name it), `TransactionConflict` (another transaction kept touching
the same items after the retries) or `TransactionCancelled` (anything else), each with every
item's `reasons` from DynamoDB's CancellationReasons.
"""

from __future__ import annotations

import random
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import ClientError

from shared import aws

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()

CONFLICT_RETRIES = 8  # TransactionConflict: another transaction on the same items; retried with jittered backoff


# ---- encoding ---------------------------------------------------------------------------
def _to_dynamo(value: Any) -> Any:
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, Mapping):
        return {k: _to_dynamo(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_to_dynamo(v) for v in value]
    return value


def to_dynamo(value: Any) -> Any:
    """Plain JSON-like data for the boto3 resource API (floats as Decimal)."""
    return _to_dynamo(value)


def plain(value: Any) -> Any:
    """Decimal -> int when whole, else float; through lists, sets and maps."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return {plain(v) for v in value}
    return value


def attribute(value: Any) -> dict[str, Any]:
    """One plain value as an AttributeValue."""
    return _serializer.serialize(_to_dynamo(value))  # type: ignore[no-any-return]


def encode(item: Mapping[str, Any]) -> dict[str, Any]:
    """A plain item as an AttributeValue map; attributes that are None are left out."""
    return {name: attribute(value) for name, value in item.items() if value is not None}


def decode(item: Mapping[str, Any]) -> dict[str, Any]:
    """An AttributeValue map as a plain item."""
    return {name: plain(_deserializer.deserialize(value)) for name, value in item.items()}


# ---- transaction items ------------------------------------------------------------------
def _expression(condition: str | None, names: Mapping[str, str] | None, values: Mapping[str, Any] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if condition:
        out["ConditionExpression"] = condition
    if names:
        out["ExpressionAttributeNames"] = dict(names)
    if values:
        out["ExpressionAttributeValues"] = encode(values)
    return out


def put(table: str, item: Mapping[str, Any], *, condition: str | None = None, names: Mapping[str, str] | None = None,
        values: Mapping[str, Any] | None = None) -> dict[str, Any]:
    return {"Put": {"TableName": table, "Item": encode(item), **_expression(condition, names, values)}}


def update(table: str, key: Mapping[str, Any], expression: str, *, condition: str | None = None,
           names: Mapping[str, str] | None = None, values: Mapping[str, Any] | None = None) -> dict[str, Any]:
    return {"Update": {"TableName": table, "Key": encode(key), "UpdateExpression": expression,
                       **_expression(condition, names, values)}}


def delete(table: str, key: Mapping[str, Any], *, condition: str | None = None, names: Mapping[str, str] | None = None,
           values: Mapping[str, Any] | None = None) -> dict[str, Any]:
    return {"Delete": {"TableName": table, "Key": encode(key), **_expression(condition, names, values)}}


def check(table: str, key: Mapping[str, Any], condition: str, *, names: Mapping[str, str] | None = None,
          values: Mapping[str, Any] | None = None) -> dict[str, Any]:
    return {"ConditionCheck": {"TableName": table, "Key": encode(key), **_expression(condition, names, values)}}


# ---- transactions -----------------------------------------------------------------------
@dataclass(frozen=True)
class CancellationReason:
    index: int
    label: str | None
    code: str  # "None" for the items that did not fail
    message: str | None = None


class TransactionCancelled(Exception):
    """DynamoDB cancelled the transaction; nothing of it was written."""

    def __init__(self, reasons: Sequence[CancellationReason], message: str = "") -> None:
        self.reasons = list(reasons)
        failed = [r for r in self.reasons if r.code not in ("None", "")]
        super().__init__(message or ", ".join(f"#{r.index} {r.label or ''} {r.code}".strip() for r in failed) or "cancelled")

    @property
    def failed(self) -> CancellationReason | None:
        """The first item that failed, if DynamoDB said which."""
        return next((r for r in self.reasons if r.code not in ("None", "")), None)


class ConditionFailed(TransactionCancelled):
    """An item's condition did not hold: `label` (the label given with the item) and
    `index` name the first such item."""

    @property
    def label(self) -> str | None:
        failed = self.failed
        return failed.label if failed else None

    @property
    def index(self) -> int | None:
        failed = self.failed
        return failed.index if failed else None


class TransactionConflict(TransactionCancelled):
    """Other transactions kept changing the same items; a later retry may succeed."""


Operation = Mapping[str, Any] | tuple[str, Mapping[str, Any]]


def _reasons(exc: ClientError, labels: Sequence[str | None]) -> list[CancellationReason]:
    raw = exc.response.get("CancellationReasons") or []
    return [
        CancellationReason(n, labels[n] if n < len(labels) else None, str(r.get("Code") or "None"), r.get("Message"))
        for n, r in enumerate(raw)
    ]


def transact(operations: Sequence[Operation], *, client_request_token: str | None = None,
             conflict_retries: int = CONFLICT_RETRIES, client: Any = None) -> None:
    """TransactWriteItems with the operations (AttributeValue maps: build them with put,
    update, delete, check), each optionally labelled as (label, operation). A conflict with a
    concurrent transaction is retried with jittered backoff; a failed condition is raised at
    once as ConditionFailed. `client_request_token` makes a retried call idempotent (DynamoDB
    answers a repeat within 10 minutes as a success without writing twice)."""
    labels: list[str | None] = []
    items: list[Mapping[str, Any]] = []
    for operation in operations:
        if isinstance(operation, tuple):
            labels.append(operation[0])
            items.append(operation[1])
        else:
            labels.append(None)
            items.append(operation)
    kwargs: dict[str, Any] = {"TransactItems": items}
    if client_request_token:
        kwargs["ClientRequestToken"] = client_request_token
    dynamodb = client or aws.client("dynamodb")
    reasons: list[CancellationReason] = []
    for attempt in range(max(1, conflict_retries)):
        try:
            dynamodb.transact_write_items(**kwargs)
            return
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") != "TransactionCanceledException":
                raise
            reasons = _reasons(exc, labels)
            codes = {r.code for r in reasons}
            if "ConditionalCheckFailed" in codes:
                raise ConditionFailed(reasons) from None
            if "TransactionConflict" in codes or not reasons:
                time.sleep(random.uniform(0, 0.01 * 2**attempt))
                continue
            raise TransactionCancelled(reasons) from None
    raise TransactionConflict(reasons, "the items were changed by other transactions; retry")


# ---- queries ----------------------------------------------------------------------------
def _query_kwargs(table: str, key_condition: str, values: Mapping[str, Any], *, index: str | None,
                  names: Mapping[str, str] | None, filter: str | None, projection: str | None,
                  consistent: bool, newest_first: bool) -> dict[str, Any]:
    kwargs: dict[str, Any] = {
        "TableName": table,
        "KeyConditionExpression": key_condition,
        "ExpressionAttributeValues": encode(values),
    }
    if index:
        kwargs["IndexName"] = index
    if names:
        kwargs["ExpressionAttributeNames"] = dict(names)
    if filter:
        kwargs["FilterExpression"] = filter
    if projection:
        kwargs["ProjectionExpression"] = projection
    if consistent:
        kwargs["ConsistentRead"] = True
    if newest_first:
        kwargs["ScanIndexForward"] = False
    return kwargs


def query_all(table: str, key_condition: str, values: Mapping[str, Any], *, index: str | None = None,
              names: Mapping[str, str] | None = None, filter: str | None = None, projection: str | None = None,
              consistent: bool = False, newest_first: bool = False, client: Any = None) -> list[dict[str, Any]]:
    """Every item the Query matches (all pages), as plain items."""
    kwargs = _query_kwargs(table, key_condition, values, index=index, names=names, filter=filter,
                           projection=projection, consistent=consistent, newest_first=newest_first)
    dynamodb = client or aws.client("dynamodb")
    found: list[dict[str, Any]] = []
    while True:
        page = dynamodb.query(**kwargs)
        found.extend(decode(row) for row in page.get("Items", []))
        if "LastEvaluatedKey" not in page:
            return found
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def query_page(table: str, key_condition: str, values: Mapping[str, Any], *, limit: int,
               start_key: Mapping[str, Any] | None = None, index: str | None = None,
               names: Mapping[str, str] | None = None, filter: str | None = None, projection: str | None = None,
               consistent: bool = False, newest_first: bool = False,
               client: Any = None) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Up to `limit` items from `start_key` on (plain values), and the plain key to go on
    from (None at the end). With a filter, reads on until the page is full or the list ends,
    so a filtered page is never short while more matches exist. Sign the key with
    shared.pages before giving it to a client."""
    kwargs = _query_kwargs(table, key_condition, values, index=index, names=names, filter=filter,
                           projection=projection, consistent=consistent, newest_first=newest_first)
    if start_key:
        kwargs["ExclusiveStartKey"] = encode(start_key)
    dynamodb = client or aws.client("dynamodb")
    found: list[dict[str, Any]] = []
    while True:
        kwargs["Limit"] = limit - len(found)
        page = dynamodb.query(**kwargs)
        found.extend(decode(row) for row in page.get("Items", []))
        last = page.get("LastEvaluatedKey")
        if last is None:
            return found, None
        if len(found) >= limit:
            return found, decode(last)
        kwargs["ExclusiveStartKey"] = last
