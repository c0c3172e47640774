"""Every route with every role: the role rule of routes.rules holds, nothing is a 500."""

from __future__ import annotations

from typing import Any

import pytest
from chalicelib.api.routes import routes
from conftest import CENTRE, GRID, RESIDENT, call

from shared.auth import Role
from tests.conftest import token

UNITS = {
    Role.RESIDENT: None,
    Role.GRID_WORKER: GRID,
    Role.COMMUNITY: "JN-S01-C01",
    Role.STREET: "JN-S01",
    Role.DEPARTMENT: "urban-management",
    Role.COMMAND_CENTRE: "command-center",
}
BODIES: dict[str, Any] = {
    "POST /workorders": {"text": "路灯不亮", "location": {"grid": GRID}},
    "POST /workorders/triage": {"text": "路灯不亮"},
    "PUT /workorders/routing-rules/{category}/{area}": {"handler": {"kind": "department", "code": "urban-management"}},
    "POST /workorders/{case_number}/return": {"reason": "不属于我们"},
    "POST /workorders/{case_number}/extend": {"days": 2, "reason": "等待配件"},
    "POST /workorders/{case_number}/reply": {"text": "已处理"},
    "POST /workorders/{case_number}/merge": {"into": "261123-ZZZZZZ"},
}


def test_every_route_has_an_explicit_role_rule() -> None:
    assert routes.rules, "no routes registered"
    for rule in routes.rules:
        assert rule.allow and all(isinstance(r, Role) for r in rule.allow), f"{rule.method} {rule.path} is public"


@pytest.mark.parametrize("role", list(Role))
def test_each_role_on_each_route(client: Any, role: Role) -> None:
    case = call(client, "POST", "/workorders", RESIDENT, {"text": "路灯不亮", "location": {"grid": GRID}}).json_body["case_number"]
    headers = token(role.value, f"{role.value}-walker", UNITS[role])
    for rule in routes.rules:
        path = rule.path.format(case_number=case, category="street-light", area="*")
        response = call(client, rule.method, path, headers, BODIES.get(f"{rule.method} {rule.path}"))
        where = f"{role.value} {rule.method} {rule.path}: {response.status_code} {response.body[:200]!r}"
        assert response.status_code < 500, where
        refused_by_role = response.status_code == 403 and response.json_body["error"]["message"].startswith(("role ", "角色 "))
        assert refused_by_role == (role not in rule.allow), where
        anonymous = call(client, rule.method, path, {}, BODIES.get(f"{rule.method} {rule.path}"))
        assert anonymous.status_code == 401, f"anonymous {rule.method} {rule.path}"


def test_routing_rules_are_data_the_centre_changes(client: Any) -> None:
    listed = call(client, "GET", "/workorders/routing-rules?category=street-light", CENTRE).json_body["rules"]
    assert listed == [{"category": "street-light", "area": "*", "handler": {"kind": "department", "code": "urban-management"},
                       "sign_minutes": None}]
    everything = call(client, "GET", "/workorders/routing-rules", CENTRE).json_body["rules"]
    assert len(everything) >= 44
    changed = call(client, "PUT", "/workorders/routing-rules/street-light/community:JN-S01-C01", CENTRE,
                   {"handler": {"kind": "community"}, "sign_minutes": 30})
    assert changed.status_code == 200, changed.body
    order = call(client, "POST", "/workorders", RESIDENT, {"text": "路灯不亮", "category": "street-light", "location": {"grid": GRID}}).json_body
    assert order["handler"] == {"kind": "community", "code": "JN-S01-C01"}
    assert call(client, "DELETE", "/workorders/routing-rules/street-light/community:JN-S01-C01", CENTRE).status_code == 200
    assert call(client, "DELETE", "/workorders/routing-rules/street-light/community:JN-S01-C01", CENTRE).status_code == 404
    order = call(client, "POST", "/workorders", RESIDENT, {"text": "路灯不亮", "category": "street-light", "location": {"grid": "JN-S02-C01-G01"}}).json_body
    assert order["handler"]["code"] == "urban-management"


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/workorders/unicorns/*", {"handler": {"kind": "department", "code": "water"}}, "category"),
        ("/workorders/street-light/moon:1", {"handler": {"kind": "department", "code": "water"}}, "area"),
        ("/workorders/street-light/street:JN-S99", {"handler": {"kind": "department", "code": "water"}}, "area"),
        ("/workorders/street-light/*", {"handler": {"kind": "department", "code": "nobody"}}, "handler.code"),
        ("/workorders/street-light/*", {"handler": {"kind": "wizard"}}, "handler.kind"),
        ("/workorders/street-light/*", {"handler": {"kind": "street", "code": "JN-S01"}, "extra": 1}, "extra"),
    ],
)
def test_bad_rules_are_refused(client: Any, path: str, body: dict[str, Any], field: str) -> None:
    url = path.replace("/workorders/", "/workorders/routing-rules/", 1)
    response = call(client, "PUT", url, CENTRE, body)
    assert response.status_code == 400, response.body
    assert field in response.json_body["error"]["message"]
    listed = call(client, "GET", "/workorders/routing-rules?category=street-light", CENTRE).json_body["rules"]
    assert [r["area"] for r in listed] == ["*"]


def test_triage_route_returns_five_candidates_best_first(client: Any) -> None:
    result = call(client, "POST", "/workorders/triage", RESIDENT, {"text": "小区垃圾没人清运"}).json_body
    scores = [c["score"] for c in result["candidates"]]
    assert len(scores) >= 5 and scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)
    assert isinstance(result["auto_dispatch"], bool)


def test_health_is_not_taken_for_a_case_number(client: Any) -> None:
    response = client.http.get("/health")
    assert response.status_code == 200 and response.json_body["status"] == "ok"


def test_not_yours_and_does_not_exist_give_one_answer(client: Any) -> None:
    """Issue 9: the same 404 and the same message for another's order and a missing one."""
    from conftest import OTHER_RESIDENT, WATER

    case = call(client, "POST", "/workorders", RESIDENT, {"text": "路灯不亮", "location": {"grid": GRID}}).json_body["case_number"]
    missing = "261123-ZZZZZZ"
    for who, method, suffix, body in [(OTHER_RESIDENT, "GET", "", None), (WATER, "POST", "/sign", None),
                                      (OTHER_RESIDENT, "POST", "/reopen", {"reason": "不是我的"})]:
        theirs = call(client, method, f"/workorders/{case}{suffix}", who, body)
        nothing = call(client, method, f"/workorders/{missing}{suffix}", who, body)
        assert theirs.status_code == nothing.status_code == 404
        assert theirs.json_body["error"]["message"].replace(case, "X") == nothing.json_body["error"]["message"].replace(missing, "X")
