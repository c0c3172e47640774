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
        if isinstance(handler, dict) and handler.get("code"):
            values["handler"] = {"kind": handler.get("kind"), "code": handler["code"]}
        location = payload.get("location")
        if isinstance(location, dict):
            values["location"] = {k: location.get(k) for k in ("grid", "community", "street")}
        if payload.get("category") is not None:
            values["category"] = payload["category"]
        if verb in ORDER_STATUS_BY_VERB:
            values["status"] = ORDER_STATUS_BY_VERB[verb]
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
        if verb == "completed":
            values["completed_at"] = payload.get("at") or occurred_at
        return update
    return None
