"""The hotspot event's payload and the hotspot routes' query (pydantic, extra fields refused)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Centre(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lon: float
    lat: float


class Notify(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["street"]
    code: str


class HotspotRaised(BaseModel):
    """workorders.hotspot.raised: several reports of one category close together in space and
    time; the street named in `notify` is told, the command centre may open one order for it."""

    model_config = ConfigDict(extra="forbid")

    id: str
    category: str
    centre: Centre
    radius_m: float
    window_hours: int
    min_reports: int
    reports: list[str] = Field(min_length=2)
    count: int
    street: str | None
    community: str | None
    grid: str | None
    raised_at: str
    notify: list[Notify]


class HotspotOpened(BaseModel):
    """workorders.hotspot.opened: the command centre opened one coordinated order for it."""

    model_config = ConfigDict(extra="forbid")

    id: str
    category: str
    order: str
    reports: list[str]
    street: str | None
    opened_at: str


class HotspotsQuery(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    status: Literal["raised", "opening", "opened"] | None = None
    limit: int = Field(50, ge=1, le=100)


HOTSPOT_EVENTS: dict[str, type[BaseModel]] = {
    "workorders.hotspot.raised": HotspotRaised,
    "workorders.hotspot.opened": HotspotOpened,
}
