"""Intake: POST /workorders validates, locates, triages, routes and dispatches in one write."""

from __future__ import annotations

from typing import Any

import pytest
from chalicelib.domain.casenumber import PATTERN
from conftest import CENTRE, GRID, GRID_WORKER, RESIDENT, URBAN, call, grid_point

from shared.geo import district


def submit(client: Any, body: dict[str, Any], headers: dict[str, str] = RESIDENT) -> Any:
    return call(client, "POST", "/workorders", headers, body)


def test_street_light_at_a_point_lands_with_urban_management(client: Any, outbox: Any) -> None:
    response = submit(client, {"text": "路灯不亮", "location": grid_point()})
    assert response.status_code == 201, response.body
    order = response.json_body
    assert PATTERN.match(order["case_number"])
    assert order["status"] == "dispatched"
    assert order["category"] == "street-light"
    assert order["handler"] == {"kind": "department", "code": "urban-management"}
    assert order["location"] == {"grid": GRID, "community": "JN-S01-C01", "street": "JN-S01"}
    assert [t["action"] for t in order["track"]] == ["submitted", "triaged", "dispatched"]
    events = outbox.drain()
    assert [e["name"] for e in events] == ["workorders.order.created", "workorders.order.dispatched"]
    created, dispatched = (e["payload"] for e in events)
    assert created["resident"] == "resident-1" and created["submitter_role"] == "resident"
    assert created["kind"] == "request" and created["priority"] == "normal"
    assert dispatched["handler"]["code"] == "urban-management"
    assert dispatched["sign_deadline"] > dispatched["dispatched_at"]


def test_building_location_and_community_default_handler(client: Any) -> None:
    building = district().grid_by_code[GRID]["buildings"][0]["code"]
    response = submit(client, {"text": "楼上漏水到我家,协商不成", "category": "neighbour-dispute", "location": {"building": building}})
    assert response.status_code == 201, response.body
    assert response.json_body["handler"] == {"kind": "community", "code": "JN-S01-C01"}


def test_delegated_power_routes_to_the_street(client: Any) -> None:
    response = submit(client, {"text": "路边有流动摊贩占道", "category": "street-vendor", "location": {"grid": GRID}})
    assert response.json_body["handler"] == {"kind": "street", "code": "JN-S01"}
    elsewhere = submit(client, {"text": "路边有流动摊贩占道", "category": "street-vendor", "location": {"grid": "JN-S02-C01-G01"}})
    assert elsewhere.json_body["handler"] == {"kind": "department", "code": "urban-management"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": "", "location": {"grid": GRID}}, "text"),
        ({"text": "   ", "location": {"grid": GRID}}, "text"),
        ({"text": "路" * 2001, "location": {"grid": GRID}}, "text"),
        ({"text": "路灯不亮", "location": {"lon": 116.4, "lat": 39.9}}, "location"),
        ({"text": "路灯不亮", "location": {"grid": "JN-S99-C01-G01"}}, "location.grid"),
        ({"text": "路灯不亮", "location": {"building": "nope"}}, "location.building"),
        ({"text": "路灯不亮", "location": {"grid": GRID, "lat": 41.0, "lon": 113.0}}, "location"),
        ({"text": "路灯不亮", "category": "unicorns", "location": {"grid": GRID}}, "category"),
        ({"text": "路灯不亮", "location": {"grid": GRID}, "colour": "red"}, "colour"),
        ({"text": "路灯不亮", "place": "x" * 201}, "place"),
    ],
)
def test_bad_input_names_the_field_and_creates_nothing(client: Any, outbox: Any, body: dict[str, Any], field: str) -> None:
    response = submit(client, body)
    assert response.status_code == 400, response.body
    error = response.json_body["error"]
    assert field in error["message"]
    assert outbox.drain() == []
    listing = call(client, "GET", "/workorders", RESIDENT)
    assert listing.json_body["orders"] == []


def test_idempotency_key_returns_the_same_case(client: Any, outbox: Any) -> None:
    body = {"text": "路灯不亮", "location": grid_point()}
    headers = {**RESIDENT, "Idempotency-Key": "retry-1"}
    first = call(client, "POST", "/workorders", headers, body)
    second = call(client, "POST", "/workorders", headers, body)
    assert first.status_code == second.status_code == 201
    assert first.json_body["case_number"] == second.json_body["case_number"]
    assert outbox.names().count("workorders.order.created") == 1
    other = call(client, "POST", "/workorders", headers, {**body, "text": "路灯一直亮"})
    assert other.status_code == 400
    assert other.json_body["error"]["code"] == "idempotency_key_reused"


def test_emergency_is_flagged_and_dispatched_with_a_tight_limit(client: Any, outbox: Any) -> None:
    response = submit(client, {"text": "楼道里有很大的燃气味,怀疑燃气泄漏", "location": grid_point()})
    order = response.json_body
    assert order["emergency"] is True and order["priority"] == "emergency"
    assert order["status"] == "dispatched" and order["handler"]["code"] == "gas"
    created = outbox.drain()[0]["payload"]
    assert created["priority"] == "emergency"
    from datetime import datetime

    window = datetime.fromisoformat(order["sign_deadline"]) - datetime.fromisoformat(order["dispatched_at"])
    assert window.total_seconds() <= 15 * 60


def test_lift_with_people_trapped_is_an_emergency(client: Any) -> None:
    order = submit(client, {"text": "3号楼电梯困人了,快来", "location": grid_point()}).json_body
    assert order["category"] == "elevator" and order["emergency"] is True


def test_unsure_triage_waits_in_the_command_centre_queue(client: Any, outbox: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from chalicelib.service import orders

    class Unsure:
        auto_dispatch = False
        candidates: list[Any] = []

        def to_dict(self) -> dict[str, Any]:
            return {"candidates": [], "auto_dispatch": False}

    monkeypatch.setattr(orders, "classify", lambda text: Unsure())
    order = submit(client, {"text": "那个事情还是没人管", "location": {"grid": GRID}}).json_body
    assert order["status"] == "submitted" and order["handler"] is None and order["category"] is None
    queue = call(client, "GET", "/workorders?assignee=command-center&status=submitted", CENTRE).json_body["orders"]
    assert [o["case_number"] for o in queue] == [order["case_number"]]
    assert outbox.names() == ["workorders.order.created"]
    rerouted = call(client, "POST", f"/workorders/{order['case_number']}/reroute", CENTRE, {"category": "garbage"})
    assert rerouted.status_code == 200, rerouted.body
    assert rerouted.json_body["status"] == "dispatched"
    assert rerouted.json_body["handler"] == {"kind": "department", "code": "urban-management"}
    assert outbox.names() == ["workorders.order.dispatched"]


def test_grid_worker_report_is_recorded_as_a_report_from_the_grid(client: Any, outbox: Any) -> None:
    order = submit(client, {"text": "小区门口垃圾桶满溢", "location": grid_point()}, GRID_WORKER).json_body
    assert order["kind"] == "report" and order["channel"] == "grid" and order["resident"] is None
    created = outbox.drain()[0]["payload"]
    assert created["submitter_role"] == "grid-worker" and created["resident"] is None


def test_near_duplicate_is_linked_and_follows_the_original(client: Any, outbox: Any) -> None:
    point = grid_point()
    original = submit(client, {"text": "路灯不亮", "location": point}).json_body
    nearby = {"lon": point["lon"] + 0.001, "lat": point["lat"] + 0.0005}  # about 100 m away
    duplicate = submit(client, {"text": "这边路灯坏了", "category": "street-light", "location": nearby}, GRID_WORKER).json_body
    assert duplicate["case_number"] != original["case_number"]
    assert duplicate["status"] == "merged" and duplicate["linked_to"] == original["case_number"]
    far = {"lon": point["lon"] + 0.006, "lat": point["lat"]}  # about 500 m away
    separate = submit(client, {"text": "路灯不亮", "location": far}).json_body
    assert separate["status"] == "dispatched"
    other_category = submit(client, {"text": "井盖丢了", "category": "manhole", "location": nearby}).json_body
    assert other_category["status"] == "dispatched"
    shown = call(client, "GET", f"/workorders/{duplicate['case_number']}", GRID_WORKER).json_body
    assert shown["original"]["case_number"] == original["case_number"]
    assert shown["original"]["status"] == "dispatched"
    assert any(t["action"] == "duplicate-linked" for t in shown["original"]["track"])


def test_case_numbers_are_unique_and_a_collision_draws_again(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from chalicelib.domain import casenumber

    drawn = iter(["261123-AAAAAA", "261123-AAAAAA", "261123-BBBBBB"])
    monkeypatch.setattr(casenumber, "new_case_number", lambda at: next(drawn))
    first = submit(client, {"text": "路灯不亮", "location": {"grid": GRID}}).json_body
    second = submit(client, {"text": "路灯不亮", "location": {"grid": "JN-S02-C01-G01"}}).json_body
    assert first["case_number"] == "261123-AAAAAA"
    assert second["case_number"] == "261123-BBBBBB"


def test_linking_to_an_original_that_changed_meanwhile_retries_on_its_fresh_state(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from chalicelib.adapters.repository import Repository

    point = grid_point()
    original = submit(client, {"text": "路灯不亮", "location": point}).json_body
    real_get_many = Repository.get_many

    def stale_then_changed(self: Repository, cases: Any) -> list[dict[str, Any]]:
        found = real_get_many(self, cases)
        # Someone signs the original between our read and our write.
        assert call(client, "POST", f"/workorders/{original['case_number']}/sign", URBAN).status_code == 200
        return found

    monkeypatch.setattr(Repository, "get_many", stale_then_changed)
    duplicate = submit(client, {"text": "路灯坏了", "category": "street-light", "location": point}).json_body
    assert duplicate["linked_to"] == original["case_number"]
    shown = call(client, "GET", f"/workorders/{original['case_number']}", CENTRE).json_body
    assert shown["status"] == "signed" and shown["linked"] == [duplicate["case_number"]]
