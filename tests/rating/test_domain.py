"""Pure domain rules: which counters a fact moves, the rates, ranking order, rating slots."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from chalicelib.domain.figures import FACT_EXCLUDED, FACT_RATED, deltas_for, merge, rank, scores
from chalicelib.domain.rules import rating_slot

from shared.errors import Conflict, NotFound

NOW = datetime.fromisoformat("2026-11-06T10:00:00+08:00")
LOCATION = {"grid": "JN-S01-C01-G01", "community": "JN-S01-C01", "street": "JN-S01"}


def test_month_is_shanghai_month_of_the_events_own_time() -> None:
    payload = {"handler": {"kind": "department", "code": "water"}, "location": LOCATION,
               "dispatched_at": "2026-10-31T17:00:00+00:00"}  # 01:00 on 1 November in Shanghai
    deltas = deltas_for("workorders.order.dispatched", "2026-10-31T17:00:01+00:00", payload)
    assert {d.month for d in deltas} == {"2026-11"}
    assert [d.unit for d in deltas] == ["water", "JN-S01-C01-G01", "JN-S01-C01", "JN-S01"]


def test_events_without_a_handler_count_only_for_the_territory() -> None:
    payload = {"handler": None, "location": LOCATION, "returned_at": "2026-11-02T09:00:00+08:00", "improper": None}
    deltas = deltas_for("workorders.order.returned", "2026-11-02T09:00:00+08:00", payload)
    assert [d.unit for d in deltas] == ["JN-S01-C01-G01", "JN-S01-C01", "JN-S01"]
    assert deltas[0].counts == {"returns": 1}


def test_re_rating_moves_the_rating_from_the_bad_level_to_the_new_one() -> None:
    units = [["water", "department"]]
    fact = {"units": units, "month": "2026-11", "level": 5,
            "replaces": {"units": units, "month": "2026-11", "level": 1, "counted": True}}
    merged = merge(deltas_for(FACT_RATED, "2026-11-06T10:00:00+08:00", fact))
    assert merged[("water", "2026-11")].counts == {"ratings": 0, "level_5": 1, "satisfied": 1, "level_1": -1}


def test_re_rating_across_months_takes_the_old_rating_out_of_its_month() -> None:
    units = [["water", "department"]]
    fact = {"units": units, "month": "2026-12", "level": 4,
            "replaces": {"units": units, "month": "2026-11", "level": 2, "counted": True}}
    merged = merge(deltas_for(FACT_RATED, "2026-12-01T10:00:00+08:00", fact))
    assert merged[("water", "2026-11")].counts == {"ratings": -1, "level_2": -1}
    assert merged[("water", "2026-12")].counts == {"ratings": 1, "level_4": 1, "satisfied": 1}


def test_excluded_rating_is_taken_out() -> None:
    fact = {"units": [["water", "department"]], "month": "2026-11", "level": 4}
    assert deltas_for(FACT_EXCLUDED, "2026-11-06T10:00:00+08:00", fact)[0].counts == {"ratings": -1, "level_4": -1, "satisfied": -1}


def test_rates_and_composite() -> None:
    result = scores({"dispatched": 4, "signed_on_time": 3, "closed": 2, "resolved": 1, "ratings": 0})
    assert result["rates"]["response_rate"] == 0.75 and result["rates"]["resolution_rate"] == 0.5
    assert result["rates"]["satisfaction_rate"] is None
    assert result["composite"] == 0.625


def test_rank_puts_units_without_figures_last() -> None:
    rows = rank([("b", {"dispatched": 2, "signed_on_time": 1}), ("c", {}), ("a", {"dispatched": 1, "signed_on_time": 1})])
    assert [(r["unit"], r["rank"]) for r in rows] == [("a", 1), ("b", 2), ("c", 3)]


def replied(**extra: object) -> dict[str, object]:
    return {"resident": "r1", "status": "replied", "replied_at": "2026-11-05T16:00:00+08:00",
            "rating_deadline": "2026-11-20T16:00:00+08:00", **extra}


def test_rating_slot_first_round() -> None:
    slot = rating_slot(replied(), "workorder", "C1", "r1", NOW, 15)
    assert slot.round == 0 and slot.previous_rating_id is None and slot.guard == ("workorder", "C1", "0")
    # Ids nobody can derive from the case number: two slots of the same subject differ.
    assert slot.rating_id != rating_slot(replied(), "workorder", "C1", "r1", NOW, 15).rating_id


@pytest.mark.parametrize(
    "projection,resident,now,error",
    [
        (None, "r1", NOW, NotFound),
        (replied(), "r2", NOW, NotFound),  # not yours: the same answer as does not exist
        (replied(status="closed"), "r1", NOW, Conflict),
        (replied(), "r1", NOW + timedelta(days=30), Conflict),
    ],
)
def test_rating_slot_refusals(projection: dict[str, object] | None, resident: str, now: datetime, error: type) -> None:
    with pytest.raises(error):
        rating_slot(projection, "workorder", "C1", resident, now, 15)


def test_re_rating_slot_replaces_the_current_rating_whatever_the_status() -> None:
    first = "R0123456789abcdef0123"
    projection = replied(status="reopened", rating_round=1, current_rating_id=first,
                         rerate_deadline="2026-11-21T10:00:00+08:00")
    slot = rating_slot(projection, "workorder", "C1", "r1", NOW, 15)
    assert slot.round == 1 and slot.previous_rating_id == first
