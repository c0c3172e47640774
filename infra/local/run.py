"""`make run`: the whole portal on one machine.

Starts moto in server mode, creates every table, queue and topic from infra/, starts one
host process per service (Chalice app + event pump + schedules, demo data loaded) and the
gateway at http://127.0.0.1:8000 (PORT overrides). Ctrl-C stops everything.
"""

from __future__ import annotations

import ctypes
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
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


class Child:
    """One supervised process: started again, with the same command, when it dies."""

    def __init__(self, name: str, args: list[str], env: dict[str, str], ready_url: str, log: Path | None = None) -> None:
        self.name, self.args, self.env, self.ready_url, self.log = name, args, env, ready_url, log
        self.process: subprocess.Popen[Any] | None = None
        self.restarts = 0

    def start(self) -> None:
        out: Any = open(self.log, "ab") if self.log else None  # noqa: SIM115 (the child owns it)
        self.process = subprocess.Popen(self.args, cwd=str(ROOT), env=self.env, stdout=out, stderr=out,
                                        preexec_fn=_die_with_parent)
        if out is not None:
            out.close()

    def wait_ready(self, seconds: float = 120) -> None:
        wait_for(self.ready_url, seconds=seconds, process=self.process)

    def died(self) -> int | None:
        return None if self.process is None else self.process.poll()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()


def local_routes(host: str, stand_in_ports: dict[str, int]) -> dict[str, tuple[str, int]]:
    """chalice.json `local.routes` ({"/_local/sms": "sms-gateway"}) for the stand-ins run.py started."""
    routes = {}
    for prefix, name in (manifest()["local"].get("routes") or {}).items():
        if name in stand_in_ports:
            routes[prefix] = (host, stand_in_ports[name])
    return routes


def state_dir(port: int) -> Path:
    """Where the local AWS keeps its state between runs (LOCAL_STATE_DIR="" keeps none)."""
    return Path(os.environ.get("LOCAL_STATE_DIR", str(RUN_DIR / (f"state-{port}" if port != manifest()["local"]["gateway_port"] else "state"))))


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
    children: list[Child] = []
    server: Any = None

    def stop(*_: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)  # also when started with SIGINT ignored (a background job)
    base_env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    keep = os.environ.get("LOCAL_STATE_DIR", None) != ""
    moto_env = dict(base_env)
    if keep:
        moto_env["MOTO_STATE_DIR"] = str(state_dir(port))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s", stream=sys.stdout)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # the gateway logs each request once, redacted
    try:
        endpoint = f"http://{host}:{moto_port}"
        restored = keep and (state_dir(port) / "moto-state.pickle").is_file()
        print(f"starting local AWS (moto server) at {endpoint}"
              + (f", state from {state_dir(port)} (make reset starts clean)" if restored else ""), flush=True)
        moto = Child("moto", [sys.executable, "-m", "infra.local.moto_server", "-H", host, "-p", str(moto_port)],
                     moto_env, f"{endpoint}/moto-api/", log=RUN_DIR / f"moto-{moto_port}.log")
        started = time.perf_counter()
        moto.start()
        moto.wait_ready(60)
        children.append(moto)
        if restored:
            print(f"local AWS ready with its saved state in {time.perf_counter() - started:.1f}s", flush=True)
        os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
        os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
        from infra.local.stack import Stack

        stack = Stack(endpoint)
        created = stack.create_all()
        print(f"created {len(created)} resources from infra/*.json", flush=True)
        routes: dict[str, tuple[str, int]] = {}
        local_env: dict[str, str] = {}
        stand_in_ports: dict[str, int] = {}
        if "sms" in chosen:  # the stand-in for AWS End User Messaging SMS, which moto lacks
            sms_port = free_port(host)
            sms = Child("sms-gateway",
                        [sys.executable, "-m", "infra.local.sms_gateway", "serve", "--host", host, "--port", str(sms_port), "--aws", endpoint],
                        {**base_env, **stack.service_env("sms")},  # local credentials and region
                        f"http://{host}:{sms_port}/_local/sms/messages")
            sms.start()
            sms.wait_ready(60)
            children.append(sms)
            local_env["AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2"] = f"http://{host}:{sms_port}"
            stand_in_ports["sms-gateway"] = sms_port
        first_service = len(children)
        for name, spec in chosen.items():
            env = {**base_env, **stack.service_env(name), **local_env, "SERVICE_PORT": str(spec["port"])}
            # Demo data only into an empty stack: a restart keeps what was changed.
            seed = [] if restored else ["--seed"]
            child = Child(name, [sys.executable, "-m", "infra.local.host", name, *seed], env,
                          f"http://{host}:{spec['port']}/health")
            child.start()
            children.append(child)
            routes[spec["prefix"]] = (host, spec["port"])
        for child in children[first_service:]:
            child.wait_ready(120)
            child.args = [a for a in child.args if a != "--seed"]  # a restart never reseeds
        routes.update(local_routes(host, stand_in_ports))
        from infra.local.gateway import serve

        server = serve(host, port, routes, ROOT / "web" / "dist")
        threading.Thread(target=server.run, name="gateway", daemon=True).start()
        print(
            f"\nportal up at http://{host}:{port}  ({', '.join(sorted(routes))})\n"
            f"  try: curl 'http://{host}:{port}/catalog/items?q=低保'\n"
            f"       curl 'http://{host}:{port}/catalog/items?q=residence%20permit'\n"
            f"  a token: make token ROLE=resident SUBJECT=r-1001\n"
            "Ctrl-C stops everything.",
            flush=True,
        )
        pids = RUN_DIR / f"portal-{port}.children"
        record_pids(children, pids)
        supervise(children, stack, pids=pids)
    except KeyboardInterrupt:
        print("\nstopping...", flush=True)
    except Exception as exc:
        print(f"make run failed: {exc}", file=sys.stderr)
        return 1
    finally:
        if server is not None:
            server.close()
        for child in reversed(children):  # services first, moto last (it saves its state)
            child.stop()
        for child in children:
            if child.process is None:
                continue
            try:
                child.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.process.kill()
        pid_file.unlink(missing_ok=True)
        (RUN_DIR / f"portal-{port}.children").unlink(missing_ok=True)
    return 0


def record_pids(children: list[Child], path: Path) -> None:
    """.run/portal-<port>.children: which process is which (to inspect, or to kill one in a test)."""
    path.write_text(json.dumps({c.name: c.process.pid for c in children if c.process is not None}))


def supervise(children: list[Child], stack: Any, every: float = 1.0, pids: Path | None = None) -> None:
    """Watches every process; one that died is named and started again. A restarted moto
    reloads its saved state and gets any missing resource back; the services' clients
    reconnect on their next call."""
    while True:
        time.sleep(every)
        for child in children:
            code = child.died()
            if code is None:
                continue
            child.restarts += 1
            print(f"make run: {child.name} exited with code {code}; restarting it (restart #{child.restarts})",
                  file=sys.stderr, flush=True)
            child.start()
            if pids is not None:
                record_pids(children, pids)
            try:
                child.wait_ready(120)
                if child.name == "moto":
                    stack.create_all()
                print(f"make run: {child.name} is back", file=sys.stderr, flush=True)
            except Exception as exc:
                print(f"make run: {child.name} did not come back: {exc}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    sys.exit(main())
