"""Starts the real local stack (moto server, service hosts, gateway) on free ports for a
benchmark or an end-to-end test, and stops it afterwards, leaving no process behind."""

from __future__ import annotations

import contextlib
import os
import random
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


# Test stacks take ports below the kernel's ephemeral range (32768-60999 here): a port the
# OS hands out for outgoing connections can be taken by some client between our check and the
# server's bind, which busy test groups running side by side made happen.
_PORTS = range(20000, 32000)


def _bindable(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def free_port() -> int:
    for _ in range(200):
        port = random.choice(_PORTS)
        if _bindable(port):
            return port
    raise RuntimeError("no free port")


def _free_block(size: int) -> int:
    """A base port with `size` free ports after it."""
    for _ in range(200):
        base = random.randrange(_PORTS.start, _PORTS.stop - size)
        if all(_bindable(base + i) for i in range(size)):
            return base
    raise RuntimeError("no block of free ports")


def _is_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


class StackURL(str):
    """The gateway's base URL; `.aws_endpoint` is the stack's moto server."""

    aws_endpoint: str


def _start(services: list[str] | None, timeout: float, extra_env: dict[str, str]) -> tuple[subprocess.Popen[bytes], StackURL, Path]:
    """One attempt: a stack on ports free a moment ago; raises PortRace when one was taken
    in between (another test's stack on the same machine), so the caller can try again."""
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
    (ROOT / "build").mkdir(exist_ok=True)
    log_path = ROOT / "build" / f"localstack-{port}.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "infra.local.run"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = StackURL(f"http://127.0.0.1:{port}")
    base.aws_endpoint = f"http://127.0.0.1:{moto_port}"
    deadline = time.time() + timeout
    while True:
        if process.poll() is not None:
            tail = log_path.read_text(errors="replace")[-2000:]
            error = PortRace if ("already running" in tail or "in use" in tail or "Address already" in tail) else RuntimeError
            raise error(f"local stack exited with {process.returncode}; its log ({log_path}) ends:\n{tail}")
        try:
            urllib.request.urlopen(f"{base}/", timeout=2)
            return process, base, log_path  # the gateway answers (the portal's page)
        except urllib.error.HTTPError:
            return process, base, log_path  # the gateway answers (404 for / without a built portal)
        except OSError:
            if time.time() > deadline:
                _stop(process)
                raise TimeoutError(f"local stack did not come up; see {log_path}") from None
            time.sleep(0.3)


class PortRace(RuntimeError):
    pass


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


@contextlib.contextmanager
def local_stack(services: list[str] | None = None, timeout: float = 180, **extra_env: str) -> Iterator[str]:
    """Yields the gateway's base URL, e.g. http://127.0.0.1:53211 (paths /catalog/... )."""
    for attempt in range(5):
        try:
            process, base, _ = _start(services, timeout, extra_env)
            break
        except PortRace:
            if attempt == 4:
                raise
    try:
        yield base
    finally:
        _stop(process)
