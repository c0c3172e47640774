"""Request and response shapes of the booking API."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

SUBJECT_PATTERN = r"^[^#\s]+$"
CodeText = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.\-]+$")]


class SlotsQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    item: CodeText
    centre: CodeText
    date: date
    home_visit: bool = False


class CentresQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    item: CodeText


class HomeVisit(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Literal["elderly", "disabled"]
    address: str = Field(min_length=4, max_length=200)


class BookRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    item: CodeText
    centre: CodeText
    start: AwareDatetime
    resident: str | None = Field(
        None, min_length=1, max_length=128, pattern=SUBJECT_PATTERN
    )  # 代办: staff name the resident they book for
    home_visit: HomeVisit | None = None


class RescheduleRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: AwareDatetime


class AssignRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    staff: str = Field(min_length=1, max_length=128, pattern=SUBJECT_PATTERN)


class DayQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date: date


class ListQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str | None = Field(None, min_length=6, max_length=6, pattern=r"^[A-Za-z0-9]+$")
