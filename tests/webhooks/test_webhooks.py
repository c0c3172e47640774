"""The webhooks channel end to end in one process: the API over Chalice's test client,
events through SNS -> the inbox queue -> the Lambda handler, deliveries through the
deliveries queue -> the Lambda handler -> a real HTTP receiver, verified as a department
would, with the `standardwebhooks` package."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from standardwebhooks import Webhook, WebhookVerificationError

from tests.webhooks.conftest import CC, OTHER_UNIT, UNIT, Pumps, Receiver, auth, commands, order_event


def put_endpoint(client: Any, unit: str, url: str, events: list[str] | None = None) -> Any:
    body = {"url": url, "events": events or ["workorder.dispatched", "workorder.reopened", "workorder.escalated"]}
    return client.http.put(f"/endpoints/{unit}", body=json.dumps(body), headers=auth(*CC))


@pytest.fixture(scope="module")
def secret(client: Any, receiver: Receiver) -> str:
    response = put_endpoint(client, UNIT, receiver.url)
    assert response.status_code == 201, response.body
    return str(json.loads(response.body)["secret"])


def dispatched(case: str, unit: str = UNIT) -> dict[str, Any]:
    return order_event("dispatched", case, unit, status="dispatched", actions=["sign", "return"], text="路灯不亮")


def signed_inbound(secret: str, unit: str, body: dict[str, Any], *, msg_id: str, at: datetime | None = None) -> dict[str, str]:
    raw = json.dumps(body)
    moment = at or datetime.now(UTC)
    return {"content-type": "application/json", "webhook-id": msg_id, "webhook-timestamp": str(int(moment.timestamp())),
            "webhook-signature": Webhook(secret).sign(msg_id, moment, raw)}


# --- endpoints -----------------------------------------------------------------------------
def test_secret_is_standard_webhooks_and_shown_only_once(client: Any, secret: str, receiver: Receiver) -> None:
    assert secret.startswith("whsec_")
    Webhook(secret)  # the package accepts it
    again = put_endpoint(client, UNIT, receiver.url)
    assert again.status_code == 200 and "secret" not in json.loads(again.body)
    mine = client.http.get(f"/endpoints/{UNIT}", headers=auth("department", "um-01", UNIT))
    assert mine.status_code == 200 and "secret" not in json.loads(mine.body) and "whsec_" not in mine.body.decode()


def test_secret_is_stored_encrypted(stack: Any, secret: str) -> None:
    from shared import aws

    item = aws.table().get_item(Key={"pk": f"ENDPOINT#{UNIT}", "sk": "ENDPOINT"})["Item"]
    assert secret not in json.dumps(item, default=str)
    assert secret.removeprefix("whsec_") not in json.dumps(item, default=str)


def test_only_the_unit_and_the_command_centre_see_an_endpoint(client: Any, secret: str) -> None:
    other = client.http.get(f"/endpoints/{UNIT}", headers=auth("department", "w-01", OTHER_UNIT))
    missing = client.http.get("/endpoints/nobody-here", headers=auth(*CC))
    assert other.status_code == missing.status_code == 404
    assert client.http.get(f"/endpoints/{UNIT}", headers=auth("resident", "r-1")).status_code == 403
    assert client.http.put(f"/endpoints/{UNIT}", body=json.dumps({"url": "https://x.example", "events": ["workorder.dispatched"]}),
                           headers=auth("department", "um-01", UNIT)).status_code == 403
    assert client.http.get(f"/endpoints/{UNIT}/deliveries", headers=auth("department", "w-01", OTHER_UNIT)).status_code == 404


@pytest.mark.parametrize("url", ["ftp://example.com/x", "http://example.com/hook", "http://10.0.0.5/hook", "not a url"])
def test_bad_urls_are_refused(client: Any, url: str) -> None:
    response = put_endpoint(client, "street-x", url)
    assert response.status_code == 400
    assert json.loads(response.body)["error"]["field"] == "url"


# --- outbound ------------------------------------------------------------------------------
def test_dispatch_reaches_the_unit_signed(pumps: Pumps, receiver: Receiver, secret: str, client: Any) -> None:
    before = len(receiver.received)
    event = dispatched("261123-AAAA01")
    pumps.publish(event)
    pumps.deliver_all()
    got = receiver.received[before:]
    assert len(got) == 1
    headers, raw = got[0]["headers"], got[0]["body"]
    payload = Webhook(secret).verify(raw, headers)  # raises if the signature is wrong
    assert payload["type"] == "workorder.dispatched"
    assert payload["timestamp"].endswith("+08:00")
    data = payload["data"]
    assert data["case_number"] == "261123-AAAA01" and data["category"] == event["payload"]["category"]
    assert data["location"] == {"grid": "JN-S01-C01-G01", "community": "JN-S01-C01", "street": "JN-S01",
                                "point": {"lat": 41.0432, "lon": 113.0874}}
    assert datetime.fromisoformat(data["deadline"]) == datetime.fromisoformat(event["payload"]["sign_deadline"])
    assert data["deadline"].endswith("+08:00") and data["actions"] == ["sign", "return"]
    assert "resident" not in data  # no resident identity leaves the system
    with pytest.raises(WebhookVerificationError):
        Webhook("whsec_" + "QUJD" * 8).verify(raw, headers)
    log = json.loads(client.http.get(f"/endpoints/{UNIT}/deliveries", headers=auth("department", "um-01", UNIT)).body)
    entry = next(d for d in log["deliveries"] if d["case_number"] == "261123-AAAA01")
    assert entry["status"] == "succeeded" and entry["attempts"][0]["status_code"] == 200


def test_a_redelivered_event_is_delivered_once(pumps: Pumps, receiver: Receiver, secret: str) -> None:
    before = len(receiver.received)
    event = dispatched("261123-AAAA02")
    pumps.publish(event, event)
    pumps.deliver_all()
    assert len(receiver.received) - before == 1


def test_events_the_unit_did_not_subscribe_to_or_other_units_orders_are_not_sent(pumps: Pumps, receiver: Receiver, secret: str) -> None:
    before = len(receiver.received)
    pumps.publish(order_event("signed", "261123-AAAA03", status="signed", actions=["start", "reply"]),
                  dispatched("261123-AAAA04", unit=OTHER_UNIT))
    pumps.deliver_all()
    assert len(receiver.received) == before


def test_receiver_down_then_up_gets_every_delivery(pumps: Pumps, receiver: Receiver, secret: str) -> None:
    before_ok = len(receiver.ok())
    receiver.script = [(503, {}), (503, {}), (429, {"Retry-After": "0"}), (500, {}), (503, {})] * 2
    cases = [f"261123-DOWN{n:02d}" for n in range(5)]
    pumps.publish(*(dispatched(case) for case in cases))
    pumps.deliver_all(rounds=100)
    delivered = [json.loads(r["body"])["data"]["case_number"] for r in receiver.ok()[before_ok:]]
    assert sorted(delivered) == cases
    assert receiver.script == []


def test_gone_disables_the_endpoint_and_failures_reach_the_command_centre(client: Any, pumps: Pumps, stack: Any) -> None:
    gone = Receiver()
    try:
        secret = json.loads(put_endpoint(client, "heating", gone.url).body)["secret"]
        assert secret
        gone.default = 410
        pumps.publish(dispatched("261123-GONE01", unit="heating"))
        pumps.deliver_all()
        assert len(gone.received) == 1
        endpoint = json.loads(client.http.get("/endpoints/heating", headers=auth(*CC)).body)
        assert endpoint["status"] == "disabled"
        failed = json.loads(client.http.get("/deliveries/failed", headers=auth(*CC)).body)["deliveries"]
        assert any(d["case_number"] == "261123-GONE01" for d in failed)
        # re-registering turns it back on
        gone.default = 200
        assert put_endpoint(client, "heating", gone.url).status_code == 200
        pumps.publish(dispatched("261123-GONE02", unit="heating"))
        pumps.deliver_all()
        assert len(gone.ok()) == 1
    finally:
        gone.close()


def test_after_the_last_attempt_the_delivery_is_dead_lettered(client: Any, pumps: Pumps, stack: Any) -> None:
    broken = Receiver()
    try:
        put_endpoint(client, "ecology", broken.url)
        broken.default = 500
        pumps.publish(dispatched("261123-DEAD01", unit="ecology"))
        pumps.deliver_all(rounds=50)
        assert len(broken.received) == 8  # now, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 24 h
        log = json.loads(client.http.get("/endpoints/ecology/deliveries", headers=auth(*CC)).body)["deliveries"]
        assert log[0]["status"] == "failed" and len(log[0]["attempts"]) == 8 and log[0]["next_attempt_at"] is None
        dlq = stack.sqs.get_queue_url(QueueName="govportal-webhooks-deliveries-dlq")["QueueUrl"]
        bodies = [json.loads(m["Body"]) for m in stack.sqs.receive_message(QueueUrl=dlq, MaxNumberOfMessages=10).get("Messages", [])]
        assert any(b["case_number"] == "261123-DEAD01" for b in bodies)
        failed = json.loads(client.http.get("/deliveries/failed", headers=auth(*CC)).body)["deliveries"]
        assert any(d["case_number"] == "261123-DEAD01" for d in failed)
    finally:
        broken.close()


# --- inbound -------------------------------------------------------------------------------
def test_inbound_signed_update_sends_one_command_as_the_unit(client: Any, pumps: Pumps, secret: str, stack: Any) -> None:
    pumps.publish(dispatched("261123-IN0001"))
    commands(stack)
    body = {"type": "workorder.signed", "data": {"case_number": "261123-IN0001"}}
    headers = signed_inbound(secret, UNIT, body, msg_id="msg-in-1")
    first = client.http.post(f"/inbound/{UNIT}", body=json.dumps(body), headers=headers)
    assert first.status_code == 202, first.body
    answer = json.loads(first.body)
    again = client.http.post(f"/inbound/{UNIT}", body=json.dumps(body), headers=headers)
    assert again.status_code == 202 and json.loads(again.body) == answer
    sent = commands(stack)
    assert len(sent) == 1
    command = sent[0]
    assert command["name"] == "workorders.command.act" and command["id"] == answer["command_id"]
    assert command["source"] == "webhooks"
    assert command["payload"]["action"] == "sign" and command["payload"]["case_number"] == "261123-IN0001"
    assert command["payload"]["actor"] == {"subject": f"webhook:{UNIT}", "role": "department", "unit": UNIT}


@pytest.mark.parametrize("case", ["bad-signature", "missing", "old", "future", "other-secret"])
def test_inbound_without_a_good_signature_is_401_and_changes_nothing(client: Any, secret: str, stack: Any, case: str) -> None:
    body = {"type": "workorder.signed", "data": {"case_number": "261123-IN0001"}}
    at = {"old": datetime.now(UTC) - timedelta(minutes=6), "future": datetime.now(UTC) + timedelta(minutes=6)}.get(case)
    use = "whsec_" + "QUJD" * 8 if case == "other-secret" else secret
    headers = signed_inbound(use, UNIT, body, msg_id=f"msg-401-{case}", at=at)
    if case == "bad-signature":
        headers["webhook-signature"] = "v1,AAAA"
    if case == "missing":
        del headers["webhook-signature"]
    commands(stack)
    response = client.http.post(f"/inbound/{UNIT}", body=json.dumps(body), headers=headers)
    assert response.status_code == 401
    assert json.loads(response.body)["error"]["code"] == "unauthorized"
    assert commands(stack) == []


def test_inbound_for_an_order_that_is_not_the_units_is_404(client: Any, pumps: Pumps, secret: str, stack: Any) -> None:
    pumps.publish(dispatched("261123-IN0002", unit=OTHER_UNIT))
    commands(stack)
    for case in ("261123-IN0002", "261123-NOSUCH"):
        body = {"type": "workorder.signed", "data": {"case_number": case}}
        response = client.http.post(f"/inbound/{UNIT}", body=json.dumps(body), headers=signed_inbound(secret, UNIT, body, msg_id=f"m-{case}"))
        assert response.status_code == 404
    assert commands(stack) == []


def test_inbound_forbidden_transition_is_409_naming_allowed_actions(client: Any, pumps: Pumps, secret: str, stack: Any) -> None:
    pumps.publish(dispatched("261123-IN0003"))
    commands(stack)
    body = {"type": "workorder.replied", "data": {"case_number": "261123-IN0003", "text": "已处理"}}
    response = client.http.post(f"/inbound/{UNIT}", body=json.dumps(body), headers=signed_inbound(secret, UNIT, body, msg_id="m-409"))
    assert response.status_code == 409
    error = json.loads(response.body)["error"]
    assert error["allowed_actions"] == ["sign", "return"] and "sign" in error["message"]
    assert commands(stack) == []
    # once the projection learns the order was signed, reply is allowed
    pumps.publish(order_event("signed", "261123-IN0003", status="signed", actions=["start", "extend", "reply"]))
    ok = client.http.post(f"/inbound/{UNIT}", body=json.dumps(body), headers=signed_inbound(secret, UNIT, body, msg_id="m-409b"))
    assert ok.status_code == 202
    assert [c["payload"]["text"] for c in commands(stack)] == ["已处理"]


def test_rotation_keeps_the_old_secret_for_a_day(client: Any, pumps: Pumps, receiver: Receiver, secret: str, stack: Any) -> None:
    rotated = client.http.post(f"/endpoints/{UNIT}/rotate", headers=auth(*CC))
    assert rotated.status_code == 200
    new = json.loads(rotated.body)
    assert new["secret"] != secret and new["secret"].startswith("whsec_")
    until = datetime.fromisoformat(new["previous_secret_valid_until"])
    assert timedelta(hours=23) < until - datetime.now(UTC) <= timedelta(hours=24)
    before = len(receiver.received)
    pumps.publish(dispatched("261123-ROT001"))
    pumps.deliver_all()
    got = receiver.received[before]
    Webhook(secret).verify(got["body"], got["headers"])  # a department not yet switched
    Webhook(new["secret"]).verify(got["body"], got["headers"])
    pumps.publish(dispatched("261123-ROT002"))
    body = {"type": "workorder.signed", "data": {"case_number": "261123-ROT002"}}
    for n, use in enumerate((secret, new["secret"])):
        response = client.http.post(f"/inbound/{UNIT}", body=json.dumps(body), headers=signed_inbound(use, UNIT, body, msg_id=f"rot-{n}"))
        assert response.status_code == 202
    time.sleep(0)


def test_every_route_states_its_role_rule() -> None:
    from chalicelib.api.routes import routes

    assert {r.path for r in routes.rules} >= {"/endpoints/{unit}", "/inbound/{unit}", "/deliveries/failed"}
    for rule in routes.rules:
        assert rule.allow is not None


def test_the_command_example_matches_what_the_service_sends(client: Any, pumps: Pumps, secret: str, stack: Any) -> None:
    from tests.conftest import EVENTS

    example = json.loads((EVENTS / "webhooks" / "commands" / "workorders.command.act.json").read_text())
    pumps.publish(dispatched("261123-EXMPL1"))
    commands(stack)
    body = {"type": "workorder.signed", "data": {"case_number": "261123-EXMPL1"}}
    client.http.post(f"/inbound/{UNIT}", body=json.dumps(body), headers=signed_inbound(secret, UNIT, body, msg_id="ex-1"))
    sent = commands(stack)[0]
    assert set(sent) == set(example) and set(sent["payload"]) == set(example["payload"])
    assert set(sent["payload"]["actor"]) == set(example["payload"]["actor"])
