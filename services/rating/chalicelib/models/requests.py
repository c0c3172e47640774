"""Request bodies and query parameters (extra="forbid": unknown fields are refused)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, field_validator

IDENTIFIER = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$"  # no "#": ids become parts of table keys
MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"
UNIT = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SubjectRef(Strict):
    kind: Literal["workorder", "appointment"]
    id: str = Field(pattern=IDENTIFIER)


class RatingRequest(Strict):
    subject: SubjectRef
    level: StrictInt = Field(ge=1, le=5, description="1 非常不满意 ... 5 非常满意")
    comment: str | None = Field(None, max_length=500)
    dimensions: dict[str, int] | None = Field(None, max_length=10, description="optional partial scores, 1..5 each")

    @field_validator("dimensions")
    @classmethod
    def _dimension_scores(cls, dimensions: dict[str, int] | None) -> dict[str, int] | None:
        for name, value in (dimensions or {}).items():
            if not 1 <= len(name) <= 32:
                raise ValueError(f"dimension name {name!r} must be 1 to 32 characters")
            if not 1 <= value <= 5:
                raise ValueError(f"dimension {name!r} must be 1 to 5, got {value}")
        return dimensions


class CallbackRequest(Strict):
    note: str = Field(min_length=1, max_length=1000, description="what the resident said on the call back")
    reached: bool = True


class OutcomeRequest(Strict):
    outcome: str = Field(min_length=1, max_length=1000, description="what was done to put it right")


class AppealRequest(Strict):
    reason: str = Field(min_length=5, max_length=1000)


class AppealDecisionRequest(Strict):
    decision: Literal["upheld", "rejected"]
    note: str | None = Field(None, max_length=1000)


class StreetRatingRequest(Strict):
    case_number: str = Field(pattern=IDENTIFIER)
    department: str = Field(pattern=UNIT)
    level: StrictInt = Field(ge=1, le=5)
    comment: str | None = Field(None, max_length=500)


class StreetRatingsQuery(Strict):
    department: str | None = Field(None, pattern=UNIT)
    limit: int = Field(20, ge=1, le=100)
    page_token: str | None = Field(None, max_length=2000)


class RatingsQuery(Strict):
    mine: bool | None = None
    unit: str | None = Field(None, pattern=UNIT)
    limit: int = Field(50, ge=1, le=100)
    page_token: str | None = Field(None, max_length=2000)  # the previous page's next_page_token


class UnitQuery(Strict):
    unit: str | None = Field(None, pattern=UNIT)
    status: Literal["pending", "upheld", "rejected"] | None = None
    limit: int = Field(100, ge=1, le=100)
    page_token: str | None = Field(None, max_length=2000)  # the previous page's next_page_token


class MonthQuery(Strict):
    month: str | None = Field(None, pattern=MONTH)


class RankingQuery(Strict):
    kind: Literal["department", "street", "community", "grid"]
    month: str | None = Field(None, pattern=MONTH)
