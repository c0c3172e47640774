"""In-memory implementations of the work-order use cases' ports (chalicelib/service/ports.py:
OrderStore, OrderEventsPort, MediaPort, HotspotStorePort), with the same guards the adapters
put in their transactions and conditions (a new case number, the order's version, a message
consumed once, a hotspot raised once and opened once), so the use cases are tested without
moto."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from chalicelib.domain.hotspots import Hotspot, Report, china_day
from chalicelib.domain.routing import Rule, default_handler
from chalicelib.domain.workflow import Order, centre_task, iso
from chalicelib.service import AlreadyConsumed, CaseNumberTaken, HotspotExists, Keep, Page

from shared import catalogue
from shared.errors import Conflict


@dataclass(frozen=True)
class FakeStaged:
    events: tuple[tuple[str, dict[str, Any]], ...]
    puts: tuple[Any, ...] = ()


@dataclass
class FakeEvents:
    """Events the use cases staged and published, in order."""

    published: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def stage(self, order: Order, events: list[tuple[str, dict[str, Any]]], at: datetime | None = None) -> FakeStaged:
        return FakeStaged(tuple((name, {"case_number": order["case_number"], "status": order["status"], **fields})
                                for name, fields in events))

    def stage_event(self, name: str, payload: dict[str, Any], at: datetime) -> FakeStaged:
        return FakeStaged(((name, payload),))

    def publish(self, staged: FakeStaged) -> list[str]:
        self.published += list(staged.events)
        return [name for name, _ in staged.events]

    def names(self) -> list[str]:
        return [name for name, _ in self.published]


def district_rules() -> list[Rule]:
    """One district-wide rule per category, to its default handler (as the seed writes)."""
    return [Rule(c["code"], "*", default_handler(c["default_handler"])) for c in catalogue.categories()]


@dataclass
class FakeOrders:
    orders: dict[str, Order] = field(default_factory=dict)
    consumed_ids: set[str] = field(default_factory=set)
    rules: list[Rule] = field(default_factory=district_rules)
    homes: dict[str, str] = field(default_factory=dict)
    cursor: datetime | None = None

    def _consume(self, event_id: str | None) -> None:
        if event_id is not None:
            if event_id in self.consumed_ids:
                raise AlreadyConsumed()
            self.consumed_ids.add(event_id)

    def create(self, order: Order, link_to: Order | None = None, outbox: Sequence[Any] = (),
               request_token: str | None = None, consumed_event_id: str | None = None) -> None:
        if order["case_number"] in self.orders:
            raise CaseNumberTaken(order["case_number"])
        if consumed_event_id in self.consumed_ids:
            raise AlreadyConsumed()
        if link_to is not None and self.orders[link_to["case_number"]]["version"] != link_to["version"] - 1:
            raise Conflict("the original order changed meanwhile; retry", code="concurrent_update")
        self._consume(consumed_event_id)
        self.orders[order["case_number"]] = copy.deepcopy(order)
        if link_to is not None:
            self.orders[link_to["case_number"]] = copy.deepcopy(link_to)

    def save(self, order: Order, consumed_event_id: str | None = None, outbox: Sequence[Any] = ()) -> None:
        if consumed_event_id in self.consumed_ids:
            raise AlreadyConsumed()
        stored = self.orders.get(order["case_number"])
        if stored is None or stored["version"] != order["version"] - 1:
            raise Conflict("the order changed meanwhile; reload and retry", code="concurrent_update")
        self._consume(consumed_event_id)
        self.orders[order["case_number"]] = copy.deepcopy(order)

    def mark_consumed(self, event_id: str, outbox: Sequence[Any] = ()) -> None:
        self._consume(event_id)

    def consumed(self, event_id: str) -> bool:
        return event_id in self.consumed_ids

    def get(self, case_number: str) -> Order | None:
        order = self.orders.get(case_number)
        return copy.deepcopy(order) if order else None

    def get_many(self, case_numbers: Iterable[str]) -> list[Order]:
        return [copy.deepcopy(self.orders[c]) for c in dict.fromkeys(case_numbers) if c in self.orders]

    def _newest(self, orders: Iterable[Order], limit: int, keep: Keep) -> Page:
        found = sorted((o for o in orders if keep(o)), key=lambda o: (o["created_at"], o["case_number"]), reverse=True)
        return [copy.deepcopy(o) for o in found[:limit]], None  # one page is all a fake needs

    def orders_of_resident(self, subject: str, *, limit: int, page_token: str | None, keep: Keep, bound: str) -> Page:
        return self._newest((o for o in self.orders.values() if o.get("resident") == subject), limit, keep)

    def orders_viewed(self, view: str, code: str, *, limit: int, page_token: str | None, keep: Keep,
                      bound: str = "") -> Page:
        def shown(order: Order) -> bool:
            if view == "centre":
                return centre_task(order) == code
            if view == "summoned":
                return code in (order.get("summoned") or [])
            return (order.get("location") or {}).get(view) == code
        return self._newest(filter(shown, self.orders.values()), limit, keep)

    def handler_queue(self, unit: str, status: str | None, *, limit: int, page_token: str | None) -> Page:
        def queued(order: Order) -> bool:
            return ((order.get("handler") or {}).get("code") or "command-center") == unit
        return self._newest(filter(queued, self.orders.values()), limit, lambda o: status is None or o["status"] == status)

    def count_centre_task(self, task: str) -> int:
        return sum(centre_task(o) == task for o in self.orders.values())

    def near_candidates(self, category: str, lon: float, lat: float, since: datetime) -> list[dict[str, Any]]:
        return [{"case_number": o["case_number"], "point": o["point"]} for o in self.orders.values()
                if o.get("category") == category and o.get("point") and o["status"] != "merged"]

    def due_case_numbers(self, now: datetime, lookback_hours: int) -> list[str]:
        return list(self.orders)  # the use case asks the rules what is really due

    def home_grid(self, subject: str) -> str | None:
        return self.homes.get(subject)

    def set_home_grid(self, subject: str, grid: str) -> None:
        self.homes[subject] = grid

    def scheduler_cursor(self) -> datetime | None:
        return self.cursor

    def set_scheduler_cursor(self, hour: datetime) -> None:
        self.cursor = hour

    def rules_for(self, category: str) -> list[Rule]:
        return [r for r in self.rules if r.category == category]

    def all_rules(self, category: str | None = None) -> list[Rule]:
        return [r for r in self.rules if category is None or r.category == category]

    def put_rule(self, rule: Rule, *, only_if_new: bool = False) -> bool:
        existing = [r for r in self.rules if (r.category, r.area) == (rule.category, rule.area)]
        if existing and only_if_new:
            return False
        self.rules = [r for r in self.rules if r not in existing] + [rule]
        return True

    def delete_rule(self, category: str, area: str) -> bool:
        kept = [r for r in self.rules if (r.category, r.area) != (category, area)]
        deleted, self.rules = len(kept) != len(self.rules), kept
        return deleted


@dataclass
class FakeMedia:
    """The media bucket in memory. `upload` is the browser's POST of a presigned form; unlike
    S3 it does not enforce the form's conditions (nor does moto: the adapter test checks the
    policy)."""

    objects: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    forms: dict[str, dict[str, Any]] = field(default_factory=dict)

    def presigned_post(self, key: str, content_type: str, max_bytes: int, expires: int) -> dict[str, Any]:
        self.forms[key] = {"content_type": content_type, "max_bytes": max_bytes, "expires": expires}
        return {"url": "memory://media", "fields": {"key": key, "Content-Type": content_type}}

    def upload(self, key: str, data: bytes, content_type: str = "image/jpeg") -> None:
        self.objects[key] = (data, content_type)

    def presigned_get(self, key: str, expires: int) -> str:
        return f"memory://media/{key}?expires={expires}"

    def size(self, key: str) -> int | None:
        return len(self.objects[key][0]) if key in self.objects else None

    def read(self, key: str, limit: int) -> bytes:
        return self.objects[key][0][:limit + 1]

    def put(self, key: str, data: bytes, content_type: str) -> None:
        self.objects[key] = (data, content_type)

    def data(self, url_or_key: str) -> bytes:
        """What a presigned view would fetch."""
        key = url_or_key.removeprefix("memory://media/").split("?", 1)[0]
        return self.objects[key][0]


ACTIVE_LOOKBACK = timedelta(days=30)


@dataclass
class FakeHotspots:
    """Report markers and hotspots in memory, shown as the adapter shows them."""

    reports: dict[str, Report] = field(default_factory=dict)
    hotspots: dict[str, Hotspot] = field(default_factory=dict)
    extra: dict[str, dict[str, Any]] = field(default_factory=dict)  # opening_by, opening_at, opened_at

    def put_report_markers(self, report: Report) -> None:
        self.reports[report.case_number] = report

    def recent_reports(self, category: str, point: tuple[float, float], days: Sequence[str],
                       since: datetime) -> list[Report]:
        # The adapter finds the reports in the point's cell; the rules measure the radius.
        return [r for r in self.reports.values()
                if r.category == category and china_day(r.created_at) in days and r.created_at >= since]

    def raise_hotspot(self, hotspot: Hotspot, outbox: Sequence[Any] = ()) -> None:
        if hotspot.id in self.hotspots:
            raise HotspotExists(hotspot.id)
        self.hotspots[hotspot.id] = hotspot
        self.extra[hotspot.id] = {}

    def hotspots_near(self, category: str, point: tuple[float, float], now: datetime) -> list[Hotspot]:
        found = [h for h in self.hotspots.values() if h.category == category and h.raised_at >= now - ACTIVE_LOOKBACK]
        return sorted(found, key=lambda h: h.raised_at, reverse=True)[:20]

    def join_hotspot(self, hotspot_id: str, report: Report) -> None:
        hotspot = self.hotspots[hotspot_id]
        self.hotspots[hotspot_id] = dataclasses.replace(
            hotspot, reports=tuple(sorted({*hotspot.reports, report.case_number})),
            last_report_at=max(hotspot.last_report_at, report.created_at))

    def get_hotspot(self, hotspot_id: str) -> dict[str, Any] | None:
        hotspot = self.hotspots.get(hotspot_id)
        if hotspot is None:
            return None
        shown: dict[str, Any] = {
            "id": hotspot.id, "category": hotspot.category, "centre": list(hotspot.centre),
            "reports": sorted(hotspot.reports), "count": len(hotspot.reports), "raised_at": iso(hotspot.raised_at),
            "last_report_at": iso(hotspot.last_report_at), "street": hotspot.street, "community": hotspot.community,
            "grid": hotspot.grid, "status": hotspot.status, "thresholds": hotspot.thresholds.model_dump(),
            "order": hotspot.order, **self.extra[hotspot_id],
        }
        return {k: v for k, v in shown.items() if v is not None}

    def list_hotspots(self, *, street: str | None = None, months: Sequence[datetime] = (),
                      limit: int = 50) -> list[dict[str, Any]]:
        wanted = {iso(m)[:7] for m in months}
        found = [h for h in self.hotspots.values()
                 if (h.street == street if street else iso(h.raised_at)[:7] in wanted)]
        shown = [self.get_hotspot(h.id) for h in sorted(found, key=lambda h: h.raised_at, reverse=True)]
        return [h for h in shown if h is not None][:limit]

    def claim_hotspot(self, hotspot_id: str, by: str, at: datetime) -> None:
        hotspot = self.hotspots.get(hotspot_id)
        if hotspot is None or hotspot.status != "raised":
            raise Conflict(f"hotspot {hotspot_id} already has its order", code="already_opened")
        self.hotspots[hotspot_id] = dataclasses.replace(hotspot, status="opening")
        self.extra[hotspot_id].update(opening_by=by, opening_at=iso(at))

    def release_hotspot(self, hotspot_id: str) -> None:
        self.hotspots[hotspot_id] = dataclasses.replace(self.hotspots[hotspot_id], status="raised")

    def mark_opened(self, hotspot_id: str, case_number: str, at: datetime) -> None:
        self.hotspots[hotspot_id] = dataclasses.replace(self.hotspots[hotspot_id], status="opened", order=case_number)
        self.extra[hotspot_id]["opened_at"] = iso(at)
