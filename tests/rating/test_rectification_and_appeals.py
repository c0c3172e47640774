"""Bad ratings: rectification, callback, outcome, re-rating; appeals; streets rating departments.
The rules run on the in-memory fakes (the `rating` fixture); the tests that also check a
route's role rule or the input errors at the edge run on moto through the API."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from chalicelib.models.requests import AppealDecisionRequest, AppealRequest, CallbackRequest, OutcomeRequest

from shared.errors import Conflict, Forbidden
from tests.conftest import EVENTS
from tests.rating.conftest import (
    CASE,
    LOCATION,
    MONTH,
    OTHER_RESIDENT,
    RESIDENT,
    UseCases,
    auth,
    body,
    get,
    order_event,
    post,
    who,
)

RESIDENT_AUTH = auth("resident", RESIDENT)
UNIT_AUTH = auth("department", "staff-um-1", "urban-management")
OTHER_UNIT_AUTH = auth("department", "staff-h-1", "housing")
COMMAND_AUTH = auth("command-centre", "cc-1", "command-center")
UNIT = who("department", "staff-um-1", "urban-management")
OTHER_UNIT = who("department", "staff-h-1", "housing")
COMMAND = who("command-centre", "cc-1", "command-center")


def callback(rating: UseCases, rid: str, note: str, by: Any = UNIT, **extra: Any) -> dict[str, Any]:
    return rating.service.record_callback(by, rid, CallbackRequest.model_validate({"note": note, **extra}))


def outcome(rating: UseCases, rid: str, text: str, by: Any = UNIT) -> dict[str, Any]:
    return rating.service.complete_rectification(by, rid, OutcomeRequest(outcome=text))


def appeal(rating: UseCases, rating_id: str, reason: str, by: Any = UNIT) -> dict[str, Any]:
    return rating.service.appeal(by, rating_id, AppealRequest(reason=reason))


def decide(rating: UseCases, rating_id: str, decision: str, by: Any = COMMAND, **extra: Any) -> dict[str, Any]:
    return rating.service.decide_appeal(by, rating_id, AppealDecisionRequest.model_validate({"decision": decision, **extra}))


def fake_bad_rating(rating: UseCases) -> tuple[dict[str, Any], dict[str, Any]]:
    rating.replied_order()
    rated = rating.rate(2)
    return rated, rating.outbox.payloads()


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


def test_bad_rating_opens_a_rectification_and_asks_to_reopen(rating: UseCases) -> None:
    rated, events = fake_bad_rating(rating)
    assert events["rating.rating.submitted"]["rectification"] is True
    assert events["rating.rating.submitted"]["level"] == 2
    opened = events["rating.rectification.opened"]
    assert opened["rectification_id"] == rated["rectification_id"]
    assert opened["handler"] == {"kind": "department", "code": "urban-management"}
    # 2026-11-06 (Fri) + 5 working days = 2026-11-13 (Fri)
    assert opened["deadline"] == "2026-11-13T23:59:59+08:00"
    listed = rating.service.list_rectifications(UNIT, None)["rectifications"]
    assert [r["rectification_id"] for r in listed] == [rated["rectification_id"]]
    assert listed[0]["status"] == "open"


def test_the_stored_bad_rating_names_its_rectification(rating: UseCases) -> None:
    """What the resident reads back later links to the rectification, as the answer did."""
    rated, _ = fake_bad_rating(rating)
    stored = rating.service.get_rating(who("resident", RESIDENT), rated["rating_id"])
    assert stored["rectification_id"] == rated["rectification_id"]


def test_units_do_not_see_who_gave_the_bad_rating_the_command_centre_does(rating: UseCases) -> None:
    rated, _ = fake_bad_rating(rating)
    rid = rated["rectification_id"]
    listed = rating.service.list_rectifications(UNIT, None)["rectifications"]
    assert [r["rectification_id"] for r in listed] == [rid]
    assert "resident" not in listed[0] and RESIDENT not in str(listed)
    assert "resident" not in rating.service.get_rectification(UNIT, rid)
    with pytest.raises(Forbidden):  # not a unit in its street
        rating.service.list_rectifications(who("street", "st-1", LOCATION["street"]), "urban-management")
    called = callback(rating, rid, "已回访")
    assert called["status"] == "called-back" and "resident" not in called
    done = outcome(rating, rid, "已修复")
    assert done["status"] == "completed" and "resident" not in done
    # The command centre still sees whom the rectification is for.
    centre = rating.service.list_rectifications(COMMAND, "urban-management")["rectifications"]
    assert [r["resident"] for r in centre] == [RESIDENT]
    assert rating.service.get_rectification(COMMAND, rid)["resident"] == RESIDENT


def test_rectification_deadline_is_configurable(clock: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("RECTIFICATION_WORKDAYS", "10")
    _, events = fake_bad_rating(UseCases())  # the service reads its settings when built
    assert events["rating.rectification.opened"]["deadline"] == "2026-11-20T23:59:59+08:00"


def test_other_units_cannot_see_or_act_on_the_rectification(client: Any, feed: Any, published: Any) -> None:
    rating, _ = bad_rating(client, feed, published)
    rid = rating["rectification_id"]
    assert get(client, f"/rectifications/{rid}", OTHER_UNIT_AUTH).status_code == 403
    assert post(client, f"/rectifications/{rid}/callback", {"note": "called"}, OTHER_UNIT_AUTH).status_code == 403
    assert post(client, f"/rectifications/{rid}/callback", {"note": "x"}, RESIDENT_AUTH).status_code == 403
    assert get(client, "/rectifications?unit=urban-management", OTHER_UNIT_AUTH).status_code == 403


def test_rectification_callback_outcome_and_re_rating_replace_the_bad_one(rating: UseCases) -> None:
    rated, _ = fake_bad_rating(rating)
    rid = rated["rectification_id"]
    with pytest.raises(Conflict):  # not before the rectification is done
        rating.rate(5)
    with pytest.raises(Conflict) as early:
        outcome(rating, rid, "fixed")
    assert "回访" in early.value.text("zh") and "callback" in early.value.text("en")  # both languages
    assert callback(rating, rid, "居民反映路灯仍不亮")["status"] == "called-back"
    with pytest.raises(Conflict):
        callback(rating, rid, "again")
    outcome(rating, rid, "换了灯泡，已复查")
    assert rating.outbox.payloads()["rating.rectification.completed"] == {
        "rectification_id": rid, "subject": {"kind": "workorder", "id": CASE},
        "handler": {"kind": "department", "code": "urban-management"}, "outcome": "换了灯泡，已复查"}
    with pytest.raises(Conflict):
        outcome(rating, rid, "again")

    before = rating.scores()
    assert before["counts"]["ratings"] == 1 and before["levels"]["2"] == 1 and before["counts"]["satisfied"] == 0
    again = rating.rate(5)
    after = rating.scores()
    # The re-rating replaces the bad rating: still one rating, now satisfied.
    assert after["counts"]["ratings"] == 1
    assert after["levels"]["2"] == 0 and after["levels"]["5"] == 1
    assert after["counts"]["satisfied"] == 1 and after["rates"]["satisfaction_rate"] == 1.0
    assert rating.scores(LOCATION["grid"])["counts"]["ratings"] == 1
    old = rating.service.get_rating(who("resident", RESIDENT), rated["rating_id"])
    assert old["superseded_by"] == again["rating_id"]
    with pytest.raises(Conflict):  # and only once per round
        rating.rate(4)


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


def test_appeal_rejected_keeps_the_rating(rating: UseCases) -> None:
    rating.replied_order()
    rating_id = rating.rate(2)["rating_id"]
    appeal(rating, rating_id, "we think it is unfair")
    assert decide(rating, rating_id, "rejected")["status"] == "rejected"
    assert rating.scores()["counts"]["ratings"] == 1


def test_re_rating_after_an_upheld_appeal_does_not_subtract_twice(rating: UseCases) -> None:
    rating.replied_order()
    rated = rating.rate(1)
    appeal(rating, rated["rating_id"], "malicious rating")
    decide(rating, rated["rating_id"], "upheld")
    rid = rated["rectification_id"]
    callback(rating, rid, "called")
    outcome(rating, rid, "done")
    rating.rate(4)
    figures = rating.scores()
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


def test_another_residents_rating_cannot_be_seen_by_an_unrelated_unit(rating: UseCases) -> None:
    rating.feed(order_event("created", "JN-X-2", resident=OTHER_RESIDENT, handler=None),
                order_event("replied", "JN-X-2", resident=OTHER_RESIDENT))
    rating_id = rating.rate(5, "JN-X-2", by=who("resident", OTHER_RESIDENT))["rating_id"]
    with pytest.raises(Forbidden):
        rating.service.get_rating(OTHER_UNIT, rating_id)
    assert rating.service.get_rating(UNIT, rating_id)["rating_id"] == rating_id


def test_the_district_halls_rectifications_are_the_command_centres_to_act_on(rating: UseCases) -> None:
    """Issue 10 item 8: a bad rating of a visit to the district hall ("JN") opens a
    rectification that staff can act on: the command centre's."""
    from tests.rating.conftest import appointment_event

    rating.feed(appointment_event("booked", "apt-jn-1", centre_unit="JN"),
                appointment_event("completed", "apt-jn-1", centre_unit="JN"))
    rid = rating.rate(1, "apt-jn-1", kind="appointment")["rectification_id"]
    listed = rating.service.list_rectifications(COMMAND, None)["rectifications"]
    assert [r["rectification_id"] for r in listed] == [rid] and listed[0]["staff_unit"] == "command-center"
    assert callback(rating, rid, "已回访", by=COMMAND, reached=True)["status"] == "called-back"
    assert outcome(rating, rid, "窗口增加引导员", by=COMMAND)["status"] == "completed"
    with pytest.raises(Forbidden):
        callback(rating, rid, "x")
