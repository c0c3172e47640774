"""One local entry point for every service, routing by path prefix as API Gateway's base
path mappings do: /catalog/items -> the catalog service's /items."""

from __future__ import annotations

import http.client
import json
import mimetypes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

WEB_DIST = Path(__file__).resolve().parents[2] / "web" / "dist"
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection", "te", "trailer"}


def make_handler(routes: dict[str, tuple[str, int]]) -> type[BaseHTTPRequestHandler]:
    class Gateway(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quieter than the default
            pass

        def _send_json(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _send_file(self, path: Path) -> None:
            data = path.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
            # Hashed assets never change; index.html is checked every time.
            self.send_header("Cache-Control", "public, max-age=31536000, immutable" if "/assets/" in str(path) else "no-cache")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _local_token(self) -> None:
            from infra.local import token_issuer

            if self.command == "POST":
                length = int(self.headers.get("Content-Length") or 0)
                self._send_json(*token_issuer.issue(self.rfile.read(length) if length else b""))
            else:
                self._send_json(200, token_issuer.people())

        def _proxy(self) -> None:
            prefix = "/" + self.path.lstrip("/").split("/", 1)[0].split("?", 1)[0]
            path = self.path.split("?", 1)[0]
            # Multi-segment local routes (chalice.json local.routes, e.g. /_local/sms) win.
            prefix = max((p for p in routes if path == p or path.startswith(p + "/")), key=len, default=prefix)
            target = routes.get(prefix)
            if self.path.split("?", 1)[0] == "/_local/token":
                self._local_token()
                return
            if target is None and self.command == "GET" and (WEB_DIST / "index.html").is_file():
                # The portal's static site: a file under web/dist, else index.html (SPA fallback).
                wanted = (WEB_DIST / self.path.split("?", 1)[0].lstrip("/")).resolve()
                inside = wanted.is_relative_to(WEB_DIST.resolve()) and wanted.is_file()
                self._send_file(wanted if inside else WEB_DIST / "index.html")
                return
            if target is None:
                self._send_json(
                    404,
                    {"error": {"code": "not_found", "message": f"no service at {prefix}; try one of {sorted(routes)}"}},
                )
                return
            rest = self.path[len(prefix):] or "/"
            if not rest.startswith("/"):
                rest = "/" + rest
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP and k.lower() != "host"}
            connection = http.client.HTTPConnection(*target, timeout=60)
            try:
                connection.request(self.command, rest, body=body, headers=headers)
                response = connection.getresponse()
                data = response.read()
            except OSError as exc:
                self._send_json(502, {"error": {"code": "bad_gateway", "message": f"{prefix} service unreachable: {exc}"}})
                return
            finally:
                connection.close()
            self.send_response(response.status)
            for key, value in response.getheaders():
                if key.lower() not in HOP_BY_HOP and key.lower() != "content-length":
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _proxy

    return Gateway


class GatewayServer(ThreadingHTTPServer):
    # The default listen backlog of 5 resets connections under a burst of requests.
    request_queue_size = 256
    daemon_threads = True


def serve(host: str, port: int, routes: dict[str, tuple[str, int]]) -> ThreadingHTTPServer:
    server = GatewayServer((host, port), make_handler(routes))
    return server
