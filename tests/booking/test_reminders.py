"""The day-before reminder is published on the booking topic exactly once per appointment."""

from __future__ import annotations

from typing import Any

import pytest

from tests.booking.conftest import CENTRE, book, post, resident


def run_schedule() -> Any:
    import app

    return app.send_day_before_reminders(
        {
            "id": "e",
            "detail-type": "Scheduled Event",
            "source": "aws.events",
            "account": "1",
            "time": "2026-09-28T02:00:00Z",
            "region": "us-east-1",
            "resources": [],
            "detail": {},
            "version": "0",
        },
        None,
    )


def test_tomorrows_booked_appointments_get_one_reminder_each(client: Any, booking: Any, clock: Any, outbox: Any) -> None:
    kept = book(client, "2026-09-29T08:30:00+08:00", subject="alice").json_body
    cancelled = book(client, "2026-09-29T09:00:00+08:00", subject="bob").json_body
    post(client, f"/appointments/{cancelled['id']}/cancel", {}, resident("bob"))
    book(client, "2026-09-30T08:30:00+08:00", subject="carol")  # the day after tomorrow

    run_schedule()
    run_schedule()  # the next hourly run sends nothing again
    messages = outbox()
    assert [m["name"] for m in messages] == ["booking.reminder.due"]
    assert messages[0]["payload"] == {
        "id": kept["id"],
        "code": kept["code"],
        "centre": CENTRE,
        "start": kept["start"],
        "resident": "alice",
    }

    clock("2026-09-29T10:00:00+08:00")
    run_schedule()
    assert [m["payload"]["resident"] for m in outbox()] == ["carol"]


def test_rescheduled_appointment_is_reminded_for_its_new_day(client: Any, booking: Any, outbox: Any) -> None:
    booked = book(client, "2026-09-29T08:30:00+08:00").json_body
    run_schedule()
    assert len(outbox()) == 1
    post(client, f"/appointments/{booked['id']}/reschedule", {"start": "2026-09-30T08:30:00+08:00"}, resident())
    run_schedule()
    assert outbox() == []  # Wednesday is not tomorrow yet


def test_a_failed_send_is_retried_by_the_next_run(client: Any, booking: Any, outbox: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from chalicelib.adapters.messaging import ReminderEvents

    book(client, "2026-09-29T08:30:00+08:00")
    original = ReminderEvents.send

    def broken(self: Any, name: str, payload: dict[str, Any]) -> None:
        raise ConnectionError("topic unreachable")

    monkeypatch.setattr(ReminderEvents, "send", broken)
    with pytest.raises(ConnectionError):
        run_schedule()
    monkeypatch.setattr(ReminderEvents, "send", original)
    run_schedule()
    assert len(outbox()) == 1


def test_unattended_appointments_of_yesterday_become_no_shows(client: Any, booking: Any, clock: Any, events: Any) -> None:
    from tests.booking.conftest import staff

    missed = book(client, "2026-09-29T08:30:00+08:00", subject="alice").json_body
    attended = book(client, "2026-09-29T09:00:00+08:00", subject="bob").json_body
    clock("2026-09-29T08:55:00+08:00")
    assert post(client, f"/appointments/{attended['id']}/check-in", {}, staff()).status_code == 200
    clock("2026-09-30T00:30:00+08:00")
    assert run_schedule()["closed"] == 1
    assert run_schedule()["closed"] == 0
    assert client.http.get(f"/appointments/{missed['id']}", headers=resident("alice")).json_body["status"] == "no_show"
    assert client.http.get(f"/appointments/{attended['id']}", headers=resident("bob")).json_body["status"] == "checked_in"
    assert [e["name"] for e in events()][-1] == "booking.appointment.no_show"
    # alice's allowance is free again: three new bookings are accepted
    for day in ("2026-10-08", "2026-10-09", "2026-10-10"):
        assert book(client, f"{day}T08:30:00+08:00", subject="alice").status_code == 201
