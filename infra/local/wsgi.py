"""The local HTTP servers' common ground: waitress (a production WSGI server) parses HTTP,
werkzeug builds requests and responses, and every error, including the ones the server
answers itself (bad Content-Length, oversized headers, bodies over the limit), comes out
in the project's format {"error": {"code", "message"}}.

waitress reads a whole request (headers, and the body by Content-Length or chunked) before
a worker thread sees it, so a slow or half-sent request holds no thread, a body is always
consumed before the next request on the connection is parsed (no smuggling), and an idle
connection is closed after `idle_timeout` seconds.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import quote, quote_from_bytes

from waitress import parser as waitress_parser
from waitress.channel import HTTPChannel
from waitress.server import create_server
from waitress.task import ErrorTask

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

# Chinese and raw bytes in a URL are percent-encoded (UTF-8 bytes as they came); what is
# already percent-encoded, and the URL's own delimiters, stay as they are.
_URL_SAFE = "!#$%&'()*+,/:;=?@[]~-._"

# Phone and ID numbers never reach an access line.
_PII_IN_URL = re.compile(r"(?<!\d)(?:\d{17}[\dXx]|1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)")

CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    408: "request_timeout",
    413: "payload_too_large",
    415: "unsupported_media_type",
    431: "header_too_large",
    500: "internal",
    501: "not_implemented",
    502: "bad_gateway",
    503: "unavailable",
}


_VISIBLE_ASCII = "".join(chr(c) for c in range(0x21, 0x7F))
_split_uri = waitress_parser.split_uri


def _split_uri_with_raw_bytes(uri: bytes) -> Any:
    """curl sends `?q=低保` as raw UTF-8 and waitress (through urllib) accepts ASCII only:
    bytes above 0x7f are percent-encoded first, as a browser does, so any byte is a
    well-formed URL (0xff becomes %FF; the services decide what it means)."""
    if any(byte > 0x7F for byte in uri):
        uri = quote_from_bytes(uri, safe=_VISIBLE_ASCII).encode("ascii")
    return _split_uri(uri)


waitress_parser.split_uri = _split_uri_with_raw_bytes


def error_body(status: int, message: str, code: str | None = None) -> bytes:
    """The project's error format; `message` already in the caller's language (`say`)."""
    return json.dumps({"error": {"code": code or CODES.get(status, "error"), "message": message}}, ensure_ascii=False).encode()


def say(headers: Any, en: str, zh: str) -> str:
    """The local edge's own messages as the services answer: Chinese unless the request's
    Accept-Language prefers English (shared.errors.language_of)."""
    from shared.errors import language_of

    return en if language_of(headers) == "en" else zh


def request_target(environ: dict[str, Any]) -> str:
    """The request's path and query as the client sent them, percent-encoded to ASCII.

    WSGI hands over the raw URI as latin-1 text (PEP 3333), so encoding it back gives the
    client's bytes: raw UTF-8 ("?q=低保" from curl) and stray bytes (0xff) survive as %XX."""
    raw = environ.get("REQUEST_URI") or (environ.get("PATH_INFO", "/") + ("?" + environ["QUERY_STRING"] if environ.get("QUERY_STRING") else ""))
    target = quote(raw.encode("latin-1"), safe=_URL_SAFE)
    if target.startswith(("http://", "https://")):  # absolute-form: keep the path only
        target = "/" + target.split("/", 3)[3] if target.count("/") >= 3 else "/"
    return target if target.startswith("/") else "/" + target


def redact_url(target: str) -> str:
    return _PII_IN_URL.sub("[redacted]", target)


class JsonErrorTask(ErrorTask):
    """The server's own error answers (400 malformed request, 413, 431, ...) in the
    project's format instead of waitress' plain text."""

    def execute(self) -> None:
        error = self.request.error
        self.status = f"{error.code} {error.reason}"
        detail = str(error.body or error.reason).strip()
        body = error_body(error.code, f"{error.reason}: {detail}" if detail != error.reason else detail)
        self.response_headers.append(("Content-Type", "application/json; charset=utf-8"))
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class JsonErrorChannel(HTTPChannel):
    error_task_class = JsonErrorTask


def serve(app: WSGIApp, host: str, port: int, *, threads: int = 16, name: str = "govportal-local") -> Any:
    """A waitress server (not yet running: call .run(), stop with .close())."""
    idle = int(os.environ.get("LOCAL_IDLE_TIMEOUT", "30"))
    server = create_server(
        app,
        host=host,
        port=port,
        threads=threads,
        ident=name,
        channel_timeout=idle,
        cleanup_interval=max(1, min(idle, 5)),
        max_request_header_size=16 * 1024,
        max_request_body_size=1024 * 1024,
        backlog=256,  # no resets under a burst of connections
        connection_limit=1000,
        clear_untrusted_proxy_headers=True,
        expose_tracebacks=False,
    )
    server.channel_class = JsonErrorChannel
    return server
