"""The channels on the real local stack (moto server, service hosts, gateway on free ports):
deliveries reach a receiver signed, a receiver down for a while then up gets every one,
inbound updates become commands on the workorders commands queue, and the `georeport`
client from PyPI (its own venv) reads services and requests in JSON and XML."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import boto3
import pytest
from standardwebhooks import Webhook

from tests.bench.localstack import local_stack
from tests.webhooks.conftest import Receiver, order_event

ROOT = Path(__file__).resolve().parents[2]
UNIT = "urban-management"
GEOREPORT = "georeport==0.3.1"


def http(method: str, url: str, body: Any = None, headers: dict[str, str] | None = None, raw: bytes | None = None) -> tuple[int, Any]:
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


@pytest.fixture(scope="module")
def stack() -> Iterator[Any]:
    with local_stack(["webhooks", "open311"], WEBHOOK_BACKOFF_SCALE="0.0001") as base:
        sqs = boto3.client("sqs", endpoint_url=base.aws_endpoint, region_name="us-east-1")  # type: ignore[attr-defined]
        sqs.create_queue(QueueName="govportal-workorders-commands")  # the workorders service's, if not merged yet
        yield base


def centre() -> dict[str, str]:
    from shared.auth import issue_local_token

    return {"Authorization": f"Bearer {issue_local_token('cc-01', 'command-centre', 'command-center')}"}


def publish(base: Any, *envelopes: dict[str, Any]) -> None:
    sns = boto3.client("sns", endpoint_url=base.aws_endpoint, region_name="us-east-1")
    arn = sns.create_topic(Name="govportal-workorders-events")["TopicArn"]
    for envelope in envelopes:
        sns.publish(TopicArn=arn, Message=json.dumps(envelope), MessageAttributes={"name": {"DataType": "String", "StringValue": envelope["name"]}})


def wait_until(check: Any, seconds: float = 60) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


def test_deliveries_survive_a_receiver_that_is_down_for_a_while(stack: Any) -> None:
    receiver = Receiver()
    try:
        status, body = http("PUT", f"{stack}/webhooks/endpoints/{UNIT}", {"url": receiver.url, "events": ["workorder.dispatched"]}, centre())
        assert status in (200, 201), body
        secret = body.get("secret") or http("POST", f"{stack}/webhooks/endpoints/{UNIT}/rotate", None, centre())[1]["secret"]
        receiver.default = 503  # down
        cases = [f"261130-E2E{n:03d}" for n in range(10)]
        publish(stack, *(order_event("dispatched", c, status="dispatched", actions=["sign", "return"]) for c in cases))
        assert wait_until(lambda: len(receiver.received) >= 10)
        time.sleep(2)
        receiver.default = 200  # back up
        assert wait_until(lambda: {json.loads(r["body"])["data"]["case_number"] for r in receiver.ok()} == set(cases), 60)
        for delivery in receiver.ok():
            assert Webhook(secret).verify(delivery["body"], delivery["headers"])["type"] == "workorder.dispatched"
        status, log = http("GET", f"{stack}/webhooks/endpoints/{UNIT}/deliveries", headers=centre())
        assert status == 200 and all(d["status"] == "succeeded" for d in log["deliveries"] if d["case_number"] in cases)

        # inbound: the department signs one of them
        publish(stack, order_event("dispatched", "261130-E2EIN1", status="dispatched", actions=["sign", "return"]))
        assert wait_until(lambda: any(json.loads(r["body"])["data"]["case_number"] == "261130-E2EIN1" for r in receiver.ok()))
        raw = json.dumps({"type": "workorder.signed", "data": {"case_number": "261130-E2EIN1"}})
        now = datetime.now(UTC)
        msg = f"e2e-{uuid.uuid4()}"
        headers = {"webhook-id": msg, "webhook-timestamp": str(int(now.timestamp())), "webhook-signature": Webhook(secret).sign(msg, now, raw)}
        status, answer = http("POST", f"{stack}/webhooks/inbound/{UNIT}", headers=headers, raw=raw.encode())
        assert status == 202, answer
        sqs = boto3.client("sqs", endpoint_url=stack.aws_endpoint, region_name="us-east-1")
        url = sqs.get_queue_url(QueueName="govportal-workorders-commands")["QueueUrl"]
        bodies = [json.loads(m["Body"]) for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])]
        assert any(b["id"] == answer["command_id"] and b["payload"]["action"] == "sign" for b in bodies)
    finally:
        receiver.close()


CLIENT = """
import json, sys
import requests
from georeport import GeoReport
base, key = sys.argv[1], sys.argv[2]
out = {}
for fmt in ("json", "xml"):
    client = GeoReport(base, output_format=fmt)
    out[f"services_{fmt}"] = len(client.get_service_list())
    out[f"definition_{fmt}"] = client.get_service_definition("street-light")
    out[f"requests_{fmt}"] = client.get_service_requests()
posted = requests.post(f"{base}/requests.json", data={"api_key": key, "service_code": "garbage", "lat": "41.0432",
                       "long": "113.0874", "description": "垃圾桶满了没人清运"})
out["posted"] = [posted.status_code, posted.json()]
print(json.dumps(out, ensure_ascii=False))
"""


def georeport_python() -> Path:
    """The georeport client in its own venv (build/georeport-venv), installed from PyPI once."""
    venv = ROOT / "build" / "georeport-venv"
    python = venv / "bin" / "python"
    if not python.exists() or subprocess.run([str(python), "-c", "import georeport"], capture_output=True).returncode:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", GEOREPORT], check=True)
    return python


def test_the_georeport_client_reads_json_and_xml_and_posts(stack: Any) -> None:
    status, key = http("POST", f"{stack}/open311/keys", {"name": "georeport-e2e"}, centre())
    assert status == 201
    result = subprocess.run([str(georeport_python()), "-c", CLIENT, f"{stack}/open311/v2", key["api_key"]],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["services_json"] == out["services_xml"] == 44
    assert {a["code"] for a in out["definition_json"]["attributes"]} == {"pole_number", "lights_out"}
    assert out["posted"][0] == 201 and out["posted"][1][0]["token"]
