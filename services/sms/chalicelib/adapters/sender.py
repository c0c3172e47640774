"""Sends texts with AWS End User Messaging SMS (pinpoint-sms-voice-v2 SendTextMessage).

The client is built without the shared AWS_ENDPOINT_URL so that boto3's per-service
variable AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2 (the local stand-in) applies; in AWS
neither is set."""

from __future__ import annotations

from functools import cache
from typing import Any

import boto3
from botocore.config import Config

from shared.settings import get_settings

_CONFIG = Config(retries={"max_attempts": 3, "mode": "standard"}, connect_timeout=3, read_timeout=10)


@cache
def _client() -> Any:
    return boto3.session.Session().client("pinpoint-sms-voice-v2", region_name=get_settings().region, config=_CONFIG)


def reset() -> None:
    _client.cache_clear()


class PinpointSender:
    def __init__(self, origination_identity: str = "", configuration_set: str = "") -> None:
        self.origination_identity = origination_identity
        self.configuration_set = configuration_set

    def send(self, to: str, body: str) -> str:
        kwargs: dict[str, Any] = {"DestinationPhoneNumber": to, "MessageBody": body, "MessageType": "TRANSACTIONAL"}
        if self.origination_identity:
            kwargs["OriginationIdentity"] = self.origination_identity
        if self.configuration_set:
            kwargs["ConfigurationSetName"] = self.configuration_set
        return str(_client().send_text_message(**kwargs)["MessageId"])
