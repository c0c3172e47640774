"""`make run`: the whole portal on one machine.

Starts moto in server mode, creates every table, queue and topic from infra/, starts one
host process per service (Chalice app + event pump + schedules, demo data loaded) and the
gateway at http://127.0.0.1:8000 (PORT overrides). Ctrl-C stops everything.
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from infra.manifest import ROOT, manifest, services

RUN_DIR = ROOT / ".run"


def _die_with_parent() -> None:
    """Children get SIGTERM if this process dies, so nothing is left behind."""
    try:
        ctypes.CDLL("libc.so.6").prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def free_port(host: str) -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def port_in_use(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def wait_for(url: str, seconds: float = 60, process: subprocess.Popen[Any] | None = None) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the process for {url} exited with code {process.returncode}; see its log above")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answered
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {seconds:.0f}s")


def selected_services() -> dict[str, dict[str, Any]]:
    """SERVICES=catalog,booking starts only those; SERVICE_PORT_BASE moves their ports
    (tests and benchmarks run a second stack beside a developer's `make run`)."""
    chosen = os.environ.get("SERVICES")
    names = [n for n in services() if not chosen or n in chosen.split(",")]
    base = os.environ.get("SERVICE_PORT_BASE")
    result = {}
    for index, name in enumerate(services()):
        if name in names:
            spec = dict(services()[name])
            if base:
                spec["port"] = int(base) + index
            result[name] = spec
    return result


def already_running(host: str, ports: list[int], pid_file: Path) -> str | None:
    if pid_file.exists():
        try:
            pid = int(pid_file.read_text().strip())
            os.kill(pid, 0)
            return f"the portal is already running (pid {pid}); stop it with Ctrl-C in its terminal or `kill {pid}`"
        except (ValueError, ProcessLookupError, PermissionError):
            pid_file.unlink(missing_ok=True)
    busy = [p for p in ports if port_in_use(host, p)]
    if busy:
        return f"port(s) {', '.join(map(str, busy))} on {host} already in use by another program; set PORT / MOTO_PORT or stop it"
    return None


def main() -> int:
    local = manifest()["local"]
    host = local["host"]
    port = int(os.environ.get("PORT", local["gateway_port"]))
    moto_port = int(os.environ.get("MOTO_PORT", local["moto_port"]))
    chosen = selected_services()
    pid_file = RUN_DIR / f"portal-{port}.pid"
    problem = already_running(host, [port, moto_port, *(spec["port"] for spec in chosen.values())], pid_file)
    if problem:
        print(f"make run: {problem}", file=sys.stderr)
        return 1
    RUN_DIR.mkdir(exist_ok=True)
    pid_file.write_text(str(os.getpid()))
    children: list[subprocess.Popen[Any]] = []

    def stop(*_: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)  # also when started with SIGINT ignored (a background job)
    base_env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    try:
        endpoint = f"http://{host}:{moto_port}"
        print(f"starting local AWS (moto server) at {endpoint}", flush=True)
        children.append(
            subprocess.Popen(
                [sys.executable, "-m", "infra.local.moto_server", "-H", host, "-p", str(moto_port)],
                env=base_env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                preexec_fn=_die_with_parent,
            )
        )
        wait_for(f"{endpoint}/moto-api/", process=children[0])
        os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
        os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
        from infra.local.stack import Stack

        stack = Stack(endpoint)
        created = stack.create_all()
        print(f"created {len(created)} resources from infra/*.json", flush=True)
        routes: dict[str, tuple[str, int]] = {}
        local_env: dict[str, str] = {}
        if "sms" in chosen:  # the stand-in for AWS End User Messaging SMS, which moto lacks
            sms_port = free_port(host)
            children.append(
                subprocess.Popen(
                    [sys.executable, "-m", "infra.local.sms_gateway", "serve", "--host", host, "--port", str(sms_port), "--aws", endpoint],
                    env={**base_env, **stack.service_env("sms")},  # local credentials and region
                    preexec_fn=_die_with_parent,
                )
            )
            wait_for(f"http://{host}:{sms_port}/_local/sms/messages", process=children[-1])
            local_env["AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2"] = f"http://{host}:{sms_port}"
            for prefix, target in local.get("routes", {}).items():
                if target == "sms-gateway":
                    routes[prefix] = (host, sms_port)
        first_service = len(children)
        for name, spec in chosen.items():
            env = {**base_env, **stack.service_env(name), **local_env, "SERVICE_PORT": str(spec["port"])}
            children.append(
                subprocess.Popen(
                    [sys.executable, "-m", "infra.local.host", name, "--seed"],
                    cwd=str(ROOT),
                    env=env,
                    preexec_fn=_die_with_parent,
                )
            )
            routes[spec["prefix"]] = (host, spec["port"])
        for spec, process in zip(chosen.values(), children[first_service:], strict=True):
            wait_for(f"http://{host}:{spec['port']}/health", seconds=120, process=process)
        from infra.local.gateway import serve

        server = serve(host, port, routes)
        print(
            f"\nportal up at http://{host}:{port}  ({', '.join(sorted(routes))})\n"
            f"  try: curl 'http://{host}:{port}/catalog/items?q=低保'\n"
            f"       curl 'http://{host}:{port}/catalog/items?q=residence%20permit'\n"
            f"  a token: make token ROLE=resident SUBJECT=r-1001\n"
            "Ctrl-C stops everything.",
            flush=True,
        )
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nstopping...", flush=True)
    except Exception as exc:
        print(f"make run failed: {exc}", file=sys.stderr)
        return 1
    finally:
        for child in children:
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
        pid_file.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    sys.exit(main())
