"""One local entry point for every service, routing by path prefix as API Gateway's base
path mappings do: /catalog/items -> the catalog service's /items. GET paths that match no
service are the portal's static site (web/dist).

Served by waitress (see infra.local.wsgi), forwarded with httpx: no HTTP is parsed here.
"""

from __future__ import annotations

import json
import logging
import mimetypes
import time
from pathlib import Path
from typing import Any

import httpx
from werkzeug.security import safe_join
from werkzeug.wrappers import Request, Response

from infra.local.wsgi import error_body, redact_url, request_target, say
from infra.local.wsgi import serve as serve_wsgi

# Headers that describe one connection, not the message (RFC 9110 7.6.1); the server and
# the date are the gateway's own (one of each).
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection", "te", "trailer",
              "proxy-authenticate", "proxy-authorization", "content-length", "host", "server", "date"}
METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"}

access_log = logging.getLogger("govportal.gateway")


def json_error(status: int, message: str, code: str | None = None, headers: dict[str, str] | None = None) -> Response:
    return Response(error_body(status, message, code), status=status, headers=headers,
                    content_type="application/json; charset=utf-8")


class Gateway:
    """WSGI app: `routes` maps a path prefix ("/catalog", "/_local/sms") to (host, port)."""

    def __init__(self, routes: dict[str, tuple[str, int]], static_dir: Path | None = None, timeout: float = 60) -> None:
        self.routes = dict(routes)
        self.static_dir = static_dir
        self.client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=5),
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=32),
            follow_redirects=False,
            trust_env=False,  # never through a proxy from the environment
        )

    def close(self) -> None:
        self.client.close()

    def match(self, path: str) -> tuple[str, tuple[str, int]] | None:
        for prefix in sorted(self.routes, key=len, reverse=True):  # /_local/sms before /_local
            if path == prefix or path.startswith(prefix + "/"):
                return prefix, self.routes[prefix]
        return None

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        started = time.perf_counter()
        request = Request(environ)
        target = request_target(environ)
        response = self.dispatch(request, target)
        access_log.info("%s %s %s %.0fms", request.method, redact_url(target), response.status_code,
                        (time.perf_counter() - started) * 1000)
        return response(environ, start_response)

    def dispatch(self, request: Request, target: str) -> Response:
        method = request.method.upper()
        if method not in METHODS:
            methods = ", ".join(sorted(METHODS))
            return json_error(501, say(request.headers, f"method {method} is not supported; use one of {methods}",
                                       f"不支持 {method} 方法；可用的方法：{methods}"), headers={"Allow": methods})
        path = target.split("?", 1)[0]
        if path == "/_local/token":  # the portal's demo sign-in (local stack only)
            return self.local_token(request)
        matched = self.match(path)
        if matched is None:
            if method in ("GET", "HEAD"):
                return self.static(request, path)
            services = ", ".join(sorted(self.routes))
            return json_error(404, say(request.headers, f"no service at {path}; the services are {services}",
                                       f"{path} 下没有服务；现有的服务：{services}"))
        prefix, (host, port) = matched
        rest = target[len(prefix):] or "/"
        if not rest.startswith("/"):
            rest = "/" + rest
        headers = [(k, v) for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP | {"x-forwarded-prefix"}]
        headers.append(("X-Forwarded-Prefix", prefix))  # the host names paths as the client sent them
        body = request.get_data(cache=False)  # the whole body: by Content-Length or de-chunked by the server
        try:
            # HEAD is GET without the body, which the server leaves out (Content-Length stays true).
            upstream = self.client.request("GET" if method == "HEAD" else method, f"http://{host}:{port}{rest}", headers=headers, content=body or None)
        except httpx.TimeoutException:
            return json_error(504, say(request.headers, f"the {prefix} service did not answer in time",
                                       f"{prefix} 服务未能及时应答，请稍后再试"), code="gateway_timeout")
        except httpx.HTTPError as exc:
            return json_error(502, say(request.headers, f"the {prefix} service is unreachable ({type(exc).__name__}); it may be restarting",
                                       f"{prefix} 服务暂时无法连接（{type(exc).__name__}），可能正在重启，请稍后再试"))
        out = Response(upstream.content, status=upstream.status_code)
        out.headers.clear()
        for key, value in upstream.headers.multi_items():
            if key.lower() not in HOP_BY_HOP:
                out.headers.add(key, value)
        return out

    @staticmethod
    def local_token(request: Request) -> Response:
        from infra.local import token_issuer

        status, body = token_issuer.issue(request.get_data()) if request.method == "POST" else (200, token_issuer.people())
        return Response(json.dumps(body, ensure_ascii=False), status=status, content_type="application/json; charset=utf-8")

    def static(self, request: Request, path: str) -> Response:
        """The portal's built site: files with their content type, `/` (and, for a browser
        asking for HTML, any path without a dot) -> index.html, anything else a JSON 404."""
        root = self.static_dir
        wants_html = "text/html" in (request.headers.get("Accept") or "")
        services = ", ".join(sorted(self.routes))
        not_found = json_error(404, say(request.headers, f"nothing at {path}; the services are {services}",
                                        f"{path} 不存在；现有的服务：{services}"))
        if root is None or not root.is_dir():
            return not_found
        relative = path.lstrip("/")
        candidate = safe_join(str(root), relative) if relative else None
        if candidate and Path(candidate).is_file():
            file = Path(candidate)
        elif (not relative or (wants_html and "." not in relative.rsplit("/", 1)[-1])) and (root / "index.html").is_file():
            file = root / "index.html"
        else:
            return not_found
        content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type in ("application/javascript", "application/json"):
            content_type += "; charset=utf-8"
        # Vite's hashed assets never change; index.html and the rest are checked again.
        cache = "public, max-age=31536000, immutable" if relative.startswith("assets/") else "no-cache"
        return Response(file.read_bytes(), content_type=content_type, headers={"Cache-Control": cache})


def serve(host: str, port: int, routes: dict[str, tuple[str, int]], static_dir: Path | None = None) -> Any:
    """The gateway's waitress server: `.run()` serves until `.close()`."""
    mimetypes.add_type("application/javascript", ".js")
    mimetypes.add_type("application/javascript", ".mjs")
    mimetypes.add_type("text/css", ".css")
    mimetypes.add_type("image/svg+xml", ".svg")
    mimetypes.add_type("application/manifest+json", ".webmanifest")
    server = serve_wsgi(Gateway(routes, static_dir), host, port, threads=32, name="govportal-gateway")
    return server
