"""The SMS channel's use cases on fakes: texts in become commands, events become texts."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from chalicelib.models.inbound import InboundText

from shared.identity import resident_subject
from shared.messaging import Envelope
from tests.sms.fakes import build

EVENTS = Path(__file__).resolve().parents[2] / "events"
DAY = datetime.fromisoformat("2026-11-23T10:00:00+08:00")
NIGHT = datetime.fromisoformat("2026-11-23T23:00:00+08:00")
PHONE = "+8613800000001"
OTHER = "+8613900000002"
CASE = "261123-7A29CC"


def inbound(body: str, message_id: str = "in-1", number: str = PHONE, previous: str | None = None) -> InboundText:
    return InboundText.model_validate(
        {
            "originationNumber": number,
            "destinationNumber": "+8610690012345",
            "messageKeyword": "KEYWORD_123456789012",
            "messageBody": body,
            "inboundMessageId": message_id,
            "previousPublishedMessageId": previous,
        }
    )


def event(name: str, *, correlation_id: str | None = None, event_id: str | None = None, **payload: Any) -> Envelope:
    example = json.loads((EVENTS / name.split(".")[0] / f"{name}.json").read_text())
    example["payload"].update(payload)
    if correlation_id:
        example["correlation_id"] = correlation_id
    if event_id:
        example["id"] = event_id
    return Envelope.model_validate(example)


def report(service: Any, parts: Any, body: str = "小区门口路灯不亮了", message_id: str = "in-1") -> Envelope:
    assert service.receive(inbound(body, message_id)) == "report"
    return parts.commands.sent[-1][1]


def test_a_report_becomes_a_command_and_the_created_event_a_reply_with_the_case_number() -> None:
    service, parts = build(DAY)
    command = report(service, parts)
    assert command.name == "workorders.command.report" and command.source == "sms"
    assert command.payload["reporter"] == {"subject": resident_subject(PHONE), "role": "resident", "unit": None}
    assert command.payload["channel"] == "sms" and command.payload["text"] == "小区门口路灯不亮了"
    assert parts.sender.sent == []  # nothing until the order exists
    created = event("workorders.order.created", correlation_id=command.id, case_number=CASE, resident=resident_subject(PHONE), channel="sms")
    assert service.on_event(created) == "sent"
    (body,) = parts.sender.to(PHONE)
    assert CASE in body and body.startswith("【集宁区政务】") and "已派至城市管理局" in body
    # dispatched at intake (same command): the receipt already named the unit, no second text
    dispatched = event("workorders.order.dispatched", correlation_id=command.id, case_number=CASE,
                       resident=resident_subject(PHONE), handler={"kind": "department", "code": "urban-management"})
    assert service.on_event(dispatched).endswith("skipped:told_on_receipt")
    assert len(parts.sender.to(PHONE)) == 1
    # stored only as subject + encrypted number
    profile = parts.store.profiles[resident_subject(PHONE)]
    assert PHONE not in profile.model_dump_json()


def test_a_duplicate_inbound_message_has_one_effect() -> None:
    service, parts = build(DAY)
    report(service, parts)
    assert service.receive(inbound("小区门口路灯不亮了", "in-1")) == "duplicate"
    assert len(parts.commands.sent) == 1


def test_an_event_delivered_twice_is_texted_once() -> None:
    service, parts = build(DAY)
    command = report(service, parts)
    created = event("workorders.order.created", correlation_id=command.id, resident=resident_subject(PHONE))
    service.on_event(created)
    assert service.on_event(created) == "duplicate"
    assert len(parts.sender.sent) == 1


def test_bad_texts_get_a_clear_reply_and_change_nothing() -> None:
    service, parts = build(DAY)
    for n, body in enumerate(["", "😀👍", "路" * 1601]):
        assert service.receive(inbound(body, f"bad-{n}")).startswith("invalid:")
    assert len(parts.sender.to(PHONE)) == 3
    assert parts.commands.sent == [] and parts.store.profiles == {}
    assert service.receive(inbound("路灯坏了", "land", number="+8647481233450")) == "dropped:not_mobile"
    assert len(parts.sender.sent) == 3


def test_query_answers_only_the_reporters_own_cases() -> None:
    service, parts = build(DAY)
    command = report(service, parts)
    service.on_event(event("workorders.order.created", correlation_id=command.id, resident=resident_subject(PHONE)))
    service.on_event(event("workorders.order.signed", resident=resident_subject(PHONE), case_number=CASE))
    assert service.receive(inbound(f"ＣＸ{CASE}", "q-1")) == "query"
    assert "已签收" in parts.sender.to(PHONE)[-1] and "签收" in parts.sender.to(PHONE)[-1]
    assert service.receive(inbound("查询", "q-2")) == "query"  # the latest case
    assert service.receive(inbound(CASE, "q-3", number=OTHER)) == "query:not_found"
    assert service.receive(inbound("CX261123-ZZZZZZ", "q-4")) == "query:not_found"
    assert parts.sender.to(OTHER)[-1] .startswith("【集宁区政务】未找到诉求")


def test_the_reply_asks_for_a_rating_and_a_digit_becomes_a_rate_command() -> None:
    service, parts = build(DAY)
    report(service, parts)
    service.on_event(event("workorders.order.replied", resident=resident_subject(PHONE), case_number=CASE))
    message_id, _, body = parts.sender.sent[-1]
    assert "回复1-5评价" in body
    assert service.receive(inbound("５", "r-1", previous=message_id)) == "rate"
    service_name, command = parts.commands.sent[-1]
    assert service_name == "rating" and command.name == "rating.command.rate"
    assert command.payload["subject"] == {"kind": "workorder", "id": CASE} and command.payload["level"] == 5
    assert command.payload["rater"] == {"subject": resident_subject(PHONE), "role": "resident"}
    submitted = event("rating.rating.submitted", correlation_id=command.id, subject={"kind": "workorder", "id": CASE}, level=5)
    assert service.on_event(submitted) == "sent"
    assert "5分" in parts.sender.to(PHONE)[-1]


def test_a_reply_to_someone_elses_text_is_refused() -> None:
    service, parts = build(DAY)
    report(service, parts)
    service.on_event(event("workorders.order.replied", resident=resident_subject(PHONE), case_number=CASE))
    message_id = parts.sender.sent[-1][0]
    assert service.receive(inbound("1", "x-1", number=OTHER, previous=message_id)) == "invalid:foreign_reply"
    assert [c.name for _, c in parts.commands.sent] == ["workorders.command.report"]


def test_a_digit_without_a_rating_request_changes_nothing() -> None:
    service, parts = build(DAY)
    assert service.receive(inbound("5", "d-1")) == "rate:nothing"
    assert parts.commands.sent == []


def test_cancel_asks_for_confirmation_then_sends_the_command() -> None:
    service, parts = build(DAY)
    assert service.receive(inbound("取消 5zy7z8", "c-1")) == "cancel:confirm"
    assert "5ZY7Z8" in parts.sender.to(PHONE)[-1] and parts.commands.sent == []
    assert service.receive(inbound("Y", "c-2")) == "cancel"
    name, command = parts.commands.sent[-1]
    assert name == "booking" and command.payload == {"code": "5ZY7Z8", "resident": resident_subject(PHONE)}
    assert service.receive(inbound("Y", "c-3")) == "confirm:nothing"
    rejected = event("booking.appointment.cancelled", correlation_id=command.id, resident=resident_subject(PHONE), code="5ZY7Z8")
    assert service.on_event(rejected) == "sent"
    assert "已取消" in parts.sender.to(PHONE)[-1]


def test_a_late_confirmation_cancels_nothing() -> None:
    service, parts = build(DAY)
    service.receive(inbound("QX5ZY7Z8", "c-1"))
    parts.clock.now = DAY + timedelta(minutes=11)
    assert service.receive(inbound("是", "c-2")) == "confirm:nothing"
    assert parts.commands.sent == []


def test_opt_out_stops_notifications_and_opt_in_resumes() -> None:
    service, parts = build(DAY)
    report(service, parts)
    assert service.receive(inbound("TD", "td")) == "opted_out"
    sent = len(parts.sender.sent)
    assert service.on_event(event("workorders.order.closed", resident=resident_subject(PHONE))) == "skipped:opted_out"
    assert len(parts.sender.sent) == sent
    assert service.receive(inbound("订阅", "dy")) == "opted_in"
    assert service.on_event(event("workorders.order.closed", resident=resident_subject(PHONE), event_id="e-2")) == "sent"


def test_quiet_hours_hold_notifications_until_eight() -> None:
    service, parts = build(NIGHT)
    report(service, parts)
    assert service.on_event(event("workorders.order.closed", resident=resident_subject(PHONE))) == "held:quiet_hours"
    assert parts.sender.sent == []
    parts.clock.now = NIGHT + timedelta(hours=1)
    assert service.release_held() == 0
    parts.clock.now = datetime.fromisoformat("2026-11-24T08:05:00+08:00")
    assert service.release_held() == 1
    assert "已办结" in parts.sender.to(PHONE)[-1] and parts.store.held == {}


def test_replies_to_a_text_are_not_held_at_night() -> None:
    service, parts = build(NIGHT)
    assert service.receive(inbound("帮助", "h-1")) == "help"
    assert len(parts.sender.to(PHONE)) == 1


def test_hourly_limit_per_number() -> None:
    service, parts = build(DAY, limit=2)
    report(service, parts)
    outcomes = [
        service.on_event(event("workorders.order.closed", resident=resident_subject(PHONE), event_id=f"e-{n}")) for n in range(3)
    ]
    assert outcomes == ["sent", "sent", "held:hourly_limit"]
    parts.clock.now = DAY + timedelta(hours=1)
    assert service.release_held() == 1


def test_staff_get_urgent_dispatches_and_escalations_at_any_hour() -> None:
    duty = {"water": ["+8613800100009"], "urban-management": ["+8613800100002"]}
    service, parts = build(NIGHT, duty=duty)
    assert service.on_event(event("workorders.order.dispatched")).startswith("sent")  # 30-minute sign deadline
    assert "请于10:20前签收" in parts.sender.to("+8613800100009")[0]
    relaxed = event("workorders.order.dispatched", event_id="e-slow", sign_deadline="2026-11-23T05:50:00+00:00")
    service.on_event(relaxed)
    assert len(parts.sender.to("+8613800100009")) == 1
    service.on_event(event("workorders.order.escalated"))
    assert "吹哨" in parts.sender.to("+8613800100009")[-1]


def test_portal_residents_subscribe_only_their_own_number() -> None:
    import pytest

    from shared.errors import Forbidden, InvalidField

    service, parts = build(DAY)
    subject = resident_subject(PHONE)
    assert service.subscribe(subject, "13800000001", True) == {"registered": True, "notify": True, "opted_out": False}
    with pytest.raises(Forbidden):
        service.subscribe(subject, OTHER, True)
    with pytest.raises(InvalidField):
        service.subscribe(subject, "0474-8123345", True)
    booked = event("booking.appointment.booked", resident=subject)
    assert service.on_event(booked) == "sent"
    assert "预约成功" in parts.sender.to(PHONE)[-1]
    stranger = event("booking.appointment.booked", event_id="e-x")
    assert service.on_event(stranger) == "skipped:unknown"
    # The day-before reminder booking publishes on its topic reaches the same resident.
    reminder = event("booking.reminder.due", resident=subject, event_id="e-reminder")
    assert service.on_event(reminder) == "sent"
    assert "明天" in parts.sender.to(PHONE)[-1]


def test_a_rejected_report_is_explained() -> None:
    service, parts = build(DAY)
    command = report(service, parts)
    rejected = Envelope(
        name="workorders.command.rejected",
        correlation_id=command.id,
        source="workorders",
        payload={"command_id": command.id, "command": command.name, "case_number": None, "code": "bad_request", "message": "内容过短"},
    )
    assert service.on_event(rejected) == "rejected:report"
    assert "未能受理" in parts.sender.to(PHONE)[-1]
