"""DynamoDB single-table layout of the work-order service.

| item | pk / sk | gsi1 (pk / sk) | gsi2 (pk / sk) |
|---|---|---|---|
| order (with its track) | ORDER#<case> / ORDER | HANDLER#<unit> / <status>#<created>#<case> | RESIDENT#<subject> / <created>#<case> |
| area view | ORDER#<case> / VIEW#AREA | GRID#<grid> / <created>#<case> | STREET#<street> / <created>#<case> |
| community view | ORDER#<case> / VIEW#COMMUNITY | COMMUNITY#<code> / <created>#<case> | - |
| summoned view (after a whistle) | ORDER#<case> / VIEW#SUMMONED#<dept> | SUMMONED#<dept> / <created>#<case> | - |
| near-duplicate marker x4 | ORDER#<case> / NEAR#<n> | - | NEAR#<category>#<cell> / <created>#<case> |
| deadline | ORDER#<case> / DUE | DUE#<hour>#<shard> / <next check>#<case> | - |
| routing rule | RULES#<category> / AREA#<area> | - | RULES / <category>#<area> |
| consumed message | INBOX#<envelope id> / INBOX | - | - |
| unpublished event (shared.outbox) | OUTBOX#<shard> / <written at>#<event id> | - | - |

Every order's items share its partition, so intake writes spread over as many partitions as
there are orders; index keys are per unit, area or hour (sharded), never one hot key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from boto3.dynamodb.conditions import Key
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import ClientError

from chalicelib.domain import geocell
from chalicelib.domain.routing import Rule
from chalicelib.domain.workflow import Order, centre_task, iso, next_check
from shared import aws, pages
from shared.errors import Conflict, InvalidField
from shared.keys import key, shard
from shared.settings import get_settings

DUE_SHARDS = 4
MAX_READS = 10  # queries one filtered page may take before it hands back a token
INBOX_TTL = timedelta(days=14)
ORDER_SK = "ORDER"
_serializer = TypeSerializer()
_deserializer = TypeDeserializer()


class CaseNumberTaken(Exception):
    """The random case number already exists: draw another."""


class AlreadyConsumed(Exception):
    """The envelope id was consumed before."""


def to_dynamo(value: Any) -> Any:
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, dict):
        return {k: to_dynamo(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_dynamo(v) for v in value]
    return value


def from_dynamo(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: from_dynamo(v) for k, v in value.items()}
    if isinstance(value, list):
        return [from_dynamo(v) for v in value]
    return value


def _wire(item: dict[str, Any]) -> dict[str, Any]:
    return {k: _serializer.serialize(v) for k, v in to_dynamo(item).items()}


def _unwire(item: dict[str, Any]) -> dict[str, Any]:
    return from_dynamo({k: _deserializer.deserialize(v) for k, v in item.items()})


# Page tokens: shared.pages (signed and bound to the index, partition and sort-key prefix).
def key_attributes(index: str) -> set[str]:
    return pages.key_attributes(index)


def encode_token(last_key: dict[str, Any] | None, index: str, pk: str, sk_prefix: str | None = None) -> str | None:
    return pages.encode(from_dynamo(last_key) if last_key else None, index=index, partition=pk, bound=sk_prefix or "")


def decode_token(token: str | None, index: str, pk: str, sk_prefix: str | None = None) -> dict[str, Any] | None:
    return pages.decode(token, field="page_token", index=index, partition=pk, bound=sk_prefix or "", sk_prefix=sk_prefix)


def order_pk(case_number: str) -> str:
    return key("ORDER", case_number)


def handler_queue_code(order: Order) -> str:
    """Orders without a handler (awaiting triage, returned) wait in the command centre's queue."""
    return (order.get("handler") or {}).get("code") or "command-center"


def due_bucket(moment: datetime, case_number: str) -> str:
    return key("DUE", moment.astimezone(UTC).strftime("%Y-%m-%dT%H"), shard(case_number, DUE_SHARDS))


class Repository:
    def __init__(self) -> None:
        self.table = aws.table()
        self.table_name = get_settings().table_name
        self.client = aws.client("dynamodb")

    # --- items -------------------------------------------------------------------------
    def _order_item(self, order: Order) -> dict[str, Any]:
        case, created = order["case_number"], order["created_at"]
        item: dict[str, Any] = {
            "pk": order_pk(case),
            "sk": ORDER_SK,
            "version": order.get("version", 0),
            "gsi1pk": key("HANDLER", handler_queue_code(order)),
            "gsi1sk": f"{order['status']}#{created}#{case}",
            "order": order,
        }
        if order.get("resident"):
            item["gsi2pk"] = key("RESIDENT", order["resident"])
            item["gsi2sk"] = f"{created}#{case}"
        return item

    def _due_op(self, order: Order) -> dict[str, Any]:
        due = next_check(order)
        pk = order_pk(order["case_number"])
        if due is None:
            return {"Delete": {"TableName": self.table_name, "Key": _wire({"pk": pk, "sk": "DUE"})}}
        item = {
            "pk": pk,
            "sk": "DUE",
            "gsi1pk": due_bucket(due, order["case_number"]),
            "gsi1sk": f"{iso(due)}#{order['case_number']}",
            "case_number": order["case_number"],
        }
        return {"Put": {"TableName": self.table_name, "Item": _wire(item)}}

    def _centre_op(self, order: Order) -> dict[str, Any]:
        """The order's place in the command centre's work (gsi2 CENTRE#<task>), or none."""
        task = centre_task(order)
        pk = order_pk(order["case_number"])
        if task is None:
            return {"Delete": {"TableName": self.table_name, "Key": _wire({"pk": pk, "sk": "VIEW#CENTRE"})}}
        item = {"pk": pk, "sk": "VIEW#CENTRE", "case_number": order["case_number"], "task": task,
                "gsi2pk": key("CENTRE", task), "gsi2sk": f"{order['created_at']}#{order['case_number']}"}
        return {"Put": {"TableName": self.table_name, "Item": _wire(item)}}

    def count_index(self, index: str, pk: str) -> int:
        """How many items one index partition holds (COUNT reads only the keys)."""
        total, kwargs = 0, {"IndexName": index, "KeyConditionExpression": Key(f"{index}pk").eq(pk), "Select": "COUNT"}
        while True:
            response = self.table.query(**kwargs)
            total += int(response.get("Count", 0))
            if "LastEvaluatedKey" not in response:
                return total
            kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]

    def _view_items(self, order: Order) -> list[dict[str, Any]]:
        """The area views of the order's location (as far as it is known: a road or a
        community names no grid, an order not located yet has none)."""
        case, created, location = order["case_number"], order["created_at"], order.get("location") or {}
        pk, sort = order_pk(case), f"{created}#{case}"
        items: list[dict[str, Any]] = []
        area: dict[str, Any] = {"pk": pk, "sk": "VIEW#AREA", "case_number": case}
        if location.get("grid"):
            area.update(gsi1pk=key("GRID", location["grid"]), gsi1sk=sort)
        if location.get("street"):
            area.update(gsi2pk=key("STREET", location["street"]), gsi2sk=sort)
        if len(area) > 3:
            items.append(area)
        if location.get("community"):
            items.append({"pk": pk, "sk": "VIEW#COMMUNITY", "case_number": case,
                          "gsi1pk": key("COMMUNITY", location["community"]), "gsi1sk": sort})
        point = order.get("point")
        if point and order.get("status") != "merged":
            for n, cell in enumerate(geocell.nearest_block(point[0], point[1])):
                items.append({"pk": pk, "sk": f"NEAR#{n}", "case_number": case, "point": point,
                              "gsi2pk": key("NEAR", order["category"], cell), "gsi2sk": sort})
        return items

    # --- writes ------------------------------------------------------------------------
    def create(self, order: Order, link_to: Order | None = None, outbox: Sequence[dict[str, Any]] = (),
               request_token: str | None = None, consumed_event_id: str | None = None) -> None:
        """One transaction: the order, its view and index items, its deadline, (for a
        near-duplicate) the link on the original, and the outbox items of its events.
        Raises CaseNumberTaken."""
        ops: list[dict[str, Any]] = [
            {"Put": {"TableName": self.table_name, "Item": _wire(self._order_item(order)),
                     "ConditionExpression": "attribute_not_exists(pk)"}},
        ]
        ops += [{"Put": {"TableName": self.table_name, "Item": _wire(item)}} for item in self._view_items(order)]
        if next_check(order) is not None:
            ops.append(self._due_op(order))
        if centre_task(order) is not None:
            ops.append(self._centre_op(order))
        if link_to is not None:
            ops.append(self._put_versioned(link_to))
        ops += outbox
        if consumed_event_id:  # a command: its dedupe record commits with the order
            ops.append(self._inbox_op(consumed_event_id))
        # DynamoDB answers an SDK retry of a committed transaction with the same token as a
        # success (for 10 minutes); past that, or where the token is ignored, the caller
        # recognises its own order by its request id (CaseNumberTaken).
        extra = {"ClientRequestToken": request_token} if request_token else {}
        try:
            self.client.transact_write_items(TransactItems=ops, **extra)
        except ClientError as exc:
            reasons = [r.get("Code") for r in exc.response.get("CancellationReasons", [])]
            if reasons and reasons[0] == "ConditionalCheckFailed":
                raise CaseNumberTaken(order["case_number"]) from exc
            if consumed_event_id and reasons and reasons[-1] == "ConditionalCheckFailed":
                raise AlreadyConsumed() from exc
            if "ConditionalCheckFailed" in reasons:
                raise Conflict("the original order changed meanwhile; retry", code="concurrent_update") from exc
            raise

    def _put_versioned(self, order: Order) -> dict[str, Any]:
        """`order["version"]` is the new version; the stored one must be the one before."""
        return {"Put": {"TableName": self.table_name, "Item": _wire(self._order_item(order)),
                        "ConditionExpression": "version = :expected",
                        "ExpressionAttributeValues": _wire({":expected": int(order["version"]) - 1})}}

    def save(self, order: Order, consumed_event_id: str | None = None, outbox: Sequence[dict[str, Any]] = ()) -> None:
        """Stores a changed order, its next deadline and the outbox items of its events
        together; with `consumed_event_id` the message's dedupe record goes in the same
        transaction. Raises Conflict when the order changed since it was read,
        AlreadyConsumed when the message was seen."""
        ops = [self._put_versioned(order), self._due_op(order), self._centre_op(order)]
        # Departments summoned by a street's whistle find the order in their own index.
        pk, sort = order_pk(order["case_number"]), f"{order['created_at']}#{order['case_number']}"
        for department in order.get("summoned") or []:
            item = {"pk": pk, "sk": f"VIEW#SUMMONED#{department}", "case_number": order["case_number"],
                    "gsi1pk": key("SUMMONED", department), "gsi1sk": sort}
            ops.append({"Put": {"TableName": self.table_name, "Item": _wire(item)}})
        ops += outbox
        if consumed_event_id:
            ops.insert(0, self._inbox_op(consumed_event_id))
        self._transact(ops, consumed_event_id is not None)

    def mark_consumed(self, event_id: str, outbox: Sequence[dict[str, Any]] = ()) -> None:
        """Records a message as consumed (with the outbox items of what it published)."""
        self._transact([self._inbox_op(event_id), *outbox], True)

    def consumed(self, event_id: str) -> bool:
        return "Item" in self.table.get_item(Key={"pk": key("INBOX", event_id), "sk": "INBOX"}, ConsistentRead=True)

    def _inbox_op(self, event_id: str) -> dict[str, Any]:
        expires = int((datetime.now() + INBOX_TTL).timestamp())
        item = {"pk": key("INBOX", event_id), "sk": "INBOX", "expires_at": expires}
        return {"Put": {"TableName": self.table_name, "Item": _wire(item), "ConditionExpression": "attribute_not_exists(pk)"}}

    def _transact(self, ops: list[dict[str, Any]], first_is_inbox: bool) -> None:
        try:
            self.client.transact_write_items(TransactItems=ops)
        except ClientError as exc:
            reasons = [r.get("Code") for r in exc.response.get("CancellationReasons", [])]
            if first_is_inbox and reasons and reasons[0] == "ConditionalCheckFailed":
                raise AlreadyConsumed() from exc
            if "ConditionalCheckFailed" in reasons:
                raise Conflict("the order changed meanwhile; reload and retry", code="concurrent_update") from exc
            raise

    # --- reads -------------------------------------------------------------------------
    def get(self, case_number: str) -> Order | None:
        item = self.table.get_item(Key={"pk": order_pk(case_number), "sk": ORDER_SK}).get("Item")
        return from_dynamo(item["order"]) if item else None

    def get_many(self, case_numbers: Iterable[str]) -> list[Order]:
        wanted = list(dict.fromkeys(case_numbers))
        found: dict[str, Order] = {}
        for start in range(0, len(wanted), 100):
            keys = [{"pk": order_pk(c), "sk": ORDER_SK} for c in wanted[start:start + 100]]
            request: dict[str, Any] = {self.table_name: {"Keys": keys}}
            while request:
                response = aws.resource("dynamodb").batch_get_item(RequestItems=request)
                for item in response["Responses"].get(self.table_name, []):
                    order = from_dynamo(item["order"])
                    found[order["case_number"]] = order
                request = response.get("UnprocessedKeys") or {}
        return [found[c] for c in wanted if c in found]

    def query_index(self, index: str, pk: str, *, sk_prefix: str | None = None, limit: int = 20,
                    page_token: str | None = None, newest_first: bool = True) -> tuple[list[dict[str, Any]], str | None]:
        condition = Key(f"{index}pk").eq(pk)
        if sk_prefix:
            condition &= Key(f"{index}sk").begins_with(sk_prefix)
        kwargs: dict[str, Any] = {"IndexName": index, "KeyConditionExpression": condition, "Limit": limit,
                                  "ScanIndexForward": not newest_first}
        start = decode_token(page_token, index, pk, sk_prefix)
        if start:
            kwargs["ExclusiveStartKey"] = start
        try:
            response = self.table.query(**kwargs)
        except ClientError as exc:
            # A safety net: a start key DynamoDB refuses is the client's token, not our fault.
            if start and exc.response.get("Error", {}).get("Code") == "ValidationException":
                raise InvalidField("page_token", "does not fit this listing; start again without it") from exc
            raise
        next_token = encode_token(response.get("LastEvaluatedKey"), index, pk, sk_prefix)
        return [from_dynamo(i) for i in response.get("Items", [])], next_token

    def query_matching(self, index: str, pk: str, *, limit: int, page_token: str | None,
                       orders_of: Callable[[list[dict[str, Any]]], list[Order | None]],
                       keep: Callable[[Order], bool], bound: str = "") -> tuple[list[Order], str | None]:
        """A full page of the orders in an index partition that `keep` accepts: the filter is
        applied before paging (reading on, at most MAX_READS queries), and the token resumes
        right after the last order returned. `orders_of(items)` loads the items' orders."""
        start = pages.decode(page_token, field="page_token", index=index, partition=pk, bound=bound)
        found: list[Order] = []
        for _ in range(MAX_READS):
            kwargs: dict[str, Any] = {"IndexName": index, "KeyConditionExpression": Key(f"{index}pk").eq(pk),
                                      "Limit": max(limit, 25), "ScanIndexForward": False}
            if start:
                kwargs["ExclusiveStartKey"] = start
            try:
                response = self.table.query(**kwargs)
            except ClientError as exc:
                if start and exc.response.get("Error", {}).get("Code") == "ValidationException":
                    raise InvalidField("page_token", "does not fit this listing; start again without it") from exc
                raise
            items = response.get("Items", [])
            for item, order in zip(items, orders_of([from_dynamo(i) for i in items]), strict=True):
                if order is not None and keep(order):
                    found.append(order)
                    if len(found) == limit:
                        last = {k: item[k] for k in pages.key_attributes(index) if k in item}
                        return found, pages.encode(from_dynamo(last), index=index, partition=pk, bound=bound)
            start = response.get("LastEvaluatedKey")
            if not start:
                return found, None
        return found, pages.encode(from_dynamo(start), index=index, partition=pk, bound=bound)

    def near_candidates(self, category: str, lon: float, lat: float, since: datetime) -> list[dict[str, Any]]:
        """Markers of orders of `category` indexed in the point's cell since `since`."""
        response = self.table.query(
            IndexName="gsi2",
            KeyConditionExpression=Key("gsi2pk").eq(key("NEAR", category, geocell.cell_of(lon, lat)))
            & Key("gsi2sk").gte(iso(since)),
            ScanIndexForward=False,
            Limit=50,
        )
        return [from_dynamo(i) for i in response.get("Items", [])]

    def due_case_numbers(self, now: datetime, lookback_hours: int) -> list[str]:
        """Orders whose next check is at or before `now`, from the hour buckets of the last
        `lookback_hours` (an order is moved to its next bucket whenever it is processed)."""
        found: list[str] = []
        now = now.astimezone(UTC)
        hour = now.replace(minute=0, second=0, microsecond=0)
        for back in range(lookback_hours + 1):
            moment = hour - timedelta(hours=back)
            for n in range(DUE_SHARDS):
                pk = key("DUE", moment.strftime("%Y-%m-%dT%H"), n)
                kwargs: dict[str, Any] = {"IndexName": "gsi1",
                                          "KeyConditionExpression": Key("gsi1pk").eq(pk) & Key("gsi1sk").lte(iso(now) + "#~")}
                while True:
                    response = self.table.query(**kwargs)
                    found += [i["case_number"] for i in response.get("Items", [])]
                    if "LastEvaluatedKey" not in response:
                        break
                    kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]
        return found

    def home_grid(self, subject: str) -> str | None:
        """The grid a resident registered as home (where reports without a place are located)."""
        item = self.table.get_item(Key={"pk": key("RESIDENT", subject), "sk": "HOME"}).get("Item")
        return str(item["grid"]) if item else None

    def set_home_grid(self, subject: str, grid: str) -> None:
        self.table.put_item(Item={"pk": key("RESIDENT", subject), "sk": "HOME", "grid": grid})

    def scheduler_cursor(self) -> datetime | None:
        """The hour up to which every deadline bucket was processed without a failure."""
        item = self.table.get_item(Key={"pk": "SCHEDULER", "sk": "CURSOR"}).get("Item")
        return datetime.fromisoformat(item["hour"]) if item else None

    def set_scheduler_cursor(self, hour: datetime) -> None:
        self.table.put_item(Item={"pk": "SCHEDULER", "sk": "CURSOR", "hour": iso(hour)})

    # --- routing rules -----------------------------------------------------------------
    def rules_for(self, category: str) -> list[Rule]:
        response = self.table.query(KeyConditionExpression=Key("pk").eq(key("RULES", category)))
        return [_rule(i) for i in response.get("Items", [])]

    def all_rules(self, category: str | None = None) -> list[Rule]:
        condition = Key("gsi2pk").eq("RULES")
        if category:
            condition &= Key("gsi2sk").begins_with(category + "#")
        kwargs: dict[str, Any] = {"IndexName": "gsi2", "KeyConditionExpression": condition}
        rules: list[Rule] = []
        while True:
            response = self.table.query(**kwargs)
            rules += [_rule(i) for i in response.get("Items", [])]
            if "LastEvaluatedKey" not in response:
                return rules
            kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]

    def put_rule(self, rule: Rule, *, only_if_new: bool = False) -> bool:
        item = {"pk": key("RULES", rule.category), "sk": f"AREA#{rule.area}", "gsi2pk": "RULES",
                "gsi2sk": f"{rule.category}#{rule.area}", **rule.as_dict()}
        kwargs: dict[str, Any] = {"Item": to_dynamo({k: v for k, v in item.items() if v is not None})}
        if only_if_new:
            kwargs["ConditionExpression"] = "attribute_not_exists(pk)"
        try:
            self.table.put_item(**kwargs)
        except ClientError as exc:
            if exc.response["Error"]["Code"] == "ConditionalCheckFailedException":
                return False
            raise
        return True

    def delete_rule(self, category: str, area: str) -> bool:
        response = self.table.delete_item(Key={"pk": key("RULES", category), "sk": f"AREA#{area}"}, ReturnValues="ALL_OLD")
        return "Attributes" in response


def _rule(item: dict[str, Any]) -> Rule:
    item = from_dynamo(item)
    return Rule(item["category"], item["area"], item["handler"], item.get("sign_minutes"))
