"""Request and response bodies of the SMS channel's routes."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class SubscriptionRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    phone: str = Field(min_length=5, max_length=20, description="the resident's own verified mobile number")
    notify: bool = Field(description="agree to progress texts (办理进度短信通知)")


class Subscription(BaseModel):
    registered: bool
    notify: bool
    opted_out: bool
