"""The local stand-in for AWS End User Messaging SMS (pinpoint-sms-voice-v2), which moto
does not emulate.

- Speaks the API's AWS JSON 1.0 protocol for SendTextMessage (X-Amz-Target
  PinpointSMSVoiceV2.SendTextMessage), so services use boto3 unchanged with
  AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2 pointing here; records every text it "sends".
- GET  /_local/sms/messages?to=<E.164>: the texts sent to that number, newest first.
- POST /_local/sms/inbound {"from", "text"[, "to"]}: a person texts in; the payload AWS
  would publish (originationNumber, messageBody, inboundMessageId, ...) goes to the
  govportal-sms-inbound topic on the local AWS, as two-way SMS does.

    python -m infra.local.sms_gateway serve --port 8199 --aws http://127.0.0.1:4566
    python -m infra.local.sms_gateway text --from +8613800000001 --text '小区路灯坏了'   # make sms
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import urllib.error
import urllib.request
import uuid
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import boto3
from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, Rule
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

CHINA = ZoneInfo("Asia/Shanghai")
TARGET = "PinpointSMSVoiceV2.SendTextMessage"
PREFIX = "/_local/sms"
INBOUND_TOPIC = "govportal-sms-inbound"
LOCAL_NUMBER = "+8610690012345"  # the demo long code residents text


def _json(body: Any, status: int = 200, content_type: str = "application/json; charset=utf-8") -> Response:
    return Response(json.dumps(body, ensure_ascii=False), status=status, content_type=content_type)


def _aws_error(kind: str, message: str, status: int = 400) -> Response:
    return _json({"__type": kind, "message": message}, status, "application/x-amz-json-1.0")


class SmsGateway:
    def __init__(self, aws_endpoint: str | None, region: str = "us-east-1") -> None:
        self.aws_endpoint = aws_endpoint
        self.region = region
        self.sent: list[dict[str, str]] = []
        self._lock = threading.Lock()
        self.urls = Map(
            [
                Rule("/", endpoint="api", methods=["POST"]),
                Rule(f"{PREFIX}/messages", endpoint="messages", methods=["GET"]),
                Rule(f"{PREFIX}/inbound", endpoint="inbound", methods=["POST"]),
                # The gateway may strip the route prefix: the same paths without it.
                Rule("/messages", endpoint="messages", methods=["GET"]),
                Rule("/inbound", endpoint="inbound", methods=["POST"]),
            ]
        )

    # -- the AWS API ---------------------------------------------------------------------------
    def api(self, request: Request) -> Response:
        target = request.headers.get("X-Amz-Target", "")
        if target != TARGET:
            return _aws_error("UnknownOperationException", f"the local SMS gateway implements {TARGET} only, not {target!r}")
        try:
            body = json.loads(request.get_data(as_text=True) or "{}")
        except json.JSONDecodeError:
            return _aws_error("SerializationException", "body is not JSON")
        to, text = body.get("DestinationPhoneNumber"), body.get("MessageBody")
        if not isinstance(to, str) or not to.startswith("+") or not isinstance(text, str) or not text:
            return _aws_error("ValidationException", "DestinationPhoneNumber (E.164) and MessageBody are required")
        message_id = str(uuid.uuid4())
        record = {
            "message_id": message_id,
            "to": to,
            "from": body.get("OriginationIdentity") or LOCAL_NUMBER,
            "body": text,
            "message_type": body.get("MessageType", "TRANSACTIONAL"),
            "sent_at": datetime.now(CHINA).isoformat(timespec="milliseconds"),
        }
        with self._lock:
            self.sent.append(record)
        return _json({"MessageId": message_id}, content_type="application/x-amz-json-1.0")

    # -- local helpers -------------------------------------------------------------------------
    def messages(self, request: Request) -> Response:
        to = request.args.get("to", "").replace(" ", "+")  # an unencoded "+" arrives as a space
        if not to:
            return _json({"error": {"code": "bad_request", "message": "缺少参数 to (the E.164 number, e.g. %2B8613800000001)"}}, 400)
        with self._lock:
            found = [m for m in reversed(self.sent) if m["to"] == to]
        return _json([{k: m[k] for k in ("to", "from", "body", "sent_at", "message_id")} for m in found])

    def inbound(self, request: Request) -> Response:
        try:
            body = json.loads(request.get_data(as_text=True) or "{}")
        except json.JSONDecodeError:
            return _json({"error": {"code": "bad_request", "message": "请求体不是JSON (body is not JSON)"}}, 400)
        origin, text = body.get("from"), body.get("text")
        if not isinstance(origin, str) or not isinstance(text, str):
            return _json({"error": {"code": "bad_request", "message": "需要 from 和 text 字段 (from and text are required)"}}, 400)
        with self._lock:
            last = next((m for m in reversed(self.sent) if m["to"] == origin), None)
        payload = {
            "originationNumber": origin,
            "destinationNumber": body.get("to") or LOCAL_NUMBER,
            "messageKeyword": "KEYWORD_123456789012",
            "messageBody": text,
            "inboundMessageId": str(uuid.uuid4()),
            # As AWS does: the id of the last text sent to this number, which this one answers.
            "previousPublishedMessageId": last["message_id"] if last else None,
        }
        if payload["previousPublishedMessageId"] is None:
            del payload["previousPublishedMessageId"]
        try:
            sns = boto3.client("sns", endpoint_url=self.aws_endpoint, region_name=self.region)
            topic = sns.create_topic(Name=INBOUND_TOPIC)["TopicArn"]  # idempotent: returns the existing ARN
            sns.publish(TopicArn=topic, Message=json.dumps(payload, ensure_ascii=False))
        except Exception as exc:  # noqa: BLE001 - reported to the caller
            return _json({"error": {"code": "bad_gateway", "message": f"local AWS unreachable: {exc!r}"}}, 502)
        return _json({"inboundMessageId": payload["inboundMessageId"]}, 202)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        adapter = self.urls.bind_to_environ(environ)
        try:
            endpoint, _ = adapter.match()
            response = getattr(self, endpoint)(request)
        except HTTPException as exc:
            response = _json({"error": {"code": "not_found" if exc.code == 404 else "bad_request", "message": str(exc.description)}}, exc.code or 400)
        return response(environ, start_response)


def serve(host: str, port: int, aws_endpoint: str | None) -> None:
    server = make_server(host, port, SmsGateway(aws_endpoint), threaded=True)
    print(f"[sms-gateway] local SMS (pinpoint-sms-voice-v2) at http://{host}:{port}", flush=True)
    server.serve_forever()


def text_in(gateway: str, origin: str, text: str) -> int:
    request = urllib.request.Request(
        f"{gateway}{PREFIX}/inbound",
        data=json.dumps({"from": origin, "text": text}, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            print(response.read().decode())
    except urllib.error.URLError as exc:
        print(f"make sms: the local portal does not answer at {gateway} ({exc}); start it with `make run`", file=sys.stderr)
        return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    serve_cmd = sub.add_parser("serve")
    serve_cmd.add_argument("--host", default="127.0.0.1")
    serve_cmd.add_argument("--port", type=int, required=True)
    serve_cmd.add_argument("--aws", default=os.environ.get("AWS_ENDPOINT_URL"))
    text_cmd = sub.add_parser("text")
    text_cmd.add_argument("--from", dest="origin", required=True)
    text_cmd.add_argument("--text", required=True)
    text_cmd.add_argument("--gateway", default=f"http://127.0.0.1:{os.environ.get('PORT', '8000')}")
    args = parser.parse_args()
    if args.command == "serve":
        serve(args.host, args.port, args.aws)
        return 0
    return text_in(args.gateway, args.origin, args.text)


if __name__ == "__main__":
    sys.exit(main())
