"""GET /figures/daily: sign-for within the hour, overdue and satisfaction by China day,
from the same history as the monthly counters; who may see which unit. The figures run on
the in-memory fakes (the `rating` fixture); who may ask and bad queries on moto, through the
API."""

from __future__ import annotations

from typing import Any

import pytest
from chalicelib.models.daily import DailyQuery

from tests.rating.conftest import CASE, RESIDENT, UseCases, auth, get, order_event, who

CENTRE = auth("command-centre", "cc-1", "command-center")
URBAN = auth("department", "um-1", "urban-management")
HOUSING = {"kind": "department", "code": "housing"}


def feed_days(rating: UseCases) -> None:
    rating.feed(
        order_event("dispatched", CASE, dispatched_at="2026-11-02T09:05:00+08:00"),
        order_event("signed", CASE, on_time=True, signed_at="2026-11-02T09:40:00+08:00"),
        order_event("replied", CASE),
        # 00:30 in China on the 3rd is still the 2nd in UTC: it counts on the 3rd.
        order_event("dispatched", "JN-B-2", handler=HOUSING, dispatched_at="2026-11-03T00:10:00+08:00"),
        order_event("signed", "JN-B-2", handler=HOUSING, on_time=False, signed_at="2026-11-03T00:30:00+08:00"),
        order_event("closed", "JN-B-2", handler=HOUSING, overdue=True, resolved=True, closed_at="2026-11-04T10:00:00+08:00"),
    )
    rating.rate(5)  # rated "now": 2026-11-06


def daily(rating: UseCases, principal: Any, **query: str) -> dict[str, Any]:
    return rating.service.daily_figures(principal, DailyQuery.model_validate(query))


def by_date(answer: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["date"]: row for row in answer["days"]}


def test_the_district_and_a_unit_by_day(rating: UseCases) -> None:
    feed_days(rating)
    centre, urban = who("command-centre", "cc-1", "command-center"), who("department", "um-1", "urban-management")
    district = daily(rating, centre, **{"from": "2026-11-01", "to": "2026-11-06"})
    assert district["kind"] == "district" and len(district["days"]) == 6
    days = by_date(district)
    # Each fact once for the district, though it counts for a department, grid, community and street.
    assert (days["2026-11-02"]["signed"], days["2026-11-02"]["signed_on_time"], days["2026-11-02"]["signed_within_hour_rate"]) == (1, 1, 1.0)
    assert (days["2026-11-03"]["signed"], days["2026-11-03"]["signed_within_hour_rate"]) == (1, 0.0)
    assert days["2026-11-04"]["overdue"] == 1 and days["2026-11-04"]["closed"] == 1
    assert days["2026-11-06"]["satisfaction_rate"] == 1.0 and days["2026-11-05"]["satisfaction_rate"] is None
    own = by_date(daily(rating, urban, **{"from": "2026-11-01", "to": "2026-11-06"}))  # a unit: its own by default
    assert own["2026-11-02"]["signed"] == 1 and own["2026-11-03"]["signed"] == 0 and own["2026-11-04"]["overdue"] == 0
    housing = by_date(daily(rating, centre, unit="housing", **{"from": "2026-11-01", "to": "2026-11-06"}))
    assert housing["2026-11-03"]["signed"] == 1 and housing["2026-11-02"]["signed"] == 0
    default = daily(rating, centre)
    assert len(default["days"]) == 14 and default["to"] == "2026-11-06"


@pytest.mark.parametrize(("path", "headers", "status"), [
    ("/figures/daily?unit=housing", URBAN, 403),  # another unit's figures
    ("/figures/daily", auth("resident", RESIDENT), 403),
    ("/figures/daily?unit=nowhere", CENTRE, 404),
    ("/figures/daily?from=2026-11-06&to=2026-11-01", CENTRE, 400),
    ("/figures/daily?from=2026-01-01&to=2026-11-01", CENTRE, 400),
    ("/figures/daily?days=0", CENTRE, 400),
    ("/figures/daily?colour=red", CENTRE, 400),
    ("/figures/daily?unit=JN-S01-C01", auth("street", "st-1", "JN-S01"), 200),  # a street: its communities too
])
def test_who_may_ask_and_bad_queries(client: Any, path: str, headers: dict[str, str], status: int) -> None:
    assert get(client, path, headers).status_code == status
