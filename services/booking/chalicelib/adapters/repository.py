"""The booking table (single-table design, govportal-booking).

    CENTRE#<id>              META           a centre's reference data
    ITEM#<code>              META           an item's duration, appointment/home-visit flags, centres
    CELLS#<centre>#<day>     <HHMM>         seats taken in one 15-minute cell (HV<HHMM>: home visits)
    APPT#<id>                APPT           the appointment; gsi1 = RESIDENT#<sub> / <start>#<id>,
                                            gsi2 = DAY#<day> / <centre>#<start>#<id>
    GUARD#<resident>#<item>#<day> GUARD     one booking per resident per item per day
    RESIDENT#<sub>           ACTIVE         the resident's count of active bookings
    CODE#<code>              CODE           the booking code is unique; points to the appointment

    OUTBOX#<shard>           <at>#<event id> an event not yet published (shared.outbox)

Booking, rescheduling and cancelling are each ONE TransactWriteItems; capacity and the
rules are conditions inside it, never a read followed by a write. An appointment carries
an integer `version` (1 when booked; an item from before versions reads as 0): every write
that changes it is conditioned on the version its writer read and sets the next one, so of
two concurrent changes one fails as concurrent_change and its transaction (seats included)
changes nothing. The change's event goes into the same transaction as an outbox item
(`outbox=`), published after the commit.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from datetime import date
from typing import Any

from boto3.dynamodb.conditions import Attr, Key
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import ClientError

from chalicelib.domain.booking import SeatTaken
from chalicelib.domain.model import Appointment, Status
from chalicelib.domain.schedule import Centre, Item
from shared import aws
from shared.keys import key
from shared.observability import logger
from shared.settings import get_settings

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()
REFERENCE_TTL_SECONDS = 300
CONFLICT_RETRIES = 8


def _av(value: Any) -> dict[str, Any]:
    return _serializer.serialize(value)  # type: ignore[no-any-return]


def _item(values: dict[str, Any]) -> dict[str, Any]:
    return {k: _av(v) for k, v in values.items() if v is not None}


def _plain(value: Any) -> Any:
    """Decimal -> int (the table holds no fractions)."""
    from decimal import Decimal

    if isinstance(value, Decimal):
        return int(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def appointment_key(appointment_id: str) -> dict[str, str]:
    return {"pk": key("APPT", appointment_id), "sk": "APPT"}


def cells_pk(centre: str, day: str) -> str:
    return key("CELLS", centre, day)


def guard_key(appointment: Appointment) -> dict[str, str]:
    return {"pk": key("GUARD", appointment.resident, appointment.item, appointment.day), "sk": "GUARD"}


def active_key(resident: str) -> dict[str, str]:
    return {"pk": key("RESIDENT", resident), "sk": "ACTIVE"}


def code_key(code: str) -> dict[str, str]:
    return {"pk": key("CODE", code), "sk": "CODE"}


def appointment_record(appointment: Appointment) -> dict[str, Any]:
    data = appointment.to_dict()
    data.update(appointment_key(appointment.id))
    data["gsi1pk"] = key("RESIDENT", appointment.resident)
    data["gsi1sk"] = f"{appointment.start}#{appointment.id}"
    data["gsi2pk"] = key("DAY", appointment.day)
    data["gsi2sk"] = f"{appointment.centre}#{appointment.start}#{appointment.id}"
    return data


def _at_version(appointment: Appointment) -> tuple[str, dict[str, str], dict[str, Any]]:
    """The condition "the stored appointment is still at the version it was read at". An
    item written before versions existed has no attribute and reads as version 0."""
    if appointment.version == 0:
        return "attribute_exists(pk) AND attribute_not_exists(#version)", {"#version": "version"}, {}
    return "#version = :expected", {"#version": "version"}, {":expected": appointment.version}


class DynamoRepository:
    def __init__(self) -> None:
        self.table_name = get_settings().table_name
        self._reference: dict[str, tuple[float, Any]] = {}

    @property
    def client(self) -> Any:
        return aws.client("dynamodb")

    @property
    def table(self) -> Any:
        return aws.table(self.table_name)

    # -- reference data (cached per container: it changes only when seeded) -------------
    def _reference_item(self, pk: str) -> dict[str, Any] | None:
        cached = self._reference.get(pk)
        if cached and cached[0] > time.monotonic():
            return cached[1]  # type: ignore[no-any-return]
        found = self.table.get_item(Key={"pk": pk, "sk": "META"}).get("Item")
        data = _plain(found["data"]) if found else None
        self._reference[pk] = (time.monotonic() + REFERENCE_TTL_SECONDS, data)
        return data

    def centre(self, centre_id: str) -> Centre | None:
        data = self._reference_item(key("CENTRE", centre_id)) if "#" not in centre_id else None
        return Centre.from_data(data) if data else None

    def item(self, code: str) -> Item | None:
        data = self._reference_item(key("ITEM", code)) if "#" not in code else None
        if not data:
            return None
        return Item(
            code=data["code"],
            name_zh=data.get("name_zh", data["code"]),
            duration_minutes=int(data["duration_minutes"]),
            appointment=bool(data.get("appointment")),
            home_visit=bool(data.get("home_visit")),
            centres=tuple(data.get("centres", [])),
        )

    def put_reference(self, kind: str, ident: str, data: dict[str, Any]) -> None:
        self.table.put_item(Item={"pk": key(kind, ident), "sk": "META", "data": data})

    # -- seats ---------------------------------------------------------------------------
    def taken(self, centre_id: str, day: date) -> dict[str, int]:
        result: dict[str, int] = {}
        kwargs: dict[str, Any] = {"KeyConditionExpression": Key("pk").eq(cells_pk(centre_id, day.isoformat()))}
        while True:
            page = self.table.query(**kwargs)
            for row in page["Items"]:
                result[row["sk"]] = int(row.get("taken", 0))
            if "LastEvaluatedKey" not in page:
                return result
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def _take(self, centre: str, day: str, cell: str, capacity: int) -> dict[str, Any]:
        return {
            "Update": {
                "TableName": self.table_name,
                "Key": _item({"pk": cells_pk(centre, day), "sk": cell}),
                "UpdateExpression": "SET #taken = if_not_exists(#taken, :zero) + :one, #cap = :cap",
                "ConditionExpression": "attribute_not_exists(#taken) OR #taken < :cap",
                "ExpressionAttributeNames": {"#taken": "taken", "#cap": "capacity"},
                "ExpressionAttributeValues": _item({":zero": 0, ":one": 1, ":cap": capacity}),
            }
        }

    def _free(self, centre: str, day: str, cell: str) -> dict[str, Any]:
        return {
            "Update": {
                "TableName": self.table_name,
                "Key": _item({"pk": cells_pk(centre, day), "sk": cell}),
                "UpdateExpression": "SET #taken = #taken - :one",
                "ConditionExpression": "#taken > :zero",
                "ExpressionAttributeNames": {"#taken": "taken"},
                "ExpressionAttributeValues": _item({":zero": 0, ":one": 1}),
            }
        }

    def _transact(self, operations: list[tuple[str, dict[str, Any]]]) -> None:
        """Runs the operations as one transaction; a failed condition raises SeatTaken with
        the rule of the operation that failed. Conflicts with a concurrent transaction on
        the same items are retried with jittered backoff."""
        items = [op for _, op in operations]
        for attempt in range(CONFLICT_RETRIES):
            try:
                self.client.transact_write_items(TransactItems=items)
                return
            except ClientError as exc:
                if exc.response["Error"]["Code"] != "TransactionCanceledException":
                    raise
                reasons = exc.response.get("CancellationReasons") or []
                codes = [r.get("Code", "None") for r in reasons]
                for (rule, _), code in zip(operations, codes, strict=False):
                    if code == "ConditionalCheckFailed":
                        raise SeatTaken(rule) from None
                if "TransactionConflict" in codes or not codes:
                    time.sleep(random.uniform(0, 0.01 * 2**attempt))
                    continue
                raise
        raise SeatTaken("busy")

    def book(
        self, appointment: Appointment, cell_capacity: int, max_active: int, *, outbox: Sequence[dict[str, Any]] = ()
    ) -> None:
        operations: list[tuple[str, dict[str, Any]]] = [
            ("slot_full", self._take(appointment.centre, appointment.day, cell, cell_capacity)) for cell in appointment.cells
        ]
        operations += [
            (
                "id_taken",
                {
                    "Put": {
                        "TableName": self.table_name,
                        "Item": _item(appointment_record(appointment)),
                        "ConditionExpression": "attribute_not_exists(pk)",
                    }
                },
            ),
            (
                "one_per_item_per_day",
                {
                    "Put": {
                        "TableName": self.table_name,
                        "Item": _item({**guard_key(appointment), "appointment": appointment.id}),
                        "ConditionExpression": "attribute_not_exists(pk)",
                    }
                },
            ),
            (
                "too_many_active",
                {
                    "Update": {
                        "TableName": self.table_name,
                        "Key": _item(active_key(appointment.resident)),
                        "UpdateExpression": "SET #active = if_not_exists(#active, :zero) + :one",
                        "ConditionExpression": "attribute_not_exists(#active) OR #active < :max",
                        "ExpressionAttributeNames": {"#active": "active"},
                        "ExpressionAttributeValues": _item({":zero": 0, ":one": 1, ":max": max_active}),
                    }
                },
            ),
            (
                "code_taken",
                {
                    "Put": {
                        "TableName": self.table_name,
                        "Item": _item({**code_key(appointment.code), "appointment": appointment.id}),
                        "ConditionExpression": "attribute_not_exists(pk)",
                    }
                },
            ),
        ]
        operations += [("outbox", put) for put in outbox]
        self._transact(operations)

    def _replace(self, before: Appointment, after: Appointment) -> dict[str, Any]:
        """Writes `after` as version n+1 only if the stored appointment is still version n,
        the one `before` was read at (any change in between, even in the same second, makes
        this fail: concurrent_change, and the whole transaction changes nothing)."""
        if after.version != before.version + 1:
            raise ValueError(f"appointment {after.id}: version {after.version} does not follow {before.version}")
        condition, names, values = _at_version(before)
        return {
            "Put": {
                "TableName": self.table_name,
                "Item": _item(appointment_record(after)),
                "ConditionExpression": condition,
                "ExpressionAttributeNames": names,
                **({"ExpressionAttributeValues": _item(values)} if values else {}),
            }
        }

    def transition(
        self,
        before: Appointment,
        after: Appointment,
        free_seats: bool,
        free_active: bool,
        *,
        outbox: Sequence[dict[str, Any]] = (),
    ) -> None:
        operations: list[tuple[str, dict[str, Any]]] = [("concurrent_change", self._replace(before, after))]
        if free_seats:
            operations += [("concurrent_change", self._free(before.centre, before.day, cell)) for cell in before.cells]
            operations.append(("concurrent_change", {"Delete": {"TableName": self.table_name, "Key": _item(guard_key(before))}}))
        if free_active:
            operations.append(
                (
                    "concurrent_change",
                    {
                        "Update": {
                            "TableName": self.table_name,
                            "Key": _item(active_key(before.resident)),
                            "UpdateExpression": "SET #active = #active - :one",
                            "ConditionExpression": "#active > :zero",
                            "ExpressionAttributeNames": {"#active": "active"},
                            "ExpressionAttributeValues": _item({":zero": 0, ":one": 1}),
                        }
                    },
                )
            )
        operations += [("outbox", put) for put in outbox]
        self._transact(operations)

    def move(self, before: Appointment, after: Appointment, cell_capacity: int, *, outbox: Sequence[dict[str, Any]] = ()) -> None:
        """Takes the new seats and frees the old ones in one transaction: if the new slot is
        full nothing changes and the old seat is kept."""
        old = {(before.day, c) for c in before.cells}
        new = {(after.day, c) for c in after.cells}
        operations: list[tuple[str, dict[str, Any]]] = [("concurrent_change", self._replace(before, after))]
        operations += [("slot_full", self._take(after.centre, d, c, cell_capacity)) for d, c in sorted(new - old)]
        operations += [("concurrent_change", self._free(before.centre, d, c)) for d, c in sorted(old - new)]
        if before.day != after.day:
            operations.append(("concurrent_change", {"Delete": {"TableName": self.table_name, "Key": _item(guard_key(before))}}))
            operations.append(
                (
                    "one_per_item_per_day",
                    {
                        "Put": {
                            "TableName": self.table_name,
                            "Item": _item({**guard_key(after), "appointment": after.id}),
                            "ConditionExpression": "attribute_not_exists(pk)",
                        }
                    },
                )
            )
        operations += [("outbox", put) for put in outbox]
        self._transact(operations)

    def update(self, before: Appointment, after: Appointment) -> None:
        self._transact([("concurrent_change", self._replace(before, after))])

    # -- reading -------------------------------------------------------------------------
    def get(self, appointment_id: str) -> Appointment | None:
        if "#" in appointment_id:
            return None
        found = self.table.get_item(Key=appointment_key(appointment_id), ConsistentRead=True).get("Item")
        return Appointment.from_dict(_plain(found)) if found else None

    def by_code(self, code: str) -> Appointment | None:
        if "#" in code:
            return None
        found = self.table.get_item(Key=code_key(code)).get("Item")
        return self.get(found["appointment"]) if found else None

    def _query(self, **kwargs: Any) -> list[Appointment]:
        result: list[Appointment] = []
        while True:
            page = self.table.query(**kwargs)
            result += [Appointment.from_dict(_plain(row)) for row in page["Items"]]
            if "LastEvaluatedKey" not in page:
                return result
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def for_resident(self, resident: str) -> list[Appointment]:
        return self._query(IndexName="gsi1", KeyConditionExpression=Key("gsi1pk").eq(key("RESIDENT", resident)))

    def for_centre_day(self, centre_id: str, day: date) -> list[Appointment]:
        return self._query(
            IndexName="gsi2",
            KeyConditionExpression=Key("gsi2pk").eq(key("DAY", day.isoformat())) & Key("gsi2sk").begins_with(centre_id + "#"),
        )

    def for_day(self, day: date) -> list[Appointment]:
        return self._query(IndexName="gsi2", KeyConditionExpression=Key("gsi2pk").eq(key("DAY", day.isoformat())))

    # -- reminders -----------------------------------------------------------------------
    def due_for_reminder(self, day: date) -> list[Appointment]:
        return self._query(
            IndexName="gsi2",
            KeyConditionExpression=Key("gsi2pk").eq(key("DAY", day.isoformat())),
            FilterExpression=Attr("status").eq(Status.BOOKED.value) & Attr("reminded_at").not_exists(),
        )

    def mark_reminded(self, appointment: Appointment, at: str) -> bool:
        """True for the one caller that marks it; a concurrent or repeated run gets False, and
        so does an appointment changed since it was read (the next run sees it afresh). The
        mark is a change like any other: it takes the next version, so a write read before
        it cannot put the unmarked appointment back."""
        condition, names, values = _at_version(appointment)
        try:
            self.table.update_item(
                Key=appointment_key(appointment.id),
                UpdateExpression="SET reminded_at = :at, #version = :next",
                ConditionExpression=f"({condition}) AND attribute_not_exists(reminded_at) AND #status = :booked AND #start = :start",
                ExpressionAttributeNames={**names, "#status": "status", "#start": "start"},
                ExpressionAttributeValues={
                    **values,
                    ":at": at,
                    ":next": appointment.version + 1,
                    ":booked": Status.BOOKED.value,
                    ":start": appointment.start,
                },
            )
            return True
        except ClientError as exc:
            if exc.response["Error"]["Code"] == "ConditionalCheckFailedException":
                return False
            raise

    def unmark_reminded(self, appointment: Appointment, at: str) -> None:
        """The send failed: let the next run try again. Conditioned on our own mark rather
        than on a version (a change made since the mark keeps the mark, and removing it is
        still right); it takes the next version, so no write read before it restores the mark."""
        try:
            self.table.update_item(
                Key=appointment_key(appointment.id),
                UpdateExpression="REMOVE reminded_at SET #version = if_not_exists(#version, :zero) + :one",
                ConditionExpression="reminded_at = :at",
                ExpressionAttributeNames={"#version": "version"},
                ExpressionAttributeValues={":at": at, ":zero": 0, ":one": 1},
            )
        except ClientError:
            logger.exception("could not clear a reminder mark", extra={"appointment": appointment.id})
