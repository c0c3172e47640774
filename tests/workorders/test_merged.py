"""Residents whose reports were merged keep their say (issue 10 item 3): each follows the
original on their own case number, is told when it is replied (and closed unreplied), rates
their own case and may reopen it."""

from __future__ import annotations

import copy
import json
from typing import Any

from conftest import CENTRE, OTHER_RESIDENT, RESIDENT, URBAN, call, grid_point

from tests.conftest import load_event


def two_reports_of_one_light(client: Any) -> tuple[str, str]:
    point = grid_point()
    original = call(client, "POST", "/workorders", RESIDENT, {"text": "路灯不亮", "location": point}).json_body
    nearby = {"lon": point["lon"] + 0.001, "lat": point["lat"] + 0.0005}
    duplicate = call(client, "POST", "/workorders", OTHER_RESIDENT, {"text": "这边路灯坏了", "location": nearby}).json_body
    assert duplicate["status"] == "merged" and duplicate["linked_to"] == original["case_number"]
    return original["case_number"], duplicate["case_number"]


def rate(client: Any, case: str, level: int, resident: str = "resident-2") -> None:
    envelope = copy.deepcopy(load_event("rating/rating.rating.submitted.json"))
    envelope["id"] = f"00000000-0000-4000-8000-{abs(hash((case, level))) % 10**12:012d}"
    envelope["payload"].update(subject={"kind": "workorder", "id": case}, level=level, resident=resident)
    event = client.events.generate_sqs_event(queue_name="govportal-workorders-inbox", message_bodies=[json.dumps(envelope)])
    assert client.lambda_.invoke("workorders_inbox", event).payload == {"batchItemFailures": []}


def test_the_merged_resident_is_told_of_the_reply_rates_and_closes_their_own_case(client: Any, outbox: Any) -> None:
    original, duplicate = two_reports_of_one_light(client)
    call(client, "POST", f"/workorders/{original}/sign", URBAN)
    outbox.drain()
    assert call(client, "POST", f"/workorders/{original}/reply", URBAN, {"text": "已更换灯泡"}).status_code == 200
    replied = [e["payload"] for e in outbox.drain() if e["name"] == "workorders.order.replied"]
    assert [(p["case_number"], p["resident"]) for p in replied] == [(original, "resident-1"), (duplicate, "resident-2")]
    assert replied[1]["original"] == original
    mine = call(client, "GET", f"/workorders/{duplicate}", OTHER_RESIDENT).json_body
    assert mine["status"] == "replied" and mine["reply"] == "已更换灯泡" and mine["allowed_actions"] == ["reopen"]
    rate(client, duplicate, 5)
    assert call(client, "GET", f"/workorders/{duplicate}", OTHER_RESIDENT).json_body["status"] == "closed"
    assert call(client, "GET", f"/workorders/{original}", RESIDENT).json_body["status"] == "replied"  # untouched


def test_the_merged_resident_may_reopen_their_own_case(client: Any, outbox: Any) -> None:
    original, duplicate = two_reports_of_one_light(client)
    call(client, "POST", f"/workorders/{original}/sign", URBAN)
    call(client, "POST", f"/workorders/{original}/reply", URBAN, {"text": "已更换灯泡"})
    outbox.drain()
    reopened = call(client, "POST", f"/workorders/{duplicate}/reopen", OTHER_RESIDENT, {"reason": "我这边的灯还是不亮"})
    assert reopened.status_code == 200, reopened.body
    assert reopened.json_body["status"] == "reopened"
    assert reopened.json_body["handler"] == {"kind": "department", "code": "urban-management"}
    assert [e["name"] for e in outbox.drain()] == ["workorders.order.reopened"]
    assert call(client, "POST", f"/workorders/{duplicate}/sign", URBAN).status_code == 200


def test_an_original_closed_unreplied_closes_its_followers_and_a_manual_merge_follows(client: Any, outbox: Any) -> None:
    original, duplicate = two_reports_of_one_light(client)
    third = call(client, "POST", "/workorders", OTHER_RESIDENT,
                 {"text": "楼下井盖丢了", "category": "manhole", "location": grid_point()}).json_body["case_number"]
    assert call(client, "POST", f"/workorders/{third}/merge", CENTRE, {"into": original}).status_code == 200
    assert third in call(client, "GET", f"/workorders/{original}", CENTRE).json_body["linked"]
    outbox.drain()
    call(client, "POST", f"/workorders/{original}/close", CENTRE, {"resolved": False, "note": "重复"})
    closed = {e["payload"]["case_number"]: e["payload"] for e in outbox.drain() if e["name"] == "workorders.order.closed"}
    assert set(closed) == {original, duplicate, third}
    assert closed[duplicate]["original"] == original and closed[duplicate]["reason"] == "original-closed"
