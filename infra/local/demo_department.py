"""`make demo-department`: a department's own system on the local stack.

Starts a small HTTP receiver, registers it as urban-management's webhook endpoint through
the API (command-centre token), prints every delivery after checking its signature with
the `standardwebhooks` package, and answers each dispatch the way a department would:
"signed" a moment later, then "replied", posted signed to /webhooks/inbound/{unit}.

    python -m infra.local.demo_department [--unit urban-management] [--base http://127.0.0.1:8000]
"""

from __future__ import annotations

import argparse
import json
import os
import threading
import time
import urllib.error
import urllib.request
import uuid
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standardwebhooks import Webhook, WebhookVerificationError

from shared.auth import issue_local_token

EVENTS = ["workorder.dispatched", "workorder.reopened", "workorder.escalated", "workorder.rated", "workorder.merged"]


def call(method: str, url: str, body: dict[str, Any] | None = None, headers: dict[str, str] | None = None,
         raw: bytes | None = None, timeout: float = 15) -> tuple[int, Any]:
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


class Department:
    def __init__(self, base: str, unit: str, reply_after: float) -> None:
        self.base = base.rstrip("/")
        self.unit = unit
        self.reply_after = reply_after
        self.secret = ""
        self.received: list[dict[str, Any]] = []  # verified deliveries (tests read them)
        self.answers: list[tuple[str, str, int, Any]] = []  # (case, type, status, body) posted back

    def register(self, url: str) -> None:
        centre = {"Authorization": f"Bearer {issue_local_token('cc-demo', 'command-centre', 'command-center')}"}
        status, body = call("PUT", f"{self.base}/webhooks/endpoints/{self.unit}", {"url": url, "events": EVENTS}, centre)
        if status == 200:  # registered before: the secret is shown only on creation, so rotate
            status, body = call("POST", f"{self.base}/webhooks/endpoints/{self.unit}/rotate", None, centre)
        if status not in (200, 201):
            raise SystemExit(f"could not register the endpoint: {status} {body}")
        self.secret = body["secret"]
        print(f"registered {url} for {self.unit}; signing secret received (kept in memory only)", flush=True)

    def post_inbound(self, kind: str, data: dict[str, Any]) -> tuple[int, Any]:
        raw = json.dumps({"type": kind, "data": data}, ensure_ascii=False)
        msg_id = f"demo-{uuid.uuid4()}"
        now = datetime.now(UTC)
        headers = {"webhook-id": msg_id, "webhook-timestamp": str(int(now.timestamp())),
                   "webhook-signature": Webhook(self.secret).sign(msg_id, now, raw)}
        return call("POST", f"{self.base}/webhooks/inbound/{self.unit}", headers=headers, raw=raw.encode())

    def answer(self, case_number: str) -> None:
        time.sleep(self.reply_after)
        signed = self.post_inbound("workorder.signed", {"case_number": case_number})
        self.answers.append((case_number, "workorder.signed", *signed))
        print(f"  -> {case_number}: signed: {signed}", flush=True)
        for _ in range(15):  # "replied" is allowed once the system has taken the signature
            time.sleep(self.reply_after)
            status, body = self.post_inbound("workorder.replied", {"case_number": case_number, "text": "已派人处理完毕(演示部门系统自动答复)"})
            if status != 409:
                break
        self.answers.append((case_number, "workorder.replied", status, body))
        print(f"  -> {case_number}: replied: {(status, body)}", flush=True)

    def handler(self) -> type[BaseHTTPRequestHandler]:
        department = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                raw = self.rfile.read(int(self.headers.get("content-length") or 0))
                try:
                    payload = Webhook(department.secret).verify(raw, {k: v for k, v in self.headers.items()})
                except WebhookVerificationError as exc:
                    print(f"REJECTED a delivery: {exc}", flush=True)
                    self.send_response(401)
                    self.end_headers()
                    return
                data = payload.get("data", {})
                department.received.append(payload)
                print(f"[signature ok] {payload['type']} {data.get('case_number')} {data.get('category')} {data.get('text')!r} "
                      f"deadline {data.get('deadline')} at {data.get('location', {}).get('grid')}", flush=True)
                self.send_response(204)
                self.end_headers()
                if payload["type"] in ("workorder.dispatched", "workorder.reopened"):
                    threading.Thread(target=department.answer, args=(data["case_number"],), daemon=True).start()

            def log_message(self, *args: Any) -> None:
                pass

        return Handler


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--unit", default="urban-management")
    parser.add_argument("--base", default=f"http://127.0.0.1:{os.environ.get('PORT', '8000')}")
    parser.add_argument("--port", type=int, default=int(os.environ.get("DEMO_PORT", "0")))
    parser.add_argument("--reply-after", type=float, default=2.0)
    args = parser.parse_args()
    department = Department(args.base, args.unit, args.reply_after)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), department.handler())
    department.register(f"http://127.0.0.1:{server.server_address[1]}/hooks")
    print("waiting for deliveries (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
