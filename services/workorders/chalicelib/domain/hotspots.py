"""Hotspots (未诉先办: acting before more residents have to complain).

When enough reports of one category arrive close together in space and time, the district
acts on the cluster as one problem. Pure rules: the thresholds are data (hotspots.json), the
callers fetch the recent reports near a point (one index query per China day, see
`days_to_search`) and the hotspots near it, and store what `assess` decides."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from chalicelib.domain import geocell
from shared.clock import CHINA_TZ as CHINA

RULES_FILE = Path(__file__).with_name("hotspots.json")


class Thresholds(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    min_reports: int = Field(ge=2, le=100)
    # The geocell index finds everything within geocell.NEAR_METRES with one query.
    radius_m: float = Field(gt=0, le=geocell.NEAR_METRES)
    window_hours: int = Field(ge=1, le=24 * 7)

    @property
    def window(self) -> timedelta:
        return timedelta(hours=self.window_hours)


class HotspotRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    about: str | None = Field(None, alias="_about")
    default: Thresholds
    categories: dict[str, Thresholds] = Field(default_factory=dict)

    def for_category(self, category: str) -> Thresholds:
        return self.categories.get(category, self.default)


@lru_cache(maxsize=1)
def rules() -> HotspotRules:
    return HotspotRules.model_validate(json.loads(RULES_FILE.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Report:
    """One located report, as the hotspot rules see it."""

    case_number: str
    category: str
    point: tuple[float, float]  # (lon, lat)
    created_at: datetime
    street: str | None = None
    community: str | None = None
    grid: str | None = None
    reporter: str | None = None  # who reported it: a hotspot needs that many people, not reports

    @property
    def person(self) -> str:
        """Whom the report counts for (a report of unknown origin counts as its own person)."""
        return self.reporter or f"case:{self.case_number}"

    def as_dict(self) -> dict[str, Any]:
        return {"case_number": self.case_number, "point": list(self.point), "created_at": self.created_at.isoformat(),
                "street": self.street, "community": self.community, "grid": self.grid, "reporter": self.reporter}


@dataclass(frozen=True)
class Hotspot:
    id: str
    category: str
    centre: tuple[float, float]
    reports: tuple[str, ...]
    raised_at: datetime
    last_report_at: datetime
    street: str | None
    community: str | None
    grid: str | None
    thresholds: Thresholds
    status: str = "raised"
    order: str | None = None


@dataclass(frozen=True)
class Decision:
    """What a new report changes: a new hotspot, a report joining one, or nothing."""

    raise_hotspot: Hotspot | None = None
    join: str | None = None
    cluster: list[Report] = field(default_factory=list)


def days_to_search(created_at: datetime, thresholds: Thresholds) -> list[str]:
    """The China days (YYYY-MM-DD) the window before `created_at` touches, newest first."""
    end = created_at.astimezone(CHINA)
    day, start = end.date(), (end - thresholds.window).date()
    days = []
    while day >= start:
        days.append(day.isoformat())
        day -= timedelta(days=1)
    return days


def china_day(moment: datetime) -> str:
    return moment.astimezone(CHINA).date().isoformat()


def cluster_around(new: Report, recent: list[Report], thresholds: Thresholds) -> list[Report]:
    """The reports of the new one's category within the radius of it and within the window
    before it (the new report included, each case once), oldest first."""
    found = {new.case_number: new}
    for report in recent:
        if report.category != new.category or report.case_number in found:
            continue
        age = new.created_at - report.created_at
        if timedelta(0) <= age <= thresholds.window and geocell.distance_m(new.point, report.point) <= thresholds.radius_m:
            found[report.case_number] = report
    return sorted(found.values(), key=lambda r: (r.created_at, r.case_number))


def people(cluster: list[Report]) -> set[str]:
    """The different people behind a cluster's reports: what `min_reports` counts."""
    return {report.person for report in cluster}


def _most_common(values: list[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else None


def hotspot_id(cluster: list[Report]) -> str:
    """Named after the cluster's first report: reports processed concurrently that see the
    same cluster name the same hotspot, so it is raised once."""
    return f"H-{cluster[0].case_number}"


def assess(new: Report, recent: list[Report], active: list[Hotspot], thresholds: Thresholds) -> Decision:
    """A report near an active hotspot of its category (within the radius of its centre, while
    the window since its last report runs) joins it; otherwise, a cluster reported by at least
    `min_reports` different people raises a new hotspot."""
    for hotspot in sorted(active, key=lambda h: h.raised_at):
        if hotspot.category != new.category or hotspot.status not in ("raised", "opened"):
            continue
        if new.case_number in hotspot.reports:
            return Decision(join=hotspot.id)  # a redelivered event: joining again changes nothing
        fresh = new.created_at - hotspot.last_report_at <= thresholds.window
        if fresh and geocell.distance_m(new.point, hotspot.centre) <= thresholds.radius_m:
            return Decision(join=hotspot.id)
    cluster = cluster_around(new, recent, thresholds)
    if len(people(cluster)) < thresholds.min_reports:  # one resident reporting again is not a hotspot
        return Decision(cluster=cluster)
    centre = (round(sum(r.point[0] for r in cluster) / len(cluster), 6),
              round(sum(r.point[1] for r in cluster) / len(cluster), 6))
    hotspot = Hotspot(
        id=hotspot_id(cluster), category=new.category, centre=centre,
        reports=tuple(r.case_number for r in cluster), raised_at=new.created_at,
        last_report_at=max(r.created_at for r in cluster),
        street=_most_common([r.street for r in cluster]), community=_most_common([r.community for r in cluster]),
        grid=_most_common([r.grid for r in cluster]), thresholds=thresholds,
    )
    return Decision(raise_hotspot=hotspot, cluster=cluster)


def coordinated_text(category_name: str, hotspot: dict[str, Any]) -> str:
    """The text of the one order the command centre opens for a hotspot."""
    reports = hotspot.get("reports") or []
    return (f"未诉先办:{len(reports)} 件{category_name}反映集中在同一地点(工单 {'、'.join(reports)}),统筹处置。"
            f" / Hotspot: {len(reports)} reports in one place, handled together.")
