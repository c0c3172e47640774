"""The issues' "done when" journeys across services on the real local stack: events cross
from work orders to rating and back through SNS, SQS and the pump."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from typing import Any

from conftest import call

from shared.auth import issue_local_token
from tests.bench.localstack import ROOT
from tests.support import eventually

# A point inside grid JN-S01-C01-G01 of the demo district.
GRID_POINT = {"lat": 41.043166, "lon": 113.087371}
MONTH = datetime.now(timezone(timedelta(hours=8))).strftime("%Y-%m")

RESIDENT = issue_local_token("r-e2e-1", "resident")
NEIGHBOUR = issue_local_token("r-e2e-2", "resident")
UNIT = issue_local_token("um-e2e", "department", "urban-management")
CENTRE = issue_local_token("cc-e2e", "command-centre", "command-center")


def report_and_reply(base: str, text: str) -> str:
    status, order = call("POST", f"{base}/workorders", RESIDENT, {"text": text, "location": GRID_POINT})
    assert status == 201, order
    assert order["category"] == "street-light"
    assert order["handler"] == {"kind": "department", "code": "urban-management"}
    case = order["case_number"]
    for action, body in (("sign", {}), ("start", {}), ("reply", {"text": "已更换灯泡,恢复照明"})):
        status, result = call("POST", f"{base}/workorders/{case}/{action}", UNIT, body)
        assert status == 200, (action, result)
    return str(case)


def status_of(base: str, case: str) -> str:
    return str(call("GET", f"{base}/workorders/{case}", RESIDENT)[1]["status"])


def test_street_light_report_is_routed_signed_replied_and_closed_by_a_good_rating(base: str) -> None:
    case = report_and_reply(base, "小区门口路灯不亮好几天了,晚上黑漆漆的")
    rating = {"subject": {"kind": "workorder", "id": case}, "level": 5}
    assert eventually(lambda: call("POST", f"{base}/rating/ratings", NEIGHBOUR, rating)[0] == 404)  # not theirs: as unknown
    assert eventually(lambda: call("POST", f"{base}/rating/ratings", RESIDENT, rating)[0] == 201)
    assert call("POST", f"{base}/rating/ratings", RESIDENT, rating)[0] == 409  # one rating per case
    assert eventually(lambda: status_of(base, case) == "closed")
    track = [step["action"] for step in call("GET", f"{base}/workorders/{case}", RESIDENT)[1]["track"]]
    assert track[:1] == ["submitted"] and {"dispatched", "signed", "replied", "closed"} <= set(track)


def test_a_bad_rating_reopens_the_order_and_the_unit_sees_the_rectification(base: str) -> None:
    case = report_and_reply(base, "路灯坏了一直没人修")
    rating = {"subject": {"kind": "workorder", "id": case}, "level": 1, "comment": "根本没修好"}
    assert eventually(lambda: call("POST", f"{base}/rating/ratings", RESIDENT, rating)[0] == 201)
    assert eventually(lambda: status_of(base, case) == "reopened")
    rectifications = call("GET", f"{base}/rating/rectifications", UNIT)[1]
    assert any(r["subject"]["id"] == case for r in rectifications["rectifications"])


def test_scores_reflect_what_happened_and_the_rebuild_agrees(base: Any) -> None:
    status, scores = call("GET", f"{base}/rating/units/urban-management/scores?month={MONTH}", UNIT)
    assert status == 200
    counts = scores["counts"]
    assert counts["dispatched"] >= 2 and counts["ratings"] >= 2 and scores["levels"]["1"] >= 1 and scores["levels"]["5"] >= 1
    assert call("GET", f"{base}/rating/rankings?kind=department&month={MONTH}")[0] == 200
    result = subprocess.run(
        [sys.executable, "-m", "chalicelib.rebuild"],
        cwd=ROOT / "services" / "rating",
        env={**os.environ, "PYTHONPATH": str(ROOT), "AWS_ENDPOINT_URL": base.aws_endpoint, "TABLE_NAME": "govportal-rating"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
