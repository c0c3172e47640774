"""Reports without a map point (issue 10 item 2): located from a place the resident chose or
named in the text (buildings, addresses, compounds, roads, communities, streets of the
district data), else the resident's registered home grid, else the command centre locates
them as a task in its queue. Consultations are accepted."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import CENTRE, GRID, RESIDENT, call

from tests.conftest import token


def submit(client: Any, body: dict[str, Any], who: dict[str, str] = RESIDENT) -> Any:
    return call(client, "POST", "/workorders", who, body)


@pytest.mark.parametrize(("text", "precision", "grid", "community"), [
    ("明珠花园3栋门口路灯不亮", "building", "JN-S01-C01-G01", "JN-S01-C01"),
    ("北园路30号门口路灯不亮", "address", "JN-S01-C01-G01", "JN-S01-C01"),
    ("明珠花园小区里路灯不亮", "compound", "JN-S01-C01-G01", "JN-S01-C01"),
    ("北园社区广场的路灯坏了", "community", None, "JN-S01-C01"),
])
def test_a_place_named_in_the_text_locates_the_report(client: Any, text: str, precision: str, grid: str | None,
                                                       community: str) -> None:
    response = submit(client, {"text": text})
    assert response.status_code == 201, response.body
    order = response.json_body
    assert order["precision"] == precision
    assert order["location"]["grid"] == grid and order["location"]["community"] == community
    assert order["status"] == "dispatched"


def test_the_place_chosen_wins_over_the_text_and_fullwidth_digits_are_read(client: Any) -> None:
    order = submit(client, {"text": "北园社区有路灯不亮", "place": "供销小区１号楼"}).json_body
    assert order["precision"] == "building" and order["building"] == "JN-S01-C01-G02-B01"
    assert any(t["action"] == "located" and "place" in t["note"] for t in order["track"])


def test_a_consultation_without_any_place_is_accepted(client: Any) -> None:
    response = submit(client, {"text": "请问低保怎么申请?"})
    assert response.status_code == 201, response.body
    assert response.json_body["kind"] == "consultation"


def test_the_registered_home_grid_locates_a_report_without_a_place(client: Any) -> None:
    resident = token("resident", "resident-home")
    assert call(client, "PUT", "/workorders/residents/me/home", resident, {"grid": "JN-S02-C01-G01"}).status_code == 200
    order = submit(client, {"text": "楼下路灯不亮好几天了"}, resident).json_body
    assert order["location"]["grid"] == "JN-S02-C01-G01" and order["precision"] == "grid"
    assert call(client, "PUT", "/workorders/residents/me/home", resident, {"grid": "nope"}).status_code == 400
    assert call(client, "PUT", "/workorders/residents/me/home", CENTRE, {"grid": GRID}).status_code == 403


def test_an_unlocated_report_waits_for_the_command_centre_which_locates_it(client: Any, outbox: Any) -> None:
    order = submit(client, {"text": "楼下路灯不亮好几天了"}).json_body
    case = order["case_number"]
    assert order["location"] is None and order["status"] == "submitted" and order["handler"] is None
    assert order["track"][-1]["action"] == "awaiting-location"
    created = outbox.drain()
    assert [e["name"] for e in created] == ["workorders.order.created"]
    assert created[0]["payload"]["actions"] == ["merge", "reroute", "close", "locate"]  # the command centre's task
    queue = call(client, "GET", "/workorders?status=submitted", CENTRE).json_body["orders"]
    assert case in [o["case_number"] for o in queue]
    assert call(client, "POST", f"/workorders/{case}/locate", CENTRE, {"place": "没有这个地方"}).status_code == 400
    located = call(client, "POST", f"/workorders/{case}/locate", CENTRE, {"place": "明珠花园2号楼"})
    assert located.status_code == 200, located.body
    body = located.json_body
    assert body["status"] == "dispatched" and body["location"]["grid"] == "JN-S01-C01-G01"
    assert body["handler"] == {"kind": "department", "code": "urban-management"}
    assert [e["name"] for e in outbox.drain()] == ["workorders.order.located", "workorders.order.dispatched"]
    assert call(client, "POST", f"/workorders/{case}/locate", CENTRE, {"place": "明珠花园2号楼"}).status_code == 409


def test_a_road_or_community_routes_grid_work_to_the_community(client: Any) -> None:
    # Sanitation is a grid-level task in the demo rules when present; whatever the rule, a
    # vague location never yields a handler without a code.
    order = submit(client, {"text": "北园社区垃圾堆了好几天没人清理"}).json_body
    assert order["handler"] is None or order["handler"]["code"]


def test_control_characters_are_refused_and_nothing_is_stored(client: Any) -> None:
    # The JSON edge (shared.http) refuses NUL and other control characters with a 400 that
    # names them, before the service sees the text.
    for text in ("路灯\x00不亮\x1b[31m了", "\x00\x01\x02"):
        answer = submit(client, {"text": text, "location": {"grid": GRID}})
        assert answer.status_code == 400 and answer.json_body["error"]["code"] == "invalid_character"
    mine = call(client, "GET", "/workorders", RESIDENT).json_body
    assert not any("[31m" in order.get("text", "") for order in mine["orders"])
