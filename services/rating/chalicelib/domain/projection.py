"""What the rating service remembers about each order and appointment, learnt only from
events: owner, handler, location, status and the times that open the rating window."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

ORDER_STATUS_BY_VERB = {
    "created": "created",
    "dispatched": "dispatched",
    "signed": "signed",
    "returned": "returned",
    "replied": "replied",
    "closed": "closed",
    "reopened": "reopened",
}


# Lifecycle order, used only to break ties between events stamped with the same time.
STATUS_RANK = {
    "created": 0, "dispatched": 1, "returned": 2, "signed": 3, "replied": 4, "closed": 5, "reopened": 6,
    "booked": 0, "rescheduled": 1, "checked_in": 2, "cancelled": 3, "no_show": 3, "completed": 4,
}
STATUS_TIME_PREFIX = "at_"


def current_status(projection: Mapping[str, Any]) -> str | None:
    """The status of the latest status event, whatever order the events arrived in (SQS
    standard queues reorder): every status event stamps its own `at_<status>` attribute."""
    from chalicelib.domain.months import parse_time

    stamped = [
        (parse_time(str(value)), STATUS_RANK.get(name[len(STATUS_TIME_PREFIX):], 0), name[len(STATUS_TIME_PREFIX):])
        for name, value in projection.items()
        if name.startswith(STATUS_TIME_PREFIX) and value
    ]
    if not stamped:
        return projection.get("status")
    status = max(stamped)[2]
    return status.replace("_", "-") if status in ("checked_in", "no_show") else status


@dataclass
class ProjectionUpdate:
    subject_kind: str
    subject_id: str
    values: dict[str, Any] = field(default_factory=dict)  # SET
    summoned: list[str] = field(default_factory=list)  # ADD to a string set


def projection_update(name: str, payload: Mapping[str, Any], occurred_at: str) -> ProjectionUpdate | None:
    """The projection change an event makes, or None if the event is not about a subject."""
    verb = name.rsplit(".", 1)[-1]
    if name.startswith("workorders.order.") and payload.get("case_number"):
        update = ProjectionUpdate("workorder", str(payload["case_number"]))
        values = update.values
        values["last_event"] = name
        values["last_event_at"] = occurred_at
        if payload.get("resident") is not None:
            values["resident"] = payload["resident"]
        handler = payload.get("handler")
        # A return names the unit giving the order back, and it shares its time with the
        # re-dispatch: taking it could credit the next rating to the unit that returned it.
        if isinstance(handler, dict) and handler.get("code") and verb != "returned":
            values["handler"] = {"kind": handler.get("kind"), "code": handler["code"]}
        location = payload.get("location")
        if isinstance(location, dict):
            values["location"] = {k: location.get(k) for k in ("grid", "community", "street")}
        if payload.get("category") is not None:
            values["category"] = payload["category"]
        if verb in ORDER_STATUS_BY_VERB:
            values["status"] = ORDER_STATUS_BY_VERB[verb]
            values[STATUS_TIME_PREFIX + ORDER_STATUS_BY_VERB[verb]] = occurred_at
        if verb == "replied":
            values["replied_at"] = payload.get("replied_at") or occurred_at
            if payload.get("rating_deadline"):
                values["rating_deadline"] = payload["rating_deadline"]
        if verb == "closed":
            values["closed_reason"] = payload.get("reason")
        if verb == "escalated" and payload.get("level") == "whistle":
            update.summoned = [str(code) for code in payload.get("summoned") or []]
        return update
    if name.startswith("booking.appointment.") and payload.get("id"):
        update = ProjectionUpdate("appointment", str(payload["id"]))
        values = update.values
        values["last_event"] = name
        values["last_event_at"] = occurred_at
        for key in ("resident", "centre_unit", "code", "item", "centre"):
            if payload.get(key) is not None:
                values[key] = payload[key]
        # The verb decides what matters here; the payload's own status spelling is kept aside.
        values["status"] = "completed" if verb == "completed" else payload.get("status") or verb.replace("_", "-")
        values[STATUS_TIME_PREFIX + verb] = occurred_at
        if verb == "completed":
            values["completed_at"] = payload.get("at") or occurred_at
        return update
    return None
