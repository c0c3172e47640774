"""The channels on the real local stack (moto server, the work-order service, the channel
hosts, gateway on free ports): an order dispatched to a department reaches the demo
department's receiver signed, its "signed" and "replied" come back through the inbound
webhook and show in the resident's track; a receiver down for a while then up gets every
delivery; the `georeport` client from PyPI (its own venv) reads services and requests in
JSON and XML, and a request it posts becomes a work order listed by GET requests."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from standardwebhooks import Webhook

from infra.local.demo_department import Department, call
from tests.bench.localstack import local_stack
from tests.webhooks.conftest import Receiver

ROOT = Path(__file__).resolve().parents[2]
UNIT = "urban-management"
GEOREPORT = "georeport==0.3.1"


def http(method: str, url: str, body: Any = None, headers: dict[str, str] | None = None, raw: bytes | None = None) -> tuple[int, Any]:
    """The demo department's JSON client (infra/local/demo_department.py), with more time."""
    return call(method, url, body, headers, raw, timeout=20)


@pytest.fixture(scope="module")
def stack() -> Iterator[Any]:
    # The work-order service runs for real: reports, commands from the channels, its events.
    with local_stack(["workorders", "webhooks", "open311"], WEBHOOK_BACKOFF_SCALE="0.0001") as base:
        yield base


def centre() -> dict[str, str]:
    from shared.auth import issue_local_token

    return {"Authorization": f"Bearer {issue_local_token('cc-01', 'command-centre', 'command-center')}"}


def resident() -> dict[str, str]:
    from shared.auth import issue_local_token

    return {"Authorization": f"Bearer {issue_local_token('r-webhooks-e2e', 'resident')}"}


def grid_points() -> list[dict[str, float]]:
    """One point per grid of the district: reports far enough apart not to be linked as
    duplicates of one another."""
    district = json.loads((ROOT / "shared" / "data" / "district.json").read_text(encoding="utf-8"))
    return [{"lat": g["point"][1], "lon": g["point"][0]} for g in district["grids"]]


def report(stack: Any, words: str, point: dict[str, float] | None = None) -> str:
    """A resident reports on the portal; the order goes to urban-management at once."""
    where = point or {"lat": 41.0432, "lon": 113.0874}
    status, order = http("POST", f"{stack}/workorders", {"text": words, "location": where},
                         {**resident(), "Idempotency-Key": str(uuid.uuid4())})
    assert status == 201 and order["handler"]["code"] == UNIT and order["status"] == "dispatched", order
    assert not order.get("linked_to"), order
    return str(order["case_number"])


def wait_until(check: Any, seconds: float = 60) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


def test_the_demo_department_receives_signs_and_replies_and_the_resident_sees_both(stack: Any) -> None:
    department = Department(str(stack), UNIT, reply_after=0.3)
    server = ThreadingHTTPServer(("127.0.0.1", 0), department.handler())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        department.register(f"http://127.0.0.1:{server.server_address[1]}/hooks")
        words = "小区门口路灯不亮好几天了"
        case = report(stack, words)
        assert wait_until(lambda: any(p["data"]["case_number"] == case for p in department.received))
        (delivered,) = [p for p in department.received if p["data"]["case_number"] == case]
        # verified by the department with standardwebhooks (a bad signature gets a 401 there)
        assert delivered["type"] == "workorder.dispatched"
        assert delivered["data"]["text"] == words and delivered["data"]["category"] == "street-light"
        assert delivered["data"]["location"]["grid"] and delivered["data"]["actions"] == ["sign", "return"]

        def mine() -> dict[str, Any]:
            return dict(http("GET", f"{stack}/workorders/{case}", headers=resident())[1])

        assert wait_until(lambda: mine()["status"] == "replied"), (mine()["status"], department.answers)
        steps = [(s["action"], s["by"]["subject"]) for s in mine()["track"]]
        assert ("signed", f"webhook:{UNIT}") in steps and ("replied", f"webhook:{UNIT}") in steps, steps
        assert [(kind, status) for c, kind, status, _ in department.answers if c == case] == [
            ("workorder.signed", 202), ("workorder.replied", 202)]
        # once replied, signing again names what is allowed now (from the channel's projection)
        status, body = department.post_inbound("workorder.signed", {"case_number": case})
        assert status == 409 and body["error"]["code"] == "invalid_transition", body
        # another unit's order looks like no order
        other = department.post_inbound("workorder.signed", {"case_number": "261130-NOSUCH"})
        assert other[0] == 404
    finally:
        server.shutdown()
        server.server_close()


def test_deliveries_survive_a_receiver_that_is_down_for_a_while(stack: Any) -> None:
    receiver = Receiver()
    try:
        status, body = http("PUT", f"{stack}/webhooks/endpoints/{UNIT}", {"url": receiver.url, "events": ["workorder.dispatched"]}, centre())
        assert status in (200, 201), body
        secret = body.get("secret") or http("POST", f"{stack}/webhooks/endpoints/{UNIT}/rotate", None, centre())[1]["secret"]
        receiver.default = 503  # down
        cases = {report(stack, f"{n}号楼前的路灯不亮了", point) for n, point in enumerate(grid_points()[1:11], 1)}
        assert wait_until(lambda: {json.loads(r["body"])["data"]["case_number"] for r in receiver.received} >= cases)
        time.sleep(2)
        receiver.default = 200  # back up
        assert wait_until(lambda: {json.loads(r["body"])["data"]["case_number"] for r in receiver.ok()} >= cases, 60)
        for delivery in receiver.ok():
            assert Webhook(secret).verify(delivery["body"], delivery["headers"])["type"] == "workorder.dispatched"
        assert len([r for r in receiver.ok() if json.loads(r["body"])["data"]["case_number"] in cases]) == len(cases)  # once each
        status, log = http("GET", f"{stack}/webhooks/endpoints/{UNIT}/deliveries?limit=100", headers=centre())
        mine = [d for d in log["deliveries"] if d["case_number"] in cases]
        assert status == 200 and len(mine) == len(cases) and all(d["status"] == "succeeded" for d in mine), log
        assert all(len(d["attempts"]) >= 2 for d in mine)  # each was refused while down
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

    # the token becomes the work order's case number (service_request_id) once it is created
    token = out["posted"][1][0]["token"]
    case: list[str] = []

    def resolved() -> bool:
        status, found = http("GET", f"{stack}/open311/v2/tokens/{token}.json")
        if status == 200 and found[0]["service_request_id"]:
            case.append(found[0]["service_request_id"])
        return bool(case)

    assert wait_until(resolved)
    status, order = http("GET", f"{stack}/workorders/{case[0]}", headers=centre())
    assert status == 200 and order["channel"] == "open311" and order["category"] == "garbage", order
    assert "垃圾桶满了没人清运" in order["text"]

    def listed() -> list[dict[str, Any]]:
        status, found = http("GET", f"{stack}/open311/v2/requests.json")
        assert status == 200
        return [r for r in found if r["service_request_id"] == case[0]]

    assert wait_until(lambda: bool(listed()))
    (request,) = listed()
    assert request["service_code"] == "garbage" and request["status"] == "open" and request["description"] == "垃圾桶满了没人清运"
    assert request["agency_responsible"], request  # dispatched to a unit: it is named
    status, one = http("GET", f"{stack}/open311/v2/requests/{case[0]}.json")
    assert status == 200 and one[0]["service_request_id"] == case[0]
