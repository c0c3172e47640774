"""Open311 GeoReport v2 over Chalice's test client; every JSON answer is validated
against the Open311 JSON Schemas (tests/data/open311-schemas)."""

from __future__ import annotations

import json
import uuid
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import pytest

from tests.conftest import token
from tests.open311.conftest import commands, validator

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def get(client: Any, path: str) -> Any:
    return client.http.get(f"/v2/{path}")


def post_form(client: Any, fields: dict[str, str], fmt: str = "json") -> Any:
    return client.http.post(f"/v2/requests.{fmt}", body=urlencode(fields), headers=FORM)


@pytest.fixture(scope="module")
def api_key(client: Any) -> str:
    response = client.http.post("/keys", body=json.dumps({"name": "fixmystreet-test"}),
                                headers={**token("command-centre", "cc-01", "command-center"), "Content-Type": "application/json"})
    assert response.status_code == 201
    return str(json.loads(response.body)["api_key"])


def feed(stack: Any, *envelopes: dict[str, Any]) -> None:
    """As the workorders service publishes: SNS topic -> our inbox queue -> the Lambda handler."""
    import app

    from infra.local.pump import SqsPump

    arn = stack.sns.create_topic(Name="govportal-workorders-events")["TopicArn"]
    for envelope in envelopes:
        stack.sns.publish(TopicArn=arn, Message=json.dumps(envelope))
    pump = SqsPump(app.consume_inbox, "consume_inbox", "govportal-open311-inbox", 10, endpoint=None, region="us-east-1")  # type: ignore[arg-type]
    while pump.poll_once(wait_seconds=0)[0]:
        pass


def event(verb: str, case: str, *, correlation_id: str | None = None, at: datetime | None = None, **fields: Any) -> dict[str, Any]:
    payload = {"case_number": case, "category": "street-light", "handler": {"kind": "department", "code": "urban-management"},
               "location": {"grid": "JN-S01-C01-G01", "community": "JN-S01-C01", "street": "JN-S01"},
               "resident": "p-0123456789abcdef01234567", "channel": "open311", **fields}
    return {"name": f"workorders.order.{verb}", "version": 1, "id": str(uuid.uuid4()),
            "correlation_id": correlation_id or str(uuid.uuid4()), "occurred_at": (at or datetime.now(UTC)).isoformat(),
            "source": "workorders", "payload": payload}


def test_discovery_and_services_validate(client: Any) -> None:
    discovery = get(client, "discovery.json")
    assert discovery.status_code == 200 and json.loads(discovery.body)["endpoints"][0]["formats"]
    services = json.loads(get(client, "services.json").body)
    validator("services.json").validate(services)
    for service in services:
        validator("service.json").validate(service)
    codes = {s["service_code"] for s in services}
    assert {"street-light", "garbage", "heating"} <= codes and len(codes) == len(services) == 44
    light = next(s for s in services if s["service_code"] == "street-light")
    assert light["service_name"] == "路灯照明" or light["service_name"]
    assert light["metadata"] is True and light["group"] == "municipal"
    definition = json.loads(get(client, "services/street-light.json").body)
    validator("service-definition.json").validate(definition)
    assert {a["code"] for a in definition["attributes"]} == {"pole_number", "lights_out"}


def test_every_resource_has_xml(client: Any) -> None:
    for path, root in (("discovery.xml", "discovery"), ("services.xml", "services"), ("services/street-light.xml", "service_definition"),
                       ("requests.xml", "service_requests"), ("servicerequestupdates.xml", "service_request_updates")):
        response = get(client, path)
        assert response.status_code == 200, path
        assert response.headers["Content-Type"].startswith("text/xml")
        assert ET.fromstring(response.body).tag == root
    services = ET.fromstring(get(client, "services.xml").body)
    assert len(services.findall("service")) == 44 and services.find("service/service_code") is not None


def test_errors_are_open311_shaped(client: Any, api_key: str) -> None:
    missing = get(client, "services/no-such.json")
    assert missing.status_code == 404
    body = json.loads(missing.body)
    assert isinstance(body, list) and set(body[0]) == {"code", "description"} and body[0]["code"] == 404
    xml = ET.fromstring(get(client, "services/no-such.xml").body)
    assert xml.tag == "errors" and xml.find("error/code").text == "404"  # type: ignore[union-attr]
    assert post_form(client, {"service_code": "garbage", "lat": "41.04", "long": "113.08"}).status_code == 403
    assert post_form(client, {"api_key": "o311_wrong", "service_code": "garbage", "lat": "41.04", "long": "113.08"}).status_code == 403
    for fields in ({"service_code": "garbage"}, {"service_code": "nope", "lat": "1", "long": "1"},
                   {"service_code": "garbage", "lat": "x", "long": "1"}, {"service_code": "garbage", "address_string": "a", "description": "x" * 4001},
                   {"service_code": "street-light", "address_string": "幸福小区东门"}):
        response = post_form(client, {"api_key": api_key, **fields})
        assert response.status_code == 400, fields
        assert set(json.loads(response.body)[0]) == {"code", "description"}
    assert get(client, "requests.json?start_date=2026-01-01T00:00:00%2B08:00&end_date=2026-06-01T00:00:00%2B08:00").status_code == 400
    assert get(client, "requests.json?status=pending").status_code == 400


def test_posted_request_becomes_a_command_then_a_case_number(client: Any, stack: Any, api_key: str) -> None:
    commands(stack)
    response = post_form(client, {"api_key": api_key, "service_code": "street-light", "lat": "41.0432", "long": "113.0874",
                                  "description": "小区门口路灯不亮", "media_url": "https://img.example.cn/1.jpg",
                                  "attribute[lights_out]": "several", "email": "someone@example.cn", "phone": "13912345678"})
    assert response.status_code == 201, response.body
    answer = json.loads(response.body)
    assert isinstance(answer, list) and answer[0]["token"] and answer[0]["service_notice"]
    sent = commands(stack)
    assert len(sent) == 1
    command = sent[0]
    assert command["name"] == "workorders.command.report" and command["source"] == "open311"
    payload = command["payload"]
    assert payload["channel"] == "open311" and payload["client_ref"] == answer[0]["token"]
    assert payload["location"] == {"lat": 41.0432, "lon": 113.0874} and payload["media_urls"] == ["https://img.example.cn/1.jpg"]
    assert "小区门口路灯不亮" in payload["text"] and "多盏不亮" in payload["text"]
    assert payload["reporter"]["role"] == "resident" and payload["reporter"]["subject"].startswith("o311-")
    assert "13912345678" not in json.dumps(command)
    pending = json.loads(get(client, f"tokens/{answer[0]['token']}.json").body)
    assert pending == [{"token": answer[0]["token"], "service_request_id": None}]
    feed(stack, event("created", "261130-O31101", correlation_id=command["id"], status="submitted"),
         event("dispatched", "261130-O31101", status="dispatched", due_date="2026-12-14T23:59:59+08:00"))
    resolved = json.loads(get(client, f"tokens/{answer[0]['token']}.json").body)
    assert resolved[0]["service_request_id"] == "261130-O31101"
    one = json.loads(get(client, "requests/261130-O31101.json").body)
    validator("requests.json").validate(one)
    validator("request.json").validate(one[0])
    request = one[0]
    assert request["status"] == "open" and request["description"] == "小区门口路灯不亮"
    assert request["agency_responsible"] == "城市管理局" and request["expected_datetime"] == "2026-12-14T23:59:59+08:00"
    assert request["requested_datetime"].endswith("+08:00") and request["lat"] == 41.0432
    assert "13912345678" not in json.dumps(one) and "someone@" not in json.dumps(one) and "p-0123" not in json.dumps(one)


def test_list_filters_and_status_mapping(client: Any, stack: Any) -> None:
    now = datetime.now(UTC)
    feed(stack,
         event("created", "261130-LIST01", status="submitted", at=now - timedelta(days=1)),
         event("created", "261130-LIST02", status="submitted", category="garbage", at=now - timedelta(days=2)),
         event("closed", "261130-LIST02", status="closed", category="garbage", at=now - timedelta(days=1)),
         event("created", "261130-OLD001", status="submitted", at=now - timedelta(days=120)))
    listed = json.loads(get(client, "requests.json").body)
    validator("requests.json").validate(listed)
    ids = [r["service_request_id"] for r in listed]
    assert "261130-LIST01" in ids and "261130-LIST02" in ids and "261130-OLD001" not in ids  # 90 days by default
    closed = json.loads(get(client, "requests.json?status=closed").body)
    assert [r["service_request_id"] for r in closed] == ["261130-LIST02"]
    garbage = json.loads(get(client, "requests.json?service_code=garbage").body)
    assert {r["service_request_id"] for r in garbage} == {"261130-LIST02"}
    chosen = json.loads(get(client, "requests.json?service_request_id=261130-OLD001,261130-LIST01").body)
    assert [r["service_request_id"] for r in chosen] == ["261130-OLD001", "261130-LIST01"]
    xml = ET.fromstring(get(client, "requests.xml?status=closed").body)
    assert [e.text for e in xml.findall("request/service_request_id")] == ["261130-LIST02"]
    assert xml.find("request/status").text == "closed"  # type: ignore[union-attr]


def test_updates_feed(client: Any, stack: Any) -> None:
    updates = json.loads(get(client, "servicerequestupdates.json").body)
    assert updates and {"update_id", "service_request_id", "status", "updated_datetime", "description"} <= set(updates[0])
    closing = [u for u in updates if u["service_request_id"] == "261130-LIST02" and u["status"] == "closed"]
    assert closing and closing[0]["updated_datetime"].endswith("+08:00")
    assert get(client, "servicerequestupdates.json?start_date=2020-01-01T00:00:00Z").status_code == 200
    assert json.loads(get(client, "servicerequestupdates.json?start_date=2020-01-01T00:00:00Z").body) == []


def test_open311_routes_are_public_and_keys_are_command_centre_only(client: Any) -> None:
    from chalicelib.api.routes import routes

    rules = {(r.method, r.path): r.allow for r in routes.rules}
    assert repr(rules[("GET", "/v2/{resource}")]) == "PUBLIC"
    assert rules[("POST", "/keys")] == frozenset({"command-centre"})
    denied = client.http.post("/keys", body=json.dumps({"name": "x"}),
                              headers={**token("department", "um-01", "urban-management"), "Content-Type": "application/json"})
    assert denied.status_code == 403


def test_api_keys_are_stored_hashed(stack: Any, api_key: str) -> None:
    from shared import aws

    items = aws.table().scan()["Items"]
    assert api_key not in json.dumps(items, default=str)
    assert any(i["pk"].startswith("KEY#") for i in items)
