"""The command centre's work (issue 10 items 1 and 5): its role implies its unit, its
default view is its work across the district with counts; status filters apply before
paging; an extension can be refused; a return in the unit's own remit is improper."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from conftest import CENTRE, GRID, RESIDENT, STREET, URBAN, call

from shared import clock
from tests.conftest import token

CENTRE_AS_DISTRICT = token("command-centre", "cc-2", "JN")  # the unit a person might guess


def new(client: Any, body: dict[str, Any]) -> str:
    response = call(client, "POST", "/workorders", RESIDENT, body)
    assert response.status_code == 201, response.body
    return str(response.json_body["case_number"])


def test_the_first_look_shows_the_work_across_the_district_whatever_the_unit(client: Any) -> None:
    unlocated = new(client, {"text": "楼下路灯不亮好几天了"})
    returned = new(client, {"text": "路灯不亮", "location": {"grid": GRID}})
    call(client, "POST", f"/workorders/{returned}/return", URBAN, {"reason": "不属于本单位职责"})
    extended = new(client, {"text": "路灯不亮", "location": {"grid": "JN-S02-C01-G01"}})
    call(client, "POST", f"/workorders/{extended}/sign", URBAN)
    call(client, "POST", f"/workorders/{extended}/extend", URBAN, {"days": 2, "reason": "等配件"})
    for who in (CENTRE, CENTRE_AS_DISTRICT):
        work = call(client, "GET", "/workorders", who).json_body
        counts = {task: entry["count"] for task, entry in work["tasks"].items()}
        assert counts == {"locate": 1, "triage": 0, "returned": 1, "extension": 1, "supervision": 0, "overdue": 0}
        assert {o["case_number"] for o in work["orders"]} == {unlocated, returned, extended}
    page = call(client, "GET", "/workorders?task=returned", CENTRE_AS_DISTRICT).json_body
    assert [o["case_number"] for o in page["orders"]] == [returned]
    # Acting on it with the district's code works as with the centre's own.
    assert call(client, "POST", f"/workorders/{extended}/refuse-extension", CENTRE_AS_DISTRICT,
                {"reason": "配件可从库房调取"}).status_code == 200
    after = call(client, "GET", "/workorders", CENTRE).json_body["tasks"]
    assert after["extension"]["count"] == 0 and after["returned"]["count"] == 1


def test_an_extension_can_be_refused(client: Any, outbox: Any) -> None:
    case = new(client, {"text": "路灯不亮", "location": {"grid": GRID}})
    call(client, "POST", f"/workorders/{case}/sign", URBAN)
    due = call(client, "GET", f"/workorders/{case}", CENTRE).json_body["due_at"]
    call(client, "POST", f"/workorders/{case}/extend", URBAN, {"days": 3, "reason": "等配件"})
    outbox.drain()
    assert call(client, "POST", f"/workorders/{case}/refuse-extension", CENTRE, {}).status_code == 400  # a reason
    refused = call(client, "POST", f"/workorders/{case}/refuse-extension", CENTRE, {"reason": "可先临时修复"})
    assert refused.status_code == 200
    assert refused.json_body["status"] == "signed" and refused.json_body["due_at"] == due
    event = outbox.drain()[0]
    assert event["name"] == "workorders.order.extended"
    assert event["payload"]["approved"] is False and event["payload"]["refused"] is True
    assert call(client, "POST", f"/workorders/{case}/refuse-extension", CENTRE, {"reason": "x2"}).status_code == 409


def test_status_filters_apply_before_paging(client: Any) -> None:
    start = clock.now()
    signed = new(client, {"text": "路灯不亮", "location": {"grid": GRID}})
    call(client, "POST", f"/workorders/{signed}/sign", URBAN)
    newer = []
    for minutes in (1, 2, 3):  # listings are newest first: give each its own minute
        clock.set_clock(start + timedelta(minutes=minutes))
        newer.append(new(client, {"text": "路灯不亮", "location": {"grid": GRID}}))
    page = call(client, "GET", "/workorders?street=JN-S01&status=signed&limit=1", STREET).json_body
    assert [o["case_number"] for o in page["orders"]] == [signed]
    page = call(client, "GET", f"/workorders?grid={GRID}&status=dispatched&limit=2", CENTRE).json_body
    assert [o["case_number"] for o in page["orders"]] == newer[::-1][:2] and page["next_page_token"]
    rest = call(client, "GET", f"/workorders?grid={GRID}&status=dispatched&limit=2&page_token={page['next_page_token']}",
                CENTRE).json_body
    assert [o["case_number"] for o in rest["orders"]] == [newer[0]] and rest["next_page_token"] is None
    mine = call(client, "GET", "/workorders?status=signed&limit=1", RESIDENT).json_body
    assert [o["case_number"] for o in mine["orders"]] == [signed]
