"""Query parameters of the public routes. extra="forbid": an unknown parameter is a 400
that names it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ItemType = Literal[
    "licence",
    "benefit",
    "confirmation",
    "levy",
    "reward",
    "adjudication",
    "other-power",
    "public-service",
]
Level = Literal["community", "street", "department"]
Flag = Literal["true", "false"]


class ItemSearch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    q: str | None = Field(None, max_length=100)
    type: ItemType | None = None
    level: Level | None = None
    department: str | None = Field(None, min_length=1, max_length=64)
    online: Flag | None = None
    appointment: Flag | None = None
    limit: int = Field(20, ge=1, le=50)
    next_token: str | None = Field(None, min_length=1, max_length=512)


class CertificateSearch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    q: str | None = Field(None, max_length=100)


class NoParameters(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Point(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lat: float = Field(ge=-90, le=90, allow_inf_nan=False)
    lon: float = Field(ge=-180, le=180, allow_inf_nan=False)


class PlaceSearch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    q: str = Field(min_length=1, max_length=100)
    kind: Literal["building", "compound", "community", "street"] | None = None
    limit: int = Field(10, ge=1, le=50)
