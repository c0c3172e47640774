"""The booking table (single-table design, govportal-booking).

    CENTRE#<id>              META           a centre's reference data
    ITEM#<code>              META           an item's duration, appointment/home-visit flags, centres
    CELLS#<centre>#<day>     <HHMM>         seats taken in one 15-minute cell (HV<HHMM>: home visits)
    APPT#<id>                APPT           the appointment; gsi1 = RESIDENT#<sub> / <start>#<id>,
                                            gsi2 = DAY#<day> / <centre>#<start>#<id>
    GUARD#<resident>#<item>#<day> GUARD     one booking per resident per item per day
    RESIDENT#<sub>           ACTIVE         the resident's count of active bookings
    CODE#<code>              CODE           the booking code is unique; points to the appointment

    OUTBOX#<shard>           <at>#<event id> an event not yet published (shared.events)

Booking, rescheduling and cancelling are each ONE TransactWriteItems; capacity and the
rules are conditions inside it, never a read followed by a write. An appointment carries
an integer `version` (1 when booked; an item from before versions reads as 0): every write
that changes it is conditioned on the version its writer read and sets the next one, so of
two concurrent changes one fails as concurrent_change and its transaction (seats included)
changes nothing. The change's event goes into the same transaction as an outbox item
(`outbox=`), published after the commit.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import date
from typing import Any

from botocore.exceptions import ClientError

from chalicelib.domain.model import Appointment, SeatTaken, Status
from chalicelib.domain.schedule import Centre, Item
from shared import aws, storage
from shared.keys import key
from shared.observability import logger
from shared.settings import get_settings
from shared.storage import encode

REFERENCE_TTL_SECONDS = 300


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

    def _get(self, item_key: dict[str, str], consistent: bool = False) -> dict[str, Any] | None:
        found = self.client.get_item(TableName=self.table_name, Key=encode(item_key), ConsistentRead=consistent).get("Item")
        return storage.decode(found) if found else None

    # -- reference data (cached per container: it changes only when seeded) -------------
    def _reference_item(self, pk: str) -> dict[str, Any] | None:
        cached = self._reference.get(pk)
        if cached and cached[0] > time.monotonic():
            return cached[1]  # type: ignore[no-any-return]
        found = self._get({"pk": pk, "sk": "META"})
        data = found["data"] if found else None
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
        self.client.put_item(TableName=self.table_name, Item=encode({"pk": key(kind, ident), "sk": "META", "data": data}))

    # -- seats ---------------------------------------------------------------------------
    def taken(self, centre_id: str, day: date) -> dict[str, int]:
        rows = storage.query_all(self.table_name, "pk = :pk", {":pk": cells_pk(centre_id, day.isoformat())})
        return {row["sk"]: int(row.get("taken", 0)) for row in rows}

    def _take(self, centre: str, day: str, cell: str, capacity: int) -> dict[str, Any]:
        return {
            "Update": {
                "TableName": self.table_name,
                "Key": encode({"pk": cells_pk(centre, day), "sk": cell}),
                "UpdateExpression": "SET #taken = if_not_exists(#taken, :zero) + :one, #cap = :cap",
                "ConditionExpression": "attribute_not_exists(#taken) OR #taken < :cap",
                "ExpressionAttributeNames": {"#taken": "taken", "#cap": "capacity"},
                "ExpressionAttributeValues": encode({":zero": 0, ":one": 1, ":cap": capacity}),
            }
        }

    def _free(self, centre: str, day: str, cell: str) -> dict[str, Any]:
        return {
            "Update": {
                "TableName": self.table_name,
                "Key": encode({"pk": cells_pk(centre, day), "sk": cell}),
                "UpdateExpression": "SET #taken = #taken - :one",
                "ConditionExpression": "#taken > :zero",
                "ExpressionAttributeNames": {"#taken": "taken"},
                "ExpressionAttributeValues": encode({":zero": 0, ":one": 1}),
            }
        }

    def _transact(self, operations: list[tuple[str, dict[str, Any]]]) -> None:
        """Runs the operations as one transaction (shared.storage.transact: conflicts with a
        concurrent transaction are retried); a failed condition raises SeatTaken with the
        rule the failed operation is labelled with, and conflicts that outlast the retries
        are "busy"."""
        try:
            storage.transact(operations, client=self.client)
        except storage.ConditionFailed as failed:
            raise SeatTaken(failed.label or "concurrent_change") from None
        except storage.TransactionConflict:
            raise SeatTaken("busy") from None

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
                        "Item": encode(appointment_record(appointment)),
                        "ConditionExpression": "attribute_not_exists(pk)",
                    }
                },
            ),
            (
                "one_per_item_per_day",
                {
                    "Put": {
                        "TableName": self.table_name,
                        "Item": encode({**guard_key(appointment), "appointment": appointment.id}),
                        "ConditionExpression": "attribute_not_exists(pk)",
                    }
                },
            ),
            (
                "too_many_active",
                {
                    "Update": {
                        "TableName": self.table_name,
                        "Key": encode(active_key(appointment.resident)),
                        "UpdateExpression": "SET #active = if_not_exists(#active, :zero) + :one",
                        "ConditionExpression": "attribute_not_exists(#active) OR #active < :max",
                        "ExpressionAttributeNames": {"#active": "active"},
                        "ExpressionAttributeValues": encode({":zero": 0, ":one": 1, ":max": max_active}),
                    }
                },
            ),
            (
                "code_taken",
                {
                    "Put": {
                        "TableName": self.table_name,
                        "Item": encode({**code_key(appointment.code), "appointment": appointment.id}),
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
                "Item": encode(appointment_record(after)),
                "ConditionExpression": condition,
                "ExpressionAttributeNames": names,
                **({"ExpressionAttributeValues": encode(values)} if values else {}),
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
            operations.append(("concurrent_change", {"Delete": {"TableName": self.table_name, "Key": encode(guard_key(before))}}))
        if free_active:
            operations.append(
                (
                    "concurrent_change",
                    {
                        "Update": {
                            "TableName": self.table_name,
                            "Key": encode(active_key(before.resident)),
                            "UpdateExpression": "SET #active = #active - :one",
                            "ConditionExpression": "#active > :zero",
                            "ExpressionAttributeNames": {"#active": "active"},
                            "ExpressionAttributeValues": encode({":zero": 0, ":one": 1}),
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
            operations.append(("concurrent_change", {"Delete": {"TableName": self.table_name, "Key": encode(guard_key(before))}}))
            operations.append(
                (
                    "one_per_item_per_day",
                    {
                        "Put": {
                            "TableName": self.table_name,
                            "Item": encode({**guard_key(after), "appointment": after.id}),
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
        found = self._get(appointment_key(appointment_id), consistent=True)
        return Appointment.from_dict(found) if found else None

    def by_code(self, code: str) -> Appointment | None:
        if "#" in code:
            return None
        found = self._get(code_key(code))
        return self.get(found["appointment"]) if found else None

    def _query(self, index: str, condition: str, values: dict[str, Any], **kwargs: Any) -> list[Appointment]:
        return [Appointment.from_dict(row) for row in storage.query_all(self.table_name, condition, values, index=index, **kwargs)]

    def for_resident(self, resident: str) -> list[Appointment]:
        return self._query("gsi1", "gsi1pk = :pk", {":pk": key("RESIDENT", resident)})

    def for_centre_day(self, centre_id: str, day: date) -> list[Appointment]:
        return self._query("gsi2", "gsi2pk = :pk AND begins_with(gsi2sk, :centre)",
                           {":pk": key("DAY", day.isoformat()), ":centre": centre_id + "#"})

    def for_day(self, day: date) -> list[Appointment]:
        return self._query("gsi2", "gsi2pk = :pk", {":pk": key("DAY", day.isoformat())})

    # -- reminders -----------------------------------------------------------------------
    def due_for_reminder(self, day: date) -> list[Appointment]:
        return self._query("gsi2", "gsi2pk = :pk", {":pk": key("DAY", day.isoformat()), ":booked": Status.BOOKED.value},
                           names={"#status": "status"}, filter="#status = :booked AND attribute_not_exists(reminded_at)")

    def mark_reminded(self, appointment: Appointment, at: str) -> bool:
        """True for the one caller that marks it; a concurrent or repeated run gets False, and
        so does an appointment changed since it was read (the next run sees it afresh). The
        mark is a change like any other: it takes the next version, so a write read before
        it cannot put the unmarked appointment back."""
        condition, names, values = _at_version(appointment)
        try:
            self.client.update_item(
                TableName=self.table_name,
                Key=encode(appointment_key(appointment.id)),
                UpdateExpression="SET reminded_at = :at, #version = :next",
                ConditionExpression=f"({condition}) AND attribute_not_exists(reminded_at) AND #status = :booked AND #start = :start",
                ExpressionAttributeNames={**names, "#status": "status", "#start": "start"},
                ExpressionAttributeValues=encode({
                    **values,
                    ":at": at,
                    ":next": appointment.version + 1,
                    ":booked": Status.BOOKED.value,
                    ":start": appointment.start,
                }),
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
            self.client.update_item(
                TableName=self.table_name,
                Key=encode(appointment_key(appointment.id)),
                UpdateExpression="REMOVE reminded_at SET #version = if_not_exists(#version, :zero) + :one",
                ConditionExpression="reminded_at = :at",
                ExpressionAttributeNames={"#version": "version"},
                ExpressionAttributeValues=encode({":at": at, ":zero": 0, ":one": 1}),
            )
        except ClientError:
            logger.exception("could not clear a reminder mark", extra={"appointment": appointment.id})
