"""`make run` watches its processes: a killed moto is named, restarted with its saved state,
and the services reconnect; a restarted stack keeps its data (LOCAL_STATE_DIR)."""

from __future__ import annotations

import json
import os
import signal
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from shared.auth import issue_local_token
from tests.bench.localstack import ROOT, local_stack
from tests.support import eventually

RESIDENT = issue_local_token("r-survive-1", "resident")
POINT = {"lat": 41.043166, "lon": 113.087371}


def call(method: str, url: str, body: Any = None) -> tuple[int, Any]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {RESIDENT}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")
    except OSError as exc:
        return 0, str(exc)


def test_a_killed_moto_comes_back_with_its_data_and_a_restart_keeps_it(tmp_path: Path) -> None:
    state = tmp_path / "state"
    env = {"LOCAL_STATE_DIR": str(state), "MOTO_SNAPSHOT_SECONDS": "1"}
    with local_stack(["workorders"], **env) as base:
        status, order = call("POST", f"{base}/workorders", {"text": "小区门口路灯不亮好几天了", "location": POINT})
        assert status == 201, order
        case = order["case_number"]
        time.sleep(3)  # one snapshot interval and then some
        port = base.rsplit(":", 1)[1]
        pids = json.loads((ROOT / ".run" / f"portal-{port}.children").read_text())
        os.kill(pids["moto"], signal.SIGKILL)
        assert eventually(lambda: call("GET", f"{base}/workorders/{case}")[0] == 200, seconds=60), "moto did not come back with the order"
        new_pids = json.loads((ROOT / ".run" / f"portal-{port}.children").read_text())
        assert new_pids["moto"] != pids["moto"]
    with local_stack(["workorders"], **env) as base:
        status, again = call("GET", f"{base}/workorders/{case}")
        assert status == 200 and again["case_number"] == case
