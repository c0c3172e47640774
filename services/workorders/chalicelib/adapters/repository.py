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
| consumed message (shared.events.Inbox) | INBOX#<envelope id> / INBOX | - | - |
| unpublished event (shared.events) | OUTBOX#<shard> / <written at>#<event id> | - | - |

Every order's items share its partition, so intake writes spread over as many partitions as
there are orders; index keys are per unit, area or hour (sharded), never one hot key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from botocore.exceptions import ClientError

from chalicelib.domain import geocell
from chalicelib.domain.routing import Rule
from chalicelib.domain.workflow import Order, centre_task, iso, next_check
from chalicelib.service import CaseNumberTaken, Keep, Page
from shared import aws, pages, storage
from shared.errors import Conflict, InvalidField
from shared.events import Inbox
from shared.keys import key, shard
from shared.settings import get_settings

DUE_SHARDS = 4
MAX_READS = 10  # queries one filtered page may take before it hands back a token
ORDER_SK = "ORDER"
# The views listed by orders_viewed: their index and partition key prefix.
VIEWS = {"summoned": ("gsi1", "SUMMONED"), "grid": ("gsi1", "GRID"), "community": ("gsi1", "COMMUNITY"),
         "street": ("gsi2", "STREET"), "centre": ("gsi2", "CENTRE")}


# Page tokens: shared.pages (signed and bound to the index, partition and sort-key prefix).
def encode_token(last_key: dict[str, Any] | None, index: str, pk: str, sk_prefix: str | None = None) -> str | None:
    return pages.encode(last_key, index=index, partition=pk, bound=sk_prefix or "")


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
        self.table_name = get_settings().table_name
        self.inbox = Inbox(self.table_name)

    @property
    def table(self) -> Any:
        return aws.table()  # the clients are made once per container (shared.aws)

    @property
    def client(self) -> Any:
        return aws.client("dynamodb")

    def _get_item(self, pk: str, sk: str, *, consistent: bool = False) -> dict[str, Any] | None:
        """One item by its key, as plain values (None when there is none)."""
        kwargs: dict[str, Any] = {"TableName": self.table_name, "Key": storage.encode({"pk": pk, "sk": sk})}
        if consistent:
            kwargs["ConsistentRead"] = True
        item = self.client.get_item(**kwargs).get("Item")
        return storage.decode(item) if item else None

    def _put_item(self, item: dict[str, Any]) -> None:
        self.client.put_item(**storage.put(self.table_name, item)["Put"])

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
            return storage.delete(self.table_name, {"pk": pk, "sk": "DUE"})
        item = {
            "pk": pk,
            "sk": "DUE",
            "gsi1pk": due_bucket(due, order["case_number"]),
            "gsi1sk": f"{iso(due)}#{order['case_number']}",
            "case_number": order["case_number"],
        }
        return storage.put(self.table_name, item)

    def _centre_op(self, order: Order) -> dict[str, Any]:
        """The order's place in the command centre's work (gsi2 CENTRE#<task>), or none."""
        task = centre_task(order)
        pk = order_pk(order["case_number"])
        if task is None:
            return storage.delete(self.table_name, {"pk": pk, "sk": "VIEW#CENTRE"})
        item = {"pk": pk, "sk": "VIEW#CENTRE", "case_number": order["case_number"], "task": task,
                "gsi2pk": key("CENTRE", task), "gsi2sk": f"{order['created_at']}#{order['case_number']}"}
        return storage.put(self.table_name, item)

    def count_index(self, index: str, pk: str) -> int:
        """How many items one index partition holds (COUNT reads only the keys)."""
        return len(storage.query_all(self.table_name, f"{index}pk = :p", {":p": pk}, index=index,
                                     projection="pk"))

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
        ops: list[storage.Operation] = [
            ("order", storage.put(self.table_name, self._order_item(order), condition="attribute_not_exists(pk)")),
        ]
        ops += [storage.put(self.table_name, item) for item in self._view_items(order)]
        if next_check(order) is not None:
            ops.append(self._due_op(order))
        if centre_task(order) is not None:
            ops.append(self._centre_op(order))
        if link_to is not None:
            ops.append(("original", self._put_versioned(link_to)))
        ops += outbox
        if consumed_event_id:  # a command: its dedupe record commits with the order
            ops.append(self.inbox.record(consumed_event_id))
        # DynamoDB answers an SDK retry of a committed transaction with the same token as a
        # success (for 10 minutes); past that, or where the token is ignored, the caller
        # recognises its own order by its request id (CaseNumberTaken).
        try:
            storage.transact(ops, client_request_token=request_token)
        except storage.ConditionFailed as failed:
            if _failed(failed, "order"):
                raise CaseNumberTaken(order["case_number"]) from failed
            self.inbox.raise_if_consumed(failed)
            raise Conflict("the original order changed meanwhile; retry", zh="原工单刚被改动，请重试",
                           code="concurrent_update") from failed

    def _put_versioned(self, order: Order) -> dict[str, Any]:
        """`order["version"]` is the new version; the stored one must be the one before."""
        return storage.put(self.table_name, self._order_item(order), condition="version = :expected",
                           values={":expected": int(order["version"]) - 1})

    def save(self, order: Order, consumed_event_id: str | None = None, outbox: Sequence[dict[str, Any]] = ()) -> None:
        """Stores a changed order, its next deadline and the outbox items of its events
        together; with `consumed_event_id` the message's dedupe record goes in the same
        transaction. Raises Conflict when the order changed since it was read,
        AlreadyConsumed when the message was seen."""
        ops: list[storage.Operation] = [("order", self._put_versioned(order)), self._due_op(order), self._centre_op(order)]
        # Departments summoned by a street's whistle find the order in their own index.
        pk, sort = order_pk(order["case_number"]), f"{order['created_at']}#{order['case_number']}"
        for department in order.get("summoned") or []:
            item = {"pk": pk, "sk": f"VIEW#SUMMONED#{department}", "case_number": order["case_number"],
                    "gsi1pk": key("SUMMONED", department), "gsi1sk": sort}
            ops.append(storage.put(self.table_name, item))
        ops += outbox
        if consumed_event_id:
            ops.insert(0, self.inbox.record(consumed_event_id))
        self._transact(ops)

    def mark_consumed(self, event_id: str, outbox: Sequence[dict[str, Any]] = ()) -> None:
        """Records a message as consumed (with the outbox items of what it published)."""
        self.inbox.commit(event_id, outbox)

    def consumed(self, event_id: str) -> bool:
        return self.inbox.seen(event_id)

    def _transact(self, ops: Sequence[storage.Operation]) -> None:
        try:
            storage.transact(ops)
        except storage.ConditionFailed as failed:
            self.inbox.raise_if_consumed(failed)  # shared.events.AlreadyConsumed, the port's
            raise Conflict("the order changed meanwhile; reload and retry", zh="工单刚被改动，请重新载入后再试",
                           code="concurrent_update") from failed

    # --- reads -------------------------------------------------------------------------
    def get(self, case_number: str) -> Order | None:
        item = self._get_item(order_pk(case_number), ORDER_SK)
        order: Order | None = item["order"] if item else None
        return order

    def get_many(self, case_numbers: Iterable[str]) -> list[Order]:
        wanted = list(dict.fromkeys(case_numbers))
        found: dict[str, Order] = {}
        for start in range(0, len(wanted), 100):
            keys = [storage.encode({"pk": order_pk(c), "sk": ORDER_SK}) for c in wanted[start:start + 100]]
            request: dict[str, Any] = {self.table_name: {"Keys": keys}}
            while request:
                response = self.client.batch_get_item(RequestItems=request)
                for item in response["Responses"].get(self.table_name, []):
                    order = storage.decode(item)["order"]
                    found[order["case_number"]] = order
                request = response.get("UnprocessedKeys") or {}
        return [found[c] for c in wanted if c in found]

    def _page(self, index: str, pk: str, *, limit: int, start: dict[str, Any] | None,
              sk_prefix: str | None = None) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
        """One page of an index partition, newest first (shared.storage.query_page)."""
        condition, values = f"{index}pk = :p", {":p": pk}
        if sk_prefix:
            condition, values = f"{condition} AND begins_with({index}sk, :s)", {**values, ":s": sk_prefix}
        try:
            return storage.query_page(self.table_name, condition, values, index=index, limit=limit, start_key=start,
                                      newest_first=True)
        except ClientError as exc:
            # A safety net: a start key DynamoDB refuses is the client's token, not our fault.
            if start and exc.response.get("Error", {}).get("Code") == "ValidationException":
                raise InvalidField("page_token", "does not fit this listing; start again without it",
                                   "与该列表不符，请去掉它重新开始") from exc
            raise

    def query_index(self, index: str, pk: str, *, sk_prefix: str | None = None, limit: int = 20,
                    page_token: str | None = None) -> tuple[list[dict[str, Any]], str | None]:
        """A page of an index partition (newest first) and the token of the next."""
        start = decode_token(page_token, index, pk, sk_prefix)
        items, last = self._page(index, pk, limit=limit, start=start, sk_prefix=sk_prefix)
        return items, encode_token(last, index, pk, sk_prefix)

    def query_matching(self, index: str, pk: str, *, limit: int, page_token: str | None,
                       orders_of: Callable[[list[dict[str, Any]]], list[Order | None]],
                       keep: Callable[[Order], bool], bound: str = "") -> tuple[list[Order], str | None]:
        """A full page of the orders in an index partition that `keep` accepts: the filter is
        applied before paging (reading on, at most MAX_READS queries), and the token resumes
        right after the last order returned. `orders_of(items)` loads the items' orders."""
        start = pages.decode(page_token, field="page_token", index=index, partition=pk, bound=bound)
        found: list[Order] = []
        for _ in range(MAX_READS):
            items, start = self._page(index, pk, limit=max(limit, 25), start=start)
            for item, order in zip(items, orders_of(items), strict=True):
                if order is not None and keep(order):
                    found.append(order)
                    if len(found) == limit:
                        last = {k: item[k] for k in pages.key_attributes(index) if k in item}
                        return found, pages.encode(last, index=index, partition=pk, bound=bound)
            if not start:
                return found, None
        return found, pages.encode(start, index=index, partition=pk, bound=bound)

    def _orders_of_views(self, items: list[dict[str, Any]]) -> list[Order | None]:
        found = {o["case_number"]: o for o in self.get_many(i["case_number"] for i in items)}
        return [found.get(i["case_number"]) for i in items]

    def orders_of_resident(self, subject: str, *, limit: int, page_token: str | None, keep: Keep, bound: str) -> Page:
        return self.query_matching("gsi2", key("RESIDENT", subject), limit=limit, page_token=page_token, keep=keep,
                                   bound=bound, orders_of=lambda items: [i["order"] for i in items])

    def orders_viewed(self, view: str, code: str, *, limit: int, page_token: str | None, keep: Keep,
                      bound: str = "") -> Page:
        """The orders in one view (summoned, grid, community, street, centre), newest first."""
        index, prefix = VIEWS[view]
        return self.query_matching(index, key(prefix, code), limit=limit, page_token=page_token, keep=keep,
                                   bound=bound, orders_of=self._orders_of_views)

    def handler_queue(self, unit: str, status: str | None, *, limit: int, page_token: str | None) -> Page:
        items, token = self.query_index("gsi1", key("HANDLER", unit), limit=limit,
                                        sk_prefix=f"{status}#" if status else None, page_token=page_token)
        return [i["order"] for i in items], token

    def count_centre_task(self, task: str) -> int:
        return self.count_index("gsi2", key("CENTRE", task))

    def near_candidates(self, category: str, lon: float, lat: float, since: datetime) -> list[dict[str, Any]]:
        """Markers of orders of `category` indexed in the point's cell since `since`."""
        items, _ = storage.query_page(self.table_name, "gsi2pk = :p AND gsi2sk >= :since",
                                      {":p": key("NEAR", category, geocell.cell_of(lon, lat)), ":since": iso(since)},
                                      index="gsi2", limit=50, newest_first=True)
        return items

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
                found += [i["case_number"] for i in storage.query_all(
                    self.table_name, "gsi1pk = :p AND gsi1sk <= :until", {":p": pk, ":until": iso(now) + "#~"},
                    index="gsi1")]
        return found

    def home_grid(self, subject: str) -> str | None:
        """The grid a resident registered as home (where reports without a place are located)."""
        item = self._get_item(key("RESIDENT", subject), "HOME")
        return str(item["grid"]) if item else None

    def set_home_grid(self, subject: str, grid: str) -> None:
        self._put_item({"pk": key("RESIDENT", subject), "sk": "HOME", "grid": grid})

    def scheduler_cursor(self) -> datetime | None:
        """The hour up to which every deadline bucket was processed without a failure."""
        item = self._get_item("SCHEDULER", "CURSOR")
        return datetime.fromisoformat(item["hour"]) if item else None

    def set_scheduler_cursor(self, hour: datetime) -> None:
        self._put_item({"pk": "SCHEDULER", "sk": "CURSOR", "hour": iso(hour)})

    # --- routing rules -----------------------------------------------------------------
    def rules_for(self, category: str) -> list[Rule]:
        return [_rule(i) for i in storage.query_all(self.table_name, "pk = :p", {":p": key("RULES", category)})]

    def all_rules(self, category: str | None = None) -> list[Rule]:
        if category:
            items = storage.query_all(self.table_name, "gsi2pk = :p AND begins_with(gsi2sk, :c)",
                                      {":p": "RULES", ":c": category + "#"}, index="gsi2")
        else:
            items = storage.query_all(self.table_name, "gsi2pk = :p", {":p": "RULES"}, index="gsi2")
        return [_rule(i) for i in items]

    def put_rule(self, rule: Rule, *, only_if_new: bool = False) -> bool:
        item = {"pk": key("RULES", rule.category), "sk": f"AREA#{rule.area}", "gsi2pk": "RULES",
                "gsi2sk": f"{rule.category}#{rule.area}", **rule.as_dict()}
        put: dict[str, Any] = storage.put(self.table_name, item, condition="attribute_not_exists(pk)" if only_if_new else None)
        try:
            self.client.put_item(**put["Put"])
        except ClientError as exc:
            if exc.response["Error"]["Code"] == "ConditionalCheckFailedException":
                return False
            raise
        return True

    def delete_rule(self, category: str, area: str) -> bool:
        delete = storage.delete(self.table_name, {"pk": key("RULES", category), "sk": f"AREA#{area}"})["Delete"]
        response = self.client.delete_item(**delete, ReturnValues="ALL_OLD")
        return "Attributes" in response


def _failed(failure: storage.ConditionFailed, label: str) -> bool:
    return any(r.label == label and r.code == "ConditionalCheckFailed" for r in failure.reasons)


def _rule(item: dict[str, Any]) -> Rule:
    return Rule(item["category"], item["area"], item["handler"], item.get("sign_minutes"))
