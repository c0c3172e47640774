"""The work-order use cases on in-memory fakes of their ports (tests/workorders/fakes.py):
intake, routing, signing, the object-level checks and a command consumed once. moto is for
the adapters and the journeys (the other tests here)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from chalicelib.models.requests import IntakeIn, ListQuery
from chalicelib.service import Service

from shared import clock
from shared.auth import Principal, Role
from shared.errors import Conflict, NotFound
from shared.messaging import new_event
from tests.workorders.conftest import GRID
from tests.workorders.fakes import FakeEvents, FakeOrders

MONDAY_9AM = datetime.fromisoformat("2026-11-23T09:00:00+08:00")
RESIDENT = Principal(subject="resident-1", role=Role.RESIDENT)
OTHER = Principal(subject="resident-2", role=Role.RESIDENT)
URBAN = Principal(subject="um-1", role=Role.DEPARTMENT, unit="urban-management")


@pytest.fixture
def parts() -> Iterator[tuple[Service, FakeOrders, FakeEvents]]:
    store, events = FakeOrders(), FakeEvents()
    with clock.frozen(MONDAY_9AM):
        yield Service(store, events), store, events


def report(service: Service, text: str = "路灯不亮", who: Principal = RESIDENT) -> dict[str, Any]:
    return service.intake(who, IntakeIn.model_validate({"text": text, "category": "street-light", "location": {"grid": GRID}}))


def test_a_located_report_is_dispatched_by_the_rules_and_announced(parts: tuple[Service, FakeOrders, FakeEvents]) -> None:
    service, store, events = parts
    order = report(service)
    assert order["status"] == "dispatched" and order["handler"]["code"] == "urban-management"
    assert store.get(order["case_number"])["status"] == "dispatched"
    assert events.names() == ["workorders.order.created", "workorders.order.dispatched"]


def test_another_resident_cannot_see_the_order_and_learns_nothing(parts: tuple[Service, FakeOrders, FakeEvents]) -> None:
    service, _, _ = parts
    case = report(service)["case_number"]
    with pytest.raises(NotFound) as theirs:
        service.get(OTHER, case)
    with pytest.raises(NotFound) as missing:
        service.get(OTHER, "261123-ZZZZZZ")
    assert theirs.value.text("zh").replace(case, "X") == missing.value.text("zh").replace("261123-ZZZZZZ", "X")
    assert service.list(RESIDENT, ListQuery())["orders"][0]["case_number"] == case
    assert service.list(OTHER, ListQuery())["orders"] == []


def test_the_handler_signs_once(parts: tuple[Service, FakeOrders, FakeEvents]) -> None:
    service, store, events = parts
    case = report(service)["case_number"]
    assert service.act(URBAN, case, "sign", {})["status"] == "signed"
    with pytest.raises(Conflict) as again:
        service.act(URBAN, case, "sign", {})
    assert again.value.code == "illegal_transition" and "signed" in again.value.text("zh")
    assert store.get(case)["version"] == 1 and events.names()[-1] == "workorders.order.signed"


def test_a_redelivered_command_reports_once(parts: tuple[Service, FakeOrders, FakeEvents]) -> None:
    service, store, events = parts
    command = new_event("workorders.command.report", {
        "reporter": {"subject": "p-0001", "role": "resident", "unit": None}, "channel": "sms",
        "text": "路灯不亮", "location": None, "place": None, "media_urls": [], "client_ref": "sms-1"})
    assert service.handle_command(command) == "applied"
    assert service.handle_command(command) == "duplicate"
    assert len(store.orders) == 1 and events.names().count("workorders.order.created") == 1
