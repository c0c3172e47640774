from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.conftest import EVENTS, channel_stack, drain_json, token, use_service

use_service("webhooks")

UNIT = "urban-management"
OTHER_UNIT = "water"


class Receiver:
    """A department's receiver: a real HTTP server that answers with the status codes the
    test sets (a list consumed one by one, then `default`) and keeps what it got."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.script: list[tuple[int, dict[str, str]]] = []
        self.default = 200
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                status, headers = outer.script.pop(0) if outer.script else (outer.default, {})
                outer.received.append({"headers": {k.lower(): v for k, v in self.headers.items()}, "body": body,
                                       "answered": status})
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def ok(self) -> list[dict[str, Any]]:
        return [r for r in self.received if 200 <= r["answered"] < 300]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def stack() -> Iterator[Any]:
    # every retry due at once
    with channel_stack("webhooks", WEBHOOK_BACKOFF_SCALE="0", STAGE="test") as aws_stack:
        yield aws_stack


@pytest.fixture(scope="module")
def client(stack: Any) -> Iterator[Any]:
    import app
    from chalice.test import Client

    with Client(app.app) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    yield server
    server.close()


def auth(role: str, subject: str, unit: str | None = None) -> dict[str, str]:
    return {**token(role, subject, unit), "Content-Type": "application/json"}


CC = ("command-centre", "cc-01", "command-center")


def example(name: str) -> dict[str, Any]:
    service = name.split(".", 1)[0]
    return json.loads((EVENTS / service / f"{name}.json").read_text(encoding="utf-8"))


def order_event(verb: str, case: str, unit: str = UNIT, **fields: Any) -> dict[str, Any]:
    """The workorders example envelope for `verb`, about order `case` handled by `unit`."""
    envelope = example(f"workorders.order.{verb}")
    payload = {**envelope["payload"], "case_number": case, "handler": {"kind": "department", "code": unit},
               "location": {"grid": "JN-S01-C01-G01", "community": "JN-S01-C01", "street": "JN-S01",
                            "point": {"lat": 41.0432, "lon": 113.0874}}, **fields}
    return {**envelope, "id": str(uuid.uuid4()), "payload": payload}


class Pumps:
    """The local Lambda event-source stand-ins over this module's moto stack."""

    def __init__(self, stack: Any) -> None:
        import app

        from infra.local.pump import SqsPump

        self.stack = stack
        self.inbox = SqsPump(app.consume_inbox, "consume_inbox", "govportal-webhooks-inbox", 10, endpoint=None, region="us-east-1")  # type: ignore[arg-type]
        self.deliveries = SqsPump(app.deliver, "deliver", "govportal-webhooks-deliveries", 3, endpoint=None, region="us-east-1")  # type: ignore[arg-type]

    def publish(self, *envelopes: dict[str, Any]) -> None:
        """As the workorders service publishes: SNS topic -> our inbox queue."""
        arn = self.stack.sns.create_topic(Name="govportal-workorders-events")["TopicArn"]
        for envelope in envelopes:
            self.stack.sns.publish(TopicArn=arn, Message=json.dumps(envelope),
                                   MessageAttributes={"name": {"DataType": "String", "StringValue": envelope["name"]}})
        while self.inbox.poll_once(wait_seconds=0)[0]:
            pass

    def deliver_all(self, rounds: int = 30) -> int:
        handled = 0
        for _ in range(rounds):
            got, _failed = self.deliveries.poll_once(wait_seconds=0)
            if not got:
                break
            handled += got
        return handled


@pytest.fixture(scope="module")
def pumps(stack: Any, client: Any) -> Pumps:
    return Pumps(stack)


def commands(stack: Any) -> list[dict[str, Any]]:
    return drain_json(stack)
