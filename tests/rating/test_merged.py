"""A resident whose report was merged into another rates their own case once the original is
replied (issue 10 item 3); the follower's reply is not counted as the unit's work twice."""

from __future__ import annotations

from typing import Any

from tests.rating.conftest import MONTH, auth, body, get, order_event, post

DUPLICATE = "JN20261102-0008"
ORIGINAL = "JN20261102-0007"


def at(moment: str, envelope: dict[str, Any]) -> dict[str, Any]:
    return {**envelope, "occurred_at": moment}


def test_a_merged_resident_rates_their_own_case(client: Any, feed: Any) -> None:
    feed(order_event("dispatched", ORIGINAL), order_event("replied", ORIGINAL),
         at("2026-11-03T10:00:00+08:00", order_event("created", DUPLICATE, resident="resident-0002", status="merged",
                                                     linked_to=ORIGINAL)),
         at("2026-11-03T10:00:00+08:00", order_event("closed", DUPLICATE, resident="resident-0002", reason="merged",
                                                     resolved=False)))
    early = post(client, "/ratings", {"subject": {"kind": "workorder", "id": DUPLICATE}, "level": 5},
                 auth("resident", "resident-0002"))
    assert early.status_code == 409
    feed(at("2026-11-05T16:00:00+08:00", order_event("replied", DUPLICATE, resident="resident-0002", original=ORIGINAL)))
    rated = post(client, "/ratings", {"subject": {"kind": "workorder", "id": DUPLICATE}, "level": 5},
                 auth("resident", "resident-0002"))
    assert rated.status_code == 201, rated.body
    scores = body(get(client, f"/units/urban-management/scores?month={MONTH}", auth("command-centre", "cc", "command-center")))
    assert scores["counts"]["replied"] == 1 and scores["counts"]["ratings"] == 1
