"""Use cases: rating, rectification, appeals, street ratings, scores. Each change is one
DynamoDB transaction (item + history fact + counters + outbox); events are published after it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from boto3.dynamodb.conditions import Attr
from pydantic import ValidationError

from chalicelib.adapters.repository import (
    AlreadyConsumed,
    HistoryEntry,
    Repository,
    TransactionFailed,
    conflict_from,
    iso,
    subject_key,
)
from chalicelib.config import get_config
from chalicelib.domain.figures import (
    DEFINITIONS,
    FACT_EXCLUDED,
    FACT_RATED,
    FACT_STREET_RATED,
    appointment_units,
    deltas_for,
    order_units,
    rank,
    scores,
)
from chalicelib.domain.months import month_of, parse_time
from chalicelib.domain.projection import current_status
from chalicelib.domain.rules import rating_slot, rectification_id_for
from chalicelib.domain.units import centre_unit, kind_of, street_of
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
from shared.keys import key
from shared.messaging import Envelope, new_event
from shared.observability import correlation_id, redact
from shared.outbox import Outbox
from shared.workdays import add_workdays

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
        raise Forbidden(f"{principal.role.value} {principal.unit} may not see the figures or ratings of unit {unit}")


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
    def __init__(self, repository: Repository | None = None, outbox: Outbox | None = None) -> None:
        self.repo = repository or Repository()
        self.outbox = outbox or new_outbox()
        self.config = get_config()

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
            raise Conflict(f"{kind} {subject_id} has no responsible unit yet", code="no_handler")
        month = month_of(now)
        submitted_at = iso(now)
        rating: dict[str, Any] = {
            "pk": key("RATING", slot.rating_id),
            "sk": "RATING",
            "rating_id": slot.rating_id,
            "subject": {"kind": kind, "id": subject_id},
            "level": request.level,
            "resident": principal.subject,
            "handler": handler,
            "units": [list(u) for u in units],
            "month": month,
            "round": slot.round,
            "submitted_at": submitted_at,
            "gsi1pk": key("RESIDENT", principal.subject),
            "gsi1sk": f"{submitted_at}#{slot.rating_id}",
            "gsi2pk": key("UNITRATINGS", handler["code"]),
            "gsi2sk": f"{submitted_at}#{slot.rating_id}",
        }
        if request.comment:
            rating["comment"] = request.comment
        if request.dimensions:
            rating["dimensions"] = request.dimensions
        # One rating per subject and round: the guard item's conditional put (the id is random).
        guard = {"pk": key("SLOT", *slot.guard), "sk": "SLOT", "rating_id": slot.rating_id}
        items = [self.repo.put(guard), self.repo.put(rating)]
        conflicts = {0: Conflict(f"{kind} {subject_id} has already been rated (one rating per case or visit)", code="already_rated")}

        replaces = None
        if slot.previous_rating_id:
            previous = self.repo.get(key("RATING", slot.previous_rating_id), "RATING")
            if previous:
                counted = not previous.get("excluded")
                replaces = {"rating_id": previous["rating_id"], "units": previous["units"], "month": previous["month"],
                            "level": previous["level"], "counted": counted}
                condition = "attribute_not_exists(superseded_by) AND " + (
                    "attribute_not_exists(excluded)" if counted else "attribute_exists(excluded)")
                conflicts[len(items)] = Conflict("the previous rating changed meanwhile; try again", code="concurrent_change")
                items.append(self.repo.update({"pk": previous["pk"], "sk": "RATING"}, {"superseded_by": slot.rating_id}, condition))

        rectification = None
        if request.level in BAD_LEVELS:
            rectification_id = rectification_id_for(slot.rating_id)
            today = clock.to_china(now).date()
            rectification = {
                "pk": key("RECT", rectification_id),
                "sk": "RECT",
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
                "gsi1pk": key("RECTUNIT", staff_unit(handler)),
                "gsi1sk": f"{submitted_at}#{rectification_id}",
            }
            rating["rectification_id"] = rectification_id
            items.append(self.repo.put(rectification))

        fact = HistoryEntry(FACT_RATED, slot.rating_id, submitted_at,
                            {"rating_id": slot.rating_id, "units": rating["units"], "month": month,
                             "level": request.level, "replaces": replaces}, "internal")
        items.append(self.repo.history_put(fact))
        items += self.repo.counter_updates(deltas_for(fact.name, fact.occurred_at, fact.payload))
        round_condition = "rating_round = :round" if slot.round else "(attribute_not_exists(rating_round) OR rating_round = :round)"
        conflicts[len(items)] = Conflict("the subject changed meanwhile; try again", code="concurrent_change")
        items.append(self.repo.update(subject_key(kind, subject_id),
                                      {"current_rating_id": slot.rating_id, "current_level": request.level,
                                       "current_round": slot.round},
                                      round_condition, {":round": slot.round}))
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
        except TransactionFailed as failure:
            if command_id and failure.reasons and failure.reasons[-1] == "ConditionalCheckFailed":
                raise AlreadyConsumed() from failure
            raise conflict_from(failure, conflicts) from failure
        self.outbox.publish(staged)
        return public_rating(rating)

    def get_rating(self, principal: Principal, rating_id: str) -> dict[str, Any]:
        rating = self.repo.get(key("RATING", rating_id), "RATING")
        if not rating or (principal.role == Role.RESIDENT and rating["resident"] != principal.subject):
            raise NotFound(f"没有评价 {rating_id} / no rating {rating_id}")  # the same for "not yours"
        if principal.role == Role.RESIDENT:
            return public_rating(rating)
        require_unit_access(principal, rating["handler"]["code"])
        return public_rating(rating, for_unit=True)

    def list_ratings(self, principal: Principal, unit: str | None, limit: int, page_token: str | None = None) -> dict[str, Any]:
        if principal.role == Role.RESIDENT:
            if unit:
                raise Forbidden("a resident sees only their own ratings; leave out unit")
            items, token = self.repo.query_page("gsi1", key("RESIDENT", principal.subject), limit=limit, token=page_token)
            return {"ratings": [public_rating(i) for i in items], "next_page_token": token}
        unit = unit or principal.unit
        if not unit:
            raise Forbidden("name the unit whose ratings you want")
        require_unit_access(principal, unit)
        items, token = self.repo.query_page("gsi2", key("UNITRATINGS", unit), limit=limit, token=page_token)
        return {"unit": unit, "ratings": [public_rating(i, for_unit=True) for i in items], "next_page_token": token}

    # ---- rectification ----------------------------------------------------------------
    def _rectification_for_unit(self, principal: Principal, rectification_id: str) -> dict[str, Any]:
        rectification = self.repo.get(key("RECT", rectification_id), "RECT")
        if not rectification:
            raise NotFound(f"no rectification {rectification_id}")
        owner = rectification.get("staff_unit") or rectification["handler"]["code"]
        if principal.unit != owner:
            raise Forbidden(f"rectification {rectification_id} belongs to unit {owner}")
        return rectification

    def get_rectification(self, principal: Principal, rectification_id: str) -> dict[str, Any]:
        rectification = self.repo.get(key("RECT", rectification_id), "RECT")
        if not rectification:
            raise NotFound(f"no rectification {rectification_id}")
        require_unit_access(principal, rectification.get("staff_unit") or rectification["handler"]["code"])
        return _public_rectification(rectification, principal)

    def list_rectifications(self, principal: Principal, unit: str | None, limit: int = 100,
                            page_token: str | None = None) -> dict[str, Any]:
        unit = unit or principal.unit
        if not unit:
            raise Forbidden("name the unit whose rectifications you want")
        require_unit_access(principal, unit)
        items, token = self.repo.query_page("gsi1", key("RECTUNIT", unit), limit=limit, token=page_token)
        return {"unit": unit, "rectifications": [_public_rectification(i, principal) for i in items], "next_page_token": token}

    def record_callback(self, principal: Principal, rectification_id: str, request: CallbackRequest,
                        now: datetime | None = None) -> dict[str, Any]:
        now = now or clock.now()
        rectification = self._rectification_for_unit(principal, rectification_id)
        if rectification["status"] != "open":
            raise Conflict(f"rectification {rectification_id} is {rectification['status']}; the callback is recorded once",
                           code="wrong_state", state=rectification["status"])
        callback = {"note": request.note, "reached": request.reached, "at": iso(now), "by": principal.subject}
        try:
            self.repo.transact([self.repo.update({"pk": rectification["pk"], "sk": "RECT"},
                                                 {"status": "called-back", "callback": callback},
                                                 "#status_ = :open", {":open": "open"})
                               ])
        except TransactionFailed as failure:
            raise Conflict(f"rectification {rectification_id} changed meanwhile", code="wrong_state") from failure
        rectification.update(status="called-back", callback=callback)
        return _public_rectification(rectification, principal)

    def complete_rectification(self, principal: Principal, rectification_id: str, request: OutcomeRequest,
                               now: datetime | None = None) -> dict[str, Any]:
        now = now or clock.now()
        rectification = self._rectification_for_unit(principal, rectification_id)
        status = rectification["status"]
        if status == "open":
            raise Conflict(f"rectification {rectification_id} is open: record the callback to the resident first",
                           code="wrong_state", state=status)
        if status != "called-back":
            raise Conflict(f"rectification {rectification_id} is {status}", code="wrong_state", state=status)
        subject = rectification["subject"]
        round_ = int(rectification["round"])
        late = now > parse_time(rectification["deadline"])
        rerate_deadline = iso(now + timedelta(days=self.config.rating_window_days))
        round_condition = "rating_round = :round" if round_ else "(attribute_not_exists(rating_round) OR rating_round = :round)"
        items = [
            self.repo.update({"pk": rectification["pk"], "sk": "RECT"},
                             {"status": "completed", "outcome": request.outcome, "completed_at": iso(now), "late": late},
                             "#status_ = :called", {":called": "called-back"}),
            # The resident may now rate again (the next round); that rating replaces this bad one.
            self.repo.update(subject_key(subject["kind"], subject["id"]),
                             {"rating_round": round_ + 1, "rerate_deadline": rerate_deadline},
                             round_condition, {":round": round_}),
        ]
        envelopes = [new_event("rating.rectification.completed", {
            "rectification_id": rectification_id, "subject": subject, "handler": rectification["handler"],
            "outcome": request.outcome,
        }, occurred_at=now)]
        staged = self.outbox.stage(envelopes)
        items += staged.puts
        try:
            self.repo.transact(items)
        except TransactionFailed as failure:
            raise Conflict(f"rectification {rectification_id} changed meanwhile", code="wrong_state") from failure
        self.outbox.publish(staged)
        rectification.update(status="completed", outcome=request.outcome, completed_at=iso(now), late=late)
        return {**_public_rectification(rectification, principal), "rerate_deadline": rerate_deadline}

    # ---- appeals ----------------------------------------------------------------------
    def appeal(self, principal: Principal, rating_id: str, request: AppealRequest, now: datetime | None = None) -> dict[str, Any]:
        now = now or clock.now()
        rating = self.repo.get(key("RATING", rating_id), "RATING")
        if not rating:
            raise NotFound(f"no rating {rating_id}")
        unit = rating["handler"]["code"]
        if principal.unit != unit:
            raise Forbidden(f"only unit {unit}, which the rating is about, may appeal it")
        if rating.get("superseded_by"):
            raise Conflict(f"rating {rating_id} was replaced by a re-rating; appeal that one", code="superseded")
        at = iso(now)
        appeal = {
            "pk": key("APPEAL", rating_id), "sk": "APPEAL", "rating_id": rating_id, "unit": unit, "reason": request.reason,
            "status": "pending", "appealed_at": at, "appealed_by": principal.subject, "level": rating["level"],
            "gsi1pk": key("APPEALS", "pending"), "gsi1sk": f"{at}#{rating_id}",
            "gsi2pk": key("APPEALUNIT", unit), "gsi2sk": f"{at}#{rating_id}",
        }
        try:
            self.repo.transact([
                self.repo.put(appeal),
                self.repo.update({"pk": rating["pk"], "sk": "RATING"}, {"appeal_status": "pending"},
                                 "attribute_not_exists(superseded_by)"),
            ])
        except TransactionFailed as failure:
            raise conflict_from(failure, {
                0: Conflict(f"rating {rating_id} has already been appealed", code="already_appealed"),
                1: Conflict(f"rating {rating_id} was replaced by a re-rating", code="superseded"),
            }) from failure
        return _public_appeal(appeal)

    def decide_appeal(self, principal: Principal, rating_id: str, request: AppealDecisionRequest,
                      now: datetime | None = None) -> dict[str, Any]:
        now = now or clock.now()
        appeal = self.repo.get(key("APPEAL", rating_id), "APPEAL")
        if not appeal:
            raise NotFound(f"rating {rating_id} has no appeal")
        if appeal["status"] != "pending":
            raise Conflict(f"the appeal of rating {rating_id} was already decided: {appeal['status']}",
                           code="already_decided", state=appeal["status"])
        rating = self.repo.get(key("RATING", rating_id), "RATING")
        assert rating is not None
        at = iso(now)
        items = [
            self.repo.update({"pk": appeal["pk"], "sk": "APPEAL"},
                             {"status": request.decision, "decided_at": at, "decided_by": principal.subject,
                              "note": request.note or "", "gsi1pk": key("APPEALS", request.decision)},
                             "#status_ = :pending", {":pending": "pending"}),
        ]
        rating_changes: dict[str, Any] = {"appeal_status": request.decision}
        if request.decision == "upheld":
            rating_changes["excluded"] = True
        items.append(self.repo.update({"pk": rating["pk"], "sk": "RATING"}, rating_changes,
                                      "attribute_not_exists(excluded) AND attribute_not_exists(superseded_by)"))
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
        except TransactionFailed as failure:
            raise conflict_from(failure, {
                0: Conflict(f"the appeal of rating {rating_id} was already decided", code="already_decided"),
                1: Conflict(f"rating {rating_id} was replaced or excluded meanwhile", code="superseded"),
            }) from failure
        appeal.update(status=request.decision, decided_at=at, note=request.note or "")
        return _public_appeal(appeal)

    def list_appeals(self, principal: Principal, unit: str | None, status: str | None, limit: int = 100,
                     page_token: str | None = None) -> dict[str, Any]:
        if principal.role == Role.COMMAND_CENTRE and not unit:
            # The status is in the partition key: one partition per status.
            items, token = self.repo.query_page("gsi1", key("APPEALS", status or "pending"), limit=limit, token=page_token)
        else:
            unit = unit or principal.unit
            assert unit
            require_unit_access(principal, unit)
            # A unit's appeals of every status share one partition: the status is filtered
            # in DynamoDB, and the page is read on until it is full.
            items, token = self.repo.query_page("gsi2", key("APPEALUNIT", unit), limit=limit, token=page_token,
                                                filter_on=Attr("status").eq(status) if status else None,
                                                bound=f"status={status or ''}")
        return {"appeals": [_public_appeal(i) for i in items], "next_page_token": token}

    # ---- streets rate departments (双评价) ------------------------------------------
    def street_rating(self, principal: Principal, request: StreetRatingRequest, now: datetime | None = None) -> dict[str, Any]:
        """A street rates a department its whistle summoned (双评价): once the order is replied,
        revisable within the rating window; the latest rating counts, the event says which."""
        now = now or clock.now()
        projection = self.repo.get_projection("workorder", request.case_number)
        order_street = ((projection or {}).get("location") or {}).get("street")
        if not projection or order_street != principal.unit:  # not theirs: the same answer as unknown
            raise NotFound(f"no order {request.case_number} is known to the rating service", code="subject_not_found")
        if kind_of(request.department) not in DEPARTMENT_KINDS:
            raise NotFound(f"no department {request.department}", code="unknown_unit")
        if request.department not in (projection.get("summoned") or []):
            raise Conflict(f"department {request.department} was not summoned by a whistle on order {request.case_number}",
                           code="not_summoned")
        if not projection.get("replied_at"):
            raise Conflict(f"order {request.case_number} is not replied yet: rate the department once it has replied",
                           code="not_rateable", state=current_status(projection))
        window_end = parse_time(str(projection["replied_at"])) + timedelta(days=self.config.rating_window_days)
        if now > window_end:
            raise Conflict(f"the street rating window for order {request.case_number} closed at {iso(window_end)}",
                           code="rating_window_closed")
        pk = key("STREETRATING", request.case_number, request.department)
        previous = self.repo.get(pk, "STREETRATING")
        revision = int(previous.get("revision", 0)) + 1 if previous else 0
        at = iso(now)
        month = month_of(now)
        item = {
            "pk": pk, "sk": "STREETRATING",
            "case_number": request.case_number, "department": request.department, "street": principal.unit,
            "level": request.level, "comment": request.comment or "", "submitted_at": at, "month": month,
            "revision": revision,
            "gsi1pk": key("STREETRATINGS", request.department), "gsi1sk": f"{at}#{request.case_number}",
            "gsi2pk": key("STREETRATEDBY", principal.unit), "gsi2sk": f"{at}#{request.case_number}",
        }
        replaces = {"month": previous["month"], "level": previous["level"]} if previous else None
        fact = HistoryEntry(FACT_STREET_RATED, "S" + str(pk).replace("#", ":") + f":{revision}", at,
                            {"department": request.department, "month": month, "level": request.level,
                             "case_number": request.case_number, "replaces": replaces}, "internal")
        guard = self.repo.put(item, unique=previous is None)
        if previous:
            guard["Put"]["ConditionExpression"] = "attribute_not_exists(revision) OR revision = :seen"
            guard["Put"]["ExpressionAttributeValues"] = {":seen": int(previous.get("revision", 0))}
            if "revision" not in previous:
                guard["Put"]["ConditionExpression"] = "attribute_not_exists(revision)"
                del guard["Put"]["ExpressionAttributeValues"]
        public = {k: v for k, v in item.items() if not k.startswith(("pk", "sk", "gsi"))}
        staged = self.outbox.stage([new_event("rating.street_rating.submitted",
                                              {**public, "revised": previous is not None}, occurred_at=now)])
        items = [guard, self.repo.history_put(fact),
                 *self.repo.counter_updates(deltas_for(fact.name, fact.occurred_at, fact.payload)), *staged.puts]
        try:
            self.repo.transact(items)
        except TransactionFailed as failure:
            raise conflict_from(failure, {0: Conflict(
                f"street {principal.unit}'s rating of {request.department} on order {request.case_number} changed meanwhile",
                code="concurrent_change")}) from failure
        self.outbox.publish(staged)
        return public

    def list_street_ratings(self, principal: Principal, department: str | None, limit: int,
                            page_token: str | None = None) -> dict[str, Any]:
        """A department's street ratings (the department, the command centre), or a street's own."""
        if principal.role == Role.STREET and not department:
            items, token = self.repo.query_page("gsi2", key("STREETRATEDBY", principal.unit or ""), limit=limit,
                                                token=page_token)
        else:
            department = department or principal.unit
            if not department or kind_of(department) not in DEPARTMENT_KINDS:
                raise NotFound(f"no department {department}", code="unknown_unit")
            require_unit_access(principal, department)
            items, token = self.repo.query_page("gsi1", key("STREETRATINGS", department), limit=limit, token=page_token)
        shown = [{k: v for k, v in i.items() if not k.startswith(("pk", "sk", "gsi"))} for i in items]
        return {"street_ratings": shown, "next_page_token": token}

    # ---- figures ----------------------------------------------------------------------
    def unit_scores(self, principal: Principal, unit: str, month: str | None) -> dict[str, Any]:
        kind = kind_of(unit)
        if kind is None:
            raise NotFound(f"no unit {unit}", code="unknown_unit")
        require_unit_access(principal, unit)
        month = month or month_of(clock.now())
        counter = self.repo.get_counter(unit, month) or {}
        return {"unit": unit, "kind": kind, "month": month, **scores(counter), "definitions": DEFINITIONS}

    def rankings(self, kind: str, month: str | None) -> dict[str, Any]:
        month = month or month_of(clock.now())
        counters = self.repo.counters_of_kind(kind, month)
        return {"kind": kind, "month": month, "rankings": rank((c["unit"], c) for c in counters)}


OUTBOX_GRACE_SECONDS = 120  # leave the request that wrote an event time to publish it itself


def new_outbox() -> Outbox:
    """The outbox in the rating table; the transactions use the resource's client (plain
    values), and time is the service's clock (tests move it)."""
    return Outbox(wire="resource", now=lambda: clock.now())


def sweep_outbox() -> int:
    """Republishes events whose publish failed after their change was committed."""
    return new_outbox().republish_stale(OUTBOX_GRACE_SECONDS)


def _public_rectification(item: dict[str, Any], viewer: Principal) -> dict[str, Any]:
    """Units (and streets) do not learn who gave the bad rating, as with ratings: they call
    the resident back through the order's contact, which they see as its handler. The
    command centre sees the resident."""
    hidden = () if viewer.role == Role.COMMAND_CENTRE else ("resident",)
    return {k: v for k, v in item.items() if not k.startswith(("pk", "sk", "gsi")) and k not in hidden}


def _public_appeal(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if not k.startswith(("pk", "sk", "gsi"))}


# ---- commands from channels (govportal-rating-commands) -------------------------------
def handle_command(envelope: Envelope, service: RatingService | None = None) -> str:
    """Acts on a channel's command as the route would for its rater, once per envelope id;
    one that cannot be done publishes rating.command.rejected (correlation_id: the command's
    id). Storage failures raise, so the message is retried and dead-lettered."""
    service = service or RatingService()
    if service.repo.consumed(envelope.id):
        return "duplicate"
    token = correlation_id.set(envelope.id)
    raw_subject = envelope.payload.get("subject")
    try:
        try:
            model = COMMAND_MODELS.get(envelope.name)
            if model is None:
                raise BadRequest(f"unknown command {envelope.name!r}; known: {', '.join(COMMAND_MODELS)}")
            try:
                command = model.model_validate(envelope.payload)
            except ValidationError as exc:
                raise BadRequest("; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())) from exc
            assert isinstance(command, RateCommand)
            principal = Principal(subject=command.rater.subject, role=Role.RESIDENT)
            request = RatingRequest.model_validate({"subject": command.subject.model_dump(), "level": command.level,
                                                    "comment": command.comment})
            service.submit_rating(principal, request, command_id=envelope.id)
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
            staged = service.outbox.stage([new_event("rating.command.rejected", rejected.model_dump(mode="json"),
                                                     occurred_at=clock.now())])
            try:
                service.repo.transact([service.repo.inbox_put(envelope.id), *staged.puts])
            except TransactionFailed:
                return "duplicate"
            service.outbox.publish(staged)
            return "rejected"
    finally:
        correlation_id.reset(token)
