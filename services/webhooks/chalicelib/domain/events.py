"""Which work-order events a unit hears about, and what the webhook says: pure rules over
the event payloads and this service's projection of the order."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from shared.geo import lat_lon

CHINA = timezone(timedelta(hours=8))

# Outbound webhook types a unit may subscribe to.
WEBHOOK_TYPES = (
    "workorder.dispatched",
    "workorder.reopened",
    "workorder.escalated",
    "workorder.rated",
    "workorder.merged",
)

# Inbound types a department's system may post, and the work-order action each one asks for.
INBOUND_ACTIONS = {
    "workorder.signed": "sign",
    "workorder.returned": "return",
    "workorder.extension_requested": "extend",
    "workorder.replied": "reply",
    "workorder.started": "start",
}


def webhook_type(event_name: str, payload: dict[str, Any]) -> str | None:
    """The outbound type for a workorders event, or None when units are not told."""
    verb = event_name.rsplit(".", 1)[-1]
    if verb in ("dispatched", "reopened", "escalated"):
        return f"workorder.{verb}"
    if verb == "closed":
        reason = str(payload.get("reason") or "")
        if reason == "merged":
            return "workorder.merged"
        if reason == "rated":
            return "workorder.rated"
    return None


def recipient(payload: dict[str, Any], projected: dict[str, Any] | None) -> str | None:
    """The unit that handles the order: the event's handler, else the last one we knew."""
    handler = payload.get("handler") or (projected or {}).get("handler") or {}
    code = handler.get("code") if isinstance(handler, dict) else None
    return str(code) if code else None


def webhook_data(payload: dict[str, Any], projected: dict[str, Any] | None) -> dict[str, Any]:
    """The `data` object of a webhook: what the unit needs to act, no resident identity
    (residents' contact details are never sent; the unit calls back through the portal)."""
    known = {**(projected or {}), **{k: v for k, v in payload.items() if v is not None}}
    location = dict(known.get("location") or {})
    data: dict[str, Any] = {
        "case_number": known.get("case_number"),
        "category": known.get("category"),
        "status": known.get("status"),
        "text": known.get("text"),
        "location": {
            "grid": location.get("grid"),
            "community": location.get("community"),
            "street": location.get("street"),
            "point": lat_lon(location.get("point")),
        },
        "deadline": china_time(known.get("sign_deadline") if known.get("status") == "dispatched" else known.get("due_date")),
        "sign_deadline": china_time(known.get("sign_deadline")),
        "due_date": china_time(known.get("due_date")),
        "actions": list(known.get("actions") or []),
    }
    for extra in ("reason", "level", "escalation", "priority", "kind", "channel"):
        if payload.get(extra) is not None:
            data[extra] = payload[extra]
    return data


def projection_fields(event_name: str, payload: dict[str, Any]) -> dict[str, Any]:
    """What the projection keeps from an event: the contract's common fields and limits."""
    keep = ("case_number", "category", "handler", "location", "status", "actions", "channel", "text",
            "sign_deadline", "due_date", "priority", "kind")
    fields = {k: payload[k] for k in keep if k in payload}
    if "new_due_date" in payload and payload.get("approved"):
        fields["due_date"] = payload["new_due_date"]
    if "status" not in fields:
        verb = event_name.rsplit(".", 1)[-1]
        fields["status"] = {"created": "created", "dispatched": "dispatched", "signed": "signed", "returned": "returned",
                            "replied": "replied", "closed": "closed", "reopened": "reopened"}.get(verb)
        if fields["status"] is None:
            del fields["status"]
    return fields


def china_time(value: Any) -> Any:
    """An ISO time with China's offset (+08:00), as every time the project shows."""
    if not isinstance(value, str):
        return value
    try:
        return datetime.fromisoformat(value).astimezone(CHINA).isoformat(timespec="seconds")
    except ValueError:
        return value
