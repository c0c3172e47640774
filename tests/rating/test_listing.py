"""Lists of ratings, rectifications and appeals are paged with an opaque page_token
(answered as next_page_token; signed, bound to the list it came from); a unit's appeals are filtered by status before the page
is cut, so a page is full while more match."""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import quote

import pytest

from tests.rating.conftest import RESIDENT, auth, body, get, order_event, post

RESIDENT_AUTH = auth("resident", RESIDENT)
UNIT_AUTH = auth("department", "staff-um-1", "urban-management")
OTHER_UNIT_AUTH = auth("department", "staff-h-1", "housing")
COMMAND_AUTH = auth("command-centre", "cc-1", "command-center")


def rated_orders(client: Any, feed: Any, levels: list[int]) -> list[dict[str, Any]]:
    """One replied order per level, handled by urban-management and rated by RESIDENT."""
    ratings = []
    for n, level in enumerate(levels):
        case = f"JN-PAGE-{n}"
        feed(order_event("created", case, handler=None), order_event("dispatched", case), order_event("replied", case))
        response = post(client, "/ratings", {"subject": {"kind": "workorder", "id": case}, "level": level}, RESIDENT_AUTH)
        assert response.status_code == 201, response.body
        ratings.append(body(response))
    return ratings


def pages(client: Any, path: str, field: str, headers: dict[str, str]) -> list[list[dict[str, Any]]]:
    """Every page of a list, following next_page_token to the end."""
    found: list[list[dict[str, Any]]] = []
    token = None
    for _ in range(20):
        separator = "&" if "?" in path else "?"
        response = get(client, path + (f"{separator}page_token={quote(token)}" if token else ""), headers)
        assert response.status_code == 200, response.body
        page = body(response)
        found.append(page[field])
        token = page["next_page_token"]
        if not token:
            return found
    raise AssertionError("the pages never ended")


def first_token(client: Any, path: str, headers: dict[str, str]) -> str:
    page = body(get(client, path, headers))
    assert page["next_page_token"], page
    return page["next_page_token"]  # type: ignore[no-any-return]


def assert_token_refused(response: Any) -> None:
    assert response.status_code == 400, response.body
    error = body(response)["error"]
    assert error["field"] == "page_token" and "page_token" in error["message"]


def test_ratings_are_paged_for_the_unit_and_for_the_resident(client: Any, feed: Any) -> None:
    ids = {r["rating_id"] for r in rated_orders(client, feed, [5, 4, 3, 5, 4])}
    unit_pages = pages(client, "/ratings?unit=urban-management&limit=2", "ratings", UNIT_AUTH)
    assert [len(p) for p in unit_pages] == [2, 2, 1]
    listed = [r["rating_id"] for p in unit_pages for r in p]
    assert sorted(listed) == sorted(ids) and len(set(listed)) == len(listed)
    whole = [r["rating_id"] for r in body(get(client, "/ratings?unit=urban-management", UNIT_AUTH))["ratings"]]
    assert listed == whole  # the same order as one big page
    mine = pages(client, "/ratings?limit=3", "ratings", RESIDENT_AUTH)
    assert [len(p) for p in mine] == [3, 2]
    assert {r["rating_id"] for p in mine for r in p} == ids


def test_rectifications_are_paged(client: Any, feed: Any) -> None:
    rated = rated_orders(client, feed, [1, 2, 5, 1])
    expected = {r["rectification_id"] for r in rated if r["level"] <= 2}
    found = pages(client, "/rectifications?limit=2", "rectifications", UNIT_AUTH)
    assert [len(p) for p in found] == [2, 1]
    assert {r["rectification_id"] for p in found for r in p} == expected


def test_a_units_appeals_by_status_fill_every_page(client: Any, feed: Any) -> None:
    rated = rated_orders(client, feed, [1, 2, 1, 2, 1, 2, 1])
    for rating in rated:
        appealed = post(client, f"/ratings/{rating['rating_id']}/appeal", {"reason": "the wrong order was rated"}, UNIT_AUTH)
        assert appealed.status_code == 201, appealed.body
    rejected = {r["rating_id"] for r in rated[:4]}
    for rating_id in rejected:
        decided = post(client, f"/ratings/{rating_id}/appeal/decision", {"decision": "rejected"}, COMMAND_AUTH)
        assert decided.status_code == 200, decided.body
    pending = {r["rating_id"] for r in rated} - rejected
    for status, expected in (("pending", pending), ("rejected", rejected)):
        for limit in (1, 2, 3):
            found = pages(client, f"/appeals?status={status}&limit={limit}", "appeals", UNIT_AUTH)
            items = [a for p in found for a in p]
            assert {a["rating_id"] for a in items} == expected and len(items) == len(expected)
            assert all(a["status"] == status for a in items)
            # Every page but the last is full although other statuses lie in between.
            assert all(len(p) == limit for p in found[:-1]), (status, limit, [len(p) for p in found])
    assert len([a for p in pages(client, "/appeals?limit=2", "appeals", UNIT_AUTH) for a in p]) == len(rated)
    centre = pages(client, "/appeals?status=rejected&limit=3", "appeals", COMMAND_AUTH)
    assert [len(p) for p in centre] == [3, 1] and {a["rating_id"] for p in centre for a in p} == rejected


def test_a_filtered_page_read_in_small_batches_loses_nothing(client: Any, feed: Any) -> None:
    """Pages of one, read a few items at a time through the status filter: following the
    tokens yields every match exactly once."""
    rated = rated_orders(client, feed, [1, 2, 1, 2, 1])
    for rating in rated:
        post(client, f"/ratings/{rating['rating_id']}/appeal", {"reason": "the wrong order was rated"}, UNIT_AUTH)
    rejected = {r["rating_id"] for r in rated[1::2]}
    for rating_id in rejected:
        post(client, f"/ratings/{rating_id}/appeal/decision", {"decision": "rejected"}, COMMAND_AUTH)
    for status, expected in (("pending", {r["rating_id"] for r in rated} - rejected), ("rejected", rejected)):
        found = [a["rating_id"] for p in pages(client, f"/appeals?status={status}&limit=1", "appeals", UNIT_AUTH) for a in p]
        assert sorted(found) == sorted(expected) and len(found) == len(expected)


def test_a_token_of_another_list_is_refused(client: Any, feed: Any) -> None:
    rated = rated_orders(client, feed, [1, 2, 1])
    for rating in rated:
        post(client, f"/ratings/{rating['rating_id']}/appeal", {"reason": "the wrong order was rated"}, UNIT_AUTH)
    units = first_token(client, "/ratings?unit=urban-management&limit=1", UNIT_AUTH)
    # Another partition (the resident's own list), another index (rectifications) or another unit.
    assert_token_refused(get(client, f"/ratings?limit=1&page_token={quote(units)}", RESIDENT_AUTH))
    assert_token_refused(get(client, f"/rectifications?limit=1&page_token={quote(units)}", UNIT_AUTH))
    assert_token_refused(get(client, f"/ratings?unit=housing&limit=1&page_token={quote(units)}", COMMAND_AUTH))
    # A unit's appeals filtered by one status do not continue with another.
    pending = first_token(client, "/appeals?status=pending&limit=1", UNIT_AUTH)
    assert_token_refused(get(client, f"/appeals?status=rejected&limit=1&page_token={quote(pending)}", UNIT_AUTH))
    assert get(client, f"/appeals?status=pending&limit=1&page_token={quote(pending)}", UNIT_AUTH).status_code == 200


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@pytest.mark.parametrize("change", ["other-unit", "moved", "missing", "extra", "unsigned", "garbage", "old-style", "bytes"])
def test_a_forged_or_malformed_token_is_a_400_naming_page_token(client: Any, feed: Any, change: str) -> None:
    rated_orders(client, feed, [5, 4])
    signed = first_token(client, "/ratings?unit=urban-management&limit=1", UNIT_AUTH)
    encoded, signature = signed.split(".")
    start = json.loads(_unb64(encoded))
    forged = {
        "other-unit": {**start, "gsi2pk": "UNITRATINGS#housing"},
        "moved": {**start, "gsi2sk": "2000-01-01"},
        "missing": {k: v for k, v in start.items() if k != "sk"},
        "extra": {**start, "gsi1pk": "RESIDENT#" + RESIDENT},
    }
    if change in forged:
        token = f"{_b64(json.dumps(forged[change]).encode())}.{signature}"
    else:
        token = {"unsigned": encoded, "garbage": "!!!", "old-style": _b64(json.dumps({"pk": "x"}).encode()),
                 "bytes": _b64(b"\xff\xfe") + "." + signature}[change]
    assert_token_refused(get(client, f"/ratings?unit=urban-management&limit=1&page_token={quote(token)}", UNIT_AUTH))
