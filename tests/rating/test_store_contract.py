"""The rating store's port (chalicelib.service.RatingStore) as the use cases rely on it, run
on both implementations: the DynamoDB adapter on moto and the in-memory fake the use-case
tests use (tests/rating/fakes.py). What holds for one must hold for the other, so a use
case behaves the same on the fake as on DynamoDB."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from chalicelib.domain.figures import Delta
from chalicelib.domain.projection import ProjectionUpdate
from chalicelib.service import HistoryEntry

from shared.errors import InvalidField
from shared.storage import ConditionFailed


@pytest.fixture(params=["dynamodb", "memory"])
def store(request: pytest.FixtureRequest) -> Iterator[Any]:
    if request.param == "memory":
        from tests.rating.fakes import InMemoryRatingStore

        yield InMemoryRatingStore()
        return
    request.getfixturevalue("stack")
    from chalicelib.adapters.repository import Repository

    yield Repository()


def rating(rating_id: str, at: str, unit: str = "urban-management", resident: str = "resident-0001") -> dict[str, Any]:
    return {"rating_id": rating_id, "subject": {"kind": "workorder", "id": "JN-C-" + rating_id}, "level": 4,
            "resident": resident, "handler": {"kind": "department", "code": unit}, "month": "2026-11",
            "round": 0, "submitted_at": at}


def failed(refusal: pytest.ExceptionInfo[ConditionFailed]) -> list[int]:
    return [r.index for r in refusal.value.reasons if r.code == "ConditionalCheckFailed"]


def test_a_failed_condition_writes_nothing_and_names_the_operation(store: Any) -> None:
    store.transact([store.slot_guard(("workorder", "JN-1", "0"), "R1"), store.new_rating(rating("R1", "2026-11-06T10:00:00+08:00"))])
    with pytest.raises(ConditionFailed) as refusal:
        store.transact([store.new_rating(rating("R2", "2026-11-06T10:01:00+08:00")),
                        store.slot_guard(("workorder", "JN-1", "0"), "R2")])
    assert failed(refusal) == [1] and [r.code for r in refusal.value.reasons][0] == "None"
    assert store.get_rating("R2") is None
    assert store.get_rating("R1")["handler"] == {"kind": "department", "code": "urban-management"}
    assert store.get_rating("R1#X") is None  # an id holding the key separator names nothing


def test_a_history_entry_is_written_once_and_read_back(store: Any) -> None:
    entry = HistoryEntry("workorders.order.dispatched", "e-1", "2026-11-02T09:05:00+08:00",
                         {"case_number": "JN-1", "units": [["grid", "G"]]}, "consumed")
    store.transact([store.history_put(entry)])
    with pytest.raises(ConditionFailed) as refusal:
        store.transact([store.history_put(entry)])
    assert failed(refusal) == [0]
    assert list(store.history("2026-11")) == [entry]
    assert list(store.history("2026-10")) == []


def test_the_round_checks_on_the_subject(store: Any) -> None:
    store.transact([store.projection_update(ProjectionUpdate("workorder", "JN-1", {"status": "replied"}))])
    store.transact([store.set_current_rating("workorder", "JN-1", "R1", 2, 0)])  # round 0 before any round
    store.transact([store.open_rerating("workorder", "JN-1", 0, "2026-11-21T10:00:00+08:00")])
    for stale in (store.set_current_rating("workorder", "JN-1", "R2", 5, 0),
                  store.open_rerating("workorder", "JN-1", 0, "2026-11-22T10:00:00+08:00")):
        with pytest.raises(ConditionFailed):
            store.transact([stale])
    store.transact([store.set_current_rating("workorder", "JN-1", "R2", 5, 1)])
    projection = store.get_projection("workorder", "JN-1")
    assert (projection["rating_round"], projection["current_rating_id"], projection["status"]) == (1, "R2", "replied")


def test_a_rating_is_superseded_or_settled_only_as_it_was_read(store: Any) -> None:
    store.transact([store.new_rating(rating("R1", "2026-11-06T10:00:00+08:00"))])
    with pytest.raises(ConditionFailed):  # read as excluded, but it is counted
        store.transact([store.supersede_rating("R1", "R2", counted=False)])
    store.transact([store.mark_appealed("R1")])
    store.transact([store.supersede_rating("R1", "R2", counted=True)])
    for late in (store.supersede_rating("R1", "R3", counted=True), store.mark_appealed("R1"),
                 store.settle_appeal_on_rating("R1", {"appeal_status": "upheld", "excluded": True})):
        with pytest.raises(ConditionFailed):
            store.transact([late])
    assert store.get_rating("R1")["superseded_by"] == "R2"


def test_rectifications_and_appeals_move_only_from_the_status_read(store: Any) -> None:
    store.transact([store.new_rectification({"rectification_id": "X1", "rating_id": "R1", "status": "open",
                                             "opened_at": "2026-11-06T10:00:00+08:00", "staff_unit": "urban-management",
                                             "handler": {"kind": "department", "code": "urban-management"}})])
    store.transact([store.change_rectification("X1", {"status": "called-back"}, from_status="open")])
    with pytest.raises(ConditionFailed):
        store.transact([store.change_rectification("X1", {"status": "called-back"}, from_status="open")])
    with pytest.raises(ConditionFailed):
        store.transact([store.change_rectification("X9", {"status": "called-back"}, from_status="open")])
    assert store.get_rectification("X9") is None and store.get_rectification("X1")["status"] == "called-back"
    appeal = {"rating_id": "R1", "unit": "urban-management", "status": "pending", "appealed_at": "2026-11-06T11:00:00+08:00"}
    store.transact([store.new_appeal(appeal)])
    with pytest.raises(ConditionFailed):
        store.transact([store.new_appeal(appeal)])
    store.transact([store.decide_appeal("R1", {"status": "rejected", "note": ""})])
    with pytest.raises(ConditionFailed):
        store.transact([store.decide_appeal("R1", {"status": "upheld", "note": ""})])
    assert store.get_appeal("R1")["status"] == "rejected"
    assert [a["rating_id"] for a in store.appeals_with_status("rejected", 10, None)[0]] == ["R1"]
    assert store.appeals_with_status("pending", 10, None)[0] == []


def test_a_street_rating_is_revised_only_at_the_revision_read(store: Any) -> None:
    first = {"case_number": "JN-1", "department": "housing", "street": "JN-S01", "level": 4, "comment": "",
             "submitted_at": "2026-11-06T10:00:00+08:00", "month": "2026-11", "revision": 0}
    store.transact([store.put_street_rating(first, None)])
    with pytest.raises(ConditionFailed):
        store.transact([store.put_street_rating(first, None)])
    read = store.get_street_rating("JN-1", "housing")
    store.transact([store.put_street_rating({**first, "level": 2, "revision": 1}, read)])
    with pytest.raises(ConditionFailed):  # a second revision from the same read
        store.transact([store.put_street_rating({**first, "level": 3, "revision": 1}, read)])
    assert store.get_street_rating("JN-1", "housing")["level"] == 2
    assert [r["level"] for r in store.street_ratings_of("housing", 10, None)[0]] == [2]
    assert [r["level"] for r in store.street_ratings_by("JN-S01", 10, None)[0]] == [2]


def test_consumed_commands_tallies_counters_and_projections(store: Any) -> None:
    store.transact([store.inbox_put("cmd-1"), store.tally_put("housing|2026-11|dispatched|JN-1")])
    assert store.consumed("cmd-1") and not store.consumed("cmd-2")
    with pytest.raises(ConditionFailed):
        store.transact([store.inbox_put("cmd-1")])
    assert store.existing_tallies(["housing|2026-11|dispatched|JN-1", "housing|2026-11|signed|JN-1"]) == {"housing|2026-11|dispatched|JN-1"}
    deltas = [Delta("housing", "department", "2026-11", {"dispatched": 1}),
              Delta("housing", "department", "2026-11", {"dispatched": 1, "signed": 1})]
    store.transact(store.counter_updates(deltas))
    store.transact(store.counter_updates(deltas[:1]))
    counter = store.get_counter("housing", "2026-11")
    assert (counter["dispatched"], counter["signed"], counter["unit_kind"]) == (3, 1, "department")
    assert [c["unit"] for c in store.counters_of_kind("department", "2026-11")] == ["housing"]
    assert store.counters_of_kind("department", "2026-10") == []
    for summoned in (["water"], ["housing", "water"]):
        store.transact([store.projection_update(ProjectionUpdate("workorder", "JN-1", {"status": "created"}, summoned))])
    assert store.get_projection("workorder", "JN-1")["summoned"] == ["housing", "water"]


def test_lists_are_newest_first_and_paged_by_tokens_bound_to_the_list(store: Any) -> None:
    ids = [f"R{n}" for n in range(5)]
    store.transact([store.new_rating(rating(i, f"2026-11-06T10:0{n}:00+08:00")) for n, i in enumerate(ids)])
    whole, end = store.ratings_of_unit("urban-management", 10, None)
    assert [r["rating_id"] for r in whole] == ids[::-1] and end is None
    found, token, sizes = [], None, []
    for _ in range(5):
        page, token = store.ratings_of_unit("urban-management", 2, token)
        found += page
        sizes.append(len(page))
        if not token:
            break
    assert sizes == [2, 2, 1] and found == whole
    token = store.ratings_of_unit("urban-management", 2, None)[1]
    for elsewhere in (lambda: store.ratings_of_resident("resident-0001", 2, token),
                      lambda: store.ratings_of_unit("housing", 2, token),
                      lambda: store.rectifications_of_unit("urban-management", 2, token),
                      lambda: store.ratings_of_unit("urban-management", 2, token + "x")):
        with pytest.raises(InvalidField):
            elsewhere()
    assert [r["rating_id"] for r in store.ratings_of_resident("resident-0001", 10, None)[0]] == ids[::-1]


def test_a_units_appeals_by_status_fill_every_page(store: Any) -> None:
    statuses = ["pending", "rejected", "pending", "rejected", "rejected", "pending", "rejected"]
    store.transact([store.new_appeal({"rating_id": f"R{n}", "unit": "urban-management", "status": "pending",
                                      "appealed_at": f"2026-11-06T10:0{n}:00+08:00"}) for n in range(len(statuses))])
    for n, status in enumerate(statuses):
        if status != "pending":
            store.transact([store.decide_appeal(f"R{n}", {"status": status})])
    for status in ("pending", "rejected"):
        expected = [f"R{n}" for n in reversed(range(len(statuses))) if statuses[n] == status]
        pages, token = [], None
        for _ in range(10):
            page, token = store.appeals_of_unit("urban-management", status, 2, token)
            pages.append([a["rating_id"] for a in page])
            if not token:
                break
        assert [i for p in pages for i in p] == expected
        assert all(len(p) == 2 for p in pages[:-1])
    pending_token = store.appeals_of_unit("urban-management", "pending", 1, None)[1]
    with pytest.raises(InvalidField):  # a token of one status does not continue another
        store.appeals_of_unit("urban-management", "rejected", 1, pending_token)
