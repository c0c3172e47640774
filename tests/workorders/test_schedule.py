"""The scheduled handler: reminders, the street's whistle, command-centre supervision, and
closing replied orders after the rating window; found through the deadline index."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from conftest import CENTRE, GRID, RESIDENT, STREET, URBAN, call

from shared import clock
from tests.support import run_schedule


def new_order(client: Any, text: str = "路灯不亮", **extra: Any) -> str:
    body = {"text": text, "location": {"grid": GRID}, **extra}
    response = call(client, "POST", "/workorders", RESIDENT, body)
    assert response.status_code == 201, response.body
    return str(response.json_body["case_number"])


def run_schedule_at(client: Any, moment: Any) -> dict[str, int]:
    clock.set_clock(moment)
    return run_schedule(client, "escalate_due_orders",  # type: ignore[no-any-return]
                        ["arn:aws:events:us-east-1:123456789012:rule/escalate"])


def escalations(outbox: Any) -> list[tuple[str, str]]:
    return [(e["payload"]["case_number"], e["payload"]["level"]) for e in outbox.drain() if e["name"] == "workorders.order.escalated"]


def test_unsigned_order_is_reminded_whistled_then_supervised(client: Any, outbox: Any) -> None:
    start = clock.now()
    case = new_order(client)
    outbox.drain()
    assert run_schedule_at(client, start + timedelta(minutes=30))["events"] == 0
    run_schedule_at(client, start + timedelta(minutes=50))
    assert escalations(outbox) == [(case, "reminder")]
    run_schedule_at(client, start + timedelta(minutes=55))
    assert escalations(outbox) == []  # nothing new is due
    run_schedule_at(client, start + timedelta(minutes=61))
    whistled = outbox.drain()
    assert [e["payload"]["level"] for e in whistled] == ["whistle"]
    assert whistled[0]["payload"]["summoned"] == ["urban-management"]
    order = call(client, "GET", f"/workorders/{case}", CENTRE).json_body
    assert order["co_owners"] == ["JN-S01"] and order["summoned"] == ["urban-management"]
    summons = call(client, "GET", "/workorders?summoned=true", URBAN).json_body["orders"]
    assert [o["case_number"] for o in summons] == [case]
    assert call(client, "GET", "/workorders?summoned=true&assignee=water", URBAN).status_code == 403
    assert call(client, "GET", "/workorders?summoned=true", STREET).status_code == 403
    run_schedule_at(client, start + timedelta(minutes=121))
    assert escalations(outbox) == [(case, "supervision")]
    run_schedule_at(client, start + timedelta(hours=5))
    assert escalations(outbox) == []
    track = call(client, "GET", f"/workorders/{case}", RESIDENT).json_body["track"]
    assert [t["action"] for t in track][-3:] == ["reminder", "whistle", "supervision"]
    assert all(t["by"]["subject"] == "scheduler" for t in track[-3:])


def test_an_outage_catches_up_every_missed_step_at_once(client: Any, outbox: Any) -> None:
    start = clock.now()
    case = new_order(client)
    outbox.drain()
    run_schedule_at(client, start + timedelta(hours=2, minutes=30))
    assert escalations(outbox) == [(case, "reminder"), (case, "whistle"), (case, "supervision")]


def test_emergency_limits_are_tight(client: Any, outbox: Any) -> None:
    start = clock.now()
    case = new_order(client, "闻到很浓的燃气味,燃气泄漏")
    outbox.drain()
    run_schedule_at(client, start + timedelta(minutes=11))
    levels = escalations(outbox)
    assert levels == [(case, "reminder"), (case, "whistle")]


def test_signed_order_overdue_escalates_and_the_whistling_street_may_reply(client: Any, outbox: Any) -> None:
    case = new_order(client, "咨询一下路灯维修的流程", category="street-light")
    call(client, "POST", f"/workorders/{case}/sign", URBAN)
    due = call(client, "GET", f"/workorders/{case}", CENTRE).json_body["due_at"]
    from datetime import datetime

    due_at = datetime.fromisoformat(due)
    outbox.drain()
    run_schedule_at(client, due_at - timedelta(hours=30))
    assert escalations(outbox) == []
    run_schedule_at(client, due_at - timedelta(hours=23))
    assert escalations(outbox) == [(case, "reminder")]
    run_schedule_at(client, due_at + timedelta(minutes=1))
    assert escalations(outbox) == [(case, "whistle")]
    # The street is now co-owner: it may reply, and the reply is overdue.
    replied = call(client, "POST", f"/workorders/{case}/reply", STREET, {"text": "街道牵头协调已修复"})
    assert replied.status_code == 200, replied.body
    assert [e["payload"]["overdue"] for e in outbox.drain() if e["name"] == "workorders.order.replied"] == [True]


def test_replied_without_a_rating_closes_after_the_window(client: Any, outbox: Any) -> None:
    case = new_order(client)
    call(client, "POST", f"/workorders/{case}/sign", URBAN)
    call(client, "POST", f"/workorders/{case}/reply", URBAN, {"text": "已修复"})
    replied_at = clock.now()
    outbox.drain()
    run_schedule_at(client, replied_at + timedelta(days=6))
    assert outbox.drain() == []
    run_schedule_at(client, replied_at + timedelta(days=7, minutes=1))
    closed = outbox.drain()
    assert [e["name"] for e in closed] == ["workorders.order.closed"]
    assert closed[0]["payload"]["reason"] == "rating-window-passed" and closed[0]["payload"]["resolved"] is True
    assert call(client, "GET", f"/workorders/{case}", RESIDENT).json_body["status"] == "closed"


def test_after_a_long_outage_the_scheduler_looks_back_to_its_last_clean_run(client: Any, outbox: Any) -> None:
    start = clock.now()
    run_schedule_at(client, start)  # a clean run: the cursor is at this hour
    case = new_order(client)
    outbox.drain()
    # Down for ten hours: the order's buckets are far older than the usual look-back.
    run_schedule_at(client, start + timedelta(hours=10))
    assert escalations(outbox) == [(case, "reminder"), (case, "whistle"), (case, "supervision")]


def test_a_ten_minute_emergency_is_reminded_before_its_deadline_and_whistled_within_a_minute(client: Any, outbox: Any) -> None:
    """Issue 10 item 4: the reminder at half the limit or 10 minutes before, whichever is
    later; the whistle at the next run after the deadline (the schedule runs every minute)."""
    assert call(client, "PUT", "/workorders/routing-rules/gas/*", CENTRE,
                {"handler": {"kind": "department", "code": "gas"}, "sign_minutes": 10}).status_code == 200
    start = clock.now()
    case = new_order(client, "楼道里燃气泄漏,味道很大")
    order = call(client, "GET", f"/workorders/{case}", CENTRE).json_body
    deadline = start + timedelta(minutes=10)
    assert order["sign_deadline"] == deadline.isoformat()
    outbox.drain()
    run_schedule_at(client, start + timedelta(minutes=4, seconds=59))
    assert escalations(outbox) == []
    run_schedule_at(client, start + timedelta(minutes=5))
    reminded = outbox.drain()
    assert [e["payload"]["level"] for e in reminded] == ["reminder"]
    from datetime import datetime

    assert datetime.fromisoformat(reminded[0]["occurred_at"]) < deadline
    run_schedule_at(client, deadline + timedelta(seconds=59))
    assert escalations(outbox) == [(case, "whistle")]


def test_an_hour_limit_is_reminded_ten_minutes_before(client: Any, outbox: Any) -> None:
    start = clock.now()
    case = new_order(client)
    outbox.drain()
    run_schedule_at(client, start + timedelta(minutes=49, seconds=59))
    assert escalations(outbox) == []
    run_schedule_at(client, start + timedelta(minutes=50))
    assert escalations(outbox) == [(case, "reminder")]


def test_the_deadline_schedule_runs_every_minute() -> None:
    import app

    rates = {s.name: s.schedule_expression for s in app.app.event_sources if hasattr(s, "schedule_expression")}
    assert rates["escalate_due_orders"] == "rate(1 minute)"
