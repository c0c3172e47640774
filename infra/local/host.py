"""Hosts one service locally: its Chalice app behind Chalice's local API Gateway emulation,
plus the SQS pumps and schedules for its event handlers. One process per service, because
every service has its own `chalicelib` package.

    python -m infra.local.host <service> [--seed]

Resource names and the local AWS endpoint come from the environment set by infra.local.run.
"""

from __future__ import annotations

import argparse
import base64
import importlib
import os
import sys
import threading
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from infra.local.wsgi import error_body, request_target, say
from infra.local.wsgi import serve as serve_wsgi
from infra.manifest import ROOT, manifest, services

METHODS = ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")


class ServiceApp:
    """WSGI app in front of one Chalice app, standing in for API Gateway: the request becomes
    the proxy event Lambda would receive (chalice.local's LocalGateway builds it), and what
    API Gateway answers itself (no such route, a method the route lacks) is answered here in
    the project's format, as the packaged templates' gateway responses do in AWS."""

    def __init__(self, app: Any, config: Any) -> None:
        from chalice.local import CustomLocalChalice, LocalChalice, LocalGateway, RouteMatcher

        # As chalice.local.create_local_server: current_request becomes per-thread.
        CustomLocalChalice.__bases__ = (LocalChalice, app.__class__)
        app.__class__ = CustomLocalChalice
        self.app = app
        self.gateway = LocalGateway(app, config)
        self.matcher = RouteMatcher(list(app.routes))
        build_event = self.gateway.event_converter.create_lambda_event

        def decoded_path_parameters(**kwargs: Any) -> dict[str, Any]:
            event: dict[str, Any] = build_event(**kwargs)  # API Gateway decodes path parameters
            if event.get("pathParameters"):
                event["pathParameters"] = {k: unquote(v) for k, v in event["pathParameters"].items()}
            return event

        self.gateway.event_converter.create_lambda_event = decoded_path_parameters  # type: ignore[method-assign,assignment]

    def _error(self, start_response: Any, status: int, message: str, headers: list[tuple[str, str]] | None = None) -> list[bytes]:
        body = error_body(status, message)
        start_response(f"{status} {HTTPStatus(status).phrase}", [
            ("Content-Type", "application/json; charset=utf-8"), ("Content-Length", str(len(body))), *(headers or [])])
        return [body]

    def __call__(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        from chalice.local import LocalGatewayException
        from werkzeug.wrappers import Request

        request = Request(environ)
        target = request_target(environ)
        # As the client sent it: the gateway took its prefix ("/catalog") off and says which.
        path = (request.headers.get("X-Forwarded-Prefix") or "") + target.split("?", 1)[0]
        method = request.method.upper()
        if method not in METHODS:
            return self._error(start_response, 501, say(request.headers, f"method {method} is not supported", f"不支持 {method} 方法"),
                               [("Allow", ", ".join(METHODS))])
        try:
            route = self.matcher.match_route(target).route
        except ValueError:
            return self._error(start_response, 404, say(request.headers, f"no route {method} {path}", f"没有 {method} {path} 这个接口"))
        allowed = set(self.app.routes[route])
        if method == "HEAD" and "GET" in allowed:
            method = "GET"  # the server sends the headers only
        if method not in allowed and method != "OPTIONS":
            allow = sorted(allowed | ({"HEAD"} if "GET" in allowed else set()) | {"OPTIONS"})
            accepted = ", ".join(allow)
            return self._error(start_response, 405, say(request.headers, f"{path} accepts {accepted}, not {method}",
                                                        f"{path} 只接受 {accepted}，不接受 {method}"), [("Allow", accepted)])
        headers = dict(request.headers.items())
        body = request.get_data(cache=False) or None
        try:
            response = self.gateway.handle_request(method=method, path=target, headers=headers, body=body)
        except LocalGatewayException as exc:
            return self._error(start_response, exc.CODE, say(request.headers, "not authorised", "未授权"))
        payload = response.get("body")
        if response.get("isBase64Encoded") and payload is not None:
            payload = base64.b64decode(payload)
        data = b"" if payload is None else payload if isinstance(payload, bytes) else str(payload).encode()
        out: list[tuple[str, str]] = []
        for key, value in response.get("headers", {}).items():
            out.append((key, str(value)))
        for key, values in (response.get("multiValueHeaders") or {}).items():
            out.extend((key, str(v)) for v in values)
        if not any(k.lower() == "content-type" for k, _ in out):
            out.append(("Content-Type", "application/json"))
        out = [(k, v) for k, v in out if k.lower() != "content-length"] + [("Content-Length", str(len(data)))]
        status = int(response["statusCode"])
        start_response(f"{status} {HTTPStatus(status).phrase}", out)
        return [data]


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
    port = int(os.environ.get("SERVICE_PORT", spec["port"]))
    server = serve_wsgi(ServiceApp(app, config), manifest()["local"]["host"], port, name=f"govportal-{args.service}")
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.close()


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    main()
