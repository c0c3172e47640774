"""The booking API end to end on moto: slots, booking rules, the life cycle, access."""

from __future__ import annotations

import json
from typing import Any

from tests.booking.conftest import CENTRE, COMMUNITY_CENTRE, book, post, resident, staff

TUE = "2026-09-29"
START = f"{TUE}T08:30:00+08:00"


def error_code(response: Any) -> str:
    return str(response.json_body["error"]["code"])


def test_slots_for_a_day_with_capacity_and_remaining(client: Any) -> None:
    response = client.http.get(f"/slots?item=T-RESIDENCE&centre={CENTRE}&date={TUE}")
    assert response.status_code == 200
    slots = response.json_body["slots"]
    assert slots[0] == {"start": START, "end": f"{TUE}T09:00:00+08:00", "capacity": 5, "remaining": 5}
    assert slots[-1]["end"] == f"{TUE}T19:30:00+08:00"  # 延时服务 on Tuesday evenings

    assert book(client, START).status_code == 201
    after = client.http.get(f"/slots?item=T-RESIDENCE&centre={CENTRE}&date={TUE}").json_body["slots"]
    assert after[0]["remaining"] == 4
    # A 60-minute item overlapping that seat sees it taken too: counters are shared.
    pension = client.http.get(f"/slots?item=T-PENSION&centre={CENTRE}&date={TUE}").json_body["slots"]
    assert pension[0]["start"] == START and pension[0]["remaining"] == 4


def test_no_slots_on_a_public_holiday_and_slots_on_the_moved_workday(client: Any) -> None:
    holiday = client.http.get(f"/slots?item=T-RESIDENCE&centre={CENTRE}&date=2026-10-01")
    assert holiday.status_code == 200 and holiday.json_body["slots"] == []
    moved = client.http.get(f"/slots?item=T-RESIDENCE&centre={CENTRE}&date=2026-10-10")
    assert moved.json_body["slots"][0]["start"] == "2026-10-10T08:30:00+08:00"
    response = book(client, "2026-10-01T09:00:00+08:00")
    assert response.status_code == 400 and error_code(response) == "centre_closed"


def test_slots_reject_bad_parameters_and_unknown_things(client: Any) -> None:
    assert client.http.get(f"/slots?item=T-RESIDENCE&centre={CENTRE}&date=tomorrow").status_code == 400
    assert client.http.get(f"/slots?item=T-RESIDENCE&centre={CENTRE}").status_code == 400
    assert error_code(client.http.get(f"/slots?item=NOPE&centre={CENTRE}&date={TUE}")) == "unknown_item"
    assert error_code(client.http.get(f"/slots?item=T-RESIDENCE&centre=ctr-x&date={TUE}")) == "unknown_centre"
    # A street-level item is not done at a community centre.
    assert error_code(client.http.get(f"/slots?item=T-PENSION&centre={COMMUNITY_CENTRE}&date={TUE}")) == "item_not_offered"


def test_book_then_see_it(client: Any) -> None:
    response = book(client, START)
    assert response.status_code == 201
    body = response.json_body
    assert body["status"] == "booked" and body["start"] == START and body["end"] == f"{TUE}T09:00:00+08:00"
    assert len(body["code"]) == 6 and not set(body["code"]) & set("01OIL")
    mine = client.http.get("/appointments", headers=resident()).json_body["appointments"]
    assert [a["id"] for a in mine] == [body["id"]]
    one = client.http.get(f"/appointments/{body['id']}", headers=resident())
    assert one.status_code == 200 and one.json_body["code"] == body["code"]


def test_start_given_in_utc_is_the_same_slot(client: Any) -> None:
    response = book(client, f"{TUE}T00:30:00Z")
    assert response.status_code == 201 and response.json_body["start"] == START


def test_rules_each_name_themselves(client: Any) -> None:
    cases = {
        "2026-09-28T11:00:00+08:00": ("minimum_notice", 400),
        "2026-10-13T08:30:00+08:00": ("booking_window", 400),
        f"{TUE}T08:40:00+08:00": ("not_a_slot", 400),
    }
    for start, (code, status) in cases.items():
        response = book(client, start)
        assert (response.status_code, error_code(response)) == (status, code), start
    home_only = book(client, START, item="T-HOMEONLY")  # done at home or without an appointment
    assert (home_only.status_code, error_code(home_only)) == (400, "item_not_bookable")
    walk_in = book(client, START, item="T-WALKIN")  # needs no appointment at all
    assert (walk_in.status_code, error_code(walk_in)) == (400, "no_appointment_needed")
    assert client.http.get("/appointments", headers=resident()).json_body["appointments"] == []


def test_one_per_item_per_day_and_active_limit(client: Any) -> None:
    assert book(client, START).status_code == 201
    again = book(client, f"{TUE}T09:00:00+08:00")
    assert (again.status_code, error_code(again)) == (409, "one_per_item_per_day")
    assert book(client, "2026-09-30T08:30:00+08:00").status_code == 201
    assert book(client, "2026-10-08T08:30:00+08:00").status_code == 201
    fourth = book(client, "2026-10-09T08:30:00+08:00")
    assert (fourth.status_code, error_code(fourth)) == (409, "too_many_active")
    # The failed attempts took no seat.
    slots = client.http.get(f"/slots?item=T-RESIDENCE&centre={CENTRE}&date=2026-10-09").json_body["slots"]
    assert slots[0]["remaining"] == 5


def test_full_slot_is_409_slot_full(client: Any) -> None:
    for n in range(5):
        assert book(client, START, subject=f"res-{n}").status_code == 201
    response = book(client, START, subject="res-late")
    assert (response.status_code, error_code(response)) == (409, "slot_full")
    assert client.http.get("/appointments", headers=resident("res-late")).json_body["appointments"] == []


def test_idempotency_key_returns_the_same_booking(client: Any) -> None:
    headers = {**resident(), "Content-Type": "application/json", "Idempotency-Key": "k-1"}
    body = json.dumps({"item": "T-RESIDENCE", "centre": CENTRE, "start": START})
    first = client.http.post("/appointments", body=body, headers=headers)
    second = client.http.post("/appointments", body=body, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json_body["id"] == second.json_body["id"]
    assert len(client.http.get("/appointments", headers=resident()).json_body["appointments"]) == 1
    other = json.dumps({"item": "T-RESIDENCE", "centre": CENTRE, "start": f"{TUE}T09:00:00+08:00"})
    reused = client.http.post("/appointments", body=other, headers=headers)
    assert reused.status_code == 400 and error_code(reused) == "idempotency_key_reused"


def test_bad_bodies_are_400_and_change_nothing(client: Any) -> None:
    for body in (
        {"item": "T-RESIDENCE", "centre": CENTRE},
        {"item": "T-RESIDENCE", "centre": CENTRE, "start": "2026-09-29T08:30:00"},
        {"item": "T-RESIDENCE", "centre": CENTRE, "start": START, "colour": "red"},
    ):
        response = post(client, "/appointments", body, resident())
        assert response.status_code == 400, body
    assert client.http.post("/appointments", body="{nope", headers=resident()).status_code == 400
    assert client.http.get("/appointments", headers=resident()).json_body["appointments"] == []


def test_reschedule_moves_the_seat_atomically(client: Any, events: Any) -> None:
    booked = book(client, START).json_body
    for n in range(5):  # fill 09:00
        assert book(client, f"{TUE}T09:00:00+08:00", subject=f"other-{n}").status_code == 201
    full = post(client, f"/appointments/{booked['id']}/reschedule", {"start": f"{TUE}T09:00:00+08:00"}, resident())
    assert (full.status_code, error_code(full)) == (409, "slot_full")
    kept = client.http.get(f"/appointments/{booked['id']}", headers=resident()).json_body
    assert kept["start"] == START  # the old seat is kept when the new one cannot be taken

    moved = post(client, f"/appointments/{booked['id']}/reschedule", {"start": "2026-09-30T14:30:00+08:00"}, resident())
    assert moved.status_code == 200 and moved.json_body["start"] == "2026-09-30T14:30:00+08:00"
    tue = client.http.get(f"/slots?item=T-RESIDENCE&centre={CENTRE}&date={TUE}").json_body["slots"]
    wed = client.http.get(f"/slots?item=T-RESIDENCE&centre={CENTRE}&date=2026-09-30").json_body["slots"]
    assert tue[0]["remaining"] == 5
    assert next(s for s in wed if s["start"] == "2026-09-30T14:30:00+08:00")["remaining"] == 4
    # The day guard moved with it: Tuesday is free again for this item, Wednesday is not.
    assert book(client, f"{TUE}T10:00:00+08:00").status_code == 201
    names = [e["name"] for e in events()]
    rescheduled = [e for e in events() if e["name"] == "booking.appointment.rescheduled"]
    assert names.count("booking.appointment.rescheduled") == 1
    assert rescheduled[0]["payload"]["previous_start"] == START


def test_cancel_frees_the_seat_and_the_allowance(client: Any, events: Any) -> None:
    booked = book(client, START).json_body
    response = post(client, f"/appointments/{booked['id']}/cancel", {}, resident())
    assert response.status_code == 200 and response.json_body["status"] == "cancelled"
    assert client.http.get(f"/slots?item=T-RESIDENCE&centre={CENTRE}&date={TUE}").json_body["slots"][0]["remaining"] == 5
    twice = post(client, f"/appointments/{booked['id']}/cancel", {}, resident())
    assert (twice.status_code, error_code(twice)) == (409, "invalid_transition")
    assert book(client, START).status_code == 201  # same item, same day: allowed again
    assert [e["name"] for e in events()] == [
        "booking.appointment.booked",
        "booking.appointment.cancelled",
        "booking.appointment.booked",
    ]


def test_staff_check_in_and_complete_on_the_day(client: Any, clock: Any, events: Any) -> None:
    booked = book(client, START).json_body
    early = post(client, f"/appointments/{booked['id']}/check-in", {}, staff())
    assert (early.status_code, error_code(early)) == (409, "check_in_day")
    clock("2026-09-29T08:20:00+08:00")
    other_centre = post(client, f"/appointments/{booked['id']}/check-in", {}, staff("JN-S02"))
    assert other_centre.status_code == 404  # another centre's staff do not even see it
    assert post(client, f"/appointments/{booked['id']}/check-in", {}, resident()).status_code == 403
    checked = post(client, f"/appointments/{booked['id']}/check-in", {}, staff())
    assert checked.status_code == 200 and checked.json_body["status"] == "checked_in"
    done = post(client, f"/appointments/{booked['id']}/complete", {}, staff())
    assert done.json_body["status"] == "completed"
    payloads = {e["name"]: e["payload"] for e in events()}
    assert payloads["booking.appointment.checked_in"]["centre_unit"] == "JN-S01"
    assert payloads["booking.appointment.completed"]["status"] == "completed"


def test_no_show_only_after_the_start(client: Any, clock: Any) -> None:
    booked = book(client, START).json_body
    early = post(client, f"/appointments/{booked['id']}/no-show", {}, staff())
    assert (early.status_code, error_code(early)) == (409, "too_early")
    clock("2026-09-29T09:30:00+08:00")
    marked = post(client, f"/appointments/{booked['id']}/no-show", {}, staff())
    assert marked.status_code == 200 and marked.json_body["status"] == "no_show"


def test_residents_see_only_their_own(client: Any) -> None:
    booked = book(client, START, subject="alice").json_body
    assert client.http.get(f"/appointments/{booked['id']}", headers=resident("bob")).status_code == 404
    assert post(client, f"/appointments/{booked['id']}/cancel", {}, resident("bob")).status_code == 404
    assert client.http.get("/appointments", headers=resident("bob")).json_body["appointments"] == []
    assert client.http.get(f"/appointments/{booked['id']}", headers=staff("command-center", "command-centre")).status_code == 200
    assert client.http.get(f"/appointments/{booked['id']}", headers=staff("JN-S02")).status_code == 404
    assert client.http.get(f"/appointments/{booked['id']}", headers=staff("JN-S01-C01", "community")).status_code == 404
    assert client.http.get(f"/appointments/{booked['id']}", headers=staff("urban-management", "department")).status_code == 403
    assert client.http.get("/appointments").status_code == 401


def test_centre_day_list_for_its_staff_and_lookup_by_code(client: Any) -> None:
    first = book(client, START, subject="alice").json_body
    book(client, f"{TUE}T14:30:00+08:00", subject="bob")
    day = client.http.get(f"/centres/{CENTRE}/appointments?date={TUE}", headers=staff())
    assert day.status_code == 200
    assert [a["resident"] for a in day.json_body["appointments"]] == ["alice", "bob"]
    assert client.http.get(f"/centres/{CENTRE}/appointments?date={TUE}", headers=staff("JN-S02")).status_code == 403
    assert client.http.get(f"/centres/{CENTRE}/appointments?date={TUE}", headers=resident()).status_code == 403
    by_code = client.http.get(f"/appointments?code={first['code'].lower()}", headers=staff())
    assert by_code.json_body["appointments"][0]["id"] == first["id"]
    assert client.http.get(f"/appointments?code={first['code']}", headers=staff("JN-S02")).status_code == 404


def test_proxy_booking_by_community_staff_is_recorded(client: Any, events: Any) -> None:
    helper = staff("JN-S01-C01", "community", "worker-7")
    body = {"item": "T-RESIDENCE", "centre": COMMUNITY_CENTRE, "start": START, "resident": "granny"}
    response = post(client, "/appointments", body, helper)
    assert response.status_code == 201
    assert response.json_body["resident"] == "granny" and response.json_body["proxy"] is True
    assert response.json_body["proxy_by"] == "worker-7"
    assert (
        client.http.get("/appointments", headers=resident("granny")).json_body["appointments"][0]["id"]
        == response.json_body["id"]
    )
    elsewhere = post(client, "/appointments", {**body, "centre": CENTRE}, helper)
    assert elsewhere.status_code == 403
    missing = post(client, "/appointments", {k: v for k, v in body.items() if k != "resident"}, helper)
    assert (missing.status_code, error_code(missing)) == (400, "resident_required")
    payload = events()[0]["payload"]
    assert payload["proxy"] is True and payload["staff"] == "worker-7"


def test_resident_cannot_book_for_someone_else(client: Any) -> None:
    response = post(
        client, "/appointments", {"item": "T-RESIDENCE", "centre": CENTRE, "start": START, "resident": "x"}, resident()
    )
    assert response.status_code == 403


def test_home_visit_window_and_assignment(client: Any) -> None:
    windows = client.http.get(f"/slots?item=T-ELDERLY&centre={COMMUNITY_CENTRE}&date={TUE}&home_visit=true").json_body["slots"]
    assert [w["start"] for w in windows][0] == f"{TUE}T08:30:00+08:00"
    visit = {"reason": "elderly", "address": "北园社区3号楼2单元101"}
    response = book(client, windows[0]["start"], item="T-ELDERLY", centre=COMMUNITY_CENTRE, home_visit=visit)
    assert response.status_code == 201 and response.json_body["home_visit"] is True
    assert response.json_body["end"] == windows[0]["end"]
    appointment_id = response.json_body["id"]
    assigned = post(client, f"/appointments/{appointment_id}/assign", {"staff": "worker-9"}, staff("JN-S01-C01", "community"))
    assert assigned.status_code == 200 and assigned.json_body["staff"] == "worker-9"
    assert (
        post(client, f"/appointments/{appointment_id}/assign", {"staff": "w"}, staff("JN-S01-C02", "community")).status_code
        == 404
    )

    not_offered = book(client, START, item="T-RESIDENCE", centre=COMMUNITY_CENTRE, home_visit=visit, subject="res-2")
    assert (not_offered.status_code, error_code(not_offered)) == (400, "home_visit_not_offered")
    unqualified = book(
        client, START, item="T-ELDERLY", centre=COMMUNITY_CENTRE, home_visit={**visit, "reason": "busy"}, subject="res-2"
    )
    assert unqualified.status_code == 400
    at_street = book(client, START, item="T-ELDERLY", centre=CENTRE, home_visit=visit, subject="res-2")
    assert (at_street.status_code, error_code(at_street)) == (400, "home_visit_centre")


def test_every_route_but_slots_needs_a_token_and_staff_actions_refuse_residents(client: Any) -> None:
    from chalicelib.api.routes import routes

    from shared.http import PUBLIC

    assert [r.path for r in routes.rules if r.allow is PUBLIC] == ["/slots", "/centres"]
    for rule in routes.rules:
        if rule.allow is PUBLIC:
            continue
        path = rule.path.replace("{appointment_id}", "apt-x").replace("{centre_id}", CENTRE)
        response = client.http.request(rule.method, path, body=b"{}", headers={"Content-Type": "application/json"})
        assert response.status_code == 401, rule.path
        staff_only = rule.path.endswith(("check-in", "no-show", "complete", "assign")) or rule.path.startswith("/centres")
        if staff_only:
            response = client.http.request(
                rule.method, path, body=b"{}", headers={**resident(), "Content-Type": "application/json"}
            )
            assert response.status_code == 403, rule.path
