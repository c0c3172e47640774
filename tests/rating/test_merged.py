"""A resident whose report was merged into another rates their own case once the original is
replied (issue 10 item 3); the follower's reply is not counted as the unit's work twice.
On the in-memory fakes (the `rating` fixture)."""

from __future__ import annotations

from typing import Any

import pytest

from shared.errors import Conflict
from tests.rating.conftest import UseCases, order_event, who

DUPLICATE = "JN20261102-0008"
ORIGINAL = "JN20261102-0007"


def at(moment: str, envelope: dict[str, Any]) -> dict[str, Any]:
    return {**envelope, "occurred_at": moment}


def test_a_merged_resident_rates_their_own_case(rating: UseCases) -> None:
    rating.feed(order_event("dispatched", ORIGINAL), order_event("replied", ORIGINAL),
                at("2026-11-03T10:00:00+08:00", order_event("created", DUPLICATE, resident="resident-0002", status="merged",
                                                            linked_to=ORIGINAL)),
                at("2026-11-03T10:00:00+08:00", order_event("closed", DUPLICATE, resident="resident-0002", reason="merged",
                                                            resolved=False)))
    follower = who("resident", "resident-0002")
    with pytest.raises(Conflict):
        rating.rate(5, DUPLICATE, by=follower)
    rating.feed(at("2026-11-05T16:00:00+08:00", order_event("replied", DUPLICATE, resident="resident-0002",
                                                            original=ORIGINAL)))
    assert rating.rate(5, DUPLICATE, by=follower)["level"] == 5
    scores = rating.scores()
    assert scores["counts"]["replied"] == 1 and scores["counts"]["ratings"] == 1
