"""The SMS channel's table (single-table: pk, sk, TTL expires_at). No phone number is
stored in clear: profiles are keyed by the resident subject (a keyed hash of the number)
and hold it encrypted."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Any

from boto3.dynamodb.conditions import Key
from botocore.exceptions import ClientError

from chalicelib.domain import policy
from chalicelib.domain.model import CaseView, Held, PendingCommand, Profile, SentText
from shared import aws

DAY = 86400
HELD_LOOKBACK_DAYS = 3  # held texts are released within hours; older ones are still found


def _conditional_failed(error: ClientError) -> bool:
    return error.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException"


def _ttl(days: float) -> int:
    return int(time.time() + days * DAY)


def _clean(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k not in ("pk", "sk", "expires_at")}


class DynamoStore:
    def __init__(self, table: Any | None = None) -> None:
        self.table = table or aws.table()

    def _get(self, pk: str, sk: str) -> dict[str, Any] | None:
        item = self.table.get_item(Key={"pk": pk, "sk": sk}).get("Item")
        return None if item is None else _clean(item)

    def _put(self, pk: str, sk: str, body: dict[str, Any], days: float | None = None) -> None:
        item = {"pk": pk, "sk": sk, **{k: v for k, v in body.items() if v is not None}}
        if days is not None:
            item["expires_at"] = _ttl(days)
        self.table.put_item(Item=item)

    # -- once-only markers ------------------------------------------------------------------
    def claim(self, key: str, days: int) -> bool:
        try:
            self.table.put_item(
                Item={"pk": key, "sk": "-", "expires_at": _ttl(days)}, ConditionExpression="attribute_not_exists(pk)"
            )
            return True
        except ClientError as error:
            if _conditional_failed(error):
                return False
            raise

    def release(self, key: str) -> None:
        self.table.delete_item(Key={"pk": key, "sk": "-"})

    # -- residents ------------------------------------------------------------------------------
    def profile(self, subject: str) -> Profile | None:
        item = self._get(f"RES#{subject}", "PROFILE")
        return None if item is None else Profile.model_validate(item)

    def put_profile(self, profile: Profile) -> None:
        self._put(f"RES#{profile.subject}", "PROFILE", profile.model_dump())

    # -- projection of work orders ------------------------------------------------------------
    def case(self, case_number: str) -> CaseView | None:
        item = self._get(f"CASE#{case_number}", "VIEW")
        return None if item is None else CaseView.model_validate(item)

    def put_case(self, view: CaseView) -> None:
        self._put(f"CASE#{view.case_number}", "VIEW", view.model_dump(), days=400)

    # -- commands sent and texts a resident may answer ------------------------------------
    def command(self, command_id: str) -> PendingCommand | None:
        item = self._get(f"CMD#{command_id}", "-")
        return None if item is None else PendingCommand.model_validate(item)

    def put_command(self, command: PendingCommand) -> None:
        self._put(f"CMD#{command.id}", "-", command.model_dump(), days=30)

    def sent(self, message_id: str) -> SentText | None:
        item = self._get(f"MSG#{message_id}", "-")
        return None if item is None else SentText.model_validate(item)

    def put_sent(self, sent: SentText) -> None:
        self._put(f"MSG#{sent.message_id}", "-", sent.model_dump(), days=30)

    # -- hourly limit -------------------------------------------------------------------------
    def take_quota(self, number_key: str, window: str, limit: int) -> bool:
        try:
            self.table.update_item(
                Key={"pk": f"QUOTA#{number_key}", "sk": window},
                UpdateExpression="ADD sent :one SET expires_at = :ttl",
                ConditionExpression="attribute_not_exists(sent) OR sent < :limit",
                ExpressionAttributeValues={":one": 1, ":limit": limit, ":ttl": _ttl(2)},
            )
            return True
        except ClientError as error:
            if _conditional_failed(error):
                return False
            raise

    # -- texts that wait ------------------------------------------------------------------------
    def hold(self, held: Held) -> None:
        day = held.release_at[:10]
        self._put(f"HELD#{day}", f"{held.release_at}#{held.key}", held.model_dump(), days=14)

    def due(self, now: datetime) -> list[Held]:
        local = policy.china(now)
        bound = f"{policy.iso(now)}#\uffff"
        found: list[Held] = []
        for back in range(HELD_LOOKBACK_DAYS, -1, -1):
            day = (local - timedelta(days=back)).strftime("%Y-%m-%d")
            response = self.table.query(KeyConditionExpression=Key("pk").eq(f"HELD#{day}") & Key("sk").lte(bound))
            found += [Held.model_validate(_clean(item)) for item in response.get("Items", [])]
        return found

    def drop(self, held: Held) -> None:
        self.table.delete_item(Key={"pk": f"HELD#{held.release_at[:10]}", "sk": f"{held.release_at}#{held.key}"})
