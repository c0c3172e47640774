"""The local stand-in for pinpoint-sms-voice-v2 on a real HTTP server, driven by boto3's
own client (the AWS adapter), and its local listing."""

from __future__ import annotations

import json
import threading
import urllib.request
from collections.abc import Iterator

import boto3
import pytest
from botocore.exceptions import ClientError
from werkzeug.serving import make_server

from infra.local.sms_gateway import SmsGateway


@pytest.fixture(scope="module")
def gateway() -> Iterator[str]:
    server = make_server("127.0.0.1", 0, SmsGateway(None), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_boto3_sends_through_the_stand_in_and_the_text_is_listed(gateway: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from chalicelib.adapters import sender as sender_module

    monkeypatch.setenv("AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2", gateway)
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")  # the moto endpoint must not be used for SMS
    from shared.settings import reset_settings

    reset_settings()
    sender_module.reset()
    first = sender_module.PinpointSender().send("+8613800000001", "【集宁区政务】第一条")
    second = sender_module.PinpointSender().send("+8613800000001", "【集宁区政务】第二条")
    sender_module.PinpointSender().send("+8613900000002", "【集宁区政务】别人的")
    assert first != second
    with urllib.request.urlopen(f"{gateway}/_local/sms/messages?to=%2B8613800000001") as response:
        listed = json.loads(response.read())
    assert [m["body"] for m in listed] == ["【集宁区政务】第二条", "【集宁区政务】第一条"]
    assert set(listed[0]) >= {"to", "from", "body", "sent_at"} and listed[0]["sent_at"].endswith("+08:00")
    sender_module.reset()


def test_other_operations_are_refused_as_aws_would(gateway: str) -> None:
    client = boto3.client("pinpoint-sms-voice-v2", endpoint_url=gateway, region_name="us-east-1")
    with pytest.raises(ClientError) as raised:
        client.describe_phone_numbers()
    assert raised.value.response["Error"]["Code"] == "UnknownOperationException"
    with pytest.raises(ClientError) as raised:
        client.send_text_message(DestinationPhoneNumber="13800000001", MessageBody="x")
    assert raised.value.response["Error"]["Code"] == "ValidationException"
