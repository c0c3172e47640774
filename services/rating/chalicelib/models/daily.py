"""Query of GET /rating/figures/daily (extra parameters are refused)."""

from __future__ import annotations

from datetime import date

from pydantic import ConfigDict, Field

from chalicelib.models.requests import UNIT, Strict


class DailyQuery(Strict):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    unit: str | None = Field(None, pattern=UNIT)  # none: the district (command centre) or the caller's unit
    first: date | None = Field(None, alias="from")
    to: date | None = None
    days: int = Field(14, ge=1, le=62)  # when `from` is left out: this many days up to `to`
