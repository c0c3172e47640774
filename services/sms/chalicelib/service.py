"""The SMS channel's use cases over ports: texts in become commands to the owning services,
their events become texts out. No boto3 and no item shapes here."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from chalicelib.domain import messages, policy, text
from chalicelib.domain.model import CaseView, Held, PendingCommand, Profile, SentText
from chalicelib.domain.phone import mobile_e164
from chalicelib.models import events as payloads
from chalicelib.models.inbound import InboundText
from shared.errors import Forbidden, InvalidField
from shared.messaging import Envelope
from shared.observability import logger

SOURCE = "sms"
COMMAND_NAMESPACE = uuid.UUID("5b0f3f0e-5d1c-4b7e-9a53-0c1f2b6f7a10")
CANCEL_CONFIRM_MINUTES = 10
INBOUND_DAYS = 7  # a duplicate delivery arrives within minutes; a week is ample
URGENT_SIGN_WINDOW = timedelta(hours=1)


# -- ports -------------------------------------------------------------------------------
class Store(Protocol):
    def claim(self, key: str, days: int) -> bool: ...
    def release(self, key: str) -> None: ...
    def profile(self, subject: str) -> Profile | None: ...
    def put_profile(self, profile: Profile) -> None: ...
    def case(self, case_number: str) -> CaseView | None: ...
    def put_case(self, view: CaseView) -> None: ...
    def command(self, command_id: str) -> PendingCommand | None: ...
    def put_command(self, command: PendingCommand) -> None: ...
    def sent(self, message_id: str) -> SentText | None: ...
    def put_sent(self, sent: SentText) -> None: ...
    def take_quota(self, number_key: str, window: str, limit: int) -> bool: ...
    def hold(self, held: Held) -> None: ...
    def due(self, now: datetime) -> list[Held]: ...
    def drop(self, held: Held) -> None: ...


class Sender(Protocol):
    def send(self, to: str, body: str) -> str: ...  # returns the message id


class Commands(Protocol):
    def send(self, service: str, envelope: Envelope) -> None: ...  # "workorders" | "rating" | "booking"


class Vault(Protocol):
    def encrypt(self, e164: str) -> str: ...
    def decrypt(self, token: str) -> str: ...
    def subject(self, e164: str) -> str: ...  # shared.identity.resident_subject
    def number_key(self, e164: str) -> str: ...  # keyed hash for counters


class Directory(Protocol):
    def unit_name(self, code: str) -> str: ...
    def category_name(self, code: str | None) -> str: ...
    def centre_name(self, centre_id: str) -> str: ...
    def duty_phones(self, unit: str) -> list[str]: ...


@dataclass(frozen=True)
class Config:
    signature: str = "【集宁区政务】"
    hourly_limit: int = 10
    quiet_hours: bool = True


@dataclass(frozen=True)
class Outbound:
    """One text to send. `reply` texts answer a resident's own text: sent at once (they are
    awake), never held. `urgent` texts (staff) ignore quiet hours."""

    key: str  # once-per-event key
    body: str
    subject: str | None = None
    phone: str | None = None  # in clear, only in memory
    reply: bool = False
    urgent: bool = False
    kind: str = "notice"
    case_number: str | None = None


class SmsService:
    def __init__(
        self,
        store: Store,
        sender: Sender,
        commands: Commands,
        vault: Vault,
        directory: Directory,
        clock: Callable[[], datetime],
        config: Config | None = None,
    ) -> None:
        self.store = store
        self.sender = sender
        self.commands = commands
        self.vault = vault
        self.directory = directory
        self.clock = clock
        self.config = config or Config()
        self.texts = messages.Texts(self.config.signature)

    # == inbound ============================================================================
    def receive(self, inbound: InboundText) -> str:
        """Handles one inbound text; returns what was done (for logs and tests, never the
        number). A duplicate delivery of one inboundMessageId does nothing."""
        number = mobile_e164(inbound.origination_number)
        if number is None:
            return "dropped:not_mobile"
        claim = f"IN#{inbound.inbound_message_id}"
        if not self.store.claim(claim, INBOUND_DAYS):
            return "duplicate"
        try:
            return self._interpret(inbound, number)
        except Exception:
            self.store.release(claim)  # let the redelivery try again
            raise

    def _interpret(self, inbound: InboundText, number: str) -> str:
        subject = self.vault.subject(number)
        intent = text.interpret(inbound.message_body)
        reply_key = f"in:{inbound.inbound_message_id}"

        def reply(body: str) -> None:
            self.deliver(Outbound(key=reply_key, body=body, subject=subject, phone=number, reply=True))

        if isinstance(intent, text.Invalid):
            reply(self.texts.invalid(intent.reason))
            return f"invalid:{intent.reason}"
        previous = None
        if inbound.previous_published_message_id:
            previous = self.store.sent(inbound.previous_published_message_id)
            if previous is not None and previous.subject != subject:
                reply(self.texts.invalid("foreign_reply"))
                return "invalid:foreign_reply"
        if isinstance(intent, text.Help):
            reply(self.texts.help())
            return "help"
        profile = self._profile_for(subject, number)
        command_id = str(uuid.uuid5(COMMAND_NAMESPACE, f"sms:{inbound.inbound_message_id}"))
        match intent:
            case text.OptOut():
                profile.opted_out = True
                self.store.put_profile(profile)
                reply(self.texts.opted_out())
                return "opted_out"
            case text.OptIn():
                profile.opted_out = False
                self.store.put_profile(profile)
                reply(self.texts.opted_in())
                return "opted_in"
            case text.Report(text=body):
                self.store.put_profile(profile)
                self.store.put_command(PendingCommand(id=command_id, subject=subject, kind="report"))
                self.commands.send(
                    "workorders",
                    _command(
                        command_id,
                        "workorders.command.report",
                        {
                            "reporter": {"subject": subject, "role": "resident", "unit": None},
                            "channel": "sms",
                            "text": body,
                            "location": None,
                            "place": None,
                            "media_urls": [],
                            "client_ref": inbound.inbound_message_id,
                        },
                    ),
                )
                return "report"
            case text.Query(case_number=case_number):
                wanted = case_number or profile.latest_case
                view = self.store.case(wanted) if wanted else None
                if view is None or view.resident != subject:  # not yours looks like not there
                    reply(self.texts.no_such_case(case_number))
                    return "query:not_found"
                reply(self.texts.status(view.case_number, view.status, view.step, datetime.fromisoformat(view.at)))
                return "query"
            case text.Cancel(code=code):
                if code is None:
                    reply(self.texts.cancel_needs_code())
                    return "cancel:no_code"
                profile.pending_cancel = code
                profile.pending_cancel_until = policy.iso(self.clock() + timedelta(minutes=CANCEL_CONFIRM_MINUTES))
                self.store.put_profile(profile)
                reply(self.texts.confirm_cancel(code))
                return "cancel:confirm"
            case text.Confirm():
                code = profile.pending_cancel
                until = profile.pending_cancel_until
                if code is None or until is None or datetime.fromisoformat(until) < self.clock():
                    reply(self.texts.nothing_to_confirm())
                    return "confirm:nothing"
                profile.pending_cancel = profile.pending_cancel_until = None
                self.store.put_profile(profile)
                self.store.put_command(PendingCommand(id=command_id, subject=subject, kind="cancel", ref=code))
                self.commands.send("booking", _command(command_id, "booking.command.cancel", {"code": code, "resident": subject}))
                return "cancel"
            case text.Rate(level=level):
                case_number = previous.case_number if previous is not None else profile.pending_rating
                if case_number is None:
                    reply(self.texts.nothing_to_rate())
                    return "rate:nothing"
                self.store.put_command(PendingCommand(id=command_id, subject=subject, kind="rate", ref=case_number))
                self.commands.send(
                    "rating",
                    _command(
                        command_id,
                        "rating.command.rate",
                        {
                            "subject": {"kind": "workorder", "id": case_number},
                            "level": level,
                            "comment": None,
                            "rater": {"subject": subject, "role": "resident"},
                        },
                    ),
                )
                return "rate"
        raise AssertionError(f"unhandled intent {intent!r}")  # pragma: no cover

    def _profile_for(self, subject: str, number: str) -> Profile:
        """Unknown senders become residents identified by their number."""
        return self.store.profile(subject) or Profile(subject=subject, phone_enc=self.vault.encrypt(number))

    # == events from the core services =====================================================
    def on_event(self, envelope: Envelope) -> str:
        payload = payloads.parse(envelope.name, envelope.payload)
        if payload is None:
            return "ignored"
        if isinstance(payload, payloads.CommandRejected):
            return self._rejected(envelope, payload)
        if isinstance(payload, payloads.OrderEvent):
            return self._order(envelope, payload)
        if isinstance(payload, payloads.RatingEvent):
            return self._rating(envelope, payload)
        if isinstance(payload, payloads.AppointmentEvent):
            return self._appointment(envelope, payload)
        return "ignored"  # pragma: no cover

    def _answer_to(self, envelope: Envelope) -> PendingCommand | None:
        """The command of ours this event is the result of, if any."""
        return self.store.command(envelope.correlation_id)

    def _rejected(self, envelope: Envelope, rejected: payloads.CommandRejected) -> str:
        pending = self.store.command(rejected.command_id)
        if pending is None:
            return "ignored"
        if pending.kind == "report":
            body = self.texts.report_rejected(rejected.message)
        elif pending.kind == "rate":
            body = self.texts.rate_rejected(pending.ref or "")
        else:
            body = self.texts.cancel_rejected(pending.ref or "")
        self.deliver(Outbound(key=f"evt:{envelope.id}", body=body, subject=pending.subject, reply=True))
        return f"rejected:{pending.kind}"

    def _order(self, envelope: Envelope, order: payloads.OrderEvent) -> str:
        verb = envelope.name.rsplit(".", 1)[-1]
        resident = order.resident_subject
        unit = self.directory.unit_name(order.handler.code) if order.handler else "责任单位"
        self._project(envelope, order, verb, unit)
        outcomes = []
        # Staff: dispatches with a short sign-for deadline, and escalations.
        if verb == "dispatched" and order.handler and order.sign_deadline and order.dispatched_at:
            if order.sign_deadline - order.dispatched_at <= URGENT_SIGN_WINDOW:
                body = self.texts.urgent_dispatch(order.case_number, self.directory.category_name(order.category), order.sign_deadline)
                outcomes += self._to_unit(envelope, order.handler.code, body)
        if verb == "escalated":
            units = set(order.summoned) | ({order.handler.code} if order.handler else set())
            body = self.texts.escalation(order.case_number, self.directory.category_name(order.category), order.level or "")
            for code in sorted(units):
                outcomes += self._to_unit(envelope, code, body)
        if resident is None:
            return ",".join(outcomes) or "projected"
        pending = self._answer_to(envelope)
        key = f"evt:{envelope.id}"
        if verb == "created":
            profile = self.store.profile(resident)
            if profile is not None and profile.latest_case != order.case_number:
                profile.latest_case = order.case_number
                self.store.put_profile(profile)
            if pending is not None and pending.kind == "report":
                dispatched_to = unit if order.status == "dispatched" and order.handler else None
                body = self.texts.received(order.case_number, dispatched_to)
                outcomes.append(self.deliver(Outbound(key=key, body=body, subject=resident, reply=True)))
        elif verb == "dispatched":
            if pending is not None and pending.kind == "report":
                outcomes.append("skipped:told_on_receipt")  # dispatched at intake: the receipt named the unit
            else:
                outcomes.append(self._notify(key, resident, self.texts.dispatched(order.case_number, unit)))
        elif verb == "replied":
            outcomes.append(
                self._notify(key, resident, self.texts.replied(order.case_number, unit), kind="rating_request", case_number=order.case_number)
            )
        elif verb == "closed":
            outcomes.append(self._notify(key, resident, self.texts.closed(order.case_number)))
        return ",".join(outcomes) or "projected"

    def _project(self, envelope: Envelope, order: payloads.OrderEvent, verb: str, unit: str) -> None:
        """The channel's own view of an order: status and latest step, for "CX" queries."""
        current = self.store.case(order.case_number)
        at = envelope.occurred_at
        if current is not None and datetime.fromisoformat(current.at) > at:
            return  # an older event delivered late
        step = messages.STEP_ZH.get(verb, verb).format(unit=unit)
        status = order.status or (current.status if current is not None and verb not in messages.STATUS_ZH else verb)
        self.store.put_case(
            CaseView(
                case_number=order.case_number,
                resident=order.resident_subject or (current.resident if current else None),
                status=status,
                step=step,
                at=policy.iso(at),
                category=order.category,
            )
        )

    def _to_unit(self, envelope: Envelope, unit: str, body: str) -> list[str]:
        return [
            self.deliver(Outbound(key=f"evt:{envelope.id}:{self.vault.number_key(phone)}", body=body, phone=phone, urgent=True))
            for phone in self.directory.duty_phones(unit)
        ]

    def _notify(self, key: str, subject: str, body: str, kind: str = "notice", case_number: str | None = None) -> str:
        return self.deliver(Outbound(key=key, body=body, subject=subject, kind=kind, case_number=case_number))

    def _rating(self, envelope: Envelope, rating: payloads.RatingEvent) -> str:
        if rating.subject.kind != "workorder":
            return "ignored"
        case_number = rating.subject.id
        key = f"evt:{envelope.id}"
        if envelope.name == "rating.rating.submitted":
            pending = self._answer_to(envelope)
            if pending is None or pending.kind != "rate":
                return "ignored"
            profile = self.store.profile(pending.subject)
            if profile is not None and profile.pending_rating == case_number:
                profile.pending_rating = None
                self.store.put_profile(profile)
            return self.deliver(Outbound(key=key, body=self.texts.rated(case_number, rating.level or 0), subject=pending.subject, reply=True))
        view = self.store.case(case_number)
        resident = rating.resident or (view.resident if view else None)
        if resident is None:
            return "ignored"
        if envelope.name == "rating.rectification.opened":
            return self._notify(key, resident, self.texts.rectification_opened(case_number))
        if envelope.name == "rating.rectification.completed":
            return self._notify(key, resident, self.texts.rectification_done(case_number))
        return "ignored"

    def _appointment(self, envelope: Envelope, appointment: payloads.AppointmentEvent) -> str:
        verb = "reminder" if envelope.name == "booking.reminder.due" else envelope.name.rsplit(".", 1)[-1]
        if verb not in ("booked", "rescheduled", "cancelled", "reminder"):
            return "ignored"
        body = self.texts.appointment(verb, appointment.code, self.directory.centre_name(appointment.centre), appointment.start)
        pending = self._answer_to(envelope)
        is_answer = pending is not None and pending.kind == "cancel"
        # Appointments store no phone: only residents whose number this channel knows.
        return self.deliver(Outbound(key=f"evt:{envelope.id}", body=body, subject=appointment.resident, reply=is_answer))

    # == sending ============================================================================
    def deliver(self, out: Outbound) -> str:
        """Sends once per key, to a number that has not opted out, outside quiet hours unless
        urgent or a reply, within the hourly limit; otherwise the text waits (held)."""
        now = self.clock()
        phone = out.phone
        profile = self.store.profile(out.subject) if out.subject else None
        if out.subject and phone is None:
            if profile is None or not profile.notify:
                return "skipped:unknown"
            phone = self.vault.decrypt(profile.phone_enc)
        if phone is None:
            return "skipped:no_number"  # pragma: no cover
        if profile is not None and profile.opted_out and not out.reply:
            return "skipped:opted_out"
        if not (out.urgent or out.reply) and self.config.quiet_hours and policy.in_quiet_hours(now):
            self._hold(out, phone, policy.quiet_hours_end(now))
            return "held:quiet_hours"
        claim = f"SENT#{out.key}"
        if not self.store.claim(claim, 30):
            return "duplicate"
        if not self.store.take_quota(self.vault.number_key(phone), policy.hour_window(now), self.config.hourly_limit):
            self.store.release(claim)
            if out.reply:
                return "dropped:hourly_limit"  # a flood of texts in gets no flood back
            self._hold(out, phone, policy.next_hour(now))
            return "held:hourly_limit"
        try:
            message_id = self.sender.send(phone, out.body)
        except Exception:
            self.store.release(claim)
            raise
        if out.kind == "rating_request" and out.subject and out.case_number:
            self.store.put_sent(SentText(message_id=message_id, subject=out.subject, case_number=out.case_number))
            profile = self.store.profile(out.subject)
            if profile is not None:
                profile.pending_rating = out.case_number
                self.store.put_profile(profile)
        logger.info("text sent", extra={"kind": out.kind, "segments": messages.segments(out.body)})
        return "sent"

    def _hold(self, out: Outbound, phone: str, until: datetime) -> None:
        self.store.hold(
            Held(
                key=out.key,
                release_at=policy.iso(until),
                body=out.body,
                subject=out.subject,
                phone_enc=None if out.subject else self.vault.encrypt(phone),
                kind=out.kind,
                case_number=out.case_number,
            )
        )

    def release_held(self) -> int:
        """Scheduled: texts whose wait is over go out (or wait again)."""
        released = 0
        for held in self.store.due(self.clock()):
            phone = self.vault.decrypt(held.phone_enc) if held.phone_enc else None
            outcome = self.deliver(
                Outbound(
                    key=held.key,
                    body=held.body,
                    subject=held.subject,
                    phone=phone,
                    urgent=phone is not None,
                    kind=held.kind,
                    case_number=held.case_number,
                )
            )
            self.store.drop(held)
            released += outcome == "sent"
        return released

    # == the resident's own settings (portal) ===============================================
    def subscription(self, subject: str) -> dict[str, Any]:
        profile = self.store.profile(subject)
        if profile is None:
            return {"registered": False, "notify": False, "opted_out": False}
        return {"registered": True, "notify": profile.notify and not profile.opted_out, "opted_out": profile.opted_out}

    def subscribe(self, subject: str, phone: str, notify: bool) -> dict[str, Any]:
        """A signed-in resident gives their number and agrees (or not) to texts. Only their own
        verified number: it must be the one their subject was derived from."""
        number = mobile_e164(phone)
        if number is None:
            raise InvalidField("phone", "不是有效的手机号码 (not a valid mobile number)")
        if self.vault.subject(number) != subject:
            raise Forbidden("只能登记您已验证的本人手机号 (only your own verified number)")
        profile = self.store.profile(subject) or Profile(subject=subject, phone_enc=self.vault.encrypt(number))
        profile.notify = notify
        profile.opted_out = not notify
        self.store.put_profile(profile)
        return self.subscription(subject)


def _command(command_id: str, name: str, payload: dict[str, Any]) -> Envelope:
    return Envelope(name=name, version=1, id=command_id, correlation_id=command_id, source=SOURCE, payload=payload)
