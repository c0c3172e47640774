"""Request bodies and query parameters (extra fields are refused)."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictFloat, model_validator

MAX_TEXT = 2000
# C0 controls except tab and newline, DEL and C1 controls: never stored (NUL ends C strings,
# others hide text in a reader's terminal or a CSV export).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(value: str) -> str:
    """Strips control characters; refuses a text that is nothing else."""
    cleaned = _CONTROL.sub("", value).strip()
    if value and not cleaned:
        raise ValueError("the text holds only control characters")
    return cleaned


Text = Annotated[str, AfterValidator(clean_text)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Point(Strict):
    lat: StrictFloat = Field(ge=-90, le=90)
    lon: StrictFloat = Field(ge=-180, le=180)


class LocationIn(Strict):
    lat: StrictFloat | None = Field(None, ge=-90, le=90)
    lon: StrictFloat | None = Field(None, ge=-180, le=180)
    building: str | None = Field(None, min_length=1, max_length=64)
    grid: str | None = Field(None, min_length=1, max_length=64)

    @model_validator(mode="after")
    def one_kind(self) -> LocationIn:
        given = [self.lat is not None or self.lon is not None, self.building is not None, self.grid is not None]
        if sum(given) != 1:
            raise ValueError("give exactly one of {lat, lon}, {building} or {grid}")
        if given[0] and (self.lat is None or self.lon is None):
            raise ValueError("a point needs both lat and lon")
        return self


class Contact(Strict):
    name: str | None = Field(None, max_length=50)
    phone: str | None = Field(None, max_length=20, pattern=r"^\+?[\d\- ]{5,20}$")


class IntakeIn(Strict):
    text: Text = Field(min_length=2, max_length=MAX_TEXT)
    category: str | None = Field(None, min_length=1, max_length=64)
    kind: Literal["complaint", "request", "consultation", "suggestion", "praise", "report"] | None = None
    location: LocationIn | None = None  # none: located from `place`, the text, the resident's home grid, or by the command centre
    place: Text | None = Field(None, min_length=1, max_length=200)  # a building, compound, road, community or street name
    photos: list[Annotated[str, Field(min_length=1, max_length=500)]] = Field(default_factory=list, max_length=9)
    contact: Contact | None = None
    channel: Literal["portal", "app", "sms", "phone", "grid", "department", "counter", "open311", "webhook"] | None = None


class TriageIn(Strict):
    text: str = Field(min_length=1, max_length=MAX_TEXT)


class NoteIn(Strict):
    note: Text | None = Field(None, max_length=MAX_TEXT)


class ReturnIn(Strict):
    reason: Text = Field(min_length=2, max_length=MAX_TEXT)


class ExtendIn(Strict):
    days: int = Field(ge=1, le=30)
    reason: Text = Field(min_length=2, max_length=MAX_TEXT)


class ReplyIn(Strict):
    text: Text = Field(min_length=2, max_length=MAX_TEXT)


class ReopenIn(Strict):
    reason: Text | None = Field(None, max_length=MAX_TEXT)


class MergeIn(Strict):
    into: str = Field(min_length=6, max_length=20)
    note: Text | None = Field(None, max_length=MAX_TEXT)


class HandlerIn(Strict):
    kind: Literal["department", "street", "community", "grid", "command-centre"]
    code: str | None = Field(None, min_length=1, max_length=64)


class RerouteIn(Strict):
    category: str | None = Field(None, min_length=1, max_length=64)
    handler: HandlerIn | None = None
    note: Text | None = Field(None, max_length=MAX_TEXT)


class CloseIn(Strict):
    resolved: bool = True
    note: Text | None = Field(None, max_length=MAX_TEXT)


class LocateIn(Strict):
    """The command centre locates a report: a location, or a place name from the district data."""

    location: LocationIn | None = None
    place: Text | None = Field(None, min_length=1, max_length=200)
    note: Text | None = Field(None, max_length=MAX_TEXT)

    @model_validator(mode="after")
    def one_way(self) -> LocateIn:
        if (self.location is None) == (self.place is None):
            raise ValueError("give exactly one of location or place")
        return self


class HomeIn(Strict):
    """A resident's registered home: a grid or a building code."""

    grid: str | None = Field(None, min_length=1, max_length=64)
    building: str | None = Field(None, min_length=1, max_length=64)

    @model_validator(mode="after")
    def one_way(self) -> HomeIn:
        if (self.grid is None) == (self.building is None):
            raise ValueError("give exactly one of grid or building")
        return self


class RuleIn(Strict):
    handler: HandlerIn
    sign_minutes: int | None = Field(None, ge=1, le=24 * 60)


class ListQuery(Strict):
    assignee: str | None = Field(None, min_length=1, max_length=64)
    status: str | None = Field(None, min_length=1, max_length=32)
    grid: str | None = Field(None, min_length=1, max_length=64)
    community: str | None = Field(None, min_length=1, max_length=64)
    street: str | None = Field(None, min_length=1, max_length=64)
    summoned: bool = False  # a department's list of orders a street summoned it to
    task: Literal["locate", "triage", "returned", "extension", "supervision", "overdue"] | None = None  # the command centre's work
    page_token: str | None = Field(None, max_length=2000)
    limit: int = Field(20, ge=1, le=100)


class RulesQuery(Strict):
    category: str | None = Field(None, min_length=1, max_length=64)
