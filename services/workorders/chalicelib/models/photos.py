"""Bodies of the photo routes (extra fields are refused)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from chalicelib.models.requests import Strict

UploadKey = Annotated[str, Field(min_length=1, max_length=200)]


class UploadIn(Strict):
    content_type: Literal["image/jpeg", "image/png", "image/webp"]
    share_location: bool = False  # the resident ticked "share the photo's location"


class AttachIn(Strict):
    stage: Literal["before", "after"]
    photos: list[UploadKey] = Field(min_length=1, max_length=3)
