"""shared.http + shared.auth through a small Chalice app: role rules, error mapping."""

from __future__ import annotations

import json
import time
from typing import Any

import jwt
import pytest
from chalice import Blueprint
from chalice.test import Client
from pydantic import BaseModel, ConfigDict, Field

from shared.auth import Role, issue_local_token
from shared.errors import Conflict, NotFound
from shared.http import PUBLIC, RequestContext, Routes
from shared.observability import create_app
from tests.conftest import token

bp = Blueprint(__name__)
routes = Routes(bp)


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1)
    count: int = Field(ge=1)


@routes.get("/open", allow=PUBLIC)
def open_route(ctx: RequestContext) -> dict[str, Any]:
    return {"ok": True, "who": None}


@routes.post("/things", allow={Role.RESIDENT})
def create_thing(ctx: RequestContext) -> tuple[int, dict[str, Any]]:
    body = ctx.body(Body)
    return 201, {"name": body.name, "owner": ctx.principal.subject}


@routes.get("/things/{thing_id}", allow={Role.COMMAND_CENTRE, Role.STREET})
def get_thing(ctx: RequestContext, thing_id: str) -> dict[str, Any]:
    if thing_id == "missing":
        raise NotFound(f"no thing {thing_id}")
    if thing_id == "busy":
        raise Conflict("thing is busy", code="busy", allowed=["wait"])
    if thing_id == "boom":
        raise RuntimeError("unexpected")
    if thing_id in ("ThrottlingException", "ValidationException"):
        from botocore.exceptions import ClientError

        raise ClientError({"Error": {"Code": thing_id, "Message": "x"}, "ResponseMetadata": {"HTTPStatusCode": 400}}, "Query")
    return {"id": thing_id, "unit": ctx.principal.unit}


app = create_app("test-http")
app.register_blueprint(bp)


def call(method: str, path: str, headers: dict[str, str] | None = None, body: Any = None) -> tuple[int, Any]:
    with Client(app) as client:
        raw = body if isinstance(body, (str, bytes)) or body is None else json.dumps(body)
        response = getattr(client.http, method)(path, headers={"Content-Type": "application/json", **(headers or {})}, body=raw)
        return response.status_code, json.loads(response.body or b"null")


def test_public_route_needs_no_token() -> None:
    assert call("get", "/open") == (200, {"ok": True, "who": None})


def test_missing_token_is_401_with_json_error() -> None:
    status, body = call("post", "/things", body={"name": "a", "count": 1})
    assert status == 401
    assert body["error"]["code"] == "unauthorized"


def test_wrong_role_is_403_and_names_the_role() -> None:
    status, body = call("post", "/things", token("grid-worker", "gw-1", "JN-S01-C01-G01"), {"name": "a", "count": 1})
    assert status == 403
    assert "grid-worker" in body["error"]["message"]


def test_valid_body_reaches_the_view_with_the_principal() -> None:
    assert call("post", "/things", token("resident", "r-1"), {"name": "a", "count": 2}) == (201, {"name": "a", "owner": "r-1"})


@pytest.mark.parametrize(
    "body, code, field",
    [
        ("{not json", "invalid_json", None),
        ("", "invalid_body", None),
        ({"name": "", "count": 1}, "invalid_field", "name"),
        ({"name": "a", "count": 0}, "invalid_field", "count"),
        ({"name": "a", "count": 1, "extra": 1}, "invalid_field", "extra"),
    ],
)
def test_bad_bodies_are_400_naming_the_problem(body: Any, code: str, field: str | None) -> None:
    status, result = call("post", "/things", token("resident", "r-1"), body)
    assert status == 400
    assert result["error"]["code"] == code
    if field:
        assert field in result["error"]["fields"]


def test_domain_errors_map_to_their_status_in_one_place() -> None:
    cc = token("command-centre", "cc-1", "command-center")
    assert call("get", "/things/missing", cc)[0] == 404
    status, body = call("get", "/things/busy", cc)
    assert (status, body["error"]["code"], body["error"]["allowed"]) == (409, "busy", ["wait"])
    status, body = call("get", "/things/boom", {**cc, "Accept-Language": "en"})
    assert status == 500 and body == {"error": {"code": "internal", "message": "internal error"}}
    status, body = call("get", "/things/boom", cc)
    assert status == 500 and body == {"error": {"code": "internal", "message": "服务器内部错误"}}


@pytest.mark.parametrize(
    "header, language",
    [
        (None, "zh"),
        ("zh-CN", "zh"),
        ("en", "en"),
        ("en-US,en;q=0.9", "en"),
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh"),
        ("en;q=0.5,zh-CN;q=0.9", "zh"),
        ("fr-FR,en;q=0.7", "en"),
        ("fr-FR", "zh"),
        ("en;q=0", "zh"),
    ],
)
def test_error_messages_are_chinese_unless_english_is_preferred(header: str | None, language: str) -> None:
    headers = {"Accept-Language": header} if header else {}
    status, body = call("post", "/things", {**token("resident", "r-1"), **headers}, {"name": "a", "count": 0})
    assert (status, body["error"]["code"], body["error"]["fields"]) == (400, "invalid_field", ["count"])
    if language == "zh":
        assert body["error"]["message"].startswith("请求体有误") and "count" in body["error"]["message"]
    else:
        assert body["error"]["message"].startswith("invalid request body: count")


def test_a_domain_error_with_both_texts_answers_in_the_asked_language() -> None:
    from shared.errors import NotFound

    error = NotFound("no centre 'x'", zh="没有服务中心 'x'", code="unknown_centre")
    assert error.body() == {"error": {"code": "unknown_centre", "message": "没有服务中心 'x'"}}
    assert error.body("en") == {"error": {"code": "unknown_centre", "message": "no centre 'x'"}}
    assert NotFound("english only").body() == {"error": {"code": "not_found", "message": "english only"}}


def test_throttled_storage_is_a_retryable_503_but_a_bad_call_stays_a_500() -> None:
    cc = token("command-centre", "cc-1", "command-center")
    status, body = call("get", "/things/ThrottlingException", cc)
    assert (status, body["error"]["code"]) == (503, "unavailable")
    assert call("get", "/things/ValidationException", cc)[0] == 500


def test_every_route_declares_its_rule() -> None:
    rules = {(r.method, r.path): r.allow for r in routes.rules}
    assert rules[("GET", "/open")] is PUBLIC
    assert rules[("POST", "/things")] == frozenset({Role.RESIDENT})


def test_expired_and_forged_tokens_are_refused() -> None:
    expired = issue_local_token("r-1", "resident", ttl_seconds=-10)
    assert call("post", "/things", {"Authorization": f"Bearer {expired}"}, {"name": "a", "count": 1})[1]["error"][
        "message"
    ] == "token expired"
    forged = jwt.encode(
        {"sub": "r-1", "custom:role": "command-centre", "custom:unit": "x", "iss": "govportal-local", "aud": "govportal", "exp": int(time.time()) + 60},
        "another-key-of-sufficient-length-0123456789",
        algorithm="HS256",
    )
    assert call("get", "/things/a", {"Authorization": f"Bearer {forged}"})[0] == 401


def test_staff_token_needs_a_unit() -> None:
    with pytest.raises(ValueError):
        issue_local_token("s-1", "street")


def test_make_token_prints_a_usable_token_on_its_last_line() -> None:
    import subprocess
    import sys

    from infra.manifest import ROOT
    from shared.auth import authenticate

    result = subprocess.run(
        [sys.executable, "-m", "infra.local.token", "--role", "street", "--subject", "st-1", "--unit", "JN-S01"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    principal = authenticate({"authorization": "Bearer " + result.stdout.strip().splitlines()[-1]})
    assert (principal.role, principal.subject, principal.unit) == (Role.STREET, "st-1", "JN-S01")
    refused = subprocess.run(
        [sys.executable, "-m", "infra.local.token", "--role", "street", "--subject", "st-1"], cwd=ROOT, capture_output=True, text=True
    )
    assert refused.returncode != 0 and "unit" in refused.stderr


def _cognito_claims(**extra: Any) -> dict[str, Any]:
    return {"sub": "u-1", "token_use": "id", **extra}


def test_cognito_role_and_unit_come_from_groups_not_user_editable_attributes(monkeypatch: pytest.MonkeyPatch) -> None:
    from shared import auth
    from shared.settings import reset_settings

    monkeypatch.setenv("AUTH_MODE", "cognito")
    monkeypatch.setenv("COGNITO_ISSUER", "https://cognito-idp.example/pool")
    monkeypatch.setenv("COGNITO_AUDIENCE", "client")
    reset_settings()
    try:
        tokens = {
            "forged": _cognito_claims(**{"custom:role": "command-centre", "custom:unit": "command-center", "cognito:groups": ["resident"]}),
            "staff": _cognito_claims(**{"cognito:groups": ["department", "unit:water"]}),
            "access": _cognito_claims(token_use="access", **{"cognito:groups": ["resident"]}),
        }
        monkeypatch.setattr(auth, "_decode", lambda token: tokens[token])
        forged = auth.authenticate({"authorization": "Bearer forged"})
        assert (forged.role, forged.unit) == (Role.RESIDENT, None)
        staff = auth.authenticate({"authorization": "Bearer staff"})
        assert (staff.role, staff.unit) == (Role.DEPARTMENT, "water")
        with pytest.raises(auth.Unauthorized):
            auth.authenticate({"authorization": "Bearer access"})
    finally:
        reset_settings()


def test_the_local_key_refuses_to_run_outside_the_local_stack(monkeypatch: pytest.MonkeyPatch) -> None:
    from pydantic import ValidationError

    from shared.settings import Settings

    monkeypatch.setenv("STAGE", "prod")
    monkeypatch.delenv("AUTH_MODE", raising=False)
    with pytest.raises(ValidationError):
        Settings()  # type: ignore[call-arg]
