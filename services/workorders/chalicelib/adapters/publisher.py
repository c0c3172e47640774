"""Order events through shared.events (the table's transactional outbox): every payload
carries the order's common fields of the contract. A change's events are staged as outbox
items in the change's own transaction (`stage(...).puts`) and published after the commit in
one SNS PublishBatch call (`publish`); a failed publish stays in the outbox and is
republished by the schedule app.py registers (shared.events.register_republish)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from chalicelib.domain.access import COMMAND_CENTRE_CODE
from chalicelib.domain.workflow import Order, allowed_actions
from shared import clock
from shared.auth import Principal, Role
from shared.events import Events, Staged
from shared.messaging import Envelope

HANDLER_ROLES = {"department": Role.DEPARTMENT, "street": Role.STREET, "community": Role.COMMUNITY,
                 "grid": Role.GRID_WORKER, "command-centre": Role.COMMAND_CENTRE}


def handler_actions(order: Order) -> list[str]:
    """What the handling unit may do now (the command centre's when nobody handles it)."""
    handler = order.get("handler") or {"kind": "command-centre", "code": COMMAND_CENTRE_CODE}
    role = HANDLER_ROLES.get(handler.get("kind") or "", Role.DEPARTMENT)
    unit = Principal(subject=f"unit:{handler.get('code')}", role=role, unit=handler.get("code"))
    return allowed_actions(order, unit)


def common_fields(order: Order) -> dict[str, Any]:
    """The contract's fields of every workorders.order.* payload."""
    location = order.get("location")
    if location is not None:
        location = {**location, "point": order.get("point"), "precision": order.get("precision")}
    return {
        "case_number": order["case_number"],
        "status": order["status"],
        "category": order.get("category"),
        "handler": order.get("handler"),
        "location": location,
        "resident": order.get("resident"),
        "reporter": (order.get("submitter") or {}).get("subject"),
        "submitter_role": (order.get("submitter") or {}).get("role"),
        "channel": order.get("channel") or "portal",
        "client_ref": order.get("client_ref"),
        "actions": handler_actions(order),
    }


class OrderEvents:
    """The service's port for order events (service.OrderEventsPort) over shared.events."""

    def __init__(self, topic_arn: str | None = None, now: Callable[[], datetime] = clock.now,
                 events: Events | None = None) -> None:
        self.now = now
        self.events = events or Events(topic_arn=topic_arn, now=now)
        self.outbox = self.events.outbox  # envelopes built elsewhere (hotspots) are staged through it

    def envelope(self, order: Order, name: str, fields: dict[str, Any], at: datetime | None = None) -> Envelope:
        # occurred_at is the moment of the change on the service's clock, as in the track.
        return Events.event(name, {**common_fields(order), **fields}, occurred_at=at or self.now())

    def stage(self, order: Order, events: list[tuple[str, dict[str, Any]]], at: datetime | None = None) -> Staged:
        """The change's events as outbox items: put `staged.puts` in the change's transaction."""
        return self.events.stage([self.envelope(order, name, fields, at) for name, fields in events])

    def stage_event(self, name: str, payload: dict[str, Any], at: datetime) -> Staged:
        """An event that is not about one order's state (a rejected command)."""
        return self.events.stage(name, payload, occurred_at=at)

    def publish(self, staged: Staged) -> list[str]:
        """After the commit; never raises. Returns the ids SNS accepted."""
        return self.events.publish(staged)

    def republish_stale(self) -> int:
        return self.events.republish_stale()
