"""The outbound HTTP call, with urllib3: resolves the host, refuses blocked addresses, and
connects to the address it checked (so DNS cannot change between check and call)."""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import urllib3

from chalicelib.domain.addresses import address_allowed, url_problem


@dataclass(frozen=True)
class Attempt:
    status_code: int | None
    retry_after: str | None
    error: str | None
    duration_ms: int


class HttpSender:
    def __init__(self, *, allow_local_http: bool, timeout_seconds: float = 15.0) -> None:
        self.allow_local_http = allow_local_http
        self.timeout = urllib3.Timeout(connect=min(5.0, timeout_seconds), read=timeout_seconds)

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> Attempt:
        started = time.monotonic()

        def done(status: int | None, retry_after: str | None = None, error: str | None = None) -> Attempt:
            return Attempt(status, retry_after, error, int((time.monotonic() - started) * 1000))

        problem = url_problem(url, allow_local_http=self.allow_local_http)
        if problem:
            return done(None, error=f"blocked: {problem}")
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as exc:
            return done(None, error=f"DNS: {exc}")
        addresses = [str(info[4][0]) for info in infos]
        if not addresses or not all(address_allowed(a, allow_local_http=self.allow_local_http) for a in addresses):
            return done(None, error="blocked: the host resolves to a private, loopback or link-local address")
        ip = addresses[0]
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        pool: urllib3.HTTPConnectionPool
        if parts.scheme == "https":
            pool = urllib3.HTTPSConnectionPool(ip, port, timeout=self.timeout, retries=False, server_hostname=host,
                                               assert_hostname=host, cert_reqs="CERT_REQUIRED")
        else:
            pool = urllib3.HTTPConnectionPool(ip, port, timeout=self.timeout, retries=False)
        host_header = host if parts.port is None else f"{host}:{parts.port}"
        try:
            response = pool.urlopen("POST", path, body=body, headers={**headers, "Host": host_header},
                                    redirect=False, preload_content=False)
            response.read(64 * 1024, decode_content=False)  # bounded: we only need the status
            response.release_conn()
            return done(response.status, response.headers.get("Retry-After"))
        except urllib3.exceptions.HTTPError as exc:
            return done(None, error=type(exc).__name__)
        finally:
            pool.close()
