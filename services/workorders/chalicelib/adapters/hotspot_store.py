"""Storage of hotspots in the work-order table (additive to repository.Repository's layout).

| item | pk / sk | gsi1 (pk / sk) | gsi2 (pk / sk) |
|---|---|---|---|
| report marker x4 (geocell block) | ORDER#<case> / NEARBY#<n> | - | NEARBY#<category>#<cell>#<China day> / <created>#<case> |
| hotspot | HOTSPOT#<id> / HOTSPOT | HOTSPOTS#STREET#<street> / <raised>#<id> | HOTSPOTS#MONTH#<YYYY-MM> / <raised>#<id> |
| hotspot marker x4 (geocell block) | HOTSPOT#<id> / CELL#<n> | - | HOTSPOTAT#<category>#<cell> / <raised>#<id> |

"Recent reports of this category near this point" is one Query per China day of the window
on the point's own cell (each report is indexed in the 2 x 2 block of cells nearest to it,
so every report within geocell.NEAR_METRES is in that cell). Markers expire by TTL.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from botocore.exceptions import ClientError

from chalicelib.adapters.repository import Repository
from chalicelib.domain import geocell
from chalicelib.domain.hotspots import CHINA, Hotspot, Report, Thresholds, china_day
from chalicelib.domain.workflow import iso
from chalicelib.service.ports import HotspotExists
from shared import storage
from shared.errors import Conflict
from shared.keys import key

MARKER_TTL = timedelta(days=9)
ACTIVE_LOOKBACK = timedelta(days=30)


def hotspot_pk(hotspot_id: str) -> str:
    return key("HOTSPOT", hotspot_id)


def _month(moment: datetime) -> str:
    return moment.astimezone(CHINA).strftime("%Y-%m")


class HotspotStore(Repository):
    # --- report markers -----------------------------------------------------------------
    def put_report_markers(self, report: Report) -> None:
        """Idempotent: the same keys every time the report is seen."""
        created = iso(report.created_at)
        expires = int((report.created_at + MARKER_TTL).timestamp())
        puts = [{"PutRequest": {"Item": storage.encode({
            "pk": key("ORDER", report.case_number), "sk": f"NEARBY#{n}",
            "gsi2pk": key("NEARBY", report.category, cell, china_day(report.created_at)),
            "gsi2sk": f"{created}#{report.case_number}",
            "expires_at": expires, **report.as_dict(),
        })}} for n, cell in enumerate(geocell.nearest_block(*report.point))]
        request: dict[str, Any] = {self.table_name: puts}  # a handful of markers: one batch
        while request:
            request = self.client.batch_write_item(RequestItems=request).get("UnprocessedItems") or {}

    def recent_reports(self, category: str, point: tuple[float, float], days: Sequence[str],
                       since: datetime) -> list[Report]:
        cell = geocell.cell_of(*point)
        found: list[Report] = []
        for day in days:
            items = storage.query_all(self.table_name, "gsi2pk = :p AND gsi2sk >= :since",
                                      {":p": key("NEARBY", category, cell, day), ":since": iso(since)}, index="gsi2")
            found += [_report(category, i) for i in items]
        return found

    # --- hotspots -----------------------------------------------------------------------
    def _hotspot_item(self, hotspot: Hotspot) -> dict[str, Any]:
        raised = iso(hotspot.raised_at)
        item: dict[str, Any] = {
            "pk": hotspot_pk(hotspot.id), "sk": "HOTSPOT", "id": hotspot.id, "category": hotspot.category,
            "centre": list(hotspot.centre), "reports": set(hotspot.reports), "raised_at": raised,
            "last_report_at": iso(hotspot.last_report_at), "street": hotspot.street, "community": hotspot.community,
            "grid": hotspot.grid, "status": hotspot.status, "thresholds": hotspot.thresholds.model_dump(),
            "gsi2pk": key("HOTSPOTS", "MONTH", _month(hotspot.raised_at)), "gsi2sk": f"{raised}#{hotspot.id}",
        }
        if hotspot.street:
            item.update(gsi1pk=key("HOTSPOTS", "STREET", hotspot.street), gsi1sk=f"{raised}#{hotspot.id}")
        return {k: v for k, v in item.items() if v is not None}

    def raise_hotspot(self, hotspot: Hotspot, outbox: Sequence[dict[str, Any]] = ()) -> None:
        """One transaction: the hotspot, its cell markers and its events' outbox items.
        Raises HotspotExists when it was raised before."""
        ops: list[storage.Operation] = [("hotspot", storage.put(self.table_name, self._hotspot_item(hotspot),
                                                                condition="attribute_not_exists(pk)"))]
        raised = iso(hotspot.raised_at)
        for n, cell in enumerate(geocell.nearest_block(*hotspot.centre)):
            ops.append(storage.put(self.table_name, {
                "pk": hotspot_pk(hotspot.id), "sk": f"CELL#{n}", "id": hotspot.id,
                "gsi2pk": key("HOTSPOTAT", hotspot.category, cell), "gsi2sk": f"{raised}#{hotspot.id}"}))
        ops += outbox
        try:
            storage.transact(ops)
        except storage.ConditionFailed as failed:
            if failed.label == "hotspot":
                raise HotspotExists(hotspot.id) from failed
            raise

    def hotspots_near(self, category: str, point: tuple[float, float], now: datetime) -> list[Hotspot]:
        markers, _ = storage.query_page(self.table_name, "gsi2pk = :p AND gsi2sk >= :since",
                                        {":p": key("HOTSPOTAT", category, geocell.cell_of(*point)),
                                         ":since": iso(now - ACTIVE_LOOKBACK)},
                                        index="gsi2", limit=20, newest_first=True)
        return [as_domain(h) for h in (self.get_hotspot(m["id"]) for m in markers) if h is not None]

    def _update(self, hotspot_id: str, expression: str, *, condition: str | None = None,
                names: dict[str, str] | None = None, values: dict[str, Any] | None = None) -> None:
        """An UpdateItem on the hotspot's item (ClientError when `condition` does not hold)."""
        update = storage.update(self.table_name, {"pk": hotspot_pk(hotspot_id), "sk": "HOTSPOT"}, expression,
                                condition=condition, names=names, values=values)
        self.client.update_item(**update["Update"])

    def join_hotspot(self, hotspot_id: str, report: Report) -> None:
        """Adds the report (a set: joining twice changes nothing) and moves the last report time."""
        self._update(hotspot_id, "ADD reports :r", condition="attribute_exists(pk)", values={":r": {report.case_number}})
        try:
            self._update(hotspot_id, "SET last_report_at = :t", condition="last_report_at < :t",
                         values={":t": iso(report.created_at)})
        except ClientError as exc:
            if exc.response["Error"]["Code"] != "ConditionalCheckFailedException":
                raise

    def get_hotspot(self, hotspot_id: str) -> dict[str, Any] | None:
        item = self._get_item(hotspot_pk(hotspot_id), "HOTSPOT", consistent=True)
        return _hotspot(item) if item else None

    def list_hotspots(self, *, street: str | None = None, months: Sequence[datetime] = (), limit: int = 50) -> list[dict[str, Any]]:
        """A street's hotspots, or (street None) the hotspots raised in the given months; newest first."""
        partitions = ([("gsi1", key("HOTSPOTS", "STREET", street))] if street
                      else [("gsi2", key("HOTSPOTS", "MONTH", _month(m))) for m in months])
        found: list[dict[str, Any]] = []
        for index, pk in partitions:
            items, _ = storage.query_page(self.table_name, f"{index}pk = :p", {":p": pk}, index=index, limit=limit,
                                          newest_first=True)
            found += [_hotspot(i) for i in items]
        return sorted(found, key=lambda h: h["raised_at"], reverse=True)[:limit]

    def claim_hotspot(self, hotspot_id: str, by: str, at: datetime) -> None:
        """raised -> opening, once: a second click or a concurrent command centre gets a Conflict."""
        try:
            self._update(hotspot_id, "SET #s = :opening, opening_by = :by, opening_at = :at", condition="#s = :raised",
                         names={"#s": "status"},
                         values={":opening": "opening", ":raised": "raised", ":by": by, ":at": iso(at)})
        except ClientError as exc:
            if exc.response["Error"]["Code"] == "ConditionalCheckFailedException":
                raise Conflict(f"hotspot {hotspot_id} already has its order", zh=f"热点 {hotspot_id} 已经开单",
                               code="already_opened") from exc
            raise

    def release_hotspot(self, hotspot_id: str) -> None:
        self._update(hotspot_id, "SET #s = :raised", names={"#s": "status"}, values={":raised": "raised"})

    def mark_opened(self, hotspot_id: str, case_number: str, at: datetime) -> None:
        self._update(hotspot_id, "SET #s = :opened, #o = :case, opened_at = :at", names={"#s": "status", "#o": "order"},
                     values={":opened": "opened", ":case": case_number, ":at": iso(at)})


def _report(category: str, item: dict[str, Any]) -> Report:
    return Report(case_number=item["case_number"], category=category, point=(item["point"][0], item["point"][1]),
                  created_at=datetime.fromisoformat(item["created_at"]), street=item.get("street"),
                  community=item.get("community"), grid=item.get("grid"), reporter=item.get("reporter"))


def _hotspot(item: dict[str, Any]) -> dict[str, Any]:
    item = storage.plain(item)
    shown = {k: v for k, v in item.items() if not k.startswith("gsi") and k not in ("pk", "sk")}
    shown["reports"] = sorted(item.get("reports") or [])
    shown["count"] = len(shown["reports"])
    return shown


def as_domain(shown: dict[str, Any]) -> Hotspot:
    return Hotspot(id=shown["id"], category=shown["category"], centre=(shown["centre"][0], shown["centre"][1]),
                   reports=tuple(shown["reports"]), raised_at=datetime.fromisoformat(shown["raised_at"]),
                   last_report_at=datetime.fromisoformat(shown["last_report_at"]), street=shown.get("street"),
                   community=shown.get("community"), grid=shown.get("grid"),
                   thresholds=Thresholds.model_validate(shown["thresholds"]), status=shown.get("status", "raised"),
                   order=shown.get("order"))
