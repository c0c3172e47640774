"""Starts the real local stack (moto server, service hosts, gateway) on free ports for a
benchmark or an end-to-end test, and stops it afterwards, leaving no process behind."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _free_block(size: int) -> int:
    """A base port with `size` free ports after it."""
    for _ in range(50):
        base = free_port()
        if base + size < 65000 and all(_is_free(base + i) for i in range(size)):
            return base
    raise RuntimeError("no block of free ports")


def _is_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


class StackURL(str):
    """The gateway's base URL; `.aws_endpoint` is the stack's moto server."""

    aws_endpoint: str


@contextlib.contextmanager
def local_stack(services: list[str] | None = None, timeout: float = 180, **extra_env: str) -> Iterator[str]:
    """Yields the gateway's base URL, e.g. http://127.0.0.1:53211 (paths /catalog/... )."""
    port, moto_port = free_port(), free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "MOTO_PORT": str(moto_port),
        "SERVICE_PORT_BASE": str(_free_block(12)),
        "PYTHONPATH": str(ROOT),
        "LOCAL_STATE_DIR": "",  # a throwaway stack: nothing saved between runs
        **extra_env,
    }
    if services:
        env["SERVICES"] = ",".join(services)
    log = open(ROOT / "build" / f"localstack-{port}.log", "w") if (ROOT / "build").is_dir() else subprocess.DEVNULL
    process = subprocess.Popen(
        [sys.executable, "-m", "infra.local.run"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base = StackURL(f"http://127.0.0.1:{port}")
    base.aws_endpoint = f"http://127.0.0.1:{moto_port}"
    try:
        deadline = time.time() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"local stack exited with {process.returncode}")
            try:
                urllib.request.urlopen(f"{base}/", timeout=2)
                break  # the gateway answers (the portal's page)
            except urllib.error.HTTPError:
                break  # the gateway answers (404 for / without a built portal)
            except OSError:
                if time.time() > deadline:
                    raise TimeoutError("local stack did not come up") from None
                time.sleep(0.3)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        if hasattr(log, "close"):
            log.close()
