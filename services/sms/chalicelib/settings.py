"""The SMS channel's own settings (the shared ones are in shared.settings)."""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_DEV_DATA_KEY = base64.urlsafe_b64encode(hashlib.sha256(b"govportal-sms-local-development").digest()).decode()


class SmsSettings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    stage: str = Field("local", alias="STAGE")
    # Fernet key (32 url-safe base64 bytes) that encrypts stored phone numbers.
    data_key: str = Field(_DEV_DATA_KEY, alias="SMS_DATA_KEY")
    signature: str = Field("【集宁区政务】", alias="SMS_SIGNATURE")
    origination_identity: str = Field("", alias="SMS_ORIGINATION_IDENTITY")  # sender id, number or pool
    configuration_set: str = Field("", alias="SMS_CONFIGURATION_SET")
    hourly_limit: int = Field(10, ge=1, alias="SMS_HOURLY_LIMIT")
    # 22:00-08:00 China time; only end-to-end runs at night switch it off.
    quiet_hours: bool = Field(True, alias="SMS_QUIET_HOURS")
    workorders_commands_queue_url: str = Field("", alias="WORKORDERS_COMMANDS_QUEUE_URL")
    rating_commands_queue_url: str = Field("", alias="RATING_COMMANDS_QUEUE_URL")
    booking_commands_queue_url: str = Field("", alias="BOOKING_COMMANDS_QUEUE_URL")

    @model_validator(mode="after")
    def _dev_key_stays_local(self) -> SmsSettings:
        if self.data_key == _DEV_DATA_KEY and self.stage not in ("local", "test"):
            raise ValueError("SMS_DATA_KEY must be set outside the local stack")
        return self


@lru_cache(maxsize=1)
def sms_settings() -> SmsSettings:
    return SmsSettings()  # type: ignore[call-arg]
