"""Strict tokens, one error format at the app level, CORS, control characters, redaction."""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import jwt
import pytest
from chalice.app import Request

from shared.auth import AUDIENCE, LOCAL_ISSUER, Role, authenticate, issue_local_token
from shared.errors import BadRequest, Unauthorized
from shared.http import CORS, check_media_type, refuse_control_characters
from shared.observability import redact
from shared.settings import get_settings


def signed(**claims: Any) -> dict[str, str]:
    now = int(time.time())
    base = {"sub": "r-1", "custom:role": "resident", "iss": LOCAL_ISSUER, "aud": AUDIENCE, "iat": now, "exp": now + 600}
    base.update(claims)
    token = jwt.encode({k: v for k, v in base.items() if v is not ...}, get_settings().local_jwt_secret, algorithm="HS256")
    return {"authorization": f"Bearer {token}"}


@pytest.mark.parametrize(
    "claims",
    [
        {"sub": ...},
        {"exp": ...},
        {"iat": ...},
        {"sub": ""},
        {"sub": "r-1#2"},
        {"sub": "x" * 129},
        {"sub": 42},
        {"sub": "r 1"},
        {"custom:role": "grid-worker", "custom:unit": 7},
        {"custom:role": ["resident"]},
        {"custom:role": "grid-worker", "custom:unit": "urban-management"},
        {"custom:role": "community", "custom:unit": "JN-S01"},
        {"custom:role": "street", "custom:unit": "JN-S01-C01"},
        {"custom:role": "department", "custom:unit": "command-center"},
        {"custom:role": "command-centre", "custom:unit": "urban-management"},
        {"custom:role": "department", "custom:unit": "no-such-bureau"},
        {"custom:role": "resident", "custom:unit": "JN-S01"},
        {"custom:role": "resident", "name": {"x": 1}, "custom:unit": []},
    ],
)
def test_every_malformed_token_is_a_401(claims: dict[str, Any]) -> None:
    with pytest.raises(Unauthorized):
        authenticate(signed(**claims))


@pytest.mark.parametrize(
    "role, unit",
    [("grid-worker", "JN-S01-C01-G01"), ("community", "JN-S01-C01"), ("street", "JN-S01"),
     ("department", "urban-management"), ("command-centre", "command-center")],
)
def test_a_unit_of_the_roles_kind_is_accepted(role: str, unit: str) -> None:
    principal = authenticate(signed(**{"custom:role": role, "custom:unit": unit}))
    assert principal.role == Role(role) and principal.unit == unit


def test_the_command_centre_role_implies_its_unit() -> None:
    assert authenticate(signed(**{"custom:role": "command-centre"})).unit == "command-center"
    assert authenticate({"authorization": "Bearer " + issue_local_token("cc", "command-centre")}).unit == "command-center"
    # The district's own code names its hub too: the role implies its unit.
    assert authenticate(signed(**{"custom:role": "command-centre", "custom:unit": "JN"})).unit == "command-center"


def request(method: str, content_type: str | None, body: bytes) -> Request:
    headers = {"content-type": content_type} if content_type else {}
    event = {"requestContext": {"httpMethod": method, "resourcePath": "/x", "path": "/x"}, "headers": headers,
             "multiValueQueryStringParameters": None, "pathParameters": None, "stageVariables": None,
             "body": body.decode(), "isBase64Encoded": False}
    return Request(event)


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])
def test_a_body_that_is_not_json_is_a_415_naming_the_type(content_type: str) -> None:
    from shared.http import UnsupportedMediaType

    with pytest.raises(UnsupportedMediaType) as raised:
        check_media_type(request("POST", content_type, b"a=1"))
    assert raised.value.status == 415 and "application/json" in raised.value.message
    assert raised.value.body()["error"]["code"] == "unsupported_media_type"


def test_json_and_empty_bodies_pass_the_media_type_check() -> None:
    check_media_type(request("POST", "application/json; charset=utf-8", b"{}"))
    check_media_type(request("POST", None, b"{}"))
    check_media_type(request("POST", "text/plain", b""))


def test_cors_allows_the_idempotency_key_header() -> None:
    assert "Idempotency-Key" in CORS.get_access_control_headers()["Access-Control-Allow-Headers"]


@pytest.mark.parametrize("text", ["a\x00b", "路灯\x07", "x\x1b[31m", "\x85"])
def test_control_characters_in_a_body_are_refused(text: str) -> None:
    with pytest.raises(BadRequest) as raised:
        refuse_control_characters({"text": text})
    assert raised.value.body()["error"]["field"] == "text"


def test_tabs_and_newlines_are_kept() -> None:
    refuse_control_characters({"text": "第一行\n第二行\t完", "list": ["a\r\nb"]})


@pytest.mark.parametrize("text", ["u13912345670#1", "id110101199003071234x", "tel:13912345670", "a13912345670b"])
def test_a_number_right_after_a_letter_is_redacted(text: str) -> None:
    assert "13912345670" not in redact(text) and "110101199003071234" not in redact(text)


def test_hex_ids_are_left_alone() -> None:
    uuid = "3f2b8c1e-9d4a-4c6b-8e2f-1a2b3c4d5e6f"
    assert redact(uuid) == uuid


def test_the_gateways_access_line_never_holds_a_phone_number(caplog: pytest.LogCaptureFixture) -> None:
    from werkzeug.test import Client

    from infra.local.gateway import Gateway

    client = Client(Gateway({}))
    with caplog.at_level(logging.INFO, logger="govportal.gateway"):
        client.get("/workorders/13912345670?q=110101199003071234")
    assert caplog.records and all("13912345670" not in r.getMessage() and "1101011990" not in r.getMessage() for r in caplog.records)
    assert json.loads(client.get("/nowhere").data)["error"]["code"] == "not_found"

