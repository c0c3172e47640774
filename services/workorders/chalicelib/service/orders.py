"""The work-order service: intake, actions, views, routing rules, the deadline scheduler and
the rating consumer. Validates against reference data, calls the pure domain and stores and
publishes through its ports (ports.py)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from pydantic import ValidationError

from chalicelib.domain import access, casenumber, geocell, limits, places, routing, workflow
from chalicelib.domain.workflow import Order, iso
from chalicelib.models.messages import COMMAND_MODELS, ActCommand, CommandRejected, ReportCommand
from chalicelib.models.requests import (
    ExtendIn,
    HomeIn,
    IntakeIn,
    ListQuery,
    LocationIn,
    NoteIn,
    ReplyIn,
    ReturnIn,
    RuleIn,
    Strict,
)
from chalicelib.service.ports import AlreadyConsumed, CaseNumberTaken, OrderEventsPort, OrderStore
from shared import catalogue, clock
from shared.auth import Principal, Role
from shared.errors import Conflict, DomainError, Forbidden, InvalidField, NotFound
from shared.geo import Location, district
from shared.messaging import Envelope, command_of, invalid_payload
from shared.observability import correlation_id, logger

ACT_BODIES: dict[str, type[Strict]] = {"sign": NoteIn, "return": ReturnIn, "start": NoteIn, "extend": ExtendIn, "reply": ReplyIn}
NEAR_WINDOW = timedelta(days=7)
CASE_NUMBER_ATTEMPTS = 5
DUE_LOOKBACK_HOURS = 1  # the schedule runs every minute: this hour's and the last hour's buckets
DUE_FIRST_RUN_HOURS = 3
DUE_CATCH_UP_HOURS = 7 * 24  # after an outage, look this far back at most
AREA_ZH = {"grid": "网格", "community": "社区", "street": "街道"}
SUMMARY_FIELDS = ("case_number", "status", "category", "kind", "priority", "emergency", "handler", "location",
                  "created_at", "dispatched_at", "sign_deadline", "due_at", "rating_deadline", "linked_to")


# --- reference data ---------------------------------------------------------------------
@lru_cache(maxsize=1)
def categories() -> dict[str, dict[str, str]]:
    return {c["code"]: c for c in catalogue.categories()}


@lru_cache(maxsize=1)
def departments() -> frozenset[str]:
    return frozenset(d["code"] for d in catalogue.departments() if d["kind"] in ("department", "utility", "mass-organisation"))


@lru_cache(maxsize=1)
def known_units() -> dict[str, set[str]]:
    geo = district()
    return {"grid": set(geo.grid_by_code), "community": set(geo.community_by_code), "street": set(geo.street_by_code)}


def default_department(category: str | None) -> str | None:
    code = categories().get(category or "", {}).get("default_handler")
    return code if code in departments() else None


def classify(text: str) -> Any:
    """Triage (imported late: the lexicon loads once, on first use)."""
    from chalicelib.domain.triage import triage

    return triage(text)


def _as_dict(location: Location) -> dict[str, str]:
    return {"grid": location.grid, "community": location.community, "street": location.street}


@dataclass(frozen=True)
class Where:
    """Where an order is: its area codes (None: not located yet), a point, a building, how
    precisely it is known and what located it."""

    location: dict[str, Any] | None
    point: list[float] | None = None
    building: str | None = None
    precision: str | None = None
    located_by: str | None = None


def locate_given(where: LocationIn, field: str = "location") -> Where:
    """A location the caller gave: a point, a building code or a grid code (400 if unknown)."""
    geo = district()
    if where.building is not None:
        found = geo.locate_building(where.building)
        if not found:
            raise InvalidField(f"{field}.building", f"unknown building {where.building!r}", f"没有楼栋 {where.building!r}")
        location, point = found
        return Where(_as_dict(location), [point[0], point[1]], where.building, "building", "given")
    if where.grid is not None:
        grid = geo.locate_grid(where.grid)
        if not grid:
            raise InvalidField(f"{field}.grid", f"unknown grid {where.grid!r}", f"没有网格 {where.grid!r}")
        return Where(_as_dict(grid), None, None, "grid", "given")
    assert where.lon is not None and where.lat is not None
    spot = geo.locate(where.lon, where.lat)
    if not spot:
        raise InvalidField(field, f"({where.lon}, {where.lat}) is outside the district", f"({where.lon}, {where.lat}) 不在本区范围内")
    return Where(_as_dict(spot), [where.lon, where.lat], None, "point", "given")


def locate_named(text: str | None, located_by: str) -> Where | None:
    """A place named in `text` (a building, address, compound, road, community or street)."""
    place = places.gazetteer().find(text) if text else None
    if place is None:
        return None
    return Where(place.location(), list(place.point) if place.point else None, place.building, place.precision,
                 f"{located_by}: {place.name}")


def locate(body: IntakeIn, home_grid: str | None = None) -> Where:
    """In this order: the location given, the place chosen, a place named in the text, the
    resident's registered home grid; else not located (the command centre locates it)."""
    if body.location is not None:
        return locate_given(body.location)
    found = locate_named(body.place, "place") or locate_named(body.text, "text")
    if found:
        return found
    if home_grid and district().locate_grid(home_grid):
        return Where(_as_dict(district().locate_grid(home_grid)), None, None, "grid", "home grid")  # type: ignore[arg-type]
    return Where(None)


def as_unit(principal: Principal) -> Principal:
    """The command centre's role implies its unit: whatever unit its token names (the
    district's code, say), it works the command centre's queue."""
    if principal.role == Role.COMMAND_CENTRE and principal.unit != access.COMMAND_CENTRE_CODE:
        return principal.model_copy(update={"unit": access.COMMAND_CENTRE_CODE})
    return principal


def not_found(case_number: str) -> NotFound:
    """One answer for "does not exist" and "not yours": case numbers are not to be probed."""
    return NotFound(f"no work order {case_number}", zh=f"没有工单 {case_number}", code="not_found")


def summary(order: Order) -> dict[str, Any]:
    return {k: order.get(k) for k in SUMMARY_FIELDS}


def view(order: Order, principal: Principal) -> dict[str, Any]:
    shown = {k: v for k, v in order.items() if k not in ("version", "request_id")}
    if not principal.is_staff:
        shown.pop("submitter", None)
    # The resident's contact is for the unit that must call them back and for the command
    # centre; grid workers, streets and summoned departments follow the case without it.
    may_contact = principal.role == Role.COMMAND_CENTRE or access.is_handler(order, principal)
    if not may_contact and principal.subject != order.get("resident"):
        shown.pop("contact", None)
    shown["allowed_actions"] = workflow.allowed_actions(order, principal)
    return shown


class Service:
    def __init__(self, repository: OrderStore, events: OrderEventsPort, now: Callable[[], datetime] = clock.now) -> None:
        self.repo = repository
        self.events = events
        self.now = now

    # --- intake ------------------------------------------------------------------------
    def intake(self, principal: Principal, body: IntakeIn, *, request_id: str | None = None,
               client_ref: str | None = None, command_id: str | None = None) -> dict[str, Any]:
        """Takes a report. `request_id` identifies the request across retries (the command's
        envelope id, or the Idempotency-Key): a commit that already happened for it, whether
        an SDK retry of our own transaction or a redelivered command, is recognised and its
        order returned instead of a second one being stored."""
        now = self.now()
        request_id = request_id or str(uuid.uuid4())
        home = self.repo.home_grid(principal.subject) if principal.role == Role.RESIDENT and body.location is None else None
        where = locate(body, home)
        location, point = where.location, where.point
        triaged: dict[str, Any] | None = None
        category = body.category
        if category is not None and category not in categories():
            raise InvalidField("category", f"unknown category {category!r}", f"没有类别 {category!r}")
        emergency_category = limits.emergency_category(body.text)
        if category is None:
            result = classify(body.text)
            triaged = result.to_dict()
            if result.auto_dispatch:
                category = result.candidates[0].category
            elif emergency_category:
                category = emergency_category  # never let an emergency wait for a person
        base_priority = categories()[category]["priority"] if category else "normal"
        priority = limits.priority_for(base_priority, body.text)
        submitter_role = principal.role.value
        order: Order = {
            "case_number": "",
            "request_id": request_id,
            "text": body.text,
            "category": category,
            "kind": body.kind or limits.infer_kind(body.text, category or "", submitter_role),
            "priority": priority,
            "emergency": priority == "emergency",
            "status": "submitted",
            "handler": None,
            "location": location,
            "point": point,
            "building": where.building,
            "place": body.place,
            "precision": where.precision,
            "photos": body.photos,
            "contact": body.contact.model_dump(exclude_none=True) if body.contact else None,
            "resident": principal.subject if principal.role == Role.RESIDENT else None,
            "submitter": workflow.actor(principal),
            "channel": body.channel or ("grid" if principal.role == Role.GRID_WORKER else "portal"),
            "client_ref": client_ref,
            "created_at": iso(now),
            "triage": triaged,
            "version": 0,
            "track": [],
        }
        by = workflow.actor(principal)
        workflow.add_track(order, now, "submitted", by, f"via {order['channel']}")
        if location is not None and where.located_by != "given":
            workflow.add_track(order, now, "located", workflow.SYSTEM, where.located_by, precision=where.precision)
        original = self._near_duplicate(category, point, now) if category and point else None
        linked_original: Order | None = None
        handler = rule = None
        if category and original is None:
            handler, rule = routing.resolve(self.repo.rules_for(category), location or {})
        if original is not None:
            order.update(status="merged", linked_to=original["case_number"], handler=original.get("handler"))
            distance = geocell.distance_m(tuple(point), tuple(original["point"]))  # type: ignore[arg-type]
            workflow.add_track(order, now, "linked", workflow.SYSTEM,
                               f"near-duplicate of {original['case_number']} ({distance:.0f} m): follows its progress")
        elif category and handler is not None and (location is not None or self._needs_no_place(order, handler)):
            workflow.add_track(order, now, "triaged", workflow.SYSTEM,
                               "category given" if body.category else "automatic triage", category=category)
            dispatched = workflow.dispatch(order, handler, now, workflow.SYSTEM,
                                           "emergency: dispatched at once" if order["emergency"] else None,
                                           rule.sign_minutes if rule else None)
        elif location is None:
            if category:
                workflow.add_track(order, now, "triaged", workflow.SYSTEM,
                                   "category given" if body.category else "automatic triage", category=category)
            workflow.add_track(order, now, "awaiting-location", workflow.SYSTEM,
                               "no place found in the report: the command centre locates it")
        else:
            workflow.add_track(order, now, "awaiting-triage", workflow.SYSTEM, "triage unsure: the command centre picks the category")
        for attempt in range(CASE_NUMBER_ATTEMPTS):
            order["case_number"] = casenumber.new_case_number(now)
            if original is not None:
                linked_original = self._link(original, order, now)
            created: dict[str, Any] = {"kind": order["kind"], "priority": priority}
            if original is not None:
                created["linked_to"] = original["case_number"]
            events: list[tuple[str, dict[str, Any]]] = [("workorders.order.created", created)]
            if order["status"] == "dispatched":
                events.append(dispatched)
            staged = self.events.stage(order, events, now)  # the events name this attempt's case number
            try:
                self.repo.create(order, link_to=linked_original, outbox=staged.puts, consumed_event_id=command_id,
                                 request_token=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{request_id}|{order['case_number']}")))
                break
            except CaseNumberTaken:
                stored = self.repo.get(order["case_number"])
                if stored is not None and stored.get("request_id") == request_id:
                    # Our own commit, retried by the SDK after a lost answer: it is this request's order.
                    logger.info("intake already committed by this request", extra={"case_number": stored["case_number"]})
                    self.events.publish(staged)  # the committed outbox items are this attempt's
                    return view(stored, principal)
                logger.warning("case number collision; drawing again", extra={"attempt": attempt})
            except Conflict:
                # The original changed between our read and the link (signed, say): link to
                # its fresh state instead.
                fresh = self.repo.get(original["case_number"]) if original is not None else None
                if fresh is None or attempt == CASE_NUMBER_ATTEMPTS - 1:
                    raise
                original = fresh
        else:  # pragma: no cover - a billion numbers a day
            raise RuntimeError("could not draw a free case number")
        self.events.publish(staged)
        return view(order, principal)

    @staticmethod
    def _needs_no_place(order: Order, handler: dict[str, str]) -> bool:
        """A consultation for a department is answered wherever the resident lives; anything
        else must be located before a unit can act on it."""
        return order["kind"] == "consultation" and handler["kind"] == "department"

    def _near_duplicate(self, category: str, point: list[float] | None, now: datetime) -> Order | None:
        if not point:
            return None
        markers = self.repo.near_candidates(category, point[0], point[1], now - NEAR_WINDOW)
        close_by = [m["case_number"] for m in markers
                    if geocell.distance_m(tuple(point), tuple(m["point"])) <= geocell.NEAR_METRES]  # type: ignore[arg-type]
        for candidate in self.repo.get_many(close_by):  # newest first
            if candidate["status"] in workflow.OPEN_STATUSES and not candidate.get("linked_to"):
                return candidate
        return None

    @staticmethod
    def _link(original: Order, duplicate: Order, now: datetime) -> Order:
        linked = dict(original)
        linked["linked"] = [*(original.get("linked") or []), duplicate["case_number"]]
        linked["track"] = list(original.get("track") or [])
        workflow.add_track(linked, now, "duplicate-linked", workflow.SYSTEM,
                           f"{duplicate['case_number']} reported the same problem")
        linked["version"] = int(original.get("version", 0)) + 1
        return linked

    # --- triage -------------------------------------------------------------------------
    @staticmethod
    def triage(text: str) -> dict[str, Any]:
        result: dict[str, Any] = classify(text).to_dict()
        return result

    # --- reading ------------------------------------------------------------------------
    def _load(self, case_number: str) -> Order:
        normalised = casenumber.normalise(case_number)
        order = self.repo.get(normalised) if normalised else None
        if order is None:
            raise not_found(case_number)
        return order

    def get(self, principal: Principal, case_number: str) -> dict[str, Any]:
        principal = as_unit(principal)
        order = self._load(case_number)
        if not access.can_view(order, principal):
            # The same answer as for a missing order: case numbers are not to be probed.
            raise not_found(case_number)
        shown = view(order, principal)
        if order.get("linked_to"):
            original = self.repo.get(order["linked_to"])
            if original:
                shown["original"] = {k: original.get(k) for k in ("case_number", "status", "handler", "due_at",
                                                                   "replied_at", "reply", "closed_at", "track")}
        return shown

    def list(self, principal: Principal, query: ListQuery) -> dict[str, Any]:
        principal = as_unit(principal)
        areas = [(name, getattr(query, name)) for name in ("grid", "community", "street") if getattr(query, name)]
        if len(areas) + bool(query.assignee) + bool(query.task) > 1 or ((areas or query.task) and query.summoned):
            raise InvalidField("assignee", "give one of assignee, task, grid, community or street",
                               "assignee、task、grid、community、street 只能给一个")
        wanted = query.status

        def keep(order: Order) -> bool:
            return wanted is None or order["status"] == wanted

        bound = f"status={wanted or ''}"
        if principal.role == Role.RESIDENT:
            if areas or query.assignee or query.task:
                raise Forbidden("residents list their own orders only", zh="居民只能查看自己的工单")
            orders, token = self.repo.orders_of_resident(principal.subject, limit=query.limit,
                                                         page_token=query.page_token, keep=keep, bound=bound)
        elif query.summoned:
            if principal.role == Role.COMMAND_CENTRE:
                if not query.assignee:
                    raise InvalidField("assignee", "name the department whose summons to list", "请指明要查看哪个部门被吹哨的工单")
                department = query.assignee
            elif principal.role == Role.DEPARTMENT and query.assignee in (None, principal.unit):
                department = principal.unit or ""
            else:
                raise Forbidden("a department lists only the orders it was summoned to", zh="部门只能查看吹哨叫到自己的工单")
            orders, token = self.repo.orders_viewed("summoned", department, limit=query.limit,
                                                    page_token=query.page_token, keep=keep, bound=bound)
        elif areas:
            area, code = areas[0]
            if code not in known_units()[area]:
                raise InvalidField(area, f"unknown {area} {code!r}", f"没有这个{AREA_ZH[area]} {code!r}")
            if not access.can_view_area(principal, area, code):
                raise Forbidden(f"{principal.role.value} {principal.unit} may not list {area} {code}",
                                zh=f"{principal.role.value} {principal.unit} 无权查看{AREA_ZH[area]} {code} 的工单")
            orders, token = self.repo.orders_viewed(area, code, limit=query.limit, page_token=query.page_token,
                                                    keep=keep, bound=bound)
        elif principal.role == Role.COMMAND_CENTRE and (query.task or not (query.assignee or query.status)):
            return self.centre_work(query)
        else:
            assignee = query.assignee or principal.unit or ""
            if assignee != principal.unit and principal.role != Role.COMMAND_CENTRE:
                raise Forbidden(f"{principal.role.value} {principal.unit} may list only its own queue",
                                zh=f"{principal.role.value} {principal.unit} 只能查看本单位的工单")
            orders, token = self.repo.handler_queue(assignee, query.status, limit=query.limit,
                                                    page_token=query.page_token)
        return {"orders": [summary(o) for o in orders], "next_page_token": token}

    def centre_work(self, query: ListQuery) -> dict[str, Any]:
        """The command centre's work across the district: orders to locate, to triage or
        re-route, returned, extensions to decide, under supervision and overdue, each with
        its count; `task=` pages through one of them."""
        if query.task:
            orders, token = self.repo.orders_viewed("centre", query.task, limit=query.limit,
                                                    page_token=query.page_token, keep=lambda o: True)
            return {"task": query.task, "orders": [summary(o) for o in orders], "next_page_token": token}
        tasks: dict[str, Any] = {}
        everything: list[dict[str, Any]] = []
        for task in workflow.CENTRE_TASKS:
            orders, token = self.repo.orders_viewed("centre", task, limit=query.limit, page_token=None,
                                                    keep=lambda o: True)
            shown = [summary(o) for o in orders]
            tasks[task] = {"count": self.repo.count_centre_task(task), "orders": shown,
                           "more": token is not None}
            everything += shown
        return {"view": "command-centre work", "tasks": tasks, "orders": everything, "next_page_token": None}

    # --- actions ------------------------------------------------------------------------
    def act(self, principal: Principal, case_number: str, action: str, body: dict[str, Any],
            command_id: str | None = None) -> dict[str, Any]:
        principal = as_unit(principal)
        now = self.now()
        order = self._load(case_number)
        if not access.can_view(order, principal) and principal.role != Role.COMMAND_CENTRE:
            raise not_found(case_number)
        workflow.check(order, action, principal)
        if action == "reroute":
            body = self._validate_reroute(order, body)
        if action == "merge":
            self._validate_merge(order, body)

        if action == "locate":
            body = self._validate_locate(body)
        if action == "return":
            body = {**body, "improper": self._in_remit(order)}

        def route(category: str, location: dict[str, Any] | None) -> tuple[dict[str, str], int | None]:
            handler, rule = routing.resolve(self.repo.rules_for(category), location or {})
            return handler, rule.sign_minutes if rule else None

        outcome = workflow.apply(order, action, principal, body, now, route)
        if action == "return" and outcome.order.get("category"):
            self._reroute_after_return(outcome, now)
        staged = self.events.stage(outcome.order, outcome.events, now)
        self.repo.save(outcome.order, consumed_event_id=command_id, outbox=staged.puts)
        self.events.publish(staged)
        if action == "merge":
            self._link_merged(outcome.order, now)
        self._propagate(outcome.order, now)
        return view(outcome.order, principal)

    def _link_merged(self, merged: Order, now: datetime) -> None:
        """The original of a merge learns its new follower (so its reply reaches it)."""
        target = self.repo.get(merged["linked_to"])
        if target is None or merged["case_number"] in (target.get("linked") or []):
            return
        linked = self._link(target, merged, now)
        self.repo.save(linked)

    def _propagate(self, original: Order, now: datetime) -> None:
        """Reports merged into `original` follow its reply and its closing on their own
        case numbers. Each is its own change; one that fails is logged and caught up when
        the original changes again."""
        for case in original.get("linked") or []:
            try:
                linked = self.repo.get(case)
                outcome = workflow.follow_original(linked, original, now) if linked else None
                if outcome is None:
                    continue
                staged = self.events.stage(outcome.order, outcome.events, now)
                self.repo.save(outcome.order, outbox=staged.puts)
                self.events.publish(staged)
            except Exception:
                logger.exception("a linked report could not follow its original", extra={"case_number": case})

    def _reroute_after_return(self, outcome: workflow.Outcome, now: datetime) -> None:
        """Sends a returned order to the next unit its rules name, if there is one that has
        not returned it; otherwise it waits in the command centre's queue."""
        order = outcome.order
        returned_by = {r["unit"] for r in order.get("returns") or [] if r.get("unit")}
        found = routing.fallback(self.repo.rules_for(order["category"]), order.get("location") or {}, returned_by)
        if found:
            handler, rule = found
            outcome.events.append(workflow.dispatch(order, handler, now, workflow.SYSTEM,
                                                    "re-routed after a return", rule.sign_minutes))

    def _in_remit(self, order: Order) -> bool | None:
        """Is the returning unit the one the routing rules name for this order? (None: the
        order has no category, so there is no rule to judge by.)"""
        if not order.get("category"):
            return None
        rules = self.repo.rules_for(order["category"])
        named, rule = routing.resolve(rules, order.get("location") or {})
        return rule is not None and named.get("code") == (order.get("handler") or {}).get("code")

    @staticmethod
    def _validate_locate(body: dict[str, Any]) -> dict[str, Any]:
        if body.get("location"):
            where = locate_given(LocationIn.model_validate(body["location"]))
        else:
            found = locate_named(body.get("place"), "place")
            if found is None:
                raise InvalidField("place", f"no building, compound, road, community or street named in {body.get('place')!r}",
                                   f"{body.get('place')!r} 中没有可识别的楼栋、小区、道路、社区或街道")
            where = found
        return {**body, "where": {"location": where.location, "point": where.point, "building": where.building,
                                  "precision": where.precision, "located_by": where.located_by}}

    def set_home(self, principal: Principal, body: HomeIn) -> dict[str, Any]:
        """A resident registers their home grid: reports naming no place are located there."""
        if body.grid:
            where = locate_given(LocationIn.model_validate({"grid": body.grid}), "grid")
        else:
            where = locate_given(LocationIn.model_validate({"building": body.building}), "building")
        assert where.location is not None
        grid = str(where.location["grid"])
        self.repo.set_home_grid(principal.subject, grid)
        return {"home": where.location}

    def _validate_reroute(self, order: Order, body: dict[str, Any]) -> dict[str, Any]:
        category = body.get("category")
        if category is not None and category not in categories():
            raise InvalidField("category", f"unknown category {category!r}", f"没有类别 {category!r}")
        if not category and not order.get("category"):
            raise InvalidField("category", "this order has no category yet: name one", "该工单还没有类别，请指定一个")
        if body.get("handler"):
            handler = routing.validate_handler(body["handler"], known_units(), set(departments()))
            if "code" not in handler:
                unit = routing.unit_for(handler, order.get("location") or {})
                if unit is None:
                    raise InvalidField("handler.code", "this order is not located that precisely: name the unit",
                                       "该工单的位置不够精确，请指明承办单位")
                handler = unit
            body = {**body, "handler": handler}
        return body

    def _validate_merge(self, order: Order, body: dict[str, Any]) -> None:
        into = casenumber.normalise(body["into"]) or body["into"]
        target = self.repo.get(into)
        if target is None:
            raise InvalidField("into", f"no work order {body['into']!r}", f"没有工单 {body['into']!r}")
        if target["status"] not in workflow.OPEN_STATUSES or target.get("linked_to"):
            raise InvalidField("into", f"order {into} is {target['status']}: merge into an open original",
                               f"工单 {into} 的状态是 {target['status']}，只能并入未办结的原工单")
        body["into"] = into

    # --- routing rules ------------------------------------------------------------------
    def rules(self, category: str | None) -> dict[str, Any]:
        if category is not None and category not in categories():
            raise InvalidField("category", f"unknown category {category!r}", f"没有类别 {category!r}")
        return {"rules": [r.as_dict() for r in self.repo.all_rules(category)]}

    def set_rule(self, category: str, area: str, body: RuleIn) -> dict[str, Any]:
        if category not in categories():
            raise InvalidField("category", f"unknown category {category!r}", f"没有类别 {category!r}")
        area = routing.validate_area(area, known_units())
        handler = routing.validate_handler(body.handler.model_dump(exclude_none=True), known_units(), set(departments()))
        rule = routing.Rule(category, area, handler, body.sign_minutes)
        self.repo.put_rule(rule)
        return rule.as_dict()

    def delete_rule(self, category: str, area: str) -> dict[str, Any]:
        if not self.repo.delete_rule(category, area):
            raise NotFound(f"no routing rule for {category} in {area}", zh=f"{area} 没有 {category} 的派单规则")
        return {"deleted": {"category": category, "area": area}}

    # --- the scheduler ------------------------------------------------------------------
    def run_due(self, now: datetime | None = None) -> dict[str, int]:
        """Reminds, whistles, supervises and closes whatever is due; one order's failure does
        not stop the others (it stays due and is tried again next run)."""
        now = now or self.now()
        counts = {"due": 0, "events": 0, "failed": 0}
        cursor = self.repo.scheduler_cursor()
        if cursor is None:  # the first run: a few hours back
            hours = DUE_FIRST_RUN_HOURS
        else:  # the buckets since the last clean run (more than the last hour's after an outage)
            hours = max(DUE_LOOKBACK_HOURS, min(DUE_CATCH_UP_HOURS, int((now - cursor).total_seconds() // 3600) + 1))
        cases = self.repo.due_case_numbers(now, hours)
        for order in self.repo.get_many(cases):
            counts["due"] += 1
            try:
                counts["events"] += self._advance(order, now)
            except Exception:
                counts["failed"] += 1
                logger.exception("could not advance order", extra={"case_number": order["case_number"]})
        if not counts["failed"]:
            self.repo.set_scheduler_cursor(now.astimezone(UTC).replace(minute=0, second=0, microsecond=0))
        return counts

    def _advance(self, order: Order, now: datetime) -> int:
        current, events = order, list[Any]()
        for _ in range(len(workflow.LEVELS) + 1):  # catch up after an outage, one step at a time
            outcome = workflow.step(current, now, departments(), default_department(current.get("category")))
            if outcome is None:
                break
            current, events = outcome.order, events + outcome.events
        if current is order:
            return 0
        current["version"] = int(order.get("version", 0)) + 1
        staged = self.events.stage(current, events, now)
        self.repo.save(current, outbox=staged.puts)
        self.events.publish(staged)
        self._propagate(current, now)
        return len(events)

    # --- commands from channels (govportal-workorders-commands) ---------------------------
    def handle_command(self, envelope: Envelope) -> str:
        """Acts on a channel's command as the HTTP route would for its actor, once per
        envelope id; a command that cannot be done publishes workorders.command.rejected.
        Failures of our own (storage) raise, so the message is retried and dead-lettered."""
        if self.repo.consumed(envelope.id):
            return "duplicate"
        token = correlation_id.set(envelope.id)  # results carry the command's id
        case_number = envelope.payload.get("case_number") if isinstance(envelope.payload.get("case_number"), str) else None
        try:
            command = command_of(envelope, COMMAND_MODELS)
            if isinstance(command, ReportCommand):
                self._report(command, envelope.id)
            else:
                assert isinstance(command, ActCommand)
                self._act_command(command, envelope.id)
            return "applied"
        except AlreadyConsumed:
            return "duplicate"
        except DomainError as error:
            return self._reject(envelope, case_number, error)
        finally:
            correlation_id.reset(token)

    def _report(self, command: ReportCommand, command_id: str) -> None:
        reporter = command.reporter
        principal = Principal(subject=reporter.subject, role=Role(reporter.role), unit=reporter.unit)
        location = command.location.model_dump() if command.location else None
        body = IntakeIn.model_validate({"text": command.text, "location": location, "place": command.place,
                                        "photos": command.media_urls, "channel": command.channel})
        self.intake(principal, body, request_id=command_id, client_ref=command.client_ref, command_id=command_id)

    def _act_command(self, command: ActCommand, command_id: str) -> None:
        actor = command.actor
        principal = Principal(subject=actor.subject, role=Role(actor.role), unit=actor.unit)
        fields = {"reason": command.reason, "text": command.text, "days": command.days}
        model = ACT_BODIES[command.action]
        try:
            body = model.model_validate({k: v for k, v in fields.items() if k in model.model_fields and v is not None})
        except ValidationError as exc:
            raise invalid_payload(exc) from exc
        self.act(principal, command.case_number, command.action, body.model_dump(mode="json", exclude_none=True),
                 command_id=command_id)

    def _reject(self, envelope: Envelope, case_number: str | None, error: DomainError) -> str:
        payload = CommandRejected(command_id=envelope.id, command=envelope.name, case_number=case_number,
                                  code=error.code, message=error.message)
        staged = self.events.stage_event("workorders.command.rejected", payload.model_dump(), self.now())
        try:
            self.repo.mark_consumed(envelope.id, staged.puts)
        except AlreadyConsumed:
            return "duplicate"
        self.events.publish(staged)
        logger.info("command rejected", extra={"command": envelope.name, "code": error.code})
        return "rejected"

    # --- consumed events ----------------------------------------------------------------
    def consume(self, envelope: Envelope) -> str:
        """Applies a rating-service event once per envelope id. Returns what happened."""
        payload = envelope.payload
        subject = payload.get("subject") or {}
        if subject.get("kind") != "workorder" or not subject.get("id"):
            return "ignored: not about a work order"
        order = self.repo.get(str(subject["id"]))
        at = self.now()
        outcome = None
        if order is None:
            logger.warning("rating event for an unknown order", extra={"case_number": subject.get("id")})
        elif envelope.name == "rating.rating.submitted":
            outcome = workflow.rating_received(order, int(payload["level"]), at, str(payload.get("rating_id")))
        elif envelope.name == "rating.rectification.opened":
            outcome = workflow.note_received(order, at, "rectification-opened", f"rectification due {payload.get('deadline')}")
        elif envelope.name == "rating.rectification.completed":
            outcome = workflow.note_received(order, at, "rectification-completed", f"outcome: {payload.get('outcome')}")
        try:
            if outcome is None:
                self.repo.mark_consumed(envelope.id)
                return "ignored"
            staged = self.events.stage(outcome.order, outcome.events, at)
            self.repo.save(outcome.order, consumed_event_id=envelope.id, outbox=staged.puts)
        except AlreadyConsumed:
            return "duplicate"
        self.events.publish(staged)
        self._propagate(outcome.order, at)
        return "applied"
