"""Bad ratings: rectification, callback, outcome, re-rating; appeals; streets rating departments."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from tests.conftest import EVENTS
from tests.rating.conftest import CASE, LOCATION, MONTH, OTHER_RESIDENT, RESIDENT, auth, body, get, order_event, post

RESIDENT_AUTH = auth("resident", RESIDENT)
UNIT_AUTH = auth("department", "staff-um-1", "urban-management")
OTHER_UNIT_AUTH = auth("department", "staff-h-1", "housing")
COMMAND_AUTH = auth("command-centre", "cc-1", "command-center")


def replied_order(feed: Any, case: str = CASE) -> None:
    feed(order_event("created", case, handler=None), order_event("dispatched", case), order_event("replied", case))


def rate(client: Any, level: int, case: str = CASE, headers: dict[str, str] = RESIDENT_AUTH) -> Any:
    return post(client, "/ratings", {"subject": {"kind": "workorder", "id": case}, "level": level}, headers)


def scores(client: Any, unit: str = "urban-management") -> dict[str, Any]:
    response = get(client, f"/units/{unit}/scores?month={MONTH}", COMMAND_AUTH)
    assert response.status_code == 200, response.body
    return body(response)  # type: ignore[no-any-return]


def bad_rating(client: Any, feed: Any, published: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    replied_order(feed)
    rating = body(rate(client, 2))
    events = {e["name"]: e["payload"] for e in published()}
    return rating, events


def test_bad_rating_opens_a_rectification_and_asks_to_reopen(client: Any, feed: Any, published: Any) -> None:
    rating, events = bad_rating(client, feed, published)
    assert events["rating.rating.submitted"]["rectification"] is True
    assert events["rating.rating.submitted"]["level"] == 2
    opened = events["rating.rectification.opened"]
    assert opened["rectification_id"] == rating["rectification_id"]
    assert opened["handler"] == {"kind": "department", "code": "urban-management"}
    # 2026-11-06 (Fri) + 5 working days = 2026-11-13 (Fri)
    assert opened["deadline"] == "2026-11-13T23:59:59+08:00"
    listed = body(get(client, "/rectifications", UNIT_AUTH))["rectifications"]
    assert [r["rectification_id"] for r in listed] == [rating["rectification_id"]]
    assert listed[0]["status"] == "open"


def test_units_do_not_see_who_gave_the_bad_rating_the_command_centre_does(client: Any, feed: Any, published: Any) -> None:
    rating, _ = bad_rating(client, feed, published)
    rid = rating["rectification_id"]
    listed = body(get(client, "/rectifications", UNIT_AUTH))["rectifications"]
    assert [r["rectification_id"] for r in listed] == [rid]
    assert "resident" not in listed[0] and RESIDENT not in str(listed)
    assert "resident" not in body(get(client, f"/rectifications/{rid}", UNIT_AUTH))
    street = auth("street", "st-1", LOCATION["street"])
    assert get(client, "/rectifications?unit=urban-management", street).status_code == 403  # not a unit in its street
    called = body(post(client, f"/rectifications/{rid}/callback", {"note": "已回访"}, UNIT_AUTH))
    assert called["status"] == "called-back" and "resident" not in called
    done = body(post(client, f"/rectifications/{rid}/outcome", {"outcome": "已修复"}, UNIT_AUTH))
    assert done["status"] == "completed" and "resident" not in done
    # The command centre still sees whom the rectification is for.
    centre = body(get(client, "/rectifications?unit=urban-management", COMMAND_AUTH))["rectifications"]
    assert [r["resident"] for r in centre] == [RESIDENT]
    assert body(get(client, f"/rectifications/{rid}", COMMAND_AUTH))["resident"] == RESIDENT


def test_rectification_deadline_is_configurable(client: Any, feed: Any, published: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("RECTIFICATION_WORKDAYS", "10")
    _, events = bad_rating(client, feed, published)
    assert events["rating.rectification.opened"]["deadline"] == "2026-11-20T23:59:59+08:00"


def test_other_units_cannot_see_or_act_on_the_rectification(client: Any, feed: Any, published: Any) -> None:
    rating, _ = bad_rating(client, feed, published)
    rid = rating["rectification_id"]
    assert get(client, f"/rectifications/{rid}", OTHER_UNIT_AUTH).status_code == 403
    assert post(client, f"/rectifications/{rid}/callback", {"note": "called"}, OTHER_UNIT_AUTH).status_code == 403
    assert post(client, f"/rectifications/{rid}/callback", {"note": "x"}, RESIDENT_AUTH).status_code == 403
    assert get(client, "/rectifications?unit=urban-management", OTHER_UNIT_AUTH).status_code == 403


def test_rectification_callback_outcome_and_re_rating_replace_the_bad_one(client: Any, feed: Any, published: Any) -> None:
    rating, _ = bad_rating(client, feed, published)
    rid = rating["rectification_id"]
    assert rate(client, 5).status_code == 409  # not before the rectification is done
    early = post(client, f"/rectifications/{rid}/outcome", {"outcome": "fixed"}, UNIT_AUTH)
    assert early.status_code == 409 and "回访" in body(early)["error"]["message"]  # Chinese by default
    early = post(client, f"/rectifications/{rid}/outcome", {"outcome": "fixed"}, {**UNIT_AUTH, "Accept-Language": "en"})
    assert early.status_code == 409 and "callback" in body(early)["error"]["message"]
    callback = post(client, f"/rectifications/{rid}/callback", {"note": "居民反映路灯仍不亮"}, UNIT_AUTH)
    assert callback.status_code == 200 and body(callback)["status"] == "called-back"
    assert post(client, f"/rectifications/{rid}/callback", {"note": "again"}, UNIT_AUTH).status_code == 409
    done = post(client, f"/rectifications/{rid}/outcome", {"outcome": "换了灯泡，已复查"}, UNIT_AUTH)
    assert done.status_code == 200, done.body
    completed = [e for e in published() if e["name"] == "rating.rectification.completed"]
    assert completed[0]["payload"] == {"rectification_id": rid, "subject": {"kind": "workorder", "id": CASE},
                                       "handler": {"kind": "department", "code": "urban-management"},
                                       "outcome": "换了灯泡，已复查"}
    assert post(client, f"/rectifications/{rid}/outcome", {"outcome": "again"}, UNIT_AUTH).status_code == 409

    before = scores(client)
    assert before["counts"]["ratings"] == 1 and before["levels"]["2"] == 1 and before["counts"]["satisfied"] == 0
    again = rate(client, 5)
    assert again.status_code == 201, again.body
    after = scores(client)
    # The re-rating replaces the bad rating: still one rating, now satisfied.
    assert after["counts"]["ratings"] == 1
    assert after["levels"]["2"] == 0 and after["levels"]["5"] == 1
    assert after["counts"]["satisfied"] == 1 and after["rates"]["satisfaction_rate"] == 1.0
    assert scores(client, LOCATION["grid"])["counts"]["ratings"] == 1
    old = body(get(client, f"/ratings/{rating['rating_id']}", RESIDENT_AUTH))
    assert old["superseded_by"] == body(again)["rating_id"]
    assert rate(client, 4).status_code == 409  # and only once per round


def test_appeal_upheld_removes_the_rating_from_the_figures_once(client: Any, feed: Any, published: Any) -> None:
    replied_order(feed)
    rating = body(rate(client, 1))
    rating_id = rating["rating_id"]
    assert scores(client)["counts"]["ratings"] == 1
    reason = {"reason": "the resident rated the wrong order"}
    assert post(client, f"/ratings/{rating_id}/appeal", reason, OTHER_UNIT_AUTH).status_code == 403
    assert post(client, f"/ratings/{rating_id}/appeal", {"reason": "no"}, UNIT_AUTH).status_code == 400
    appeal = post(client, f"/ratings/{rating_id}/appeal", reason, UNIT_AUTH)
    assert appeal.status_code == 201 and body(appeal)["status"] == "pending"
    assert post(client, f"/ratings/{rating_id}/appeal", reason, UNIT_AUTH).status_code == 409
    pending = body(get(client, "/appeals", COMMAND_AUTH))["appeals"]
    assert [a["rating_id"] for a in pending] == [rating_id]
    decision = {"decision": "upheld", "note": "wrong order"}
    assert post(client, f"/ratings/{rating_id}/appeal/decision", decision, UNIT_AUTH).status_code == 403
    decided = post(client, f"/ratings/{rating_id}/appeal/decision", decision, COMMAND_AUTH)
    assert decided.status_code == 200 and body(decided)["status"] == "upheld"
    again = post(client, f"/ratings/{rating_id}/appeal/decision", decision, COMMAND_AUTH)
    assert again.status_code == 409
    figures = scores(client)
    assert figures["counts"]["ratings"] == 0 and figures["levels"]["1"] == 0
    assert scores(client, LOCATION["street"])["counts"]["ratings"] == 0
    assert body(get(client, "/appeals", COMMAND_AUTH))["appeals"] == []


def test_appeal_rejected_keeps_the_rating(client: Any, feed: Any) -> None:
    replied_order(feed)
    rating_id = body(rate(client, 2))["rating_id"]
    post(client, f"/ratings/{rating_id}/appeal", {"reason": "we think it is unfair"}, UNIT_AUTH)
    decided = post(client, f"/ratings/{rating_id}/appeal/decision", {"decision": "rejected"}, COMMAND_AUTH)
    assert decided.status_code == 200
    assert scores(client)["counts"]["ratings"] == 1


def test_re_rating_after_an_upheld_appeal_does_not_subtract_twice(client: Any, feed: Any) -> None:
    replied_order(feed)
    rating = body(rate(client, 1))
    post(client, f"/ratings/{rating['rating_id']}/appeal", {"reason": "malicious rating"}, UNIT_AUTH)
    post(client, f"/ratings/{rating['rating_id']}/appeal/decision", {"decision": "upheld"}, COMMAND_AUTH)
    rid = rating["rectification_id"]
    post(client, f"/rectifications/{rid}/callback", {"note": "called"}, UNIT_AUTH)
    post(client, f"/rectifications/{rid}/outcome", {"outcome": "done"}, UNIT_AUTH)
    assert rate(client, 4).status_code == 201
    figures = scores(client)
    assert figures["counts"]["ratings"] == 1 and figures["levels"]["1"] == 0 and figures["levels"]["4"] == 1


def test_street_rates_a_summoned_department_after_the_reply_and_may_revise(client: Any, feed: Any, clock: Any,
                                                                         published: Any) -> None:
    """Issue 10 item 7: 双评价 only once the department has replied, revisable within the
    rating window (the latest counts), an event published, and listed."""
    feed(order_event("created", handler=None), order_event("escalated", level="whistle", summoned=["housing"]))
    street = auth("street", "st-1", LOCATION["street"])
    request = {"case_number": CASE, "department": "housing", "level": 4}
    assert post(client, "/street-ratings", request, auth("street", "st-2", "JN-S02")).status_code == 404  # not theirs
    assert post(client, "/street-ratings", request, UNIT_AUTH).status_code == 403
    early = post(client, "/street-ratings", request, street)
    assert early.status_code == 409 and body(early)["error"]["code"] == "not_rateable"
    feed(order_event("replied"))
    not_summoned = post(client, "/street-ratings", {**request, "department": "ecology"}, street)
    assert not_summoned.status_code == 409 and body(not_summoned)["error"]["code"] == "not_summoned"
    assert post(client, "/street-ratings", {**request, "level": 9}, street).status_code == 400
    assert post(client, "/street-ratings", request, street).status_code == 201
    revised = post(client, "/street-ratings", {**request, "level": 2, "comment": "拖了很久"}, street)
    assert revised.status_code == 201 and body(revised)["revision"] == 1
    housing = scores(client, "housing")
    assert housing["counts"]["street_ratings"] == 1 and housing["street_levels"]["2"] == 1
    assert housing["street_levels"]["4"] == 0 and housing["rates"]["street_satisfaction_rate"] == 0.0
    events = [e for e in published() if e["name"] == "rating.street_rating.submitted"]
    assert [(e["payload"]["level"], e["payload"]["revised"]) for e in events] == [(4, False), (2, True)]
    example = json.loads((EVENTS / "rating" / "rating.street_rating.submitted.json").read_text(encoding="utf-8"))
    assert set(example["payload"]) == set(events[-1]["payload"])
    listed = body(get(client, "/street-ratings?department=housing", auth("department", "h-1", "housing")))
    assert [(r["case_number"], r["level"]) for r in listed["street_ratings"]] == [(CASE, 2)]
    assert [r["level"] for r in body(get(client, "/street-ratings", street))["street_ratings"]] == [2]
    clock.now = clock.now + timedelta(days=30)
    late = post(client, "/street-ratings", request, street)
    assert late.status_code == 409 and body(late)["error"]["code"] == "rating_window_closed"


def test_another_residents_rating_cannot_be_seen_by_an_unrelated_unit(client: Any, feed: Any) -> None:
    feed(order_event("created", "JN-X-2", resident=OTHER_RESIDENT, handler=None),
         order_event("replied", "JN-X-2", resident=OTHER_RESIDENT))
    rating_id = body(rate(client, 5, "JN-X-2", auth("resident", OTHER_RESIDENT)))["rating_id"]
    assert get(client, f"/ratings/{rating_id}", OTHER_UNIT_AUTH).status_code == 403
    assert get(client, f"/ratings/{rating_id}", UNIT_AUTH).status_code == 200


def test_the_district_halls_rectifications_are_the_command_centres_to_act_on(client: Any, feed: Any) -> None:
    """Issue 10 item 8: a bad rating of a visit to the district hall ("JN") opens a
    rectification that staff can act on: the command centre's."""
    from tests.rating.conftest import appointment_event

    feed(appointment_event("booked", "apt-jn-1", centre_unit="JN"), appointment_event("completed", "apt-jn-1", centre_unit="JN"))
    rating = post(client, "/ratings", {"subject": {"kind": "appointment", "id": "apt-jn-1"}, "level": 1}, RESIDENT_AUTH)
    assert rating.status_code == 201, rating.body
    rid = body(rating)["rectification_id"]
    listed = body(get(client, "/rectifications", COMMAND_AUTH))["rectifications"]
    assert [r["rectification_id"] for r in listed] == [rid] and listed[0]["staff_unit"] == "command-center"
    assert post(client, f"/rectifications/{rid}/callback", {"note": "已回访", "reached": True}, COMMAND_AUTH).status_code == 200
    assert post(client, f"/rectifications/{rid}/outcome", {"outcome": "窗口增加引导员"}, COMMAND_AUTH).status_code == 200
    assert post(client, f"/rectifications/{rid}/callback", {"note": "x"}, UNIT_AUTH).status_code == 403
