"""The hotspot use cases (chalicelib/service/hotspots.py) on in-memory fakes of their ports:
reports assessed once however often they are delivered, hotspots shown to the command centre
and to their own street only, and one coordinated order opened once. The whole path over
HTTP, SQS and DynamoDB is in test_hotspots.py (moto)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from chalicelib.domain.hotspots import Report
from chalicelib.models.hotspots import HotspotsQuery
from chalicelib.service import HotspotService, Service

from shared import clock
from shared.auth import Principal, Role
from shared.errors import Conflict, NotFound
from shared.geo import district
from shared.messaging import Envelope
from tests.workorders.conftest import GRID, MONDAY_9AM
from tests.workorders.fakes import FakeEvents, FakeHotspots, FakeOrders

CENTRE = Principal(subject="cc-1", role=Role.COMMAND_CENTRE, unit="command-center")
STREET = Principal(subject="st-1", role=Role.STREET, unit="JN-S01")
OTHER_STREET = Principal(subject="st-2", role=Role.STREET, unit="JN-S02")
EXAMPLES = Path(__file__).resolve().parents[2] / "events" / "workorders"


@dataclass
class Parts:
    hotspots: HotspotService
    store: FakeHotspots
    orders: FakeOrders
    events: FakeEvents

    def published(self, name: str) -> list[dict[str, Any]]:
        return [payload for event, payload in self.events.published if event == name]


@pytest.fixture
def parts() -> Iterator[Parts]:
    store, orders, events = FakeHotspots(), FakeOrders(), FakeEvents()
    with clock.frozen(MONDAY_9AM + timedelta(hours=31)):
        yield Parts(HotspotService(store, events, Service(orders, events)), store, orders, events)


def report(case: str, metres_east: float = 0, hours: float = 0, category: str = "street-light",
           reporter: str | None = None) -> Report:
    lon, lat = district().grid_by_code[GRID]["point"]
    # 0.0000119 degrees of longitude is about 1 m at 41 degrees north.
    return Report(case, category, (lon + metres_east * 0.0000119, lat), MONDAY_9AM + timedelta(hours=hours),
                  street="JN-S01", community="JN-S01-C01", grid=GRID, reporter=reporter or f"resident-{case}")


def raise_one(parts: Parts) -> str:
    parts.hotspots.assess(report("A"))
    parts.hotspots.assess(report("M", 300, category="manhole"))  # another category nearby: never counts
    parts.hotspots.assess(report("B", 90, 5))
    return parts.hotspots.assess(report("C", 160, 30))


def test_three_nearby_reports_raise_one_hotspot_however_often_delivered(parts: Parts) -> None:
    assert parts.hotspots.assess(report("A")) == "no hotspot (1 of 3 people)"
    assert raise_one(parts) == "raised H-A"
    assert raise_one(parts) == "joined H-A"  # a redelivered batch changes nothing
    raised = parts.published("workorders.hotspot.raised")
    assert len(raised) == 1
    assert raised[0]["id"] == "H-A" and sorted(raised[0]["reports"]) == ["A", "B", "C"]
    assert raised[0]["notify"] == [{"kind": "street", "code": "JN-S01"}]
    assert parts.store.get_hotspot("H-A")["count"] == 3  # type: ignore[index]


def test_the_centre_sees_every_hotspot_a_street_its_own(parts: Parts) -> None:
    raise_one(parts)
    query = HotspotsQuery()
    assert [h["id"] for h in parts.hotspots.list(CENTRE, query)["hotspots"]] == ["H-A"]
    assert [h["id"] for h in parts.hotspots.list(STREET, query)["hotspots"]] == ["H-A"]
    assert parts.hotspots.list(OTHER_STREET, query)["hotspots"] == []
    with pytest.raises(NotFound) as hidden:
        parts.hotspots.get(OTHER_STREET, "H-A")
    with pytest.raises(NotFound) as missing:
        parts.hotspots.get(OTHER_STREET, "H-NOPE")
    assert hidden.value.code == missing.value.code == "not_found"
    assert hidden.value.text("zh").replace("H-A", "X") == missing.value.text("zh").replace("H-NOPE", "X")


def test_the_centre_opens_one_coordinated_order(parts: Parts) -> None:
    raise_one(parts)
    opened = parts.hotspots.open_order(CENTRE, "H-A")
    order = opened["order"]
    assert order["hotspot"]["id"] == "H-A" and sorted(order["hotspot"]["reports"]) == ["A", "B", "C"]
    assert order["category"] == "street-light" and order["status"] == "dispatched"
    assert order["track"][-1]["action"] == "hotspot-linked"
    assert opened["hotspot"]["status"] == "opened" and opened["hotspot"]["order"] == order["case_number"]
    assert parts.published("workorders.hotspot.opened")[0]["order"] == order["case_number"]
    assert "workorders.order.created" in parts.events.names()
    with pytest.raises(Conflict) as again:
        parts.hotspots.open_order(CENTRE, "H-A")
    assert again.value.code == "already_opened" and len(parts.orders.orders) == 1

    # A fourth report close by joins the hotspot instead of raising another.
    assert parts.hotspots.assess(report("D", 40, 31)) == "joined H-A"
    assert "D" in parts.store.get_hotspot("H-A")["reports"]  # type: ignore[index]
    assert len(parts.published("workorders.hotspot.raised")) == 1


def test_an_order_that_cannot_be_taken_leaves_the_hotspot_to_open_again(parts: Parts, monkeypatch: pytest.MonkeyPatch) -> None:
    raise_one(parts)

    def fails(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("storage is down")

    monkeypatch.setattr(parts.hotspots.orders, "intake", fails)
    with pytest.raises(RuntimeError):
        parts.hotspots.open_order(CENTRE, "H-A")
    assert parts.store.get_hotspot("H-A")["status"] == "raised"  # type: ignore[index]
    monkeypatch.undo()
    assert parts.hotspots.open_order(CENTRE, "H-A")["hotspot"]["status"] == "opened"


def test_reports_without_a_point_are_ignored(parts: Parts) -> None:
    example = json.loads((EXAMPLES / "workorders.order.created.json").read_text())
    assert parts.hotspots.on_event(Envelope.model_validate(example)).startswith("ignored")
    assert parts.store.reports == {}


def test_one_resident_reporting_again_and_again_is_not_a_hotspot(parts: Parts) -> None:
    """min_reports counts people: three reports by one resident raise nothing; two more
    residents nearby do."""
    for n, case in enumerate(["A", "B", "C"]):
        assert parts.hotspots.assess(report(case, 40 * n, n, reporter="resident-1")) == "no hotspot (1 of 3 people)"
    assert parts.hotspots.assess(report("D", 60, 4, reporter="resident-2")) == "no hotspot (2 of 3 people)"
    assert parts.hotspots.assess(report("E", 80, 5, reporter="resident-3")) == "raised H-A"
    (raised,) = parts.published("workorders.hotspot.raised")
    assert sorted(raised["reports"]) == ["A", "B", "C", "D", "E"]
