"""DynamoDB items of the webhooks service (single table):

- ENDPOINT#<unit> / ENDPOINT: url, events, sealed secrets, status
- ORDER#<case> / ORDER: the projection of the order from workorders events
- DELIVERY#<id> / DELIVERY: one webhook to one unit and its attempts; gsi1 UNIT#<unit> by
  creation time (the unit's log); gsi2 DELIVERIES#failed for the command centre
- INBOUND#<unit> / <webhook-id>: the first answer to an inbound webhook (replays get it)
"""

from __future__ import annotations

from typing import Any

from boto3.dynamodb.conditions import Key
from botocore.exceptions import ClientError

from shared import aws
from shared.storage import plain as _plain
from shared.storage import to_dynamo as _dynamo

INBOUND_KEEP_SECONDS = 7 * 86400




def _conditional_failed(exc: ClientError) -> bool:
    return exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException"


class DynamoRepository:
    def __init__(self, table: Any | None = None) -> None:
        self.table = table or aws.table()

    # --- endpoints ---------------------------------------------------------------------
    def get_endpoint(self, unit: str) -> dict[str, Any] | None:
        item = self.table.get_item(Key={"pk": f"ENDPOINT#{unit}", "sk": "ENDPOINT"}).get("Item")
        return _plain(item) if item else None

    def put_endpoint(self, endpoint: dict[str, Any]) -> None:
        self.table.put_item(Item=_dynamo({"pk": f"ENDPOINT#{endpoint['unit']}", "sk": "ENDPOINT", **endpoint}))

    def set_endpoint_status(self, unit: str, status: str, reason: str | None, at: str) -> None:
        self.table.update_item(
            Key={"pk": f"ENDPOINT#{unit}", "sk": "ENDPOINT"},
            UpdateExpression="SET #s = :s, status_reason = :r, updated_at = :t",
            ConditionExpression="attribute_exists(pk)",
            ExpressionAttributeNames={"#s": "status"},
            ExpressionAttributeValues={":s": status, ":r": reason, ":t": at},
        )

    # --- order projection ----------------------------------------------------------------
    def get_order(self, case_number: str) -> dict[str, Any] | None:
        item = self.table.get_item(Key={"pk": f"ORDER#{case_number}", "sk": "ORDER"}).get("Item")
        return _plain(item) if item else None

    def apply_order(self, case_number: str, fields: dict[str, Any], occurred_at: str, event_id: str) -> bool:
        """Applies an event's fields unless a later event was already applied (SQS may
        reorder); False for an older or repeated event."""
        names = {f"#f{i}": name for i, name in enumerate(fields)}
        values = {f":v{i}": _dynamo(value) for i, value in enumerate(fields.values())}
        sets = [f"#f{i} = :v{i}" for i in range(len(fields))] + ["last_event_at = :at", "last_event_id = :id"]
        try:
            self.table.update_item(
                Key={"pk": f"ORDER#{case_number}", "sk": "ORDER"},
                UpdateExpression="SET " + ", ".join(sets),
                ConditionExpression="attribute_not_exists(last_event_at) OR (last_event_at <= :at AND last_event_id <> :id)",
                ExpressionAttributeNames=names,
                ExpressionAttributeValues={**values, ":at": occurred_at, ":id": event_id},
            )
        except ClientError as exc:
            if _conditional_failed(exc):
                return False
            raise
        return True

    # --- deliveries ----------------------------------------------------------------------
    def create_delivery(self, delivery: dict[str, Any]) -> bool:
        """False when this delivery (same event, same unit) already exists."""
        item = {
            "pk": f"DELIVERY#{delivery['id']}",
            "sk": "DELIVERY",
            "gsi1pk": f"UNIT#{delivery['unit']}",
            "gsi1sk": f"{delivery['created_at']}#{delivery['id']}",
            **delivery,
        }
        try:
            self.table.put_item(Item=_dynamo(item), ConditionExpression="attribute_not_exists(pk)")
        except ClientError as exc:
            if _conditional_failed(exc):
                return False
            raise
        return True

    def get_delivery(self, delivery_id: str) -> dict[str, Any] | None:
        item = self.table.get_item(Key={"pk": f"DELIVERY#{delivery_id}", "sk": "DELIVERY"}).get("Item")
        return _plain(item) if item else None

    def record_attempt(self, delivery_id: str, attempt: dict[str, Any], status: str, next_attempt_at: str | None,
                       expected_attempts: int) -> bool:
        """Appends an attempt; the count guards against two workers recording the same one."""
        extra = ""
        values: dict[str, Any] = {":a": _dynamo([attempt]), ":s": status, ":n": next_attempt_at, ":c": expected_attempts}
        names = {"#s": "status"}
        if status == "failed":
            extra = ", gsi2pk = :failed, gsi2sk = :at"
            values.update({":failed": "DELIVERIES#failed", ":at": attempt["at"]})
        try:
            self.table.update_item(
                Key={"pk": f"DELIVERY#{delivery_id}", "sk": "DELIVERY"},
                UpdateExpression="SET attempts = list_append(attempts, :a), #s = :s, next_attempt_at = :n" + extra,
                ConditionExpression="size(attempts) = :c",
                ExpressionAttributeNames=names,
                ExpressionAttributeValues=values,
            )
        except ClientError as exc:
            if _conditional_failed(exc):
                return False
            raise
        return True

    def unit_deliveries(self, unit: str, limit: int) -> list[dict[str, Any]]:
        items = self.table.query(
            IndexName="gsi1", KeyConditionExpression=Key("gsi1pk").eq(f"UNIT#{unit}"), ScanIndexForward=False, Limit=limit
        ).get("Items", [])
        return [_plain(i) for i in items]

    def failed_deliveries(self, limit: int) -> list[dict[str, Any]]:
        items = self.table.query(
            IndexName="gsi2", KeyConditionExpression=Key("gsi2pk").eq("DELIVERIES#failed"), ScanIndexForward=False, Limit=limit
        ).get("Items", [])
        return [_plain(i) for i in items]

    # --- inbound answers -------------------------------------------------------------------
    def get_inbound(self, unit: str, webhook_id: str) -> dict[str, Any] | None:
        item = self.table.get_item(Key={"pk": f"INBOUND#{unit}", "sk": webhook_id}).get("Item")
        return _plain(item) if item else None

    def save_inbound(self, unit: str, webhook_id: str, status: int, body: dict[str, Any], now_epoch: int) -> dict[str, Any]:
        """Keeps the first answer; returns the one that is kept (ours or an earlier one)."""
        item = {"pk": f"INBOUND#{unit}", "sk": webhook_id, "status": status, "body": body,
                "expires_at": now_epoch + INBOUND_KEEP_SECONDS}
        try:
            self.table.put_item(Item=_dynamo(item), ConditionExpression="attribute_not_exists(pk)")
        except ClientError as exc:
            if _conditional_failed(exc):
                return self.get_inbound(unit, webhook_id) or item
            raise
        return item
