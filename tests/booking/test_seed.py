"""The real demo data: every centre and the whole catalogue load, and a resident can find
a slot for a real item and book it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.booking.conftest import book, resident, staff


@pytest.fixture
def real_client(aws_stack: Any, monkeypatch: pytest.MonkeyPatch, clock: Any) -> Any:
    from chalice.test import Client

    from tests.conftest import service_environment

    service_environment(aws_stack, "booking", monkeypatch)
    from app import app
    from chalicelib import seed

    summary = seed.load()
    assert summary.startswith("17 centres, ")
    assert seed.load() == summary  # idempotent
    with Client(app) as client:
        yield client


def test_real_item_find_a_centre_a_slot_and_book(real_client: Any) -> None:
    from shared.catalogue import items

    item = next(i for i in items() if i["appointment"] and i["level"] == "community")
    centres = real_client.http.get(f"/centres?item={item['code']}").json_body["centres"]
    ids = [c["id"] for c in centres]
    assert "ctr-JN-S01-C01" in ids and "ctr-JN-S01" in ids and "ctr-JN" not in ids
    slots = real_client.http.get(f"/slots?item={item['code']}&centre=ctr-JN-S01-C01&date=2026-09-29").json_body["slots"]
    assert slots and slots[0]["capacity"] == 2
    minutes = (int(slots[0]["end"][14:16]) - int(slots[0]["start"][14:16])) % 60 or 60
    assert minutes >= item["duration_minutes"]
    response = book(real_client, slots[0]["start"], item=item["code"], centre="ctr-JN-S01-C01")
    assert response.status_code == 201


def test_department_items_are_booked_at_the_district_hall(real_client: Any) -> None:
    from shared.catalogue import items

    item = next(i for i in items() if i["appointment"] and i["level"] == "department")
    assert [c["id"] for c in real_client.http.get(f"/centres?item={item['code']}").json_body["centres"]] == ["ctr-JN"]


def test_home_visit_for_a_street_item_is_made_by_the_community(real_client: Any) -> None:
    from shared.catalogue import items

    item = next(i for i in items() if i["home_visit"] and i["level"] == "street")
    helper = staff("JN-S02-C01", "community", "worker-3")
    body = {
        "item": item["code"],
        "centre": "ctr-JN-S02-C01",
        "start": "2026-09-29T08:30:00+08:00",
        "resident": "grandpa",
        "home_visit": {"reason": "disabled", "address": "某社区5号楼1单元302"},
    }
    response = real_client.http.post(
        "/appointments", body=json.dumps(body), headers={**helper, "Content-Type": "application/json"}
    )
    assert response.status_code == 201, response.json_body
    assert response.json_body["home_visit"] is True and response.json_body["proxy"] is True
    assert (
        real_client.http.get("/appointments", headers=resident("grandpa")).json_body["appointments"][0]["centre"]
        == "ctr-JN-S02-C01"
    )
