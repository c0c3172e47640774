"""Settings read from the environment once per container and validated."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    service_name: str = Field("govportal", alias="POWERTOOLS_SERVICE_NAME")
    stage: str = Field("local", alias="STAGE")
    region: str = Field("us-east-1", alias="AWS_DEFAULT_REGION")
    # boto3 honours AWS_ENDPOINT_URL on its own; it is read here too so it is validated
    # and visible in one place. Unset in AWS.
    endpoint_url: str | None = Field(None, alias="AWS_ENDPOINT_URL")  # "" means unset
    table_name: str = Field("", alias="TABLE_NAME")
    idempotency_table_name: str = Field("", alias="IDEMPOTENCY_TABLE_NAME")
    events_topic_arn: str = Field("", alias="EVENTS_TOPIC_ARN")
    auth_mode: Literal["local", "cognito"] = Field("local", alias="AUTH_MODE")
    # Local tokens are signed with this key; it is a development key, never used in AWS.
    local_jwt_secret: str = Field("govportal-local-development-key-not-a-secret", alias="LOCAL_JWT_SECRET")
    # Signs page tokens (integrity only). Each deployed stage should set its own.
    page_token_key: str = Field("govportal-page-token-local", alias="PAGE_TOKEN_KEY")
    cognito_issuer: str = Field("", alias="COGNITO_ISSUER")
    cognito_audience: str = Field("", alias="COGNITO_AUDIENCE")
    # Keys the hash that turns a phone number into a resident subject (shared.identity).
    # The default is a development key; every deployed stage sets its own.
    phone_key: str = Field("govportal-phone-key-local-development", alias="PHONE_KEY")

    @model_validator(mode="after")
    def _local_keys_stay_local(self) -> Settings:
        # The local signing key is in the repository: anywhere but the local stack it would
        # let anyone mint a command-centre token, so refuse to start instead.
        if self.auth_mode == "local" and self.stage not in ("local", "test"):
            raise ValueError(f"AUTH_MODE=local is only for the local stack, not STAGE={self.stage}")
        if self.auth_mode == "cognito" and not (self.cognito_issuer and self.cognito_audience):
            raise ValueError("AUTH_MODE=cognito needs COGNITO_ISSUER and COGNITO_AUDIENCE")
        return self


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()  # type: ignore[call-arg]


def reset_settings() -> None:
    """For tests that change the environment."""
    get_settings.cache_clear()
