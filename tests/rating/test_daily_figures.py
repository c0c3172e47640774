"""GET /figures/daily: sign-for within the hour, overdue and satisfaction by China day,
from the same history as the monthly counters; who may see which unit."""

from __future__ import annotations

from typing import Any

import pytest

from tests.rating.conftest import CASE, RESIDENT, auth, body, get, order_event, post

CENTRE = auth("command-centre", "cc-1", "command-center")
URBAN = auth("department", "um-1", "urban-management")
HOUSING = {"kind": "department", "code": "housing"}


def feed_days(client: Any, feed: Any) -> None:
    feed(
        order_event("dispatched", CASE, dispatched_at="2026-11-02T09:05:00+08:00"),
        order_event("signed", CASE, on_time=True, signed_at="2026-11-02T09:40:00+08:00"),
        order_event("replied", CASE),
        # 00:30 in China on the 3rd is still the 2nd in UTC: it counts on the 3rd.
        order_event("dispatched", "JN-B-2", handler=HOUSING, dispatched_at="2026-11-03T00:10:00+08:00"),
        order_event("signed", "JN-B-2", handler=HOUSING, on_time=False, signed_at="2026-11-03T00:30:00+08:00"),
        order_event("closed", "JN-B-2", handler=HOUSING, overdue=True, resolved=True, closed_at="2026-11-04T10:00:00+08:00"),
    )
    assert post(client, "/ratings", {"subject": {"kind": "workorder", "id": CASE}, "level": 5},
                auth("resident", RESIDENT)).status_code == 201  # rated "now": 2026-11-06


def by_date(answer: Any) -> dict[str, dict[str, Any]]:
    return {row["date"]: row for row in body(answer)["days"]}


def test_the_district_and_a_unit_by_day(client: Any, feed: Any) -> None:
    feed_days(client, feed)
    district = get(client, "/figures/daily?from=2026-11-01&to=2026-11-06", CENTRE)
    assert district.status_code == 200, district.body
    assert body(district)["kind"] == "district" and len(body(district)["days"]) == 6
    days = by_date(district)
    # Each fact once for the district, though it counts for a department, grid, community and street.
    assert (days["2026-11-02"]["signed"], days["2026-11-02"]["signed_on_time"], days["2026-11-02"]["signed_within_hour_rate"]) == (1, 1, 1.0)
    assert (days["2026-11-03"]["signed"], days["2026-11-03"]["signed_within_hour_rate"]) == (1, 0.0)
    assert days["2026-11-04"]["overdue"] == 1 and days["2026-11-04"]["closed"] == 1
    assert days["2026-11-06"]["satisfaction_rate"] == 1.0 and days["2026-11-05"]["satisfaction_rate"] is None
    own = by_date(get(client, "/figures/daily?from=2026-11-01&to=2026-11-06", URBAN))  # a unit: its own by default
    assert own["2026-11-02"]["signed"] == 1 and own["2026-11-03"]["signed"] == 0 and own["2026-11-04"]["overdue"] == 0
    housing = by_date(get(client, "/figures/daily?unit=housing&from=2026-11-01&to=2026-11-06", CENTRE))
    assert housing["2026-11-03"]["signed"] == 1 and housing["2026-11-02"]["signed"] == 0
    default = body(get(client, "/figures/daily", CENTRE))
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
