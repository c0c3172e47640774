"""Events survive a failed publish: the outbox keeps them and the sweep republishes them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.rating.conftest import CASE, RESIDENT, auth, order_event, post
from tests.support import SnsSwitch, run_schedule


def outbox() -> list[dict[str, Any]]:
    """Every outbox item of the rating table, read shard by shard."""
    from chalicelib import wiring

    return list(wiring.events().outbox.stale(None))


def test_a_failed_publish_is_republished_by_the_sweep(client: Any, feed: Any, published: Any, clock: Any,
                                                      monkeypatch: Any) -> None:
    from chalicelib import wiring

    def sweep_outbox() -> int:
        return wiring.events().republish_stale()

    feed(order_event("created", handler=None), order_event("replied"))
    sns = SnsSwitch(monkeypatch)
    sns.down()
    response = post(client, "/ratings", {"subject": {"kind": "workorder", "id": CASE}, "level": 1}, auth("resident", RESIDENT))
    assert response.status_code == 201  # the rating is committed even though SNS failed
    assert published() == [] and len(outbox()) == 2

    sns.up()
    assert sweep_outbox() == 0  # too fresh: the request that wrote it may still publish it
    clock.now = clock.now + timedelta(minutes=3)
    assert sweep_outbox() == 2
    names = sorted(e["name"] for e in published())
    assert names == ["rating.rating.submitted", "rating.rectification.opened"]
    assert outbox() == []


def test_a_successful_publish_leaves_the_outbox_empty(client: Any, feed: Any, published: Any) -> None:
    feed(order_event("created", handler=None), order_event("replied"))
    post(client, "/ratings", {"subject": {"kind": "workorder", "id": CASE}, "level": 5}, auth("resident", RESIDENT))
    assert len(published()) == 1 and outbox() == []


def test_the_schedule_runs_the_sweep(stack: Any, clock: Any, published: Any) -> None:
    import app
    from chalice.test import Client
    from chalicelib import wiring

    from shared.messaging import new_event

    stuck = new_event("rating.rectification.completed", {"rectification_id": "X1"})
    wiring.repository().transact(wiring.events().stage([stuck]).puts)  # committed, never published
    clock.now = clock.now + timedelta(hours=1)
    with Client(app.app) as lambda_client:
        run_schedule(lambda_client)
    assert [e["id"] for e in published()] == [stuck.id]
    assert outbox() == []


def test_a_rating_whose_publish_failed_is_sent_by_the_scheduled_handler(client: Any, feed: Any, published: Any,
                                                                       clock: Any, monkeypatch: Any) -> None:
    feed(order_event("created", handler=None), order_event("replied"))
    sns = SnsSwitch(monkeypatch)
    sns.down()
    response = post(client, "/ratings", {"subject": {"kind": "workorder", "id": CASE}, "level": 5}, auth("resident", RESIDENT))
    assert response.status_code == 201
    sns.up()
    clock.now = clock.now + timedelta(minutes=3)
    run_schedule(client)
    assert [(e["name"], e["payload"]["rating_id"]) for e in published()] == [
        ("rating.rating.submitted", response.json_body["rating_id"])]
    assert outbox() == []
