"""Booking use cases over ports: storage (Repository) and messaging (Events) come in as
Protocols, implemented by chalicelib/adapters on DynamoDB and SNS and by in-memory fakes in
the use-case tests (tests/booking/fakes.py). No boto3 and no item shapes here.

Events go through a transactional outbox: a change's event is staged first, its outbox
item is written in the change's own transaction, and it is published after the commit (a
failed publish is republished by the schedule; nothing is lost)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from chalicelib.domain.model import (
    ACTIVE,
    TRANSITIONS,
    Appointment,
    SeatTaken,
    Status,
    new_code,
    new_id,
)
from chalicelib.domain.schedule import (
    HOME_VISIT_CAPACITY_PER_WINDOW,
    Centre,
    Item,
    Slot,
    day_status,
    find_slot,
    home_visit_windows,
    slots_for,
)
from shared import clock
from shared.auth import Principal, Role
from shared.errors import BadRequest, Conflict, Forbidden, NotFound

BOOKING_WINDOW_DAYS = 14
MINIMUM_NOTICE = timedelta(hours=2)
MAX_ACTIVE_BOOKINGS = 3
HOME_VISIT_REASONS = frozenset({"elderly", "disabled"})
CENTRE_STAFF = frozenset({Role.COMMUNITY, Role.STREET})


Outbox = Sequence[dict[str, Any]]  # TransactWriteItems entries that record the change's events


class Repository(Protocol):
    def centre(self, centre_id: str) -> Centre | None: ...
    def item(self, code: str) -> Item | None: ...
    def taken(self, centre_id: str, day: date) -> dict[str, int]: ...
    def book(self, appointment: Appointment, cell_capacity: int, max_active: int, *, outbox: Outbox = ()) -> None: ...
    def get(self, appointment_id: str) -> Appointment | None: ...
    def by_code(self, code: str) -> Appointment | None: ...
    def for_resident(self, resident: str) -> list[Appointment]: ...
    def for_centre_day(self, centre_id: str, day: date) -> list[Appointment]: ...
    def for_day(self, day: date) -> list[Appointment]: ...
    def transition(
        self, before: Appointment, after: Appointment, free_seats: bool, free_active: bool, *, outbox: Outbox = ()
    ) -> None: ...
    def move(self, before: Appointment, after: Appointment, cell_capacity: int, *, outbox: Outbox = ()) -> None: ...
    def update(self, before: Appointment, after: Appointment) -> None: ...


class Staged(Protocol):
    """Events on their way out: `puts` go into the change's transaction."""

    @property
    def puts(self) -> Outbox: ...


class Events(Protocol):
    def stage(self, name: str, payload: dict[str, Any]) -> Staged: ...
    def publish(self, staged: Any) -> object:
        """After the commit, with what `stage` returned; never raises (what fails stays in
        the outbox)."""
        ...


@dataclass(frozen=True)
class BookingRequest:
    item: str
    centre: str
    start: datetime
    resident: str | None = None  # 代办: the resident a staff member books for
    home_visit_reason: str | None = None
    address: str | None = None


def _rule(code: str, message: str, zh: str, status: int = 409) -> Conflict | BadRequest:
    return Conflict(message, zh=zh, code=code) if status == 409 else BadRequest(message, zh=zh, code=code)


# rule -> (English, Chinese): the guards a change's transaction can fail.
_RULE_MESSAGES = {
    "slot_full": ("this slot is fully booked; pick another time", "该时段已约满，请选择其他时间"),
    "one_per_item_per_day": ("you already have a booking for this item on that day", "您当天已预约过此事项"),
    "too_many_active": (f"at most {MAX_ACTIVE_BOOKINGS} active bookings per resident; cancel one first",
                        f"每位居民最多同时有 {MAX_ACTIVE_BOOKINGS} 个有效预约，请先取消一个"),
    "concurrent_change": ("the appointment was changed at the same time; reload and retry", "预约刚被同时修改，请刷新后重试"),
    "busy": ("the slot is being booked by many people right now; retry", "该时段正被多人预约，请重试"),
}


def rule_error(rule: str) -> Conflict:
    english, chinese = _RULE_MESSAGES.get(rule, (rule, rule))
    return Conflict(english, zh=chinese, code=rule)


class BookingService:
    def __init__(self, repo: Repository, events: Events) -> None:
        self.repo = repo
        self.events = events

    # -- reference data ----------------------------------------------------------------
    def _centre(self, centre_id: str) -> Centre:
        centre = self.repo.centre(centre_id)
        if centre is None:
            raise NotFound(f"no service centre {centre_id!r}", zh=f"没有服务中心 {centre_id!r}", code="unknown_centre")
        return centre

    def _item(self, code: str) -> Item:
        item = self.repo.item(code)
        if item is None:
            raise NotFound(f"no catalogue item {code!r}", zh=f"没有事项 {code!r}", code="unknown_item")
        return item

    def _offered(self, item: Item, centre: Centre, home_visit: bool = False) -> None:
        if home_visit:
            # The resident's community visits, also for a street item it then hands on.
            if not item.home_visit:
                raise _rule("home_visit_not_offered", f"item {item.code} has no home visits", f"事项 {item.code} 不提供上门服务", 400)
            if centre.level != "community":
                raise _rule("home_visit_centre", "home visits are made by the resident's community centre",
                            "上门服务由居民所在社区的服务站提供", 400)
            if centre.id in item.centres or centre.parent_centre in item.centres:
                return
        elif centre.id in item.centres:
            return
        raise BadRequest(f"item {item.code} is not handled at {centre.id}", zh=f"{centre.id} 不办理事项 {item.code}",
                         code="item_not_offered")

    # -- slots -------------------------------------------------------------------------
    def slots(self, item_code: str, centre_id: str, day: date, home_visit: bool = False) -> list[dict[str, Any]]:
        """Slots a resident can book now: none on a closed day, beyond the booking window,
        or starting sooner than the minimum notice."""
        item, centre = self._item(item_code), self._centre(centre_id)
        self._offered(item, centre, home_visit)
        if not home_visit and not item.appointment:
            raise self._not_at_counter(item)
        if self._outside_window(day) is not None:
            return []
        candidates = home_visit_windows(centre, day) if home_visit else slots_for(centre, item, day)
        earliest = clock.now() + MINIMUM_NOTICE
        candidates = [slot for slot in candidates if slot.start >= earliest]
        if not candidates:
            return []
        taken = self.repo.taken(centre.id, day)
        capacity = self._cell_capacity(centre, home_visit)
        return [
            {
                "start": clock.iso(slot.start),
                "end": clock.iso(slot.end),
                "capacity": capacity,
                "remaining": max(0, capacity - max(taken.get(cell, 0) for cell in slot.cells)),
            }
            for slot in candidates
        ]

    @staticmethod
    def _not_at_counter(item: Item) -> Conflict | BadRequest:
        if item.home_visit:
            return _rule("item_not_bookable", f"item {item.code} has no counter appointments; ask for a home visit",
                         f"事项 {item.code} 不设窗口预约，请申请上门服务", 400)
        return _rule(
            "no_appointment_needed",
            f"item {item.code} ({item.name_zh}) needs no appointment: come to the centre during its opening hours",
            f"事项 {item.code}（{item.name_zh}）无需预约，请在服务中心办公时间直接前往办理",
            400,
        )

    @staticmethod
    def _outside_window(day: date) -> str | None:
        today = clock.now().date()
        if day < today:
            return "past"
        if day > today + timedelta(days=BOOKING_WINDOW_DAYS):
            return "booking_window"
        return None

    def slot_day(self, item_code: str, centre_id: str, day: date, home_visit: bool = False) -> dict[str, Any]:
        """A day's slots with why there are none: the centre is closed (holiday by name,
        weekend, closure) or the day is outside the booking window."""
        slots = self.slots(item_code, centre_id, day, home_visit)
        status = day_status(self._centre(centre_id), day).public()
        outside = self._outside_window(day)
        if outside is not None and not status["closed"]:
            status["reason"] = outside
        today = clock.now().date()
        return {
            **status,
            "bookable_until": (today + timedelta(days=BOOKING_WINDOW_DAYS)).isoformat(),
            "slots": slots,
        }

    @staticmethod
    def _cell_capacity(centre: Centre, home_visit: bool) -> int:
        return HOME_VISIT_CAPACITY_PER_WINDOW * centre.counters if home_visit else centre.capacity

    # -- booking -----------------------------------------------------------------------
    def _check_time(self, start: datetime) -> None:
        now = clock.now()
        if start < now + MINIMUM_NOTICE:
            hours = int(MINIMUM_NOTICE.total_seconds() // 3600)
            raise _rule("minimum_notice", f"bookings must start at least {hours} hours from now",
                        f"预约时间须在 {hours} 小时之后", 400)
        if start.date() > now.date() + timedelta(days=BOOKING_WINDOW_DAYS):
            raise _rule("booking_window", f"bookings open at most {BOOKING_WINDOW_DAYS} days ahead",
                        f"最多可预约 {BOOKING_WINDOW_DAYS} 天内的时段", 400)

    def _slot(self, centre: Centre, item: Item, start: datetime, home_visit: bool) -> Slot:
        day = start.date()
        candidates = home_visit_windows(centre, day) if home_visit else slots_for(centre, item, day)
        if not candidates:
            raise _rule("centre_closed", f"{centre.id} is closed on {day.isoformat()}",
                        f"{centre.id} 在 {day.isoformat()} 不办公", 400)
        slot = find_slot(candidates, start)
        if slot is None:
            raise _rule(
                "not_a_slot",
                f"{clock.iso(start)} is not a slot start; ask GET /booking/slots for the times",
                f"{clock.iso(start)} 不是可预约时段的开始时间，请通过 GET /booking/slots 查询",
                400,
            )
        return slot

    def book(self, principal: Principal, request: BookingRequest) -> Appointment:
        start = clock.to_china(request.start)
        resident, proxy_by = self._who(principal, request)
        item, centre = self._item(request.item), self._centre(request.centre)
        home_visit = request.home_visit_reason is not None
        self._offered(item, centre, home_visit)
        if principal.role in CENTRE_STAFF and centre.unit != principal.unit:
            raise Forbidden(f"staff of {principal.unit} may book on behalf of residents only at their own centre",
                            zh=f"{principal.unit} 的工作人员只能在本服务中心代办预约")
        if home_visit:
            self._check_home_visit(request)
        elif not item.appointment:
            raise self._not_at_counter(item)
        self._check_time(start)
        slot = self._slot(centre, item, start, home_visit)
        at = clock.iso(clock.now())
        appointment = Appointment(
            id=new_id(),
            code=new_code(),
            resident=resident,
            item=item.code,
            centre=centre.id,
            centre_unit=centre.unit,
            start=clock.iso(slot.start),
            end=clock.iso(slot.end),
            day=slot.start.date().isoformat(),
            cells=list(slot.cells),
            proxy=proxy_by is not None,
            proxy_by=proxy_by,
            home_visit=home_visit,
            home_visit_reason=request.home_visit_reason,
            address=request.address,
            staff=proxy_by,
            created_at=at,
            updated_at=at,
            history=[{"status": Status.BOOKED.value, "at": at, "by": principal.subject}],
            version=1,
        )
        capacity = self._cell_capacity(centre, home_visit)
        staged = self._stage("booked", appointment)
        for _ in range(5):  # a fresh code (or id) on the rare collision
            try:
                self.repo.book(appointment, capacity, MAX_ACTIVE_BOOKINGS, outbox=staged.puts)
                break
            except SeatTaken as taken:
                if self.repo.get(appointment.id) is not None:
                    # Our own transaction committed and its answer was lost; the retry
                    # then fails its conditions. The id is random per request: it is ours.
                    break
                if taken.rule not in {"code_taken", "id_taken"}:
                    raise rule_error(taken.rule) from None
                appointment.code, appointment.id = new_code(), new_id()
                staged = self._stage("booked", appointment)  # the event names the new id and code
        else:
            raise Conflict("could not allocate a booking code; retry", zh="暂时无法分配预约码，请重试", code="busy")
        self.events.publish(staged)
        return appointment

    def _who(self, principal: Principal, request: BookingRequest) -> tuple[str, str | None]:
        if principal.role == Role.RESIDENT:
            if request.resident not in (None, principal.subject):
                raise Forbidden("a resident books for themselves; 代办 is done by centre staff",
                                zh="居民只能为本人预约；代办由服务中心工作人员办理")
            return principal.subject, None
        if principal.role in CENTRE_STAFF:
            if not request.resident:
                raise BadRequest(
                    "a booking by staff (代办) needs the resident's subject", zh="工作人员代办预约需提供居民标识（resident）",
                    code="resident_required", field="resident",
                )
            return request.resident, principal.subject
        raise Forbidden(f"role {principal.role.value} may not book appointments", zh=f"角色 {principal.role.value} 不能预约")

    def _check_home_visit(self, request: BookingRequest) -> None:
        if request.home_visit_reason not in HOME_VISIT_REASONS:
            raise _rule("home_visit_not_eligible", "home visits are for elderly or disabled residents",
                        "上门服务仅面向老年人或残疾人", 400)
        if not request.address or not request.address.strip():
            raise BadRequest("a home visit needs the resident's address", zh="上门服务需要填写居民地址",
                             code="address_required", field="address")

    def centres_for(self, item_code: str) -> list[dict[str, Any]]:
        item = self._item(item_code)
        found = [self.repo.centre(centre_id) for centre_id in item.centres]
        return [
            {"id": c.id, "name_zh": c.name_zh, "level": c.level, "unit": c.unit, "capacity": c.capacity}
            for c in found
            if c is not None
        ]

    # -- reading -----------------------------------------------------------------------
    def get(self, principal: Principal, appointment_id: str) -> Appointment:
        appointment = self.repo.get(appointment_id)
        if appointment is None or not can_see(principal, appointment):
            # Same answer whether it does not exist or is someone else's: no probing.
            raise NotFound(f"no appointment {appointment_id}", zh=f"没有预约 {appointment_id}")
        return appointment

    def mine(self, principal: Principal) -> list[Appointment]:
        if principal.role != Role.RESIDENT:
            raise BadRequest(
                "staff find an appointment with ?code= or list a centre's day at /booking/centres/{id}/appointments",
                zh="工作人员请用 ?code= 查找预约，或在 /booking/centres/{id}/appointments 查看服务中心当日预约",
                code="code_required",
            )
        return self.repo.for_resident(principal.subject)

    def centre_day(self, principal: Principal, centre_id: str, day: date) -> list[Appointment]:
        centre = self._centre(centre_id)
        if not (principal.role == Role.COMMAND_CENTRE or (principal.role in CENTRE_STAFF and centre.unit == principal.unit)):
            raise Forbidden(f"only the staff of {centre.id} and the command centre see its day list",
                            zh=f"只有 {centre.id} 的工作人员和指挥中心可以查看其当日预约")
        return self.repo.for_centre_day(centre.id, day)

    def find_by_code(self, principal: Principal, code: str) -> Appointment:
        appointment = self.repo.by_code(code.upper())
        if appointment is None or not can_see(principal, appointment):
            raise NotFound(f"no appointment with code {code}", zh=f"没有预约码为 {code} 的预约")
        return appointment

    # -- changes -----------------------------------------------------------------------
    def act(self, principal: Principal, appointment_id: str, action: str) -> Appointment:
        before = self.get(principal, appointment_id)
        if action == "cancel":
            if not can_manage(principal, before):
                raise Forbidden("only the resident, the centre's staff or the command centre may cancel",
                                zh="只有居民本人、服务中心工作人员或指挥中心可以取消")
        elif not can_operate(principal, before):
            raise Forbidden(f"only the staff of centre {before.centre} may {action.replace('_', '-')} this appointment",
                            zh=f"只有服务中心 {before.centre} 的工作人员可以执行 {action.replace('_', '-')}")
        allowed_from, target = TRANSITIONS[action]
        if before.status not in allowed_from:
            raise Conflict(
                f"cannot {action.replace('_', ' ')} an appointment that is {before.status.value}",
                zh=f"状态为 {before.status.value} 的预约不能执行 {action.replace('_', '-')}", code="invalid_transition",
            )
        now = clock.now()
        start = datetime.fromisoformat(before.start)
        if action == "check_in" and now.date() != start.date():
            raise _rule("check_in_day", "check-in is only possible on the day of the appointment", "只能在预约当天签到")
        if action == "no_show" and now < start:
            raise _rule("too_early", "a no-show can only be marked after the appointment's start", "预约开始后才能标记爽约")
        at = clock.iso(now)
        after = before.successor()
        after.status = target
        after.updated_at = at
        after.history.append({"status": target.value, "at": at, "by": principal.subject})
        if action == "check_in":
            after.checked_in_at = at
        staged = self._stage(
            {"check_in": "checked_in", "cancel": "cancelled", "no_show": "no_show", "complete": "completed"}[action], after
        )
        try:
            self.repo.transition(
                before,
                after,
                free_seats=target == Status.CANCELLED,
                free_active=before.status in ACTIVE and target not in ACTIVE,
                outbox=staged.puts,
            )
        except SeatTaken as taken:
            raise rule_error(taken.rule) from None
        self.events.publish(staged)
        return after

    def reschedule(self, principal: Principal, appointment_id: str, new_start: datetime) -> Appointment:
        before = self.get(principal, appointment_id)
        if not can_manage(principal, before):
            raise Forbidden("only the resident, the centre's staff or the command centre may reschedule",
                            zh="只有居民本人、服务中心工作人员或指挥中心可以改约")
        if before.status != Status.BOOKED:
            raise Conflict(f"cannot reschedule an appointment that is {before.status.value}",
                           zh=f"状态为 {before.status.value} 的预约不能改约", code="invalid_transition")
        start = clock.to_china(new_start)
        if clock.iso(start) == before.start:
            raise BadRequest("the new start is the current one", zh="新的时间与当前预约时间相同", code="same_slot")
        item, centre = self._item(before.item), self._centre(before.centre)
        self._check_time(start)
        slot = self._slot(centre, item, start, before.home_visit)
        at = clock.iso(clock.now())
        after = before.successor()
        after.start, after.end = clock.iso(slot.start), clock.iso(slot.end)
        after.day, after.cells = slot.start.date().isoformat(), list(slot.cells)
        after.updated_at, after.reminded_at = at, None
        after.history.append({"status": "rescheduled", "at": at, "by": principal.subject, "from": before.start})
        staged = self._stage("rescheduled", after, previous_start=before.start)
        try:
            self.repo.move(before, after, self._cell_capacity(centre, before.home_visit), outbox=staged.puts)
        except SeatTaken as taken:
            raise rule_error(taken.rule) from None
        self.events.publish(staged)
        return after

    def assign(self, principal: Principal, appointment_id: str, staff: str) -> Appointment:
        before = self.get(principal, appointment_id)
        if not (principal.role == Role.COMMUNITY and principal.unit == before.centre_unit):
            raise Forbidden("home visits are assigned by the staff of the resident's community", zh="上门服务由居民所在社区的工作人员分派")
        if not before.home_visit:
            raise BadRequest("only home visits are assigned to a staff member", zh="只有上门服务需要分派工作人员", code="not_a_home_visit")
        if before.status != Status.BOOKED:
            raise Conflict(f"cannot assign an appointment that is {before.status.value}",
                           zh=f"状态为 {before.status.value} 的预约不能分派", code="invalid_transition")
        after = before.successor()
        after.staff = staff
        after.updated_at = clock.iso(clock.now())
        after.history.append({"status": "assigned", "at": after.updated_at, "by": principal.subject, "staff": staff})
        try:
            self.repo.update(before, after)
        except SeatTaken as taken:
            raise rule_error(taken.rule) from None
        return after

    def close_day(self, day: date) -> int:
        """After a day has passed, appointments nobody checked in become no-shows, so the
        residents' active-booking allowance is not held by the past. Returns how many."""
        closed = 0
        for before in self.repo.for_day(day):
            if before.status != Status.BOOKED:
                continue
            at = clock.iso(clock.now())
            after = before.successor()
            after.status, after.updated_at = Status.NO_SHOW, at
            after.history.append({"status": Status.NO_SHOW.value, "at": at, "by": "system"})
            staged = self._stage("no_show", after)
            try:
                self.repo.transition(before, after, free_seats=False, free_active=True, outbox=staged.puts)
            except SeatTaken:
                continue  # staff changed it meanwhile: their change stands
            self.events.publish(staged)
            closed += 1
        return closed

    def _stage(self, verb: str, appointment: Appointment, **extra: Any) -> Staged:
        payload = appointment.event_payload(appointment.updated_at)
        payload.update(extra)
        return self.events.stage(f"booking.appointment.{verb}", payload)


def can_see(principal: Principal, appointment: Appointment) -> bool:
    if principal.role == Role.COMMAND_CENTRE:
        return True
    if principal.role == Role.RESIDENT:
        return appointment.resident == principal.subject
    if principal.role in CENTRE_STAFF:
        return appointment.centre_unit == principal.unit
    return False


def can_operate(principal: Principal, appointment: Appointment) -> bool:
    """Check-in, no-show, complete: the centre's own staff (the command centre too)."""
    return principal.role == Role.COMMAND_CENTRE or (principal.role in CENTRE_STAFF and appointment.centre_unit == principal.unit)


def can_manage(principal: Principal, appointment: Appointment) -> bool:
    """Cancel and reschedule: the resident, or staff who may operate the centre."""
    return can_operate(principal, appointment) or (principal.role == Role.RESIDENT and appointment.resident == principal.subject)
