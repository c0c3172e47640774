"""Hosts one service locally: its Chalice app behind Chalice's local API Gateway emulation,
plus the SQS pumps and schedules for its event handlers. One process per service, because
every service has its own `chalicelib` package.

    python -m infra.local.host <service> [--seed]

Resource names and the local AWS endpoint come from the environment set by infra.local.run.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import threading
from pathlib import Path
from typing import Any

from infra.manifest import ROOT, manifest, services


def load_app(service: str) -> tuple[Any, Any]:
    """Imports services/<service>/app.py the way `chalice local` does."""
    from chalice.cli.factory import CLIFactory

    project_dir = str(ROOT / "services" / service)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # shared/ (vendored into the package in AWS)
    factory = CLIFactory(project_dir=project_dir, environ=os.environ)
    config = factory.create_config_obj(chalice_stage_name="dev")
    return factory, config


def start_event_sources(app: Any, module: Any, stop: threading.Event, speedup: float) -> list[threading.Thread]:
    from chalice.app import ScheduledEventConfig, SQSEventConfig

    from infra.local.pump import Scheduler, SqsPump

    endpoint = os.environ["AWS_ENDPOINT_URL"]
    region = os.environ.get("AWS_DEFAULT_REGION", manifest()["region"])
    threads = []
    for source in app.event_sources:
        handler = getattr(module, source.name)
        if isinstance(source, SQSEventConfig):
            runner: Any = SqsPump(handler, source.name, source.queue or "", source.batch_size, endpoint=endpoint, region=region)
            what = f"SQS {source.queue}"
        elif isinstance(source, ScheduledEventConfig):
            expression = source.schedule_expression
            text = expression if isinstance(expression, str) else expression.to_string()
            runner = Scheduler(handler, source.name, text, region, speedup)
            what = f"schedule {text} (every {runner.period:.0f}s locally)"
        else:
            continue
        thread = threading.Thread(target=runner.run, args=(stop,), name=source.name, daemon=True)
        thread.start()
        threads.append(thread)
        print(f"[{app.app_name}] {source.name} <- {what}", flush=True)
    return threads


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("service", choices=sorted(services()))
    parser.add_argument("--seed", action="store_true", help="load the demo district into the service's table")
    parser.add_argument("--schedule-speedup", type=float, default=float(os.environ.get("SCHEDULE_SPEEDUP", "1")))
    args = parser.parse_args()
    spec = services()[args.service]

    factory, config = load_app(args.service)
    app = config.chalice_app
    module = importlib.import_module("app")
    if args.seed:
        seed_path = ROOT / "services" / args.service / "chalicelib" / "seed.py"
        if seed_path.exists():
            seed = importlib.import_module("chalicelib.seed")
            summary = seed.load()
            print(f"[{args.service}] demo data loaded: {summary}", flush=True)
    stop = threading.Event()
    start_event_sources(app, module, stop, args.schedule_speedup)
    from chalice.local import ThreadedHTTPServer

    ThreadedHTTPServer.request_queue_size = 256  # as the gateway: no resets under bursts
    port = int(os.environ.get("SERVICE_PORT", spec["port"]))
    server = factory.create_local_server(app, config, manifest()["local"]["host"], port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    main()
