"""POST /rating/ratings and the resident's and unit's views of ratings. The rules (who may
rate what, when, once; who sees which rating and comment) run on the in-memory fakes (the
`rating` fixture); the HTTP edge (roles, input errors, idempotency keys, the published
payload) on moto."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from shared.errors import Conflict, Forbidden, NotFound
from tests.rating.conftest import (
    CASE,
    MONTH,
    OTHER_RESIDENT,
    RESIDENT,
    UseCases,
    appointment_event,
    auth,
    body,
    order_event,
    post,
    who,
)

RESIDENT_AUTH = auth("resident", RESIDENT)


def replied_order(feed: Any, case: str = CASE, **replied: Any) -> None:
    feed(order_event("created", case, handler=None), order_event("dispatched", case), order_event("replied", case, **replied))


def rate(client: Any, level: int, subject: str = CASE, kind: str = "workorder", headers: dict[str, str] | None = None,
         **extra: Any) -> Any:
    return post(client, "/ratings", {"subject": {"kind": kind, "id": subject}, "level": level, **extra},
                headers or RESIDENT_AUTH)


def test_the_owner_rates_a_replied_order_and_the_order_can_close(client: Any, feed: Any, published: Any) -> None:
    replied_order(feed)
    response = rate(client, 4, comment="修好了", dimensions={"speed": 4, "attitude": 5})
    assert response.status_code == 201, response.body
    rating = body(response)
    assert rating["level"] == 4 and rating["month"] == MONTH
    events = published()
    assert [e["name"] for e in events] == ["rating.rating.submitted"]
    payload = events[0]["payload"]
    assert payload == {
        "rating_id": rating["rating_id"], "subject": {"kind": "workorder", "id": CASE}, "level": 4,
        "resident": RESIDENT, "handler": {"kind": "department", "code": "urban-management"}, "rectification": False,
    }


def test_someone_else_may_not_rate_the_order(rating: UseCases) -> None:
    rating.replied_order()
    other = who("resident", OTHER_RESIDENT)
    with pytest.raises(NotFound) as theirs:
        rating.rate(5, by=other)
    with pytest.raises(NotFound) as missing:
        rating.rate(5, subject="JN-NO-SUCH-1", by=other)
    # Not yours and does not exist look the same (issue 9).
    assert theirs.value.status == missing.value.status == 404
    assert theirs.value.text().replace(CASE, "X") == missing.value.text().replace("JN-NO-SUCH-1", "X")
    assert rating.rate(5)["level"] == 5  # and the refusal did not use up the owner's rating


def test_staff_may_not_rate(client: Any, feed: Any) -> None:
    replied_order(feed)
    assert rate(client, 5, headers=auth("department", "staff-1", "urban-management")).status_code == 403


def test_one_rating_per_case(rating: UseCases) -> None:
    rating.replied_order()
    rating.rate(5)
    with pytest.raises(Conflict) as second:
        rating.rate(1)
    assert second.value.code == "already_rated"
    figures = rating.scores()
    assert figures["counts"]["ratings"] == 1 and figures["levels"]["1"] == 0  # the refused one changed nothing
    command = who("command-centre", "cc-1", "command-center")
    assert rating.service.list_rectifications(command, "urban-management")["rectifications"] == []
    assert rating.outbox.names() == ["rating.rating.submitted"] and rating.outbox.waiting() == 0


def test_same_idempotency_key_with_another_body_is_refused(client: Any, feed: Any) -> None:
    replied_order(feed)
    headers = {**RESIDENT_AUTH, "Idempotency-Key": "rate-key-2"}
    assert rate(client, 5, headers=headers).status_code == 201
    reused = rate(client, 4, headers=headers)
    assert reused.status_code == 400 and body(reused)["error"]["code"] == "idempotency_key_reused"


def test_idempotency_key_returns_the_same_rating(client: Any, feed: Any, published: Any) -> None:
    replied_order(feed)
    headers = {**RESIDENT_AUTH, "Idempotency-Key": "rate-once-1"}
    first, again = rate(client, 5, headers=headers), rate(client, 5, headers=headers)
    assert first.status_code == again.status_code == 201
    assert body(first) == body(again)
    assert len(published()) == 1


@pytest.mark.parametrize("last_verb,state", [("dispatched", "dispatched"), ("signed", "signed"), ("reopened", "reopened")])
def test_only_a_replied_order_can_be_rated(rating: UseCases, last_verb: str, state: str) -> None:
    rating.feed(order_event("created", handler=None), order_event(last_verb))
    with pytest.raises(Conflict) as refused:
        rating.rate(5)
    error = refused.value.body()["error"]
    assert error["code"] == "not_rateable" and error["state"] == state and state in error["message"]


def test_an_unknown_order_is_not_found(rating: UseCases) -> None:
    with pytest.raises(NotFound):
        rating.rate(5, subject="JN-NOPE-1")


def test_the_rating_window_closes(rating: UseCases, clock: Any) -> None:
    rating.replied_order()
    clock.now = clock.now + timedelta(days=15)  # past 2026-11-20T16:00+08:00
    with pytest.raises(Conflict) as refused:
        rating.rate(5)
    assert refused.value.code == "rating_window_closed"


def test_window_defaults_to_fifteen_days_after_the_reply(rating: UseCases, clock: Any) -> None:
    rating.replied_order(rating_deadline=None)
    clock.now = clock.now + timedelta(days=14)
    assert rating.rate(5)["level"] == 5


@pytest.mark.parametrize(
    "payload,field",
    [
        ({"subject": {"kind": "workorder", "id": CASE}, "level": 6}, "level"),
        ({"subject": {"kind": "workorder", "id": CASE}, "level": 0}, "level"),
        ({"subject": {"kind": "order", "id": CASE}, "level": 3}, "subject.kind"),
        ({"subject": {"kind": "workorder", "id": "A#B"}, "level": 3}, "subject.id"),
        ({"subject": {"kind": "workorder", "id": CASE}, "level": 3, "stars": 5}, "stars"),
        ({"subject": {"kind": "workorder", "id": CASE}, "level": 3, "dimensions": {"speed": 9}}, "dimensions"),
        ({"level": 3}, "subject"),
    ],
)
def test_bad_input_is_a_clear_400_and_changes_nothing(client: Any, feed: Any, payload: dict[str, Any], field: str) -> None:
    replied_order(feed)
    response = post(client, "/ratings", payload, RESIDENT_AUTH)
    assert response.status_code == 400
    assert any(f.startswith(field) for f in body(response)["error"]["fields"])
    assert rate(client, 5).status_code == 201


def test_not_json_is_400(client: Any) -> None:
    response = client.http.post("/ratings", body="{level: 5", headers=RESIDENT_AUTH)
    assert response.status_code == 400 and body(response)["error"]["code"] == "invalid_json"


def test_missing_token_is_401(client: Any) -> None:
    assert client.http.post("/ratings", body="{}", headers={"Content-Type": "application/json"}).status_code == 401


def test_completed_appointment_is_rated_by_its_resident(rating: UseCases) -> None:
    rating.feed(appointment_event("booked"), appointment_event("completed"))
    rated = rating.rate(5, subject="apt-test-1", kind="appointment")
    assert rated["handler"] == {"kind": "community", "code": "JN-S01-C01"}
    assert rating.outbox.published[0].payload["subject"] == {"kind": "appointment", "id": "apt-test-1"}
    scores = rating.service.unit_scores(who("community", "c-1", "JN-S01-C01"), "JN-S01-C01", MONTH)
    assert scores["counts"]["ratings"] == 1 and scores["levels"]["5"] == 1


def test_appointment_not_completed_cannot_be_rated(rating: UseCases) -> None:
    rating.feed(appointment_event("booked"))
    with pytest.raises(Conflict) as refused:
        rating.rate(5, subject="apt-test-1", kind="appointment")
    assert refused.value.body()["error"]["state"] == "booked"
    rating.feed(appointment_event("no_show"))
    with pytest.raises(Conflict):
        rating.rate(5, subject="apt-test-1", kind="appointment")


def test_appointment_window_is_fifteen_days_after_completion(rating: UseCases, clock: Any) -> None:
    rating.feed(appointment_event("completed"))
    clock.now = clock.now + timedelta(days=16)
    with pytest.raises(Conflict):
        rating.rate(5, subject="apt-test-1", kind="appointment")


def test_resident_sees_only_their_own_ratings(rating: UseCases) -> None:
    rating.replied_order()
    rating.feed(order_event("created", "JN-OTHER-1", resident=OTHER_RESIDENT, handler=None),
                order_event("replied", "JN-OTHER-1", resident=OTHER_RESIDENT))
    me, other = who("resident", RESIDENT), who("resident", OTHER_RESIDENT)
    rating.rate(5)
    rating.rate(3, subject="JN-OTHER-1", by=other)
    mine = rating.service.list_ratings(me, None, 50)["ratings"]
    assert [r["subject"]["id"] for r in mine] == [CASE]
    theirs = rating.service.list_ratings(other, None, 50)["ratings"]
    assert [r["subject"]["id"] for r in theirs] == ["JN-OTHER-1"]
    rating_id = mine[0]["rating_id"]
    with pytest.raises(NotFound) as theirs_one:
        rating.service.get_rating(other, rating_id)
    with pytest.raises(NotFound) as nothing:
        rating.service.get_rating(other, "R00000000000000000000")
    # One answer (issue 9).
    assert theirs_one.value.text().replace(rating_id, "X") == nothing.value.text().replace("R00000000000000000000", "X")
    assert rating.service.get_rating(me, rating_id)["rating_id"] == rating_id


PERSONAL_COMMENT = "师傅态度好，有事打13812345678 / 身份证110101199003071234，座机0531-88886666"
REDACTED_COMMENT = "师傅态度好，有事打[redacted] / 身份证[redacted]，座机[redacted]"


def test_unit_sees_ratings_about_it_without_the_resident(rating: UseCases) -> None:
    rating.replied_order()
    rating_id = rating.rate(4, comment=PERSONAL_COMMENT)["rating_id"]
    unit, resident = who("department", "s-1", "urban-management"), who("resident", RESIDENT)
    unit_view = rating.service.list_ratings(unit, "urban-management", 50)
    assert len(unit_view["ratings"]) == 1
    assert "resident" not in unit_view["ratings"][0]
    # Phone and ID numbers the resident typed are masked for everyone but the resident.
    assert unit_view["ratings"][0]["comment"] == REDACTED_COMMENT
    assert rating.service.get_rating(unit, rating_id)["comment"] == REDACTED_COMMENT
    for number in ("13812345678", "110101199003071234", "88886666", RESIDENT):
        assert number not in json.dumps(unit_view, ensure_ascii=False)
    with pytest.raises(Forbidden):
        rating.service.list_ratings(who("department", "s-2", "housing"), "urban-management", 50)
    command = rating.service.list_ratings(who("command-centre", "cc-1", "command-center"), "urban-management", 50)
    assert command["ratings"][0]["comment"] == REDACTED_COMMENT
    # The resident's own views show what they typed.
    assert rating.service.list_ratings(resident, None, 50)["ratings"][0]["comment"] == PERSONAL_COMMENT
    assert rating.service.get_rating(resident, rating_id)["comment"] == PERSONAL_COMMENT


def test_a_street_sees_the_comment_on_a_community_redacted(rating: UseCases) -> None:
    rating.feed(appointment_event("completed"))
    rating.rate(5, subject="apt-test-1", kind="appointment", comment=PERSONAL_COMMENT)
    street_view = rating.service.list_ratings(who("street", "st-1", "JN-S01"), "JN-S01-C01", 50)
    assert [r["comment"] for r in street_view["ratings"]] == [REDACTED_COMMENT]
    assert "resident" not in street_view["ratings"][0]
