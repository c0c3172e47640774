"""Query parameters of the public routes. extra="forbid": an unknown parameter is a 400
that names it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from chalicelib.domain.catalogue import ItemType, Level
from shared.models import StrictModel

Flag = Literal["true", "false"]


class ItemSearch(StrictModel):

    q: str | None = Field(None, max_length=100)
    type: ItemType | None = None
    level: Level | None = None
    department: str | None = Field(None, min_length=1, max_length=64)
    online: Flag | None = None
    appointment: Flag | None = None
    limit: int = Field(20, ge=1, le=50)
    page_token: str | None = Field(None, min_length=1, max_length=512)


class CertificateSearch(StrictModel):

    q: str | None = Field(None, max_length=100)


class NoParameters(StrictModel):
    pass


class Point(StrictModel):

    lat: float = Field(ge=-90, le=90, allow_inf_nan=False)
    lon: float = Field(ge=-180, le=180, allow_inf_nan=False)


class PlaceSearch(StrictModel):

    q: str = Field(min_length=1, max_length=100)
    kind: Literal["building", "compound", "community", "street"] | None = None
    limit: int = Field(10, ge=1, le=50)
