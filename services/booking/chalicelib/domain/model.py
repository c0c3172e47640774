"""The appointment and its life cycle."""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    BOOKED = "booked"
    CANCELLED = "cancelled"
    CHECKED_IN = "checked_in"
    COMPLETED = "completed"
    NO_SHOW = "no_show"


# Which status each staff/resident action leads from.
TRANSITIONS: dict[str, tuple[frozenset[Status], Status]] = {
    "cancel": (frozenset({Status.BOOKED}), Status.CANCELLED),
    "check_in": (frozenset({Status.BOOKED}), Status.CHECKED_IN),
    "no_show": (frozenset({Status.BOOKED}), Status.NO_SHOW),
    "complete": (frozenset({Status.CHECKED_IN}), Status.COMPLETED),
}

# Leaving "booked" frees the resident's active-booking allowance.
ACTIVE = frozenset({Status.BOOKED})

# Read aloud over the phone or typed from an SMS: no 0/O, 1/I/L.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6


class SeatTaken(Exception):
    """A change's transaction failed a guard; `rule` names it (slot_full,
    one_per_item_per_day, too_many_active, concurrent_change, code_taken, id_taken, busy)."""

    def __init__(self, rule: str) -> None:
        super().__init__(rule)
        self.rule = rule


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_id() -> str:
    return "apt-" + secrets.token_hex(8)


@dataclass
class Appointment:
    id: str
    code: str
    resident: str
    item: str
    centre: str
    centre_unit: str
    start: str  # ISO 8601, +08:00
    end: str
    day: str  # YYYY-MM-DD, local
    cells: list[str]
    status: Status = Status.BOOKED
    proxy: bool = False
    proxy_by: str | None = None
    home_visit: bool = False
    home_visit_reason: str | None = None
    address: str | None = None
    staff: str | None = None
    created_at: str = ""
    updated_at: str = ""
    checked_in_at: str | None = None
    reminded_at: str | None = None
    history: list[dict[str, Any]] = field(default_factory=list)
    # Bumped by every write that changes the appointment, which is conditioned on the
    # version it read: a new booking is 1; an item stored before versions existed reads as 0.
    version: int = 0

    def successor(self) -> Appointment:
        """A copy to change and write back as the next version."""
        after = Appointment.from_dict(self.to_dict())
        after.version = self.version + 1
        return after

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["status"] = self.status.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Appointment:
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in data.items() if k in known}
        values["status"] = Status(values["status"])
        values["cells"] = list(values.get("cells") or [])
        values["history"] = list(values.get("history") or [])
        values["version"] = int(values.get("version") or 0)
        return cls(**values)

    def public(self) -> dict[str, Any]:
        """What the API returns (cells and history are bookkeeping)."""
        data = self.to_dict()
        data.pop("cells")
        data.pop("day")
        return data

    def event_payload(self, at: str) -> dict[str, Any]:
        return {
            "id": self.id,
            "code": self.code,
            "resident": self.resident,
            "item": self.item,
            "centre": self.centre,
            "centre_unit": self.centre_unit,
            "start": self.start,
            "end": self.end,
            "status": self.status.value,
            "proxy": self.proxy,
            "home_visit": self.home_visit,
            "staff": self.staff,
            "at": at,
        }
