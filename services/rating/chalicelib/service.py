"""Use cases: rating, rectification, appeals, street ratings, scores. Each change is one
DynamoDB transaction (item + history fact + counters + outbox); events are published after it."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from pydantic import ValidationError

from chalicelib.domain.daily import MAX_DAYS, daily_figures
from chalicelib.domain.figures import (
    DEFINITIONS,
    FACT_EXCLUDED,
    FACT_RATED,
    FACT_STREET_RATED,
    Delta,
    appointment_units,
    deltas_for,
    drop_counted,
    order_tallies,
    order_units,
    rank,
    scores,
)
from chalicelib.domain.months import month_of, months_between, parse_time
from chalicelib.domain.projection import ProjectionUpdate, current_status, projection_update
from chalicelib.domain.rules import rating_slot, rectification_id_for
from chalicelib.domain.units import centre_unit, kind_of, street_of
from chalicelib.models.daily import DailyQuery
from chalicelib.models.messages import COMMAND_MODELS, CommandRejected, RateCommand
from chalicelib.models.requests import (
    AppealDecisionRequest,
    AppealRequest,
    CallbackRequest,
    OutcomeRequest,
    RatingRequest,
    StreetRatingRequest,
    SubjectRef,
)
from shared import clock
from shared.auth import Principal, Role
from shared.errors import BadRequest, Conflict, DomainError, Forbidden, NotFound
from shared.events import AlreadyConsumed  # the port's: a command's envelope id was consumed before
from shared.messaging import Envelope, command_of, new_event
from shared.observability import correlation_id, logger, redact
from shared.storage import ConditionFailed, TransactionCancelled
from shared.workdays import add_workdays

iso = clock.iso
CONSUMED_PREFIXES = ("workorders.", "booking.")


# ---- settings ----------------------------------------------------------------------------
@dataclass(frozen=True)
class RatingConfig:
    # Days after the reply (order) or completion (visit) during which the resident may rate.
    rating_window_days: int = 15
    # Working days the unit has to call back and fix a bad rating (local rules: 5 to 15).
    rectification_workdays: int = 5
    # History partitions per month: spreads the append-only log over several keys.
    history_shards: int = 16


def get_config() -> RatingConfig:
    """The service's settings from the environment (defaults follow the local rules)."""
    return RatingConfig(
        rating_window_days=int(os.environ.get("RATING_WINDOW_DAYS", "15")),
        rectification_workdays=int(os.environ.get("RECTIFICATION_WORKDAYS", "5")),
        history_shards=int(os.environ.get("RATING_HISTORY_SHARDS", "16")),
    )


# ---- ports -------------------------------------------------------------------------------
@dataclass
class HistoryEntry:
    name: str
    event_id: str
    occurred_at: str
    payload: dict[str, Any]
    origin: str  # "consumed" (an inbox event) or "internal" (this service's own fact)


Operation = Mapping[str, Any]  # one conditional write of a change, opaque to the use cases
Page = tuple[list[dict[str, Any]], str | None]


class RatingStore(Protocol):
    """The rating table (adapters.repository; tests/rating/fakes.py in memory). Writes are
    operations committed together by `transact`, which raises shared.storage's
    ConditionFailed (with the failed operation's index) when a condition does not hold."""

    def transact(self, operations: Iterable[Operation]) -> None: ...
    def slot_guard(self, guard: tuple[str, ...], rating_id: str) -> Operation: ...
    def new_rating(self, rating: Mapping[str, Any]) -> Operation: ...
    def supersede_rating(self, rating_id: str, by: str, *, counted: bool) -> Operation: ...
    def set_current_rating(self, kind: str, subject_id: str, rating_id: str, level: int, round_: int) -> Operation: ...
    def mark_appealed(self, rating_id: str) -> Operation: ...
    def settle_appeal_on_rating(self, rating_id: str, changes: Mapping[str, Any]) -> Operation: ...
    def new_rectification(self, rectification: Mapping[str, Any]) -> Operation: ...
    def change_rectification(self, rectification_id: str, changes: Mapping[str, Any], *, from_status: str) -> Operation: ...
    def open_rerating(self, kind: str, subject_id: str, round_: int, deadline: str) -> Operation: ...
    def new_appeal(self, appeal: Mapping[str, Any]) -> Operation: ...
    def decide_appeal(self, rating_id: str, decision: Mapping[str, Any]) -> Operation: ...
    def put_street_rating(self, rating: Mapping[str, Any], previous: Mapping[str, Any] | None) -> Operation: ...
    def inbox_put(self, envelope_id: str) -> Operation: ...
    def tally_put(self, mark: str) -> Operation: ...
    def history_put(self, entry: HistoryEntry) -> Operation: ...
    def counter_updates(self, deltas: Iterable[Delta]) -> Sequence[Operation]: ...
    def projection_update(self, update: ProjectionUpdate) -> Operation: ...
    def consumed(self, envelope_id: str) -> bool: ...
    def get_projection(self, kind: str, subject_id: str) -> dict[str, Any] | None: ...
    def get_rating(self, rating_id: str) -> dict[str, Any] | None: ...
    def get_rectification(self, rectification_id: str) -> dict[str, Any] | None: ...
    def get_appeal(self, rating_id: str) -> dict[str, Any] | None: ...
    def get_street_rating(self, case_number: str, department: str) -> dict[str, Any] | None: ...
    def get_counter(self, unit: str, month: str) -> dict[str, Any] | None: ...
    def existing_tallies(self, marks: list[str]) -> set[str]: ...
    def ratings_of_resident(self, subject: str, limit: int, token: str | None) -> Page: ...
    def ratings_of_unit(self, unit: str, limit: int, token: str | None) -> Page: ...
    def rectifications_of_unit(self, unit: str, limit: int, token: str | None) -> Page: ...
    def appeals_with_status(self, status: str, limit: int, token: str | None) -> Page: ...
    def appeals_of_unit(self, unit: str, status: str | None, limit: int, token: str | None) -> Page: ...
    def street_ratings_by(self, street: str, limit: int, token: str | None) -> Page: ...
    def street_ratings_of(self, department: str, limit: int, token: str | None) -> Page: ...
    def counters_of_kind(self, kind: str, month: str) -> list[dict[str, Any]]: ...
    def history(self, month: str) -> Iterator[HistoryEntry]: ...


class Staged(Protocol):
    @property
    def puts(self) -> Sequence[Operation]: ...


class EventOutbox(Protocol):
    """Events staged into the change's transaction and published after it (shared.events)."""

    def stage(self, envelopes: Sequence[Envelope]) -> Any: ...
    def publish(self, staged: Any) -> Any: ...


def conflict_from(failure: TransactionCancelled, messages: dict[int, Conflict]) -> Conflict:
    """The Conflict for the first conditional operation that failed (by its position)."""
    for reason in failure.reasons:
        if reason.code == "ConditionalCheckFailed" and reason.index in messages:
            return messages[reason.index]
    return Conflict("the change collided with another one; try again", zh="与另一项改动冲突，请重试", code="concurrent_change")


def _failed_last(failure: TransactionCancelled) -> bool:
    return bool(failure.reasons) and failure.reasons[-1].code == "ConditionalCheckFailed"


BAD_LEVELS = (1, 2)
DEPARTMENT_KINDS = ("department", "utility", "mass-organisation")  # departments.csv kinds a whistle can summon
CLOSING_LEVEL = 3  # a replied order rated 3 or above is closed by the work-order service


def can_see_unit(principal: Principal, unit: str) -> bool:
    """Command centre: all; a unit: itself; a street: the communities and grids in it."""
    if principal.role == Role.COMMAND_CENTRE:
        return True
    if principal.role == Role.RESIDENT or not principal.unit:
        return False
    if principal.unit == unit:
        return True
    return principal.role == Role.STREET and street_of(unit) == principal.unit


def require_unit_access(principal: Principal, unit: str) -> None:
    if not can_see_unit(principal, unit):
        raise Forbidden(f"{principal.role.value} {principal.unit} may not see the figures or ratings of unit {unit}",
                        zh=f"{principal.role.value} {principal.unit} 无权查看单位 {unit} 的评价和数据")


def staff_unit(handler: dict[str, Any]) -> str:
    """The unit whose staff act on a rectification: the handler's own, except for the
    district hall ("JN", kind district), whose work the command centre does (no staff
    token carries the district's code)."""
    if handler.get("kind") in ("district", "command-centre"):
        return "command-center"
    return str(handler["code"])


def _end_of_day(day: Any) -> str:
    return f"{day.isoformat()}T23:59:59+08:00"


def public_rating(rating: dict[str, Any], *, for_unit: bool = False) -> dict[str, Any]:
    """`for_unit`: anyone but the rating's own resident (units, streets, the command centre).
    They never see who it was, nor phone or ID numbers the resident typed into the comment."""
    fields = ["rating_id", "subject", "level", "comment", "dimensions", "handler", "round", "submitted_at", "month",
              "superseded_by", "excluded", "appeal_status", "rectification_id"]
    if not for_unit:
        fields.append("resident")  # the resident's own view
    shown = {name: rating[name] for name in fields if rating.get(name) is not None}
    if for_unit and isinstance(shown.get("comment"), str):
        shown["comment"] = redact(shown["comment"])
    return shown


class RatingService:
    def __init__(self, repository: RatingStore, outbox: EventOutbox, config: RatingConfig | None = None) -> None:
        self.repo = repository
        self.outbox = outbox
        self.config = config or get_config()

    # ---- ratings ----------------------------------------------------------------------
    def submit_rating(self, principal: Principal, request: RatingRequest, now: datetime | None = None,
                      command_id: str | None = None) -> dict[str, Any]:
        """`command_id`: a channel's rating command, whose dedupe record commits with the rating
        (AlreadyConsumed when it was done before)."""
        now = now or clock.now()
        kind, subject_id = request.subject.kind, request.subject.id
        projection = self.repo.get_projection(kind, subject_id)
        slot = rating_slot(projection, kind, subject_id, principal.subject, now, self.config.rating_window_days)
        assert projection is not None
        if kind == "workorder":
            handler = projection.get("handler")
            units = order_units({"handler": handler, "location": projection.get("location")})
        else:
            code, centre_kind = centre_unit(str(projection.get("centre_unit") or ""))
            handler = {"kind": centre_kind, "code": code} if code else None
            units = appointment_units(projection)
        if not handler:
            raise Conflict(f"{kind} {subject_id} has no responsible unit yet", zh=f"{subject_id} 还没有责任单位", code="no_handler")
        month = month_of(now)
        submitted_at = iso(now)
        rating: dict[str, Any] = {
            "rating_id": slot.rating_id,
            "subject": {"kind": kind, "id": subject_id},
            "level": request.level,
            "resident": principal.subject,
            "handler": handler,
            "units": [list(u) for u in units],
            "month": month,
            "round": slot.round,
            "submitted_at": submitted_at,
        }
        if request.comment:
            rating["comment"] = request.comment
        if request.dimensions:
            rating["dimensions"] = request.dimensions
        if request.level in BAD_LEVELS:  # before the rating's write is built: it names its rectification
            rating["rectification_id"] = rectification_id_for(slot.rating_id)
        # One rating per subject and round: the guard item's conditional put (the id is random).
        items = [self.repo.slot_guard(slot.guard, slot.rating_id), self.repo.new_rating(rating)]
        conflicts = {0: Conflict(f"{kind} {subject_id} has already been rated (one rating per case or visit)",
                                 zh=f"{subject_id} 已经评价过（每件事只评价一次）", code="already_rated")}

        replaces = None
        if slot.previous_rating_id:
            previous = self.repo.get_rating(slot.previous_rating_id)
            if previous:
                counted = not previous.get("excluded")
                replaces = {"rating_id": previous["rating_id"], "units": previous["units"], "month": previous["month"],
                            "level": previous["level"], "counted": counted}
                conflicts[len(items)] = Conflict("the previous rating changed meanwhile; try again", zh="上一次评价刚被改动，请重试",
                                                  code="concurrent_change")
                items.append(self.repo.supersede_rating(previous["rating_id"], slot.rating_id, counted=counted))

        rectification = None
        if request.level in BAD_LEVELS:
            rectification_id = rating["rectification_id"]
            today = clock.to_china(now).date()
            rectification = {
                "rectification_id": rectification_id,
                "rating_id": slot.rating_id,
                "subject": {"kind": kind, "id": subject_id},
                "handler": handler,
                "resident": principal.subject,
                "level": request.level,
                "round": slot.round,
                "status": "open",
                "opened_at": submitted_at,
                "deadline": _end_of_day(add_workdays(today, self.config.rectification_workdays)),
                "staff_unit": staff_unit(handler),
            }
            items.append(self.repo.new_rectification(rectification))

        fact = HistoryEntry(FACT_RATED, slot.rating_id, submitted_at,
                            {"rating_id": slot.rating_id, "units": rating["units"], "month": month,
                             "level": request.level, "replaces": replaces}, "internal")
        items.append(self.repo.history_put(fact))
        items += self.repo.counter_updates(deltas_for(fact.name, fact.occurred_at, fact.payload))
        conflicts[len(items)] = Conflict("the subject changed meanwhile; try again", zh="评价对象刚被改动，请重试", code="concurrent_change")
        items.append(self.repo.set_current_rating(kind, subject_id, slot.rating_id, request.level, slot.round))
        subject = {"kind": kind, "id": subject_id}
        envelopes = [new_event("rating.rating.submitted", {
            "rating_id": slot.rating_id, "subject": subject, "level": request.level, "resident": principal.subject,
            "handler": handler, "rectification": rectification is not None,
        }, occurred_at=now)]
        if rectification:
            envelopes.append(new_event("rating.rectification.opened", {
                "rectification_id": rectification["rectification_id"], "subject": subject, "handler": handler,
                "deadline": rectification["deadline"],
            }, occurred_at=now))
        staged = self.outbox.stage(envelopes)
        items += staged.puts
        if command_id:
            items.append(self.repo.inbox_put(command_id))
        try:
            self.repo.transact(items)
        except TransactionCancelled as failure:
            if command_id and _failed_last(failure):
                raise AlreadyConsumed() from failure
            raise conflict_from(failure, conflicts) from failure
        self.outbox.publish(staged)
        return public_rating(rating)

    def get_rating(self, principal: Principal, rating_id: str) -> dict[str, Any]:
        rating = self.repo.get_rating(rating_id)
        if not rating or (principal.role == Role.RESIDENT and rating["resident"] != principal.subject):
            raise NotFound(f"no rating {rating_id}", zh=f"没有评价 {rating_id}")  # the same for "not yours"
        if principal.role == Role.RESIDENT:
            return public_rating(rating)
        require_unit_access(principal, rating["handler"]["code"])
        return public_rating(rating, for_unit=True)

    def list_ratings(self, principal: Principal, unit: str | None, limit: int, page_token: str | None = None) -> dict[str, Any]:
        if principal.role == Role.RESIDENT:
            if unit:
                raise Forbidden("a resident sees only their own ratings; leave out unit", zh="居民只能查看自己的评价，请去掉 unit")
            items, token = self.repo.ratings_of_resident(principal.subject, limit, page_token)
            return {"ratings": [public_rating(i) for i in items], "next_page_token": token}
        unit = unit or principal.unit
        if not unit:
            raise Forbidden("name the unit whose ratings you want", zh="请指明要查看哪个单位的评价")
        require_unit_access(principal, unit)
        items, token = self.repo.ratings_of_unit(unit, limit, page_token)
        return {"unit": unit, "ratings": [public_rating(i, for_unit=True) for i in items], "next_page_token": token}

    # ---- rectification ----------------------------------------------------------------
    def _rectification_for_unit(self, principal: Principal, rectification_id: str) -> dict[str, Any]:
        rectification = self.repo.get_rectification(rectification_id)
        if not rectification:
            raise NotFound(f"no rectification {rectification_id}", zh=f"没有整改 {rectification_id}")
        owner = rectification.get("staff_unit") or rectification["handler"]["code"]
        if principal.unit != owner:
            raise Forbidden(f"rectification {rectification_id} belongs to unit {owner}", zh=f"整改 {rectification_id} 属于单位 {owner}")
        return rectification

    def get_rectification(self, principal: Principal, rectification_id: str) -> dict[str, Any]:
        rectification = self.repo.get_rectification(rectification_id)
        if not rectification:
            raise NotFound(f"no rectification {rectification_id}", zh=f"没有整改 {rectification_id}")
        require_unit_access(principal, rectification.get("staff_unit") or rectification["handler"]["code"])
        return _public_rectification(rectification, principal)

    def list_rectifications(self, principal: Principal, unit: str | None, limit: int = 100,
                            page_token: str | None = None) -> dict[str, Any]:
        unit = unit or principal.unit
        if not unit:
            raise Forbidden("name the unit whose rectifications you want", zh="请指明要查看哪个单位的整改")
        require_unit_access(principal, unit)
        items, token = self.repo.rectifications_of_unit(unit, limit, page_token)
        return {"unit": unit, "rectifications": [_public_rectification(i, principal) for i in items], "next_page_token": token}

    def record_callback(self, principal: Principal, rectification_id: str, request: CallbackRequest,
                        now: datetime | None = None) -> dict[str, Any]:
        now = now or clock.now()
        rectification = self._rectification_for_unit(principal, rectification_id)
        if rectification["status"] != "open":
            raise Conflict(f"rectification {rectification_id} is {rectification['status']}; the callback is recorded once",
                           zh=f"整改 {rectification_id} 的状态是 {rectification['status']}，回访只记录一次",
                           code="wrong_state", state=rectification["status"])
        callback = {"note": request.note, "reached": request.reached, "at": iso(now), "by": principal.subject}
        try:
            self.repo.transact([self.repo.change_rectification(rectification_id,
                                                               {"status": "called-back", "callback": callback},
                                                               from_status="open")])
        except TransactionCancelled as failure:
            raise Conflict(f"rectification {rectification_id} changed meanwhile", zh=f"整改 {rectification_id} 刚被改动",
                           code="wrong_state") from failure
        rectification.update(status="called-back", callback=callback)
        return _public_rectification(rectification, principal)

    def complete_rectification(self, principal: Principal, rectification_id: str, request: OutcomeRequest,
                               now: datetime | None = None) -> dict[str, Any]:
        now = now or clock.now()
        rectification = self._rectification_for_unit(principal, rectification_id)
        status = rectification["status"]
        if status == "open":
            raise Conflict(f"rectification {rectification_id} is open: record the callback to the resident first",
                           zh=f"整改 {rectification_id} 尚未回访：请先记录对居民的回访",
                           code="wrong_state", state=status)
        if status != "called-back":
            raise Conflict(f"rectification {rectification_id} is {status}", zh=f"整改 {rectification_id} 的状态是 {status}",
                           code="wrong_state", state=status)
        subject = rectification["subject"]
        round_ = int(rectification["round"])
        late = now > parse_time(rectification["deadline"])
        rerate_deadline = iso(now + timedelta(days=self.config.rating_window_days))
        items = [
            self.repo.change_rectification(rectification_id, {"status": "completed", "outcome": request.outcome,
                                                              "completed_at": iso(now), "late": late},
                                           from_status="called-back"),
            # The resident may now rate again (the next round); that rating replaces this bad one.
            self.repo.open_rerating(subject["kind"], subject["id"], round_, rerate_deadline),
        ]
        envelopes = [new_event("rating.rectification.completed", {
            "rectification_id": rectification_id, "subject": subject, "handler": rectification["handler"],
            "outcome": request.outcome,
        }, occurred_at=now)]
        staged = self.outbox.stage(envelopes)
        items += staged.puts
        try:
            self.repo.transact(items)
        except TransactionCancelled as failure:
            raise Conflict(f"rectification {rectification_id} changed meanwhile", zh=f"整改 {rectification_id} 刚被改动",
                           code="wrong_state") from failure
        self.outbox.publish(staged)
        rectification.update(status="completed", outcome=request.outcome, completed_at=iso(now), late=late)
        return {**_public_rectification(rectification, principal), "rerate_deadline": rerate_deadline}

    # ---- appeals ----------------------------------------------------------------------
    def appeal(self, principal: Principal, rating_id: str, request: AppealRequest, now: datetime | None = None) -> dict[str, Any]:
        now = now or clock.now()
        rating = self.repo.get_rating(rating_id)
        if not rating:
            raise NotFound(f"no rating {rating_id}", zh=f"没有评价 {rating_id}")
        unit = rating["handler"]["code"]
        if principal.unit != unit:
            raise Forbidden(f"only unit {unit}, which the rating is about, may appeal it", zh=f"只有被评价的单位 {unit} 可以申诉")
        if rating.get("superseded_by"):
            raise Conflict(f"rating {rating_id} was replaced by a re-rating; appeal that one",
                           zh=f"评价 {rating_id} 已被重新评价取代，请对新的评价申诉", code="superseded")
        at = iso(now)
        appeal = {
            "rating_id": rating_id, "unit": unit, "reason": request.reason,
            "status": "pending", "appealed_at": at, "appealed_by": principal.subject, "level": rating["level"],
        }
        try:
            self.repo.transact([self.repo.new_appeal(appeal), self.repo.mark_appealed(rating_id)])
        except TransactionCancelled as failure:
            raise conflict_from(failure, {
                0: Conflict(f"rating {rating_id} has already been appealed", zh=f"评价 {rating_id} 已经申诉过", code="already_appealed"),
                1: Conflict(f"rating {rating_id} was replaced by a re-rating", zh=f"评价 {rating_id} 已被重新评价取代", code="superseded"),
            }) from failure
        return _public_appeal(appeal)

    def decide_appeal(self, principal: Principal, rating_id: str, request: AppealDecisionRequest,
                      now: datetime | None = None) -> dict[str, Any]:
        now = now or clock.now()
        appeal = self.repo.get_appeal(rating_id)
        if not appeal:
            raise NotFound(f"rating {rating_id} has no appeal", zh=f"评价 {rating_id} 没有申诉")
        if appeal["status"] != "pending":
            raise Conflict(f"the appeal of rating {rating_id} was already decided: {appeal['status']}",
                           zh=f"评价 {rating_id} 的申诉已有结论：{appeal['status']}",
                           code="already_decided", state=appeal["status"])
        rating = self.repo.get_rating(rating_id)
        assert rating is not None
        at = iso(now)
        items = [
            self.repo.decide_appeal(rating_id, {"status": request.decision, "decided_at": at,
                                                "decided_by": principal.subject, "note": request.note or ""}),
        ]
        rating_changes: dict[str, Any] = {"appeal_status": request.decision}
        if request.decision == "upheld":
            rating_changes["excluded"] = True
        items.append(self.repo.settle_appeal_on_rating(rating_id, rating_changes))
        if request.decision == "upheld":
            # Removed from the figures exactly once: the fact's key is the rating's, and the
            # conditions above fail a second decision.
            fact = HistoryEntry(FACT_EXCLUDED, "E" + rating_id[1:], at,
                                {"rating_id": rating_id, "units": rating["units"], "month": rating["month"],
                                 "level": rating["level"]}, "internal")
            items.append(self.repo.history_put(fact))
            items += self.repo.counter_updates(deltas_for(fact.name, fact.occurred_at, fact.payload))
        try:
            self.repo.transact(items)
        except TransactionCancelled as failure:
            raise conflict_from(failure, {
                0: Conflict(f"the appeal of rating {rating_id} was already decided", zh=f"评价 {rating_id} 的申诉已有结论",
                            code="already_decided"),
                1: Conflict(f"rating {rating_id} was replaced or excluded meanwhile", zh=f"评价 {rating_id} 刚被取代或剔除",
                            code="superseded"),
            }) from failure
        appeal.update(status=request.decision, decided_at=at, note=request.note or "")
        return _public_appeal(appeal)

    def list_appeals(self, principal: Principal, unit: str | None, status: str | None, limit: int = 100,
                     page_token: str | None = None) -> dict[str, Any]:
        if principal.role == Role.COMMAND_CENTRE and not unit:
            items, token = self.repo.appeals_with_status(status or "pending", limit, page_token)
        else:
            unit = unit or principal.unit
            assert unit
            require_unit_access(principal, unit)
            items, token = self.repo.appeals_of_unit(unit, status, limit, page_token)
        return {"appeals": [_public_appeal(i) for i in items], "next_page_token": token}

    # ---- streets rate departments (双评价) ------------------------------------------
    def street_rating(self, principal: Principal, request: StreetRatingRequest, now: datetime | None = None) -> dict[str, Any]:
        """A street rates a department its whistle summoned (双评价): once the order is replied,
        revisable within the rating window; the latest rating counts, the event says which."""
        now = now or clock.now()
        projection = self.repo.get_projection("workorder", request.case_number)
        order_street = ((projection or {}).get("location") or {}).get("street")
        if not projection or order_street != principal.unit:  # not theirs: the same answer as unknown
            raise NotFound(f"no order {request.case_number} is known to the rating service",
                           zh=f"评价服务中没有工单 {request.case_number}", code="subject_not_found")
        if kind_of(request.department) not in DEPARTMENT_KINDS:
            raise NotFound(f"no department {request.department}", zh=f"没有部门 {request.department}", code="unknown_unit")
        if request.department not in (projection.get("summoned") or []):
            raise Conflict(f"department {request.department} was not summoned by a whistle on order {request.case_number}",
                           zh=f"工单 {request.case_number} 没有吹哨叫到部门 {request.department}",
                           code="not_summoned")
        if not projection.get("replied_at"):
            raise Conflict(f"order {request.case_number} is not replied yet: rate the department once it has replied",
                           zh=f"工单 {request.case_number} 尚未答复：答复后再评价部门",
                           code="not_rateable", state=current_status(projection))
        window_end = parse_time(str(projection["replied_at"])) + timedelta(days=self.config.rating_window_days)
        if now > window_end:
            raise Conflict(f"the street rating window for order {request.case_number} closed at {iso(window_end)}",
                           zh=f"工单 {request.case_number} 的街道评价期已于 {iso(window_end)} 结束",
                           code="rating_window_closed")
        previous = self.repo.get_street_rating(request.case_number, request.department)
        revision = int(previous.get("revision", 0)) + 1 if previous else 0
        at = iso(now)
        month = month_of(now)
        item = {
            "case_number": request.case_number, "department": request.department, "street": principal.unit,
            "level": request.level, "comment": request.comment or "", "submitted_at": at, "month": month,
            "revision": revision,
        }
        replaces = {"month": previous["month"], "level": previous["level"]} if previous else None
        fact = HistoryEntry(FACT_STREET_RATED, f"SSTREETRATING:{request.case_number}:{request.department}:{revision}", at,
                            {"department": request.department, "month": month, "level": request.level,
                             "case_number": request.case_number, "replaces": replaces}, "internal")
        guard = self.repo.put_street_rating(item, previous)
        public = dict(item)
        staged = self.outbox.stage([new_event("rating.street_rating.submitted",
                                              {**public, "revised": previous is not None}, occurred_at=now)])
        items = [guard, self.repo.history_put(fact),
                 *self.repo.counter_updates(deltas_for(fact.name, fact.occurred_at, fact.payload)), *staged.puts]
        try:
            self.repo.transact(items)
        except TransactionCancelled as failure:
            raise conflict_from(failure, {0: Conflict(
                f"street {principal.unit}'s rating of {request.department} on order {request.case_number} changed meanwhile",
                code="concurrent_change")}) from failure
        self.outbox.publish(staged)
        return public

    def list_street_ratings(self, principal: Principal, department: str | None, limit: int,
                            page_token: str | None = None) -> dict[str, Any]:
        """A department's street ratings (the department, the command centre), or a street's own."""
        if principal.role == Role.STREET and not department:
            items, token = self.repo.street_ratings_by(principal.unit or "", limit, page_token)
        else:
            department = department or principal.unit
            if not department or kind_of(department) not in DEPARTMENT_KINDS:
                raise NotFound(f"no department {department}", zh=f"没有部门 {department}", code="unknown_unit")
            require_unit_access(principal, department)
            items, token = self.repo.street_ratings_of(department, limit, page_token)
        return {"street_ratings": items, "next_page_token": token}

    # ---- figures ----------------------------------------------------------------------
    def unit_scores(self, principal: Principal, unit: str, month: str | None) -> dict[str, Any]:
        kind = kind_of(unit)
        if kind is None:
            raise NotFound(f"no unit {unit}", zh=f"没有单位 {unit}", code="unknown_unit")
        require_unit_access(principal, unit)
        month = month or month_of(clock.now())
        counter = self.repo.get_counter(unit, month) or {}
        return {"unit": unit, "kind": kind, "month": month, **scores(counter), "definitions": DEFINITIONS}

    def rankings(self, kind: str, month: str | None) -> dict[str, Any]:
        month = month or month_of(clock.now())
        counters = self.repo.counters_of_kind(kind, month)
        return {"kind": kind, "month": month, "rankings": rank((c["unit"], c) for c in counters)}


    # ---- commands from channels (govportal-rating-commands) -----------------------------
    def handle_command(self, envelope: Envelope) -> str:
        """Acts on a channel's command as the route would for its rater, once per envelope id;
        one that cannot be done publishes rating.command.rejected (correlation_id: the command's
        id). Storage failures raise, so the message is retried and dead-lettered."""
        if self.repo.consumed(envelope.id):
            return "duplicate"
        token = correlation_id.set(envelope.id)
        raw_subject = envelope.payload.get("subject")
        try:
            try:
                command = command_of(envelope, COMMAND_MODELS)
                assert isinstance(command, RateCommand)
                principal = Principal(subject=command.rater.subject, role=Role.RESIDENT)
                request = RatingRequest.model_validate({"subject": command.subject.model_dump(), "level": command.level,
                                                        "comment": command.comment})
                self.submit_rating(principal, request, command_id=envelope.id)
                return "applied"
            except AlreadyConsumed:
                return "duplicate"
            except DomainError as error:
                subject = raw_subject if isinstance(raw_subject, dict) and set(raw_subject) == {"kind", "id"} else None
                try:
                    subject_ref = SubjectRef.model_validate(subject) if subject else None
                except ValidationError:
                    subject_ref = None
                rejected = CommandRejected(command_id=envelope.id, command=envelope.name, subject=subject_ref,
                                           code=error.code, message=error.message)
                staged = self.outbox.stage([new_event("rating.command.rejected", rejected.model_dump(mode="json"),
                                                         occurred_at=clock.now())])
                try:
                    self.repo.transact([self.repo.inbox_put(envelope.id), *staged.puts])
                except ConditionFailed:
                    return "duplicate"
                self.outbox.publish(staged)
                return "rejected"
        finally:
            correlation_id.reset(token)

    # ---- events consumed (govportal-rating-inbox) ---------------------------------------
    def consume(self, envelope: Envelope) -> bool:
        """Applies one work-order or booking event: projection, history and counters move
        together in one transaction, guarded by the history entry, so a redelivery changes
        nothing. False when it was a duplicate or not for this service."""
        if not envelope.name.startswith(CONSUMED_PREFIXES):
            logger.info("ignored event", extra={"event_name": envelope.name, "event_id": envelope.id})
            return False
        occurred_at = envelope.occurred_at.isoformat()
        payload = dict(envelope.payload)
        if envelope.name == "workorders.order.returned" and not payload.get("handler") and payload.get("case_number"):
            # A returned order has no handler any more; the return counts against the unit that
            # had it. Written into the history entry so that a rebuild attributes it the same way.
            previous = self.repo.get_projection("workorder", str(payload["case_number"]))
            if previous and previous.get("handler"):
                payload["returned_by"] = previous["handler"]
        entry = HistoryEntry(envelope.name, envelope.id, occurred_at, payload, "consumed")
        items = [self.repo.history_put(entry)]
        update = projection_update(envelope.name, payload, occurred_at)
        if update is not None:
            items.append(self.repo.projection_update(update))
        deltas = deltas_for(envelope.name, occurred_at, payload)
        # Each order counts once per month in each figure: the marks already made are skipped,
        # the new ones are written with the counts (a race fails the transaction; the redelivery
        # then sees the other's marks).
        counted = self.repo.existing_tallies(order_tallies(envelope.name, payload, deltas))
        deltas, marks = drop_counted(envelope.name, payload, deltas, counted)
        items += [self.repo.tally_put(mark) for mark in marks]
        items += self.repo.counter_updates(deltas)
        try:
            self.repo.transact(items)
        except ConditionFailed as failure:
            if failure.reasons and failure.reasons[0].code == "ConditionalCheckFailed":
                logger.info("duplicate event skipped", extra={"event_name": envelope.name, "event_id": envelope.id})
                return False
            raise
        return True

    # ---- daily figures ------------------------------------------------------------------
    def daily_figures(self, principal: Principal, query: DailyQuery) -> dict[str, Any]:
        """The command centre sees the district or any unit; a unit sees its own (a street
        also its communities and grids)."""
        unit = query.unit
        if principal.role != Role.COMMAND_CENTRE and unit is None:
            unit = principal.unit
        if unit is not None:
            if kind_of(unit) is None:
                raise NotFound(f"no unit {unit}", zh=f"没有单位 {unit}", code="unknown_unit")
            require_unit_access(principal, unit)
        today = clock.today()
        last = query.to or today
        first = query.first or last - timedelta(days=query.days - 1)
        if first > last:
            raise BadRequest("from must not be after to", zh="from 不能晚于 to", code="invalid_parameter", field="from")
        if (last - first).days + 1 > MAX_DAYS:
            raise BadRequest(f"at most {MAX_DAYS} days at once", zh=f"一次最多 {MAX_DAYS} 天", code="invalid_parameter", field="from")
        entries = ((e.name, e.occurred_at, e.payload) for month in _months_of(first, last) for e in self.repo.history(month))
        return {"unit": unit, "kind": kind_of(unit) if unit else "district", "from": first.isoformat(),
                "to": last.isoformat(), "as_of": iso(clock.now()), "days": daily_figures(entries, unit, first, last)}


def _months_of(first: date, last: date) -> list[str]:
    return months_between(first.strftime("%Y-%m"), last.strftime("%Y-%m"))


def _public_rectification(item: dict[str, Any], viewer: Principal) -> dict[str, Any]:
    """Units (and streets) do not learn who gave the bad rating, as with ratings: they call
    the resident back through the order's contact, which they see as its handler. The
    command centre sees the resident."""
    hidden = () if viewer.role == Role.COMMAND_CENTRE else ("resident",)
    return {k: v for k, v in item.items() if not k.startswith(("pk", "sk", "gsi")) and k not in hidden}


def _public_appeal(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if not k.startswith(("pk", "sk", "gsi"))}
