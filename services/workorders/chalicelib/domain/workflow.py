"""The work-order lifecycle as pure functions over an order (a plain dict as stored).

submitted -> dispatched -> signed -> in_progress -> replied -> closed, with returned (退单),
extension_requested (延期), reopened, merged; plus the scheduler's steps (reminder, street
whistle 吹哨, command-centre supervision 督办, closing after the rating window)."""

from __future__ import annotations

import copy
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from chalicelib.domain import limits
from chalicelib.domain.access import COMMAND_CENTRE_CODE, can_view, is_co_owner, is_handler
from shared import clock
from shared.auth import Principal, Role
from shared.errors import Conflict, Forbidden, InvalidField

Order = dict[str, Any]

OPEN_STATUSES = frozenset(
    {"submitted", "dispatched", "reopened", "signed", "in_progress", "extension_requested", "returned", "replied"}
)
STAFF_UNITS = frozenset({Role.GRID_WORKER, Role.COMMUNITY, Role.STREET, Role.DEPARTMENT, Role.COMMAND_CENTRE})


@dataclass(frozen=True)
class Action:
    name: str
    from_statuses: frozenset[str]
    roles: frozenset[Role]
    who: str  # "handler", "handler-or-co-owner", "owner-or-centre", "centre"


def _action(name: str, statuses: AbstractSet[str], roles: AbstractSet[Role], who: str) -> Action:
    return Action(name, frozenset(statuses), frozenset(roles), who)


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in [
        _action("sign", {"dispatched", "reopened"}, set(STAFF_UNITS), "handler"),
        _action("return", {"dispatched", "reopened", "signed"}, set(STAFF_UNITS), "handler"),
        _action("start", {"signed"}, set(STAFF_UNITS), "handler-or-co-owner"),
        _action("extend", {"signed", "in_progress"}, set(STAFF_UNITS), "handler-or-co-owner"),
        _action("approve-extension", {"extension_requested"}, {Role.COMMAND_CENTRE}, "centre"),
        _action("refuse-extension", {"extension_requested"}, {Role.COMMAND_CENTRE}, "centre"),
        _action("reply", {"signed", "in_progress", "extension_requested"}, set(STAFF_UNITS), "handler-or-co-owner"),
        _action("reopen", {"replied", "closed"}, {Role.RESIDENT, Role.COMMAND_CENTRE}, "owner-or-centre"),
        _action("merge", OPEN_STATUSES - {"replied"}, {Role.COMMAND_CENTRE}, "centre"),
        _action("reroute", {"submitted", "returned", "dispatched", "reopened", "signed", "in_progress"}, {Role.COMMAND_CENTRE}, "centre"),
        _action("close", set(OPEN_STATUSES), {Role.COMMAND_CENTRE}, "centre"),
        # A report no place could be found for waits in the command centre's queue to be located.
        _action("locate", {"submitted", "returned"}, {Role.COMMAND_CENTRE}, "centre"),
    ]
}


@dataclass
class Outcome:
    """The changed order and the events to publish: (event name, event-specific fields)."""

    order: Order
    events: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


CHINA = limits.CHINA
iso = clock.iso  # ISO 8601 in China time (+08:00), whatever the moment's own zone


def parse(text: str) -> datetime:
    return datetime.fromisoformat(text)


def actor(principal: Principal) -> dict[str, Any]:
    return {"subject": principal.subject, "role": principal.role.value, "unit": principal.unit}


SYSTEM = {"subject": "scheduler", "role": "system", "unit": None}


def add_track(order: Order, at: datetime, action: str, by: dict[str, Any], note: str | None = None, **extra: Any) -> None:
    entry = {"at": iso(at), "action": action, "status": order["status"], "by": by, "note": note}
    entry.update({k: v for k, v in extra.items() if v is not None})
    order.setdefault("track", []).append(entry)


def may_act(order: Order, action: Action, principal: Principal) -> bool:
    if principal.role not in action.roles:
        return False
    if action.who == "centre":
        return principal.role == Role.COMMAND_CENTRE
    if action.who == "owner-or-centre":
        return principal.role == Role.COMMAND_CENTRE or (
            principal.role == Role.RESIDENT and order.get("resident") == principal.subject
        )
    if action.who == "handler-or-co-owner":
        return is_handler(order, principal) or is_co_owner(order, principal)
    return is_handler(order, principal)


def allowed_actions(order: Order, principal: Principal) -> list[str]:
    return [a.name for a in ACTIONS.values() if order["status"] in a.from_statuses and may_act(order, a, principal)]


def check(order: Order, name: str, principal: Principal) -> Action:
    """Forbidden if the caller may not act on this order at all; Conflict (409) listing the
    caller's allowed actions if the order's state does not allow this one."""
    action = ACTIONS[name]
    if not can_view(order, principal) and principal.role != Role.COMMAND_CENTRE:
        raise Forbidden(f"order {order['case_number']} is not yours", zh=f"工单 {order['case_number']} 不归你处理")
    if not may_act(order, action, principal):
        raise Forbidden(f"{principal.role.value} {principal.unit or principal.subject} may not {name} order {order['case_number']}",
                        zh=f"{principal.role.value} {principal.unit or principal.subject} 不能对工单 {order['case_number']} 执行 {name}")
    if order["status"] not in action.from_statuses:
        raise Conflict(
            f"cannot {name} an order that is {order['status']}",
            zh=f"工单状态为 {order['status']}，不能执行 {name}",
            code="illegal_transition",
            status=order["status"],
            allowed_actions=allowed_actions(order, principal),
        )
    return action


# --- dispatch ---------------------------------------------------------------------------
def dispatch(order: Order, handler: dict[str, str], at: datetime, by: dict[str, Any], note: str | None = None,
             sign_minutes: int | None = None) -> tuple[str, dict[str, Any]]:
    """Sends the order to `handler` with fresh time limits; returns the dispatched event."""
    window = limits.limits(at, order["kind"], order["priority"], sign_minutes)
    order.update(
        handler=handler,
        status="dispatched",
        dispatched_at=iso(at),
        sign_deadline=iso(window.sign_deadline),
        due_at=iso(window.due_at),
        signed_at=None,
        escalation={"phase": "sign", "level": "none"},
    )
    add_track(order, at, "dispatched", by, note, handler=handler)
    return "workorders.order.dispatched", {
        "text": order.get("text"),  # what the handling unit must act on (webhooks carry it to its system)
        "dispatched_at": order["dispatched_at"],
        "sign_deadline": order["sign_deadline"],
        "due_date": order["due_at"],
    }


# --- staff and resident actions ---------------------------------------------------------
def apply(order: Order, name: str, principal: Principal, body: dict[str, Any], at: datetime,
          route: Any = None) -> Outcome:
    """Applies action `name` (already checked). `route(category, location) -> (handler, sign_minutes)`
    resolves a handler for reroutes without a named handler."""
    check(order, name, principal)
    new = copy.deepcopy(order)
    by = actor(principal)
    events: list[tuple[str, dict[str, Any]]] = []

    if name == "sign":
        new["status"] = "signed"
        new["signed_at"] = iso(at)
        on_time = at <= parse(order["sign_deadline"])
        new["escalation"] = {"phase": "handle", "level": "none"}
        add_track(new, at, "signed", by, body.get("note"), on_time=on_time)
        events.append(("workorders.order.signed", {"signed_at": iso(at), "on_time": on_time}))
    elif name == "return":
        unit = (order.get("handler") or {}).get("code")
        new["status"] = "returned"
        # Improper (不当退单): the routing rules name this very unit for the order's category
        # and place, so the order was in its remit (the service works it out from the rules).
        improper = body.get("improper")
        new.setdefault("returns", []).append({"unit": unit, "reason": body["reason"], "at": iso(at), "improper": improper})
        new["handler"] = None
        new["escalation"] = {"phase": "none", "level": "none"}
        add_track(new, at, "returned", by, body["reason"], returned_by=unit)
        # The event names the unit that returned it (the order itself no longer has a handler).
        events.append(("workorders.order.returned", {"handler": order.get("handler"), "reason": body["reason"],
                                                     "returned_at": iso(at), "improper": improper}))
    elif name == "start":
        new["status"] = "in_progress"
        add_track(new, at, "started", by, body.get("note"))
    elif name == "extend":
        days = int(body["days"])
        proposed = limits.extend_due(parse(order["due_at"]), days)
        new["status"] = "extension_requested"
        new["extension"] = {"days": days, "reason": body["reason"], "from_status": order["status"], "requested_at": iso(at)}
        add_track(new, at, "extension-requested", by, body["reason"], days=days, new_due_date=iso(proposed))
        events.append(("workorders.order.extended", {"days": days, "reason": body["reason"], "new_due_date": iso(proposed), "approved": False}))
    elif name == "approve-extension":
        extension = order["extension"]
        new_due = limits.extend_due(parse(order["due_at"]), int(extension["days"]))
        new["status"] = extension["from_status"]
        new["due_at"] = iso(new_due)
        new["extension"] = {**extension, "approved_at": iso(at), "approved_by": principal.subject}
        new["escalation"] = {"phase": "handle", "level": "none"}
        add_track(new, at, "extension-approved", by, body.get("note"), new_due_date=iso(new_due))
        events.append(("workorders.order.extended", {"days": int(extension["days"]), "reason": extension["reason"],
                                                     "new_due_date": iso(new_due), "approved": True}))
    elif name == "refuse-extension":
        extension = order["extension"]
        new["status"] = extension["from_status"]
        new["extension"] = {**extension, "refused_at": iso(at), "refused_by": principal.subject, "refusal": body["reason"]}
        new["escalation"] = {"phase": "handle", "level": "none"}
        add_track(new, at, "extension-refused", by, body["reason"], due_date=order["due_at"])
        events.append(("workorders.order.extended", {"days": int(extension["days"]), "reason": body["reason"],
                                                     "new_due_date": order["due_at"], "approved": False, "refused": True}))
    elif name == "reply":
        overdue = at > parse(order["due_at"])
        deadline = at + limits.RATING_WINDOW
        new.update(status="replied", replied_at=iso(at), reply=body["text"], rating_deadline=iso(deadline), overdue=overdue)
        new["escalation"] = {"phase": "rating", "level": "none"}
        add_track(new, at, "replied", by, body["text"], overdue=overdue)
        events.append(("workorders.order.replied", {"replied_at": iso(at), "overdue": overdue, "rating_deadline": iso(deadline)}))
    elif name == "reopen":
        events.extend(reopen(new, at, by, body.get("reason") or "resident objected to the reply"))
    elif name == "merge":
        into = body["into"]
        if into == order["case_number"]:
            raise InvalidField("into", "an order cannot be merged into itself", "工单不能并入它自己")
        new["status"] = "merged"
        new["linked_to"] = into
        events.append(close(new, at, by, "merged", resolved=False, note=f"merged into {into}"))
    elif name == "reroute":
        if body.get("category"):
            new["category"] = body["category"]
        handler, sign_minutes = (body["handler"], None) if body.get("handler") else route(new["category"], new.get("location"))
        # Sending a returned order back to the unit that returned it says the return was improper.
        returns = new.get("returns") or []
        if order["status"] == "returned" and returns and returns[-1]["unit"] == handler["code"]:
            returns[-1]["improper"] = True  # the command centre confirms it was the unit's own
        add_track(new, at, "rerouted", by, body.get("note"), category=new["category"])
        events.append(dispatch(new, handler, at, by, body.get("note"), sign_minutes))
    elif name == "locate":
        where = body["where"]
        new.update(location=where["location"], point=where.get("point"), building=where.get("building"),
                   precision=where.get("precision"))
        add_track(new, at, "located", by, body.get("note") or where.get("located_by"), precision=where.get("precision"))
        events.append(("workorders.order.located", {"located_by": "command-centre"}))
        if new.get("category") and order["status"] == "submitted":
            handler, sign_minutes = route(new["category"], new["location"])
            events.append(dispatch(new, handler, at, by, "located by the command centre", sign_minutes))
    elif name == "close":
        events.append(close(new, at, by, "command-centre", resolved=bool(body.get("resolved", True)), note=body.get("note")))
    else:  # pragma: no cover - ACTIONS and this function list the same names
        raise ValueError(name)
    new["version"] = int(order.get("version", 0)) + 1
    return Outcome(new, events)


def close(order: Order, at: datetime, by: dict[str, Any], reason: str, *, resolved: bool, note: str | None = None) -> tuple[str, dict[str, Any]]:
    if order["status"] != "merged":
        order["status"] = "closed"
    overdue = bool(order.get("overdue")) or (bool(order.get("due_at")) and at > parse(order["due_at"]) and not order.get("replied_at"))
    order.update(closed_at=iso(at), close_reason=reason, resolved=resolved)
    order["escalation"] = {"phase": "none", "level": "none"}
    add_track(order, at, "closed", by, note, reason=reason, resolved=resolved)
    return "workorders.order.closed", {"closed_at": iso(at), "reason": reason, "resolved": resolved, "overdue": overdue}


def reopen(order: Order, at: datetime, by: dict[str, Any], reason: str) -> list[tuple[str, dict[str, Any]]]:
    """Back to the same handler, to sign again with fresh limits."""
    window = limits.limits(at, order["kind"], order["priority"])
    order.update(status="reopened", dispatched_at=iso(at), sign_deadline=iso(window.sign_deadline),
                 due_at=iso(window.due_at), closed_at=None, close_reason=None, resolved=None, overdue=False)
    order["escalation"] = {"phase": "sign", "level": "none"}
    order["reopened"] = int(order.get("reopened", 0)) + 1
    add_track(order, at, "reopened", by, reason)
    return [("workorders.order.reopened", {"reason": reason})]


# --- the command centre's work --------------------------------------------------------
CENTRE_TASKS = ("locate", "triage", "returned", "extension", "supervision", "overdue")


def centre_task(order: Order) -> str | None:
    """Why the order needs the command centre now, if it does: to be located, to be triaged
    (or re-routed), returned by its unit, an extension to decide, under supervision (督办),
    or overdue (whistled)."""
    status = order["status"]
    if status == "submitted":
        return "locate" if not order.get("location") else "triage"
    if status == "returned":
        return "returned"
    if status == "extension_requested":
        return "extension"
    if status in OPEN_STATUSES and status != "replied":
        level = (order.get("escalation") or {}).get("level")
        if level == "supervision":
            return "supervision"
        if level == "whistle":
            return "overdue"
    return None


# --- the scheduler's steps --------------------------------------------------------------
LEVELS = ("none", "reminder", "whistle", "supervision")
REMIND_BEFORE = timedelta(minutes=10)


def _phase_deadline(order: Order) -> tuple[str, datetime, timedelta, timedelta] | None:
    """(phase, deadline, remind before, supervise after) for the order's current state."""
    emergency = order.get("priority") == "emergency"
    status = order["status"]
    if status in ("dispatched", "reopened"):
        deadline = parse(order["sign_deadline"])
        window = max(deadline - parse(order["dispatched_at"]), timedelta(minutes=1))
        # The reminder comes before the deadline, at half the limit or 10 minutes before it,
        # whichever is later (a 10-minute emergency: after 5 minutes; an hour: 10 minutes before).
        before = min(window / 2, REMIND_BEFORE)
        after = min(timedelta(minutes=15 if emergency else 60), window)
        return "sign", deadline, before, after
    if status in ("signed", "in_progress", "extension_requested"):
        return "handle", parse(order["due_at"]), timedelta(hours=1 if emergency else 24), timedelta(hours=2 if emergency else 24)
    return None


def next_check(order: Order) -> datetime | None:
    """When the scheduler must next look at the order (None: never)."""
    if order["status"] == "replied" and order.get("rating_deadline"):
        return parse(order["rating_deadline"])
    found = _phase_deadline(order)
    if not found:
        return None
    phase, deadline, before, after = found
    escalation = order.get("escalation") or {}
    level = escalation.get("level", "none") if escalation.get("phase") == phase else "none"
    steps = {"none": deadline - before, "reminder": deadline, "whistle": deadline + after}
    return steps.get(level)


def step(order: Order, now: datetime, departments: frozenset[str], default_department: str | None) -> Outcome | None:
    """One due step of the schedule, or None if nothing is due at `now`."""
    due = next_check(order)
    if due is None or due > now:
        return None
    new = copy.deepcopy(order)
    events: list[tuple[str, dict[str, Any]]] = []
    if order["status"] == "replied":
        events.append(close(new, now, SYSTEM, "rating-window-passed", resolved=True, note="no rating within the window"))
    else:
        phase, deadline, _, _ = _phase_deadline(order)  # type: ignore[misc]
        escalation = order.get("escalation") or {}
        level = escalation.get("level", "none") if escalation.get("phase") == phase else "none"
        next_level = LEVELS[LEVELS.index(level) + 1]
        what = "not signed for" if phase == "sign" else "not handled"
        summoned: list[str] = []
        if next_level == "reminder":
            reason = f"{what}: deadline {iso(deadline)} is near"
        elif next_level == "whistle":
            reason = f"{what} by the deadline {iso(deadline)}: the street blows the whistle (吹哨)"
            handler = order.get("handler") or {}
            if handler.get("code") in departments:
                summoned.append(handler["code"])
            elif default_department:
                summoned.append(default_department)
            street = (order.get("location") or {}).get("street")
            if street and street not in (new.get("co_owners") or []):
                new.setdefault("co_owners", []).append(street)
            new["summoned"] = sorted(set(new.get("summoned") or []) | set(summoned))
        else:
            late_minutes = max(0, int((now - deadline).total_seconds() // 60))
            reason = f"{what} {late_minutes} minutes after the deadline {iso(deadline)}: command-centre supervision (督办)"
        new["escalation"] = {"phase": phase, "level": next_level}
        add_track(new, now, next_level, SYSTEM, reason, summoned=summoned or None)
        payload: dict[str, Any] = {"level": next_level, "reason": reason, "summoned": summoned}
        events.append(("workorders.order.escalated", payload))
    new["version"] = int(order.get("version", 0)) + 1
    return Outcome(new, events)


def rating_received(order: Order, level: int, at: datetime, rating_id: str) -> Outcome | None:
    """A resident's rating of a replied order: satisfied (>= 3) closes, unsatisfied reopens."""
    if order["status"] != "replied":
        return None
    new = copy.deepcopy(order)
    by = {"subject": order.get("resident") or "resident", "role": "resident", "unit": None}
    new["rating"] = {"level": level, "rating_id": rating_id, "at": iso(at)}
    if level >= 3:
        events = [close(new, at, by, "rated", resolved=True, note=f"rated {level} of 5")]
    else:
        events = reopen(new, at, by, f"rated {level} of 5: not satisfied")
    new["version"] = int(order.get("version", 0)) + 1
    return Outcome(new, events)


def follow_original(linked: Order, original: Order, at: datetime) -> Outcome | None:
    """A report merged into an original follows it on its own case number: when the
    original is replied, so is the linked case (its resident is told, may rate it and may
    reopen it); when the original is closed unreplied, the linked case closes too."""
    if linked["status"] != "merged" or linked.get("linked_to") != original["case_number"]:
        return None
    new = copy.deepcopy(linked)
    events: list[tuple[str, dict[str, Any]]] = []
    source = original["case_number"]
    if original["status"] == "replied":
        deadline = original.get("rating_deadline") or iso(at + limits.RATING_WINDOW)
        new.update(status="replied", replied_at=original["replied_at"], reply=original.get("reply"),
                   rating_deadline=deadline, overdue=bool(original.get("overdue")), handler=original.get("handler"),
                   due_at=original.get("due_at"))
        new["escalation"] = {"phase": "rating", "level": "none"}
        add_track(new, at, "replied", SYSTEM, f"the original {source} was replied: {original.get('reply')}", original=source)
        events.append(("workorders.order.replied", {"replied_at": new["replied_at"], "overdue": new["overdue"],
                                                    "rating_deadline": deadline, "original": source}))
    elif original["status"] == "closed" and not original.get("replied_at"):
        new["status"] = "closed"
        name, fields = close(new, at, SYSTEM, "original-closed", resolved=bool(original.get("resolved")),
                             note=f"the original {source} was closed")
        events.append((name, {**fields, "original": source}))
    else:
        return None
    new["version"] = int(linked.get("version", 0)) + 1
    return Outcome(new, events)


def note_received(order: Order, at: datetime, action: str, note: str) -> Outcome:
    """A track-only entry (e.g. a rectification opened by the rating service)."""
    new = copy.deepcopy(order)
    add_track(new, at, action, {"subject": "rating", "role": "system", "unit": None}, note)
    new["version"] = int(order.get("version", 0)) + 1
    return Outcome(new, [])


__all__ = ["ACTIONS", "COMMAND_CENTRE_CODE", "OPEN_STATUSES", "Outcome", "allowed_actions", "apply", "check",
           "dispatch", "next_check", "rating_received", "step"]
