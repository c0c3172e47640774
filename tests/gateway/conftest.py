"""The local entry point spoken to with raw sockets: what curl, a browser or a hostile
client send, byte for byte."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.bench.localstack import local_stack

IDLE_TIMEOUT = 2  # seconds a silent connection is kept (LOCAL_IDLE_TIMEOUT)


@pytest.fixture(scope="session")
def stack() -> Iterator[str]:
    with local_stack(["catalog", "workorders"], LOCAL_IDLE_TIMEOUT=str(IDLE_TIMEOUT)) as url:
        yield url


@pytest.fixture(scope="session")
def address(stack: str) -> tuple[str, int]:
    host, port = stack.removeprefix("http://").split(":")
    return host, int(port)


class Connection:
    """A raw client connection that reads HTTP/1.1 responses (Content-Length bodies)."""

    def __init__(self, address: tuple[str, int], timeout: float = 10) -> None:
        self.sock = socket.create_connection(address, timeout=timeout)
        self.pending = b""

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *_: Any) -> None:
        self.sock.close()

    def send(self, raw: bytes) -> None:
        self.sock.sendall(raw)

    def response(self, timeout: float = 10, head: bool = False) -> tuple[int, dict[str, list[str]], bytes] | None:
        """One response, None if the server closed the connection first."""
        self.sock.settimeout(timeout)
        buffer = self.pending
        while b"\r\n\r\n" not in buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                return None
            buffer += chunk
        head_bytes, _, rest = buffer.partition(b"\r\n\r\n")
        lines = head_bytes.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers: dict[str, list[str]] = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers.setdefault(name.strip().lower(), []).append(value.strip())
        length = 0 if head else int(headers.get("content-length", ["0"])[0])
        while len(rest) < length:
            chunk = self.sock.recv(65536)
            if not chunk:
                break
            rest += chunk
        self.pending = rest[length:]
        return status, headers, rest[:length]


def exchange(address: tuple[str, int], raw: bytes, *, responses: int = 1, head: bool = False) -> list[tuple[int, dict[str, list[str]], bytes]]:
    """Sends raw bytes on one connection and reads up to `responses` responses."""
    with Connection(address) as conn:
        conn.send(raw)
        out = []
        for index in range(responses):
            try:
                response = conn.response(timeout=3 if out else 10, head=head and index == 0)
            except (TimeoutError, ConnectionResetError):
                break
            if response is None:
                break
            out.append(response)
        return out


def as_json(body: bytes) -> Any:
    return json.loads(body)


def project_error(body: bytes) -> dict[str, Any]:
    """The project's error format, asserted."""
    data = json.loads(body)
    assert set(data) == {"error"}, data
    assert isinstance(data["error"]["code"], str) and isinstance(data["error"]["message"], str), data
    return data["error"]  # type: ignore[no-any-return]


def wait_closed(sock: socket.socket, seconds: float) -> float:
    """Seconds until the server closed the connection (raises if it stays open longer)."""
    started = time.time()
    sock.settimeout(seconds)
    while True:
        data = sock.recv(1024)
        if not data:
            return time.time() - started
