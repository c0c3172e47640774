"""Nothing is lost: an order's events are written into the outbox in the transaction that
changes the order; a publish that fails after the commit is republished by the scheduled
handler (also for a change made by a consumed inbox event, which is not redelivered)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from conftest import GRID, RESIDENT, URBAN, call
from test_inbox import SATISFIED, about, deliver

from shared import clock
from tests.support import SnsSwitch, run_schedule


def outbox_items() -> list[dict[str, Any]]:
    from chalicelib.adapters.publisher import OrderEvents

    return list(OrderEvents().outbox.stale(None))


@pytest.fixture
def sns(monkeypatch: pytest.MonkeyPatch) -> SnsSwitch:
    return SnsSwitch(monkeypatch)


def test_events_whose_publish_failed_are_republished_by_the_schedule(client: Any, outbox: Any, sns: Any) -> None:
    sns.down()
    created = call(client, "POST", "/workorders", RESIDENT, {"text": "路灯不亮", "location": {"grid": GRID}})
    assert created.status_code == 201  # the order is stored although SNS failed
    case = created.json_body["case_number"]
    assert call(client, "POST", f"/workorders/{case}/sign", URBAN).status_code == 200
    assert outbox.names() == [] and len(outbox_items()) == 3

    sns.up()
    assert run_schedule(client) == {"republished": 0}  # too fresh: the writing request may still publish them
    clock.set_clock(clock.now() + timedelta(minutes=3))
    assert run_schedule(client) == {"republished": 3}
    seen = outbox.drain()
    assert sorted(e["name"] for e in seen) == ["workorders.order.created", "workorders.order.dispatched",
                                               "workorders.order.signed"]
    assert {e["payload"]["case_number"] for e in seen} == {case}
    assert outbox_items() == []
    assert run_schedule(client) == {"republished": 0} and outbox.drain() == []


def test_a_consumed_event_whose_publish_failed_is_not_lost_on_redelivery(client: Any, outbox: Any, sns: Any) -> None:
    case = call(client, "POST", "/workorders", RESIDENT, {"text": "路灯不亮", "location": {"grid": GRID}}).json_body["case_number"]
    call(client, "POST", f"/workorders/{case}/sign", URBAN)
    assert call(client, "POST", f"/workorders/{case}/reply", URBAN, {"text": "已修复"}).status_code == 200
    outbox.drain()
    sns.down()
    envelope = about("rating.rating.submitted.json", case, **SATISFIED)  # the example is a bad rating (level 2)
    assert deliver(client, envelope) == {"batchItemFailures": []}
    sns.up()
    assert deliver(client, envelope) == {"batchItemFailures": []}  # a redelivery is a duplicate: no second close
    assert outbox.drain() == []
    clock.set_clock(clock.now() + timedelta(minutes=3))
    assert run_schedule(client) == {"republished": 1}
    assert [(e["name"], e["payload"]["case_number"]) for e in outbox.drain()] == [("workorders.order.closed", case)]
    assert outbox_items() == []


def test_a_published_change_leaves_nothing_in_the_outbox(client: Any, outbox: Any) -> None:
    call(client, "POST", "/workorders", RESIDENT, {"text": "路灯不亮", "location": {"grid": GRID}})
    assert outbox.names() == ["workorders.order.created", "workorders.order.dispatched"]
    assert outbox_items() == []


def test_a_change_whose_transaction_fails_writes_no_event(client: Any, outbox: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from chalicelib.adapters.publisher import OrderEvents
    from chalicelib.adapters.repository import Repository
    from chalicelib.service import Service

    from shared.auth import Principal, Role
    from shared.errors import Conflict

    case = call(client, "POST", "/workorders", RESIDENT, {"text": "路灯不亮", "location": {"grid": GRID}}).json_body["case_number"]
    service = Service(Repository(), OrderEvents())  # its own, to patch its repository
    stale = service.repo.get(case)
    assert call(client, "POST", f"/workorders/{case}/sign", URBAN).status_code == 200
    outbox.drain()
    monkeypatch.setattr(service.repo, "get", lambda _case: dict(stale))  # read before the sign above
    with pytest.raises(Conflict):  # the version condition fails the whole transaction
        service.act(Principal(subject="um-2", role=Role.DEPARTMENT, unit="urban-management"), case, "sign", {})
    assert outbox.drain() == [] and outbox_items() == []
