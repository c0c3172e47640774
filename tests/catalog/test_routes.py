"""Every public route through chalice.test.Client against the catalogue seeded into moto."""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import quote

import pytest

from shared.geo import point_in_ring
from shared.http import PUBLIC


def get(client: Any, path: str) -> tuple[int, Any]:
    response = client.http.get(path)
    return response.status_code, json.loads(response.body)


def search(client: Any, **params: str) -> tuple[int, Any]:
    query = "&".join(f"{k}={quote(str(v))}" for k, v in params.items())
    return get(client, f"/items?{query}")


def test_every_route_is_public() -> None:
    from chalicelib.api.routes import routes

    assert {(r.method, r.path) for r in routes.rules} >= {
        ("GET", "/items"), ("GET", "/items/{code}"), ("GET", "/life-events"), ("GET", "/life-events/{code}"),
        ("GET", "/certificates"), ("GET", "/categories"), ("GET", "/centres"), ("GET", "/centres/{centre_id}"),
        ("GET", "/areas"), ("GET", "/areas/locate"),
    }  # fmt: skip
    assert all(rule.allow is PUBLIC for rule in routes.rules)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("低保", "最低生活保障"), ("醫保", "医疗保险"), ("戶口", "户"), ("身份證", "身份证"), ("dibao", "最低生活保障"),
     ("di bao", "最低生活保障"), ("gjj", "公积金"), ("residence permit", "居住证"), ("公积金", "公积金")],
)  # fmt: skip
def test_search_in_residents_words(client: Any, query: str, expected: str) -> None:
    status, body = search(client, q=query)
    assert status == 200
    assert any(expected in item["name_zh"] for item in body["items"][:3]), body["items"][:3]
    first = body["items"][0]
    assert set(first) == {
        "code", "name_zh", "name_en", "type", "department", "level", "online", "appointment", "promised_days", "score",
    }  # fmt: skip
    assert first["score"] > 0


@pytest.mark.parametrize(
    ("name", "value"),
    [("type", "benefit"), ("level", "community"), ("level", "street"), ("department", "civil-affairs"),
     ("online", "true"), ("online", "false"), ("appointment", "true"), ("appointment", "false")],
)  # fmt: skip
def test_filters(client: Any, seeded: dict[str, Any], name: str, value: Any) -> None:
    status, body = search(client, limit="50", **{name: value})
    assert status == 200
    expected = value == "true" if value in ("true", "false") else value
    wanted = [i["code"] for i in seeded["items"] if (bool(i[name]) if isinstance(expected, bool) else i[name]) == expected]
    assert wanted, "the data should have items for this filter"
    assert all(item[name] == expected for item in body["items"])
    assert {item["code"] for item in body["items"]} == set(sorted(wanted)[:50])


def test_filters_combine_with_a_query(client: Any) -> None:
    status, body = search(client, q="医保", online="true")
    assert status == 200
    assert body["items"]
    assert all(item["online"] is True for item in body["items"])


def collect_pages(client: Any, **params: str) -> list[str]:
    codes: list[str] = []
    token = None
    for _ in range(100):
        status, body = search(client, **params, **({"page_token": token} if token else {}))
        assert status == 200
        assert len(body["items"]) <= int(params.get("limit", 20))
        codes += [item["code"] for item in body["items"]]
        token = body["next_page_token"]
        if token is None:
            return codes
    raise AssertionError("pagination never ended")


def test_pagination_round_trip_without_duplicates(client: Any, seeded: dict[str, Any]) -> None:
    codes = collect_pages(client, limit="7")
    assert len(codes) == len(set(codes))
    assert set(codes) == {item["code"] for item in seeded["items"]}


def test_pagination_of_a_search_matches_one_big_page(client: Any) -> None:
    paged = collect_pages(client, q="证", limit="3")
    _, whole = search(client, q="证", limit="50")
    assert len(paged) > 3
    assert len(paged) == len(set(paged))
    assert paged[:50] == [item["code"] for item in whole["items"]]


def _token(data: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def test_page_token_of_another_search_is_rejected(client: Any) -> None:
    _, first = search(client, limit="1", q="证")
    assert first["next_page_token"]
    status, body = search(client, limit="1", q="医保", page_token=first["next_page_token"])
    assert status == 400
    assert body["error"]["field"] == "page_token"
    status, body = search(client, limit="1", q="证", type="benefit", page_token=first["next_page_token"])
    assert status == 400


def test_a_page_token_with_a_changed_offset_is_rejected(client: Any) -> None:
    _, first = search(client, limit="1", q="证")
    signature = first["next_page_token"].partition(".")[2]
    forged = _token({"offset": 2}) + "." + signature
    status, body = search(client, limit="1", q="证", page_token=forged)
    assert (status, body["error"]["field"]) == (400, "page_token")


@pytest.mark.parametrize(
    "token",
    ["zzz", "!!!", _token([1, 2]), _token({"offset": -1, "query": "x"}), _token({"offset": "2", "query": "x"}),
     _token({"offset": 1}), base64.urlsafe_b64encode(b"\xff\xfe").decode()],
)  # fmt: skip
def test_malformed_page_token_is_a_400_naming_it(client: Any, token: str) -> None:
    status, body = search(client, page_token=token)
    assert status == 400
    assert "page_token" in body["error"]["message"]


@pytest.mark.parametrize(
    ("params", "field"),
    [({"colour": "red"}, "colour"), ({"type": "free-lunch"}, "type"), ({"level": "grid"}, "level"),
     ({"online": "yes"}, "online"), ({"appointment": "1"}, "appointment"), ({"limit": "0"}, "limit"),
     ({"limit": "51"}, "limit"), ({"limit": "ten"}, "limit"), ({"department": "ministry-of-magic"}, "department"),
     ({"q": "x" * 101}, "q")],
)  # fmt: skip
def test_bad_parameter_is_a_400_naming_it(client: Any, params: dict[str, str], field: str) -> None:
    status, body = search(client, **params)
    assert status == 400
    assert field in body["error"]["message"]


def test_item_detail(client: Any, seeded: dict[str, Any]) -> None:
    item = next(i for i in seeded["items"] if i["level"] == "community")
    status, body = get(client, f"/items/{item['code']}")
    assert status == 200
    for name in (
        "conditions_zh",
        "materials",
        "fee",
        "promised_days",
        "legal_days",
        "visits",
        "online",
        "appointment",
        "legal_basis_zh",
    ):
        assert body[name] == item[name]
    assert body["promised_days"] <= body["legal_days"]
    assert body["centres"]
    _, centres = get(client, "/centres")
    community_centres = {c["id"] for c in centres["centres"] if c["level"] == "community"}
    assert community_centres <= set(body["centres"])


@pytest.mark.parametrize("path", ["/items/NO-SUCH", "/life-events/no-such", "/centres/ctr-nowhere"])
def test_unknown_code_is_a_404(client: Any, path: str) -> None:
    status, body = get(client, path)
    assert status == 404
    assert body["error"]["message"]


def test_life_events(client: Any, seeded: dict[str, Any]) -> None:
    status, body = get(client, "/life-events")
    assert status == 200
    assert {e["code"] for e in body["life_events"]} == {e["code"] for e in seeded["life_events"]}
    known = {i["code"] for i in seeded["items"]}
    for event in seeded["life_events"]:
        status, detail = get(client, f"/life-events/{event['code']}")
        assert status == 200
        codes = [item["code"] for item in detail["items"]]
        assert set(codes) <= known
        assert [c for c in event["items"] if c in known] == codes[: len([c for c in event["items"] if c in known])]
        assert all("name_zh" in item and "level" in item for item in detail["items"])


def test_certificates(client: Any, seeded: dict[str, Any]) -> None:
    status, body = get(client, "/certificates")
    assert status == 200
    assert len(body["may_issue"]) == len(seeded["certificates"]["may_issue"])
    assert len(body["must_not_issue"]) == len(seeded["certificates"]["must_not_issue"])
    assert all(e["may_issue"] is True for e in body["may_issue"])
    assert all(e["may_issue"] is False and (e.get("instead_zh") or e.get("reason")) for e in body["must_not_issue"])
    refused = seeded["certificates"]["must_not_issue"][0]
    status, found = get(client, f"/certificates?q={quote(refused['name_zh'])}")
    assert found["must_not_issue"][0]["code"] == refused["code"]
    status, _ = get(client, "/certificates?code=1")
    assert status == 400


def test_certificate_search_in_traditional_and_english(client: Any) -> None:
    _, found = get(client, f"/certificates?q={quote('親屬關係證明')}")
    assert found["must_not_issue"] and "亲属关系" in found["must_not_issue"][0]["name_zh"]
    assert found["must_not_issue"][0]["instead_zh"]
    _, found = get(client, "/certificates?q=proof%20of%20address")
    assert found["may_issue"] and found["may_issue"][0]["name_zh"] == "居住证明"
    assert found["may_issue"][0]["item_summary"]["code"] == found["may_issue"][0]["item"]


def test_categories(client: Any) -> None:
    from shared import catalogue

    status, body = get(client, "/categories")
    assert status == 200
    assert [c["code"] for c in body["categories"]] == sorted(c["code"] for c in catalogue.categories())
    for category in body["categories"]:
        assert {"code", "name_zh", "name_en", "group", "handler"} <= set(category)
        assert category["handler"]


def test_centres(client: Any, seeded: dict[str, Any]) -> None:
    status, body = get(client, "/centres")
    assert status == 200
    centres = seeded["district"]["centres"]
    assert len(body["centres"]) == len(centres)
    assert {"street", "community"} <= {c["level"] for c in body["centres"]}
    street = next(c for c in centres if c["level"] == "street")
    status, detail = get(client, f"/centres/{street['id']}")
    assert status == 200
    assert detail["hours"] == street["hours"]
    assert detail["extended_hours"] == street["extended_hours"]
    assert detail["address_zh"] and len(detail["location"]) == 2
    levels = {i["code"]: i["level"] for i in seeded["items"]}
    assert detail["items"]
    assert {levels[code] for code in detail["items"]} <= {"community", "street"}


def test_areas_are_geojson_with_grid_workers(client: Any, seeded: dict[str, Any]) -> None:
    status, body = get(client, "/areas")
    assert status == 200
    district = seeded["district"]
    for name in ("streets", "communities", "grids"):
        assert body[name]["type"] == "FeatureCollection"
        assert len(body[name]["features"]) == len(district[name])
    for feature in body["grids"]["features"]:
        ring = feature["geometry"]["coordinates"][0]
        assert feature["geometry"]["type"] == "Polygon" and ring[0] == ring[-1]
        lon, lat = feature["properties"]["point"]
        assert point_in_ring(lon, lat, [tuple(p) for p in ring])
        assert feature["properties"]["worker"]["name"]
        assert feature["properties"]["worker"]["public_phone"]


def test_locate_every_grid_point(client: Any, seeded: dict[str, Any]) -> None:
    for grid in seeded["district"]["grids"]:
        lon, lat = grid["point"]
        status, body = get(client, f"/areas/locate?lat={lat}&lon={lon}")
        assert status == 200
        assert body["location"] == {"grid": grid["code"], "community": grid["community"], "street": grid["street"]}
        assert body["grid"]["worker"]["name"] == grid["worker"]["name"]


def test_locate_outside_the_district_is_a_404(client: Any) -> None:
    status, body = get(client, "/areas/locate?lat=39.9042&lon=116.4074")
    assert status == 404
    assert body["error"]["code"] == "outside_district"


@pytest.mark.parametrize(
    ("query", "field"),
    [("lon=113.1", "lat"), ("lat=41.0", "lon"), ("lat=abc&lon=113.1", "lat"), ("lat=41&lon=east", "lon"),
     ("lat=91&lon=113.1", "lat"), ("lat=41&lon=-181", "lon"), ("lat=nan&lon=113.1", "lat"), ("lat=41&lon=inf", "lon")],
)  # fmt: skip
def test_locate_bad_point_is_a_400_naming_it(client: Any, query: str, field: str) -> None:
    status, body = get(client, f"/areas/locate?{query}")
    assert status == 400
    assert field in body["error"]["fields"]
