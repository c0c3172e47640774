"""Lifecycle: actions, role and object rules, 409 with the allowed actions, the track."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from conftest import (
    CENTRE,
    COMMUNITY,
    GRID,
    GRID_WORKER,
    OTHER_RESIDENT,
    OTHER_STREET,
    RESIDENT,
    STREET,
    URBAN,
    WATER,
    call,
    grid_point,
)

from shared import clock


def new_order(client: Any, text: str = "路灯不亮", **extra: Any) -> dict[str, Any]:
    body = {"text": text, "location": {"grid": GRID}, **extra}
    response = call(client, "POST", "/workorders", RESIDENT, body)
    assert response.status_code == 201, response.body
    return response.json_body  # type: ignore[no-any-return]


def act(client: Any, case: str, action: str, headers: dict[str, str], body: Any = None) -> Any:
    return call(client, "POST", f"/workorders/{case}/{action}", headers, body)


def advance_clock(**delta: float) -> None:
    clock.set_clock(clock.now() + timedelta(**delta))


def test_sign_start_reply_with_the_full_track(client: Any, outbox: Any) -> None:
    case = new_order(client)["case_number"]
    outbox.drain()
    advance_clock(minutes=20)
    signed = act(client, case, "sign", URBAN)
    assert signed.status_code == 200, signed.body
    assert signed.json_body["status"] == "signed"
    assert act(client, case, "start", URBAN, {"note": "已派维修班"}).json_body["status"] == "in_progress"
    replied = act(client, case, "reply", URBAN, {"text": "已更换灯泡,恢复照明"})
    assert replied.json_body["status"] == "replied"
    events = outbox.drain()
    assert [e["name"] for e in events] == ["workorders.order.signed", "workorders.order.replied"]
    assert events[0]["payload"]["on_time"] is True
    assert events[1]["payload"]["overdue"] is False and events[1]["payload"]["rating_deadline"]
    order = call(client, "GET", f"/workorders/{case}", RESIDENT).json_body
    track = order["track"]
    assert [t["action"] for t in track] == ["submitted", "triaged", "dispatched", "signed", "started", "replied"]
    signed_entry = track[3]
    assert signed_entry["by"] == {"subject": "um-1", "role": "department", "unit": "urban-management"}
    assert datetime.fromisoformat(signed_entry["at"]) == clock.now()  # the (frozen) moment it was signed
    assert track[4]["note"] == "已派维修班" and track[5]["note"] == "已更换灯泡,恢复照明"
    assert order["allowed_actions"] == ["reopen"]


def test_late_sign_is_not_on_time(client: Any, outbox: Any) -> None:
    case = new_order(client)["case_number"]
    advance_clock(minutes=61)
    act(client, case, "sign", URBAN)
    signed = [e for e in outbox.drain() if e["name"] == "workorders.order.signed"][0]
    assert signed["payload"]["on_time"] is False


def test_illegal_transition_is_409_with_the_allowed_actions(client: Any) -> None:
    case = new_order(client)["case_number"]
    response = act(client, case, "reply", URBAN, {"text": "done already"})
    assert response.status_code == 409
    error = response.json_body["error"]
    assert error["code"] == "illegal_transition" and error["status"] == "dispatched"
    assert error["allowed_actions"] == ["sign", "return"]
    act(client, case, "sign", URBAN)
    again = act(client, case, "sign", URBAN)
    assert again.status_code == 409
    assert again.json_body["error"]["allowed_actions"] == ["return", "start", "extend", "reply"]


def test_only_the_handler_unit_may_act(client: Any) -> None:
    case = new_order(client)["case_number"]
    assert act(client, case, "sign", WATER).status_code == 404  # not theirs: as if it did not exist
    assert act(client, case, "sign", STREET).status_code == 403
    assert act(client, case, "sign", RESIDENT).status_code == 403
    assert act(client, case, "approve-extension", URBAN).status_code == 403
    assert act(client, "261123-ZZZZZZ", "sign", URBAN).status_code == 404
    assert act(client, case, "sign", URBAN).status_code == 200


def test_return_needs_a_reason_and_goes_back_to_the_centre(client: Any, outbox: Any) -> None:
    case = new_order(client)["case_number"]
    outbox.drain()
    missing = act(client, case, "return", URBAN, {})
    assert missing.status_code == 400 and "reason" in missing.json_body["error"]["message"]
    assert call(client, "GET", f"/workorders/{case}", CENTRE).json_body["status"] == "dispatched"
    returned = act(client, case, "return", URBAN, {"reason": "不属于本单位职责"})
    assert returned.json_body["status"] == "returned" and returned.json_body["handler"] is None
    queue = call(client, "GET", "/workorders?assignee=command-center&status=returned", CENTRE).json_body["orders"]
    assert [o["case_number"] for o in queue] == [case]
    event = outbox.drain()[0]
    assert event["name"] == "workorders.order.returned"
    # The rules name urban-management for street lights here: returning it is improper (issue 10 item 5).
    assert event["payload"]["reason"] == "不属于本单位职责" and event["payload"]["improper"] is True
    assert event["payload"]["handler"] == {"kind": "department", "code": "urban-management"}
    # Sent back to the same unit: the return was improper and is held against it.
    rerouted = act(client, case, "reroute", CENTRE, {"handler": {"kind": "department", "code": "urban-management"}})
    assert rerouted.json_body["returns"][0]["improper"] is True
    assert rerouted.json_body["status"] == "dispatched"


def test_reroute_to_a_relative_unit_and_bad_handlers(client: Any) -> None:
    case = new_order(client)["case_number"]
    bad = act(client, case, "reroute", CENTRE, {"handler": {"kind": "department", "code": "ministry-of-magic"}})
    assert bad.status_code == 400 and "handler.code" in bad.json_body["error"]["message"]
    rerouted = act(client, case, "reroute", CENTRE, {"handler": {"kind": "community"}})
    assert rerouted.json_body["handler"] == {"kind": "community", "code": "JN-S01-C01"}


def test_extension_requested_then_approved_moves_the_due_date(client: Any, outbox: Any) -> None:
    case = new_order(client)["case_number"]
    act(client, case, "sign", URBAN)
    before = call(client, "GET", f"/workorders/{case}", URBAN).json_body["due_at"]
    outbox.drain()
    bad = act(client, case, "extend", URBAN, {"days": 0, "reason": "缺少配件"})
    assert bad.status_code == 400 and "days" in bad.json_body["error"]["message"]
    requested = act(client, case, "extend", URBAN, {"days": 3, "reason": "缺少配件"})
    assert requested.json_body["status"] == "extension_requested"
    approved = act(client, case, "approve-extension", CENTRE)
    assert approved.status_code == 200, approved.body
    assert approved.json_body["status"] == "signed"
    assert approved.json_body["due_at"] > before
    extended = outbox.drain()
    assert [e["payload"]["approved"] for e in extended] == [False, True]
    assert extended[1]["payload"]["new_due_date"] == approved.json_body["due_at"]


def test_resident_reopens_own_replied_order_only(client: Any, outbox: Any) -> None:
    case = new_order(client)["case_number"]
    act(client, case, "sign", URBAN)
    act(client, case, "reply", URBAN, {"text": "已处理"})
    outbox.drain()
    assert act(client, case, "reopen", OTHER_RESIDENT, {"reason": "not mine"}).status_code == 404
    reopened = act(client, case, "reopen", RESIDENT, {"reason": "灯还是不亮"})
    assert reopened.json_body["status"] == "reopened"
    assert outbox.names() == ["workorders.order.reopened"]
    assert act(client, case, "sign", URBAN).json_body["status"] == "signed"


def test_merge_and_close_by_the_centre(client: Any, outbox: Any) -> None:
    first = new_order(client)["case_number"]
    second = new_order(client, "路灯坏了好几天", location={"grid": "JN-S02-C01-G01"})["case_number"]
    assert act(client, second, "merge", CENTRE, {"into": second}).status_code == 400
    assert act(client, second, "merge", CENTRE, {"into": "261123-ZZZZZZ"}).status_code == 400
    outbox.drain()
    merged = act(client, second, "merge", CENTRE, {"into": first})
    assert merged.json_body["status"] == "merged" and merged.json_body["linked_to"] == first
    closed_event = outbox.drain()[0]
    assert closed_event["name"] == "workorders.order.closed" and closed_event["payload"]["reason"] == "merged"
    closed = act(client, first, "close", CENTRE, {"note": "已统一处理"})
    assert closed.json_body["status"] == "closed" and closed.json_body["close_reason"] == "command-centre"
    assert act(client, first, "close", CENTRE).status_code == 409


def test_who_sees_an_order(client: Any) -> None:
    case = new_order(client)["case_number"]
    allowed = [RESIDENT, CENTRE, URBAN, STREET, COMMUNITY, GRID_WORKER]
    refused = [OTHER_RESIDENT, OTHER_STREET, WATER]
    assert [call(client, "GET", f"/workorders/{case}", h).status_code for h in allowed] == [200] * len(allowed)
    # Refused like a missing order, so case numbers cannot be probed.
    assert [call(client, "GET", f"/workorders/{case}", h).status_code for h in refused] == [404] * len(refused)
    assert call(client, "GET", "/workorders/not-a-case", CENTRE).status_code == 404
    # Read out over the phone in lower case with spaces: still found.
    spoken = case.lower().replace("-", " ")
    assert call(client, "GET", f"/workorders/{spoken}", CENTRE).status_code == 200


def test_the_residents_contact_is_shown_only_to_the_handler_and_the_centre(client: Any) -> None:
    contact = {"name": "王女士", "phone": "13812345678"}
    case = new_order(client, contact=contact)["case_number"]
    seen = {name: call(client, "GET", f"/workorders/{case}", h).json_body.get("contact")
            for name, h in {"resident": RESIDENT, "centre": CENTRE, "handler": URBAN, "street": STREET,
                            "community": COMMUNITY, "grid": GRID_WORKER}.items()}
    assert seen["resident"] and seen["centre"] and seen["handler"]
    assert seen["street"] is None and seen["community"] is None and seen["grid"] is None


def test_queues_and_views_come_from_indexes_with_paging(client: Any) -> None:
    cases = [new_order(client)["case_number"] for _ in range(3)]
    other = new_order(client, "停水了", category="water-supply")["case_number"]
    first = call(client, "GET", "/workorders?limit=2", URBAN).json_body
    assert len(first["orders"]) == 2 and first["next_page_token"]
    rest = call(client, "GET", f"/workorders?limit=2&page_token={first['next_page_token']}", URBAN).json_body
    listed = {o["case_number"] for o in first["orders"] + rest["orders"]}
    assert listed == set(cases)
    act(client, cases[0], "sign", URBAN)
    signed = call(client, "GET", "/workorders?status=signed", URBAN).json_body["orders"]
    assert [o["case_number"] for o in signed] == [cases[0]]
    assert call(client, "GET", "/workorders?assignee=water", URBAN).status_code == 403
    assert {o["case_number"] for o in call(client, "GET", "/workorders?assignee=water", CENTRE).json_body["orders"]} == {other}
    mine = call(client, "GET", "/workorders", RESIDENT).json_body["orders"]
    assert {o["case_number"] for o in mine} == set(cases) | {other}
    assert call(client, "GET", "/workorders", OTHER_RESIDENT).json_body["orders"] == []
    assert call(client, "GET", f"/workorders?grid={GRID}", RESIDENT).status_code == 403
    grid_view = call(client, "GET", f"/workorders?grid={GRID}", GRID_WORKER).json_body["orders"]
    assert len(grid_view) == 4
    assert call(client, "GET", "/workorders?grid=JN-S02-C01-G01", GRID_WORKER).status_code == 403
    street_view = call(client, "GET", "/workorders?street=JN-S01&status=signed", STREET).json_body["orders"]
    assert [o["case_number"] for o in street_view] == [cases[0]]
    assert call(client, "GET", "/workorders?street=JN-S01", OTHER_STREET).status_code == 403
    community_view = call(client, "GET", "/workorders?community=JN-S01-C01", COMMUNITY).json_body["orders"]
    assert len(community_view) == 4
    assert call(client, "GET", "/workorders?page_token=garbage", URBAN).status_code == 400


def test_point_intake_still_finds_grid_views(client: Any) -> None:
    case = call(client, "POST", "/workorders", RESIDENT, {"text": "井盖丢了", "location": grid_point()}).json_body["case_number"]
    assert [o["case_number"] for o in call(client, "GET", f"/workorders?grid={GRID}", GRID_WORKER).json_body["orders"]] == [case]


def test_a_street_returning_a_delegated_case_falls_back_to_the_department(client: Any, outbox: Any) -> None:
    case = new_order(client, "门口有流动摊贩占道经营", category="street-vendor")["case_number"]
    outbox.drain()
    returned = act(client, case, "return", STREET, {"reason": "该路段由城管直管"})
    assert returned.json_body["status"] == "dispatched"
    assert returned.json_body["handler"] == {"kind": "department", "code": "urban-management"}
    returned_event, dispatched_event = outbox.drain()
    assert returned_event["name"] == "workorders.order.returned"
    assert returned_event["payload"]["handler"] == {"kind": "street", "code": "JN-S01"}
    assert dispatched_event["payload"]["handler"] == {"kind": "department", "code": "urban-management"}
    # The department returns it too: nobody else is named, so the command centre decides.
    again = act(client, case, "return", URBAN, {"reason": "应由街道处理"})
    assert again.json_body["status"] == "returned" and again.json_body["handler"] is None
