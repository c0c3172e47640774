"""DynamoDB items of the Open311 channel (single table):

- KEY#<sha256 of the key> / KEY: an API client (name, id); the key itself is never stored
- TOKEN#<token> / TOKEN: a posted request until (and after) it becomes a work order;
  CMD#<command id> / CMD points back to the token (results carry the command id)
- REQ#<case> / REQ: the projection of a work order, no personal data; gsi1 REQS#<month> by
  requested time (the list), gsi2 UPDS#<month> by updated time on UPD items (updates feed)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from boto3.dynamodb.conditions import Key
from botocore.exceptions import ClientError

from shared import aws
from shared.storage import plain as _plain
from shared.storage import to_dynamo as _dynamo


class DynamoRepository:
    def __init__(self, table: Any | None = None) -> None:
        self.table = table or aws.table()

    def _get(self, pk: str, sk: str) -> dict[str, Any] | None:
        item = self.table.get_item(Key={"pk": pk, "sk": sk}).get("Item")
        return _plain(item) if item else None

    # --- API clients ---------------------------------------------------------------------
    def put_client(self, key_hash: str, client: dict[str, Any]) -> None:
        self.table.put_item(Item=_dynamo({"pk": f"KEY#{key_hash}", "sk": "KEY", **client}))

    def client_by_key_hash(self, key_hash: str) -> dict[str, Any] | None:
        return self._get(f"KEY#{key_hash}", "KEY")

    # --- tokens --------------------------------------------------------------------------
    def put_token(self, token: dict[str, Any]) -> None:
        self.table.put_item(Item=_dynamo({"pk": f"TOKEN#{token['token']}", "sk": "TOKEN", **token}))
        self.table.put_item(Item={"pk": f"CMD#{token['command_id']}", "sk": "CMD", "token": token["token"]})

    def get_token(self, token: str) -> dict[str, Any] | None:
        return self._get(f"TOKEN#{token}", "TOKEN")

    def token_for_command(self, command_id: str) -> dict[str, Any] | None:
        pointer = self._get(f"CMD#{command_id}", "CMD")
        return self.get_token(pointer["token"]) if pointer else None

    def resolve_token(self, token: str, case_number: str) -> None:
        self.table.update_item(Key={"pk": f"TOKEN#{token}", "sk": "TOKEN"},
                               UpdateExpression="SET service_request_id = :c", ExpressionAttributeValues={":c": case_number})

    # --- requests (projection) -----------------------------------------------------------------
    def get_request(self, case_number: str) -> dict[str, Any] | None:
        return self._get(f"REQ#{case_number}", "REQ")

    def put_request(self, request: dict[str, Any], month: str, event_id: str, occurred_at: str) -> bool:
        """Writes the projection unless a later event was applied already (SQS may reorder)."""
        item = {"pk": f"REQ#{request['service_request_id']}", "sk": "REQ", "gsi1pk": f"REQS#{month}",
                "gsi1sk": f"{request['requested_datetime']}#{request['service_request_id']}",
                "last_event_at": occurred_at, "last_event_id": event_id, **request}
        try:
            self.table.put_item(Item=_dynamo(item),
                                ConditionExpression="attribute_not_exists(pk) OR last_event_at <= :at",
                                ExpressionAttributeValues={":at": occurred_at})
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                return False
            raise
        return True

    def requests_by_ids(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        keys = [{"pk": f"REQ#{i}", "sk": "REQ"} for i in dict.fromkeys(ids)]
        found: list[dict[str, Any]] = []
        resource = aws.resource("dynamodb")
        for start in range(0, len(keys), 100):
            pending: dict[str, Any] = {self.table.name: {"Keys": keys[start : start + 100]}}
            while pending:
                response = resource.batch_get_item(RequestItems=pending)
                found += [_plain(i) for i in response.get("Responses", {}).get(self.table.name, [])]
                pending = response.get("UnprocessedKeys") or {}
        return found

    def requests_in_month(self, month: str, start: str, end: str, limit: int,
                          keep: Callable[[dict[str, Any]], bool] = lambda _: True) -> list[dict[str, Any]]:
        """Newest first, requested between start and end (ISO strings, China time), those
        `keep` accepts, at most `limit`."""
        out: list[dict[str, Any]] = []
        kwargs: dict[str, Any] = {"IndexName": "gsi1", "ScanIndexForward": False,
                                  "KeyConditionExpression": Key("gsi1pk").eq(f"REQS#{month}") & Key("gsi1sk").between(start, end + "~")}
        while len(out) < limit:
            response = self.table.query(Limit=max(limit - len(out), 100), **kwargs)
            out += [p for p in (_plain(i) for i in response.get("Items", [])) if keep(p)]
            if "LastEvaluatedKey" not in response:
                break
            kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]
        return out[:limit]

    # --- updates feed -------------------------------------------------------------------------
    def put_update(self, update: dict[str, Any], month: str) -> None:
        item = {"pk": f"UPD#{update['update_id']}", "sk": "UPD", "gsi2pk": f"UPDS#{month}",
                "gsi2sk": f"{update['updated_datetime']}#{update['update_id']}", **update}
        self.table.put_item(Item=_dynamo(item))

    def updates_in_month(self, month: str, start: str, end: str, limit: int) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        kwargs: dict[str, Any] = {"IndexName": "gsi2", "ScanIndexForward": True,
                                  "KeyConditionExpression": Key("gsi2pk").eq(f"UPDS#{month}") & Key("gsi2sk").between(start, end + "~")}
        while len(out) < limit:
            response = self.table.query(Limit=limit - len(out), **kwargs)
            out += [_plain(i) for i in response.get("Items", [])]
            if "LastEvaluatedKey" not in response:
                break
            kwargs["ExclusiveStartKey"] = response["LastEvaluatedKey"]
        return out
