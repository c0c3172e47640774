"""Hotspots (未诉先办): the pure rules, then the whole path on moto: orders created over
HTTP, their workorders.order.created events delivered to the hotspot consumer as Lambda
delivers SQS, the hotspot raised once with its event, listed for the command centre and the
street, and one coordinated order opened for it. The use cases' other cases run on fakes
(test_hotspot_use_cases.py)."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from chalicelib.domain import hotspots
from chalicelib.domain.hotspots import Hotspot, Report, Thresholds
from conftest import CENTRE, GRID_WORKER, MONDAY_9AM, OTHER_RESIDENT, OTHER_STREET, RESIDENT, STREET, URBAN, call, grid_point

from infra.local.lambda_events import sqs_event
from shared.messaging import Envelope

T = Thresholds(min_reports=3, radius_m=200, window_hours=48)
BASE = (113.0874, 41.0432)


def report(case: str, metres_east: float = 0, hours: float = 0, category: str = "street-light") -> Report:
    # 0.0000119 degrees of longitude is about 1 m at 41 degrees north.
    return Report(case, category, (BASE[0] + metres_east * 0.0000119, BASE[1]), MONDAY_9AM + timedelta(hours=hours),
                  street="JN-S01", community="JN-S01-C01", grid="JN-S01-C01-G01")


# --- the pure rules --------------------------------------------------------------------
def test_three_close_reports_in_the_window_raise_one_hotspot() -> None:
    a, b, c = report("A", 0, 0), report("B", 80, 5), report("C", 150, 30)
    decision = hotspots.assess(c, [a, b], [], T)
    assert decision.raise_hotspot is not None
    assert decision.raise_hotspot.reports == ("A", "B", "C")
    assert decision.raise_hotspot.id == "H-A"  # named after its first report: raised once
    assert decision.raise_hotspot.street == "JN-S01"


@pytest.mark.parametrize("far", [
    report("B", 260, 5),                       # too far
    report("B", 50, -60),                      # too old (60 h before)
    report("B", 50, 5, category="manhole"),    # another category
])
def test_reports_outside_the_radius_window_or_category_do_not_count(far: Report) -> None:
    decision = hotspots.assess(report("C", 0, 10), [report("A", 20, 0), far], [], T)
    assert decision.raise_hotspot is None
    assert [r.case_number for r in decision.cluster] == ["A", "C"]


def test_a_report_near_an_active_hotspot_joins_it_and_a_stale_one_starts_over() -> None:
    active = Hotspot("H-A", "street-light", BASE, ("A", "B", "C"), MONDAY_9AM, MONDAY_9AM, "JN-S01", None, None, T)
    assert hotspots.assess(report("D", 100, 10), [], [active], T).join == "H-A"
    later = hotspots.assess(report("D", 100, 72), [], [active], T)
    assert later.join is None and later.raise_hotspot is None


def test_thresholds_are_data_and_validated() -> None:
    rules = hotspots.rules()
    assert rules.default == T
    assert rules.for_category("noise-construction").window_hours == 24
    with pytest.raises(ValueError):
        Thresholds(min_reports=3, radius_m=5000, window_hours=48)  # beyond what one index query finds


def test_the_window_spans_the_china_days_it_touches() -> None:
    late = datetime.fromisoformat("2026-11-23T23:30:00+08:00")
    assert hotspots.days_to_search(late, T) == ["2026-11-23", "2026-11-22", "2026-11-21"]


# --- on moto ---------------------------------------------------------------------------
def deliver(stack: Any, envelopes: list[dict[str, Any]]) -> dict[str, Any]:
    """The hotspot consumer, handed the events as Lambda hands an SQS batch."""
    from chalicelib import handlers

    messages = [{"MessageId": e["id"], "ReceiptHandle": e["id"], "Body": json.dumps(e), "Attributes": {}} for e in envelopes]
    arn = stack.created["WorkordersHotspotsQueue"]["Arn"]
    return handlers.order_events(sqs_event(messages, arn, "us-east-1"))


def created_events(outbox: Any) -> list[dict[str, Any]]:
    return [e for e in outbox.drain() if e["name"] == "workorders.order.created"]


def submit_near(client: Any, metres_east: float, headers: dict[str, str] = RESIDENT, category: str = "street-light",
                hours: float = 0) -> str:
    from shared import clock

    clock.set_clock((MONDAY_9AM + timedelta(hours=hours)).astimezone(UTC))
    point = grid_point()
    body = {"text": "路灯不亮了", "category": category,
            "location": {"lon": point["lon"] + metres_east * 0.0000119, "lat": point["lat"]}}
    response = call(client, "POST", "/workorders", headers, body)
    assert response.status_code == 201, response.body
    return str(response.json_body["case_number"])


def test_three_nearby_reports_raise_a_hotspot_the_street_sees_and_the_centre_opens(client: Any, outbox: Any, stack: Any) -> None:
    first = submit_near(client, 0)
    submit_near(client, 300, category="manhole")  # another category nearby: never counts
    assert deliver(stack, created_events(outbox)) == {"batchItemFailures": []}
    assert call(client, "GET", "/workorders/hotspots", CENTRE).json_body["hotspots"] == []
    second, third = submit_near(client, 90, GRID_WORKER, hours=5), submit_near(client, 160, OTHER_RESIDENT, hours=30)
    events = created_events(outbox)
    deliver(stack, events)
    deliver(stack, events)  # a redelivered batch changes nothing
    raised = [e for e in outbox.drain() if e["name"] == "workorders.hotspot.raised"]
    assert len(raised) == 1
    Envelope.model_validate(raised[0])
    payload = raised[0]["payload"]
    assert payload["id"] == f"H-{first}" and sorted(payload["reports"]) == sorted([first, second, third])
    assert payload["notify"] == [{"kind": "street", "code": "JN-S01"}]

    listed = call(client, "GET", "/workorders/hotspots", CENTRE).json_body["hotspots"]
    assert [h["id"] for h in listed] == [payload["id"]] and listed[0]["count"] == 3
    assert call(client, "GET", "/workorders/hotspots", STREET).json_body["hotspots"][0]["id"] == payload["id"]
    assert call(client, "GET", "/workorders/hotspots", OTHER_STREET).json_body["hotspots"] == []
    assert call(client, "GET", "/workorders/hotspots", URBAN).status_code == 403
    hidden = call(client, "GET", f"/workorders/hotspots/{payload['id']}", OTHER_STREET)
    missing = call(client, "GET", "/workorders/hotspots/H-NOPE", OTHER_STREET)
    assert hidden.status_code == missing.status_code == 404 and hidden.json_body["error"]["code"] == "not_found"

    assert call(client, "POST", f"/workorders/hotspots/{payload['id']}/open-order", STREET).status_code == 403
    opened = call(client, "POST", f"/workorders/hotspots/{payload['id']}/open-order", CENTRE)
    assert opened.status_code == 201, opened.body
    order = opened.json_body["order"]
    assert order["hotspot"]["id"] == payload["id"] and sorted(order["hotspot"]["reports"]) == sorted([first, second, third])
    assert order["category"] == "street-light" and order["status"] == "dispatched"
    assert order["track"][-1]["action"] == "hotspot-linked"
    assert opened.json_body["hotspot"]["status"] == "opened" and opened.json_body["hotspot"]["order"] == order["case_number"]
    after = outbox.drain()
    assert {"workorders.hotspot.opened", "workorders.order.created"} <= {e["name"] for e in after}
    if os.environ.get("WORKORDERS_WRITE_EXAMPLES"):  # the real examples in events/workorders/
        for envelope in [raised[0], *(e for e in after if e["name"] == "workorders.hotspot.opened")]:
            (hotspots_examples().parent / f"{envelope['name']}.json").write_text(
                json.dumps(envelope, ensure_ascii=False, indent=2) + "\n")
    again = call(client, "POST", f"/workorders/hotspots/{payload['id']}/open-order", CENTRE)
    assert again.status_code == 409 and again.json_body["error"]["code"] == "already_opened"

    # A fourth report close by joins the hotspot instead of raising another.
    fourth = submit_near(client, 40, hours=31)
    deliver(stack, created_events(outbox))
    hotspot = call(client, "GET", f"/workorders/hotspots/{payload['id']}", STREET).json_body
    assert fourth in hotspot["reports"] and hotspot["count"] == 4
    assert not [e for e in outbox.drain() if e["name"] == "workorders.hotspot.raised"]


def hotspots_examples() -> Any:
    from pathlib import Path

    return Path(__file__).resolve().parents[2] / "events" / "workorders" / "hotspots"


def test_event_examples_fit_their_models() -> None:
    from chalicelib.models.hotspots import HOTSPOT_EVENTS

    root = hotspots_examples().parent
    for name, model in HOTSPOT_EVENTS.items():
        envelope = Envelope.model_validate(json.loads((root / f"{name}.json").read_text()))
        assert envelope.name == name
        model.model_validate(envelope.payload)
