"""Hotspot use cases: assess each new order (from workorders.order.created, delivered over
SQS), list hotspots for the command centre and the streets, and open one coordinated order
for a hotspot. Rules live in domain/hotspots.py; storage behind ports.HotspotStorePort
(adapters/hotspot_store.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from chalicelib.domain import hotspots, workflow
from chalicelib.domain.hotspots import Hotspot, Report
from chalicelib.models.hotspots import Centre, HotspotOpened, HotspotRaised, HotspotsQuery, Notify
from chalicelib.models.requests import IntakeIn
from chalicelib.service.orders import Service, categories
from chalicelib.service.ports import HotspotExists, HotspotStorePort, OrderEventsPort
from shared import clock
from shared.auth import Principal, Role
from shared.errors import Forbidden, NotFound
from shared.messaging import Envelope
from shared.observability import logger


def not_found(hotspot_id: str) -> NotFound:
    return NotFound(f"no hotspot {hotspot_id}", zh=f"没有热点 {hotspot_id}", code="not_found")


def raised_payload(hotspot: Hotspot) -> dict[str, Any]:
    t = hotspot.thresholds
    return HotspotRaised(
        id=hotspot.id, category=hotspot.category, centre=Centre(lon=hotspot.centre[0], lat=hotspot.centre[1]),
        radius_m=t.radius_m, window_hours=t.window_hours, min_reports=t.min_reports, reports=list(hotspot.reports),
        count=len(hotspot.reports), street=hotspot.street, community=hotspot.community, grid=hotspot.grid,
        raised_at=workflow.iso(hotspot.raised_at.astimezone(hotspots.CHINA)),
        notify=[Notify(kind="street", code=hotspot.street)] if hotspot.street else [],
    ).model_dump(mode="json")


def report_of(payload: dict[str, Any], at: datetime) -> Report | None:
    """The located report an order.created payload describes (None: no category or no point)."""
    location = payload.get("location") or {}
    point = location.get("point")
    if not payload.get("category") or not point:
        return None
    return Report(case_number=payload["case_number"], category=payload["category"], point=(point[0], point[1]),
                  created_at=at.astimezone(hotspots.CHINA), street=location.get("street"), community=location.get("community"),
                  grid=location.get("grid"), reporter=payload.get("reporter"))


class HotspotService:
    def __init__(self, store: HotspotStorePort, events: OrderEventsPort, orders: Service,
                 now: Callable[[], datetime] = clock.now) -> None:
        self.store = store
        self.events = events
        self.orders = orders  # the work-order use cases: a hotspot's order is taken like any report
        self.now = now

    # --- detection ----------------------------------------------------------------------
    def on_event(self, envelope: Envelope) -> str:
        if envelope.name != "workorders.order.created":
            return "ignored"
        report = report_of(envelope.payload, envelope.occurred_at)
        if report is None:
            return "ignored: not located by a point"
        return self.assess(report)

    def assess(self, report: Report) -> str:
        """Idempotent: markers are put under fixed keys, a hotspot is raised once (named after
        its first report) and joining is adding to a set."""
        thresholds = hotspots.rules().for_category(report.category)
        self.store.put_report_markers(report)
        since = report.created_at - thresholds.window
        recent = self.store.recent_reports(report.category, report.point, hotspots.days_to_search(report.created_at, thresholds), since)
        active = self.store.hotspots_near(report.category, report.point, report.created_at)
        decision = hotspots.assess(report, recent, active, thresholds)
        if decision.join:
            self.store.join_hotspot(decision.join, report)
            return f"joined {decision.join}"
        if decision.raise_hotspot is None:
            return f"no hotspot ({len(hotspots.people(decision.cluster))} of {thresholds.min_reports} people)"
        hotspot = decision.raise_hotspot
        staged = self.events.stage_event("workorders.hotspot.raised", raised_payload(hotspot), report.created_at)
        try:
            self.store.raise_hotspot(hotspot, staged.puts)
        except HotspotExists:
            self.store.join_hotspot(hotspot.id, report)
            return f"joined {hotspot.id}"
        self.events.publish(staged)
        logger.info("hotspot raised", extra={"hotspot": hotspot.id, "category": hotspot.category,
                                             "reports": len(hotspot.reports)})
        return f"raised {hotspot.id}"

    # --- reading ------------------------------------------------------------------------
    def list(self, principal: Principal, query: HotspotsQuery) -> dict[str, Any]:
        if principal.role == Role.STREET:
            found = self.store.list_hotspots(street=principal.unit or "-", limit=query.limit)
        elif principal.role == Role.COMMAND_CENTRE:
            now = self.now()
            found = self.store.list_hotspots(months=[now, now.replace(day=1) - timedelta(days=1)], limit=query.limit)
        else:  # pragma: no cover - the route's role rule refuses others first
            raise Forbidden("hotspots are for the command centre and the streets", zh="热点只对指挥中心和街道开放")
        if query.status:
            found = [h for h in found if h.get("status") == query.status]
        return {"hotspots": found}

    def _visible(self, principal: Principal, hotspot_id: str) -> dict[str, Any]:
        found = self.store.get_hotspot(hotspot_id)
        if found is None or (principal.role != Role.COMMAND_CENTRE and found.get("street") != principal.unit):
            raise not_found(hotspot_id)  # "not yours" and "does not exist" look the same
        return found

    def get(self, principal: Principal, hotspot_id: str) -> dict[str, Any]:
        return self._visible(principal, hotspot_id)

    # --- acting -------------------------------------------------------------------------
    def open_order(self, principal: Principal, hotspot_id: str) -> dict[str, Any]:
        """One coordinated order for the hotspot, created as the command centre's report and
        routed like any other; it names the hotspot and its reports."""
        found = self._visible(principal, hotspot_id)
        now = self.now()
        self.store.claim_hotspot(hotspot_id, principal.subject, now)  # Conflict if opened before
        try:
            name = categories().get(found["category"], {}).get("name_zh") or found["category"]
            body = IntakeIn.model_validate({
                "text": hotspots.coordinated_text(name, found), "category": found["category"], "kind": "report",
                "location": {"grid": found["grid"]} if found.get("grid") else None,
            })
            service = self.orders
            created = service.intake(principal, body, request_id=f"hotspot|{hotspot_id}")
            order = service.repo.get(created["case_number"])
            assert order is not None
            order["hotspot"] = {"id": hotspot_id, "reports": found["reports"], "centre": found["centre"]}
            workflow.add_track(order, now, "hotspot-linked", workflow.actor(principal),
                               f"hotspot {hotspot_id}: {', '.join(found['reports'])}")
            order["version"] = int(order.get("version", 0)) + 1
            payload = HotspotOpened(id=hotspot_id, category=found["category"], order=order["case_number"],
                                    reports=found["reports"], street=found.get("street"), opened_at=workflow.iso(now.astimezone(hotspots.CHINA)))
            staged = self.events.stage_event("workorders.hotspot.opened", payload.model_dump(), now)
            service.repo.save(order, outbox=staged.puts)
        except Exception:
            self.store.release_hotspot(hotspot_id)
            raise
        self.store.mark_opened(hotspot_id, order["case_number"], now)
        self.events.publish(staged)
        return {"hotspot": self.store.get_hotspot(hotspot_id), "order": service.get(principal, order["case_number"])}
