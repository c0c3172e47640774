"""Scores, rankings, access rules, and the rebuild command agreeing with the live counters.
The figures' rules run on the in-memory fakes (the `rating` fixture); who may call which
route, bad parameters, the public rankings route and the rebuild (which reads the table) on
moto."""

from __future__ import annotations

from typing import Any

import pytest
from chalicelib.models.requests import StreetRatingRequest

from tests.rating.conftest import CASE, LOCATION, MONTH, RESIDENT, UseCases, auth, body, get, order_event, post, who

COMMAND_AUTH = auth("command-centre", "cc-1", "command-center")


def busy_events() -> list[dict[str, Any]]:
    """Two departments, a few orders: the events of a busy month."""
    return [
        order_event("created", CASE, handler=None),
        order_event("dispatched", CASE),
        order_event("signed", CASE, on_time=True),
        order_event("replied", CASE),
        order_event("escalated", CASE, level="whistle", summoned=["housing"]),
        order_event("dispatched", "JN-B-2", handler={"kind": "department", "code": "housing"}),
        order_event("signed", "JN-B-2", handler={"kind": "department", "code": "housing"}, on_time=False),
        order_event("returned", "JN-B-3", handler={"kind": "department", "code": "housing"}, improper=True),
        order_event("closed", "JN-B-2", handler={"kind": "department", "code": "housing"}, resolved=False),
        order_event("closed", "JN-B-4", handler={"kind": "department", "code": "urban-management"}, resolved=True,
                    reason="rating-window-passed"),
        order_event("closed", "JN-B-5", handler={"kind": "department", "code": "urban-management"}, reason="merged"),
    ]


def busy_month(client: Any, feed: Any) -> None:
    """Two departments, a few orders, ratings and a street rating."""
    feed(*busy_events())
    assert post(client, "/ratings", {"subject": {"kind": "workorder", "id": CASE}, "level": 5},
                auth("resident", RESIDENT)).status_code == 201
    assert post(client, "/street-ratings", {"case_number": CASE, "department": "housing", "level": 2},
                auth("street", "st-1", "JN-S01")).status_code == 201


def fake_busy_month(rating: UseCases) -> None:
    """busy_month on the fakes."""
    rating.feed(*busy_events())
    rating.rate(5)
    rating.service.street_rating(who("street", "st-1", "JN-S01"),
                                 StreetRatingRequest(case_number=CASE, department="housing", level=2))


def test_scores_report_the_three_rates(rating: UseCases) -> None:
    fake_busy_month(rating)
    scores = rating.service.unit_scores(who("department", "s", "urban-management"), "urban-management", MONTH)
    assert scores["kind"] == "department" and scores["month"] == MONTH
    assert scores["counts"]["dispatched"] == 1 and scores["counts"]["signed_on_time"] == 1
    assert scores["rates"] == {"response_rate": 1.0, "resolution_rate": 1.0, "satisfaction_rate": 1.0,
                               "street_satisfaction_rate": None}
    assert scores["counts"]["closed"] == 1  # the merged duplicate is not a closure
    assert scores["levels"] == {"1": 0, "2": 0, "3": 0, "4": 0, "5": 1}
    housing = rating.scores("housing")
    assert housing["rates"]["response_rate"] == 0.0 and housing["rates"]["resolution_rate"] == 0.0
    assert housing["counts"]["returns"] == 1 and housing["counts"]["improper_returns"] == 1
    assert housing["rates"]["street_satisfaction_rate"] == 0.0


def test_an_empty_month_has_no_rates(rating: UseCases) -> None:
    scores = rating.scores("housing", "2020-01")
    assert scores["counts"]["dispatched"] == 0 and scores["rates"]["response_rate"] is None


@pytest.mark.parametrize(
    "headers,unit,status",
    [
        (auth("department", "s", "housing"), "urban-management", 403),
        (auth("street", "st", "JN-S01"), "JN-S01-C01-G01", 200),
        (auth("street", "st", "JN-S01"), "JN-S01-C01", 200),
        (auth("street", "st", "JN-S02"), "JN-S01-C01", 403),
        (auth("street", "st", "JN-S01"), "urban-management", 403),
        (auth("community", "c", "JN-S01-C01"), "JN-S01-C01-G01", 403),
        (auth("grid-worker", "g", "JN-S01-C01-G01"), "JN-S01-C01-G01", 200),
        (auth("resident", RESIDENT), "JN-S01", 403),
        (COMMAND_AUTH, "JN-S03-C02", 200),
        (COMMAND_AUTH, "nowhere", 404),
    ],
)
def test_who_may_see_a_units_scores(client: Any, headers: dict[str, str], unit: str, status: int) -> None:
    assert get(client, f"/units/{unit}/scores?month={MONTH}", headers).status_code == status


def test_bad_month_is_400(client: Any) -> None:
    response = get(client, "/units/housing/scores?month=2026-13", COMMAND_AUTH)
    assert response.status_code == 400 and body(response)["error"]["fields"] == ["month"]


def test_rankings_are_public_and_ordered(client: Any, feed: Any) -> None:
    busy_month(client, feed)
    response = client.http.get(f"/rankings?kind=department&month={MONTH}")
    assert response.status_code == 200
    ranking = body(response)["rankings"]
    assert [r["unit"] for r in ranking] == ["urban-management", "housing"]
    assert [r["rank"] for r in ranking] == [1, 2]
    grids = body(client.http.get(f"/rankings?kind=grid&month={MONTH}"))["rankings"]
    assert [r["unit"] for r in grids] == [LOCATION["grid"]]
    assert client.http.get("/rankings?kind=planet").status_code == 400


def test_rebuild_agrees_then_finds_and_fixes_a_tampered_counter(client: Any, feed: Any) -> None:
    from chalicelib.adapters.repository import Repository, counter_key
    from chalicelib.rebuild import main, rebuild

    busy_month(client, feed)
    rating_id = body(get(client, "/ratings", auth("resident", RESIDENT)))["ratings"][0]["rating_id"]
    post(client, f"/ratings/{rating_id}/appeal", {"reason": "resident rated the wrong case"},
         auth("department", "s", "urban-management"))
    post(client, f"/ratings/{rating_id}/appeal/decision", {"decision": "upheld"}, COMMAND_AUTH)

    report = rebuild(MONTH, MONTH)
    assert report.agrees, report.differences
    assert report.history_entries == 14 and report.counters_checked == 5

    Repository().table.update_item(Key=counter_key("housing", MONTH), UpdateExpression="ADD dispatched :n",
                                   ExpressionAttributeValues={":n": 7})
    Repository().table.put_item(Item={**counter_key("ecology", MONTH), "gsi1pk": f"RANK#department#{MONTH}",
                                      "gsi1sk": "ecology", "unit": "ecology", "unit_kind": "department", "closed": 3})
    report = rebuild(MONTH, MONTH)
    found = {(d.unit, d.counter, d.stored, d.expected) for d in report.differences}
    assert found == {("housing", "dispatched", 8, 1), ("ecology", "closed", 3, 0)}
    assert main(["--from", MONTH, "--to", MONTH]) == 1
    assert main(["--from", MONTH, "--to", MONTH, "--fix"]) == 0
    assert rebuild(MONTH, MONTH).agrees
    assert body(get(client, f"/units/housing/scores?month={MONTH}", COMMAND_AUTH))["counts"]["dispatched"] == 1


def test_every_route_states_who_may_call_it() -> None:
    from chalicelib.api.routes import routes

    from shared.http import PUBLIC

    public = {(r.method, r.path) for r in routes.rules if r.allow is PUBLIC}
    assert public == {("GET", "/rankings")}
    assert all(r.allow for r in routes.rules)


def test_each_order_counts_once_per_month_in_each_figure(client: Any, feed: Any) -> None:
    # On moto: the rebuild at the end reads the table.
    """Issue 10 item 6: a reopened order signed again, or closed twice, counts once."""
    um = {"kind": "department", "code": "urban-management"}
    feed(
        order_event("dispatched", "JN-R-1", handler=um),
        order_event("signed", "JN-R-1", handler=um, on_time=True),
        order_event("closed", "JN-R-1", handler=um, resolved=True),
        order_event("reopened", "JN-R-1", handler=um),
        order_event("signed", "JN-R-1", handler=um, on_time=True),
        order_event("closed", "JN-R-1", handler=um, resolved=True),
        order_event("dispatched", "JN-R-2", handler=um),
        order_event("signed", "JN-R-2", handler=um, on_time=False),
    )
    scores = body(get(client, f"/units/urban-management/scores?month={MONTH}", COMMAND_AUTH))
    assert scores["counts"]["dispatched"] == 2 and scores["counts"]["signed"] == 2
    assert scores["counts"]["signed_on_time"] == 1 and scores["counts"]["closed"] == 1 and scores["counts"]["resolved"] == 1
    assert scores["rates"]["response_rate"] == 0.5
    assert "each order once" in scores["definitions"]["signed"]
    from chalicelib.adapters.repository import Repository
    from chalicelib.rebuild import rebuild

    report = rebuild(MONTH, MONTH, repository=Repository())
    assert report.differences == []
