"""The real local stack, as `make run` starts it: moto server, every service host with
its demo data, the event pump and the gateway."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.parse
from typing import Any

import pytest
from conftest import call

from tests.bench.localstack import ROOT


def get(url: str) -> tuple[int, Any]:
    return call("GET", url)


def test_every_service_answers_behind_its_prefix(base: str) -> None:
    for prefix in ("catalog", "booking", "workorders", "rating"):
        assert get(f"{base}/{prefix}/health") == (200, {"status": "ok", "service": prefix})


def test_unknown_prefix_is_a_json_404(base: str) -> None:
    status, body = get(f"{base}/nothing/here")
    assert status == 404 and body["error"]["code"] == "not_found"


@pytest.mark.parametrize("query, expected", [("低保", "最低生活保障"), ("residence permit", "居住证")])
def test_catalogue_answers_in_chinese_and_english(base: str, query: str, expected: str) -> None:
    status, body = get(f"{base}/catalog/items?q={urllib.parse.quote(query)}")
    assert status == 200
    assert any(expected in item["name_zh"] for item in body["items"][:3]), body["items"][:3]


def test_a_second_run_says_it_is_already_running(base: str) -> None:
    port = base.rsplit(":", 1)[1]
    result = subprocess.run(
        [sys.executable, "-m", "infra.local.run"],
        cwd=ROOT,
        env={**os.environ, "PORT": port, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "already running" in result.stderr


def test_ctrl_c_stops_everything_and_frees_every_port() -> None:
    import signal
    import socket
    import time

    from tests.bench.localstack import free_port

    port, moto_port, service_port = free_port(), free_port(), free_port()
    env = {**os.environ, "PORT": str(port), "MOTO_PORT": str(moto_port), "SERVICE_PORT_BASE": str(service_port),
           "SERVICES": "catalog", "PYTHONPATH": str(ROOT)}
    # SIGINT ignored on start, as for a background job: the runner must still honour Ctrl-C.
    process = subprocess.Popen([sys.executable, "-m", "infra.local.run"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        deadline = time.time() + 120
        while not _answers(f"http://127.0.0.1:{port}/catalog/health"):
            assert process.poll() is None and time.time() < deadline
            time.sleep(0.3)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:  # a failed run must not leave the stack behind
            process.terminate()
            process.wait(timeout=30)

    def listening(p: int) -> bool:
        with socket.socket() as sock:
            return sock.connect_ex(("127.0.0.1", p)) == 0

    assert not any(listening(p) for p in (port, moto_port, service_port))


def _answers(url: str) -> bool:
    try:
        return call("GET", url)[0] == 200
    except OSError:
        return False
