"""Address search (issue 10, item 2): buildings, residential compounds, communities and
streets by partial name, address, pinyin or traditional characters, each with its grid,
community and street codes and a point inside them."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import pytest
from chalicelib.domain.catalogue import Catalogue

from shared.geo import District
from shared.http import PUBLIC


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    from tests.catalog.test_search import catalogue as make

    return make.__wrapped__()  # type: ignore[attr-defined,no-any-return]


def first(catalogue: Catalogue, query: str, **options: Any) -> dict[str, Any]:
    found = catalogue.search_places(query, **options)
    assert found, query
    return found[0]


# (what a resident or a dispatcher types, kind and name of the place that must come first)
FIRST = [
    ("明珠花园3号楼", "building", "明珠花园3号楼"),
    ("明珠花园三栋", "building", "明珠花园3号楼"),
    ("明珠花园3幢2单元501", "building", "明珠花园3号楼"),
    ("集宁区明珠花园10号楼", "building", "明珠花园10号楼"),
    ("明珠花园十号楼", "building", "明珠花园10号楼"),
    ("明珠花园3号楼门口路灯不亮", "building", "明珠花园3号楼"),
    ("北园路30号", "building", "明珠花园3号楼"),
    ("明珠花园", "compound", "明珠花园"),
    ("明珠", "compound", "明珠花园"),
    ("明珠花圆", "compound", "明珠花园"),  # a wrong character
    ("mingzhuhuayuan", "compound", "明珠花园"),
    ("mzhy", "compound", "明珠花园"),
    ("mingzhu huayuan 3", "building", "明珠花园3号楼"),
    ("供銷小區", "compound", "供销小区"),  # traditional
    ("北园社区", "community", "北园社区"),
    ("北园", "community", "北园社区"),
    ("東站社區", "community", "东站社区"),
    ("beiyuan", "community", "北园社区"),
    ("Beiyuan Community", "community", "北园社区"),
    ("新体路街道", "street", "新体路街道"),
    ("桥东", "street", "桥东街道"),
    ("qiaodong", "street", "桥东街道"),
]


@pytest.mark.parametrize(("query", "kind", "name"), FIRST)
def test_the_place_meant_comes_first(catalogue: Catalogue, query: str, kind: str, name: str) -> None:
    place = first(catalogue, query)
    assert (place["kind"], place["name_zh"]) == (kind, name), query


def test_a_building_carries_its_codes_and_its_own_point(catalogue: Catalogue) -> None:
    place = first(catalogue, "明珠花园3号楼")
    assert place["code"] == "JN-S01-C01-G01-B01"
    assert (place["grid"], place["community"], place["street"]) == ("JN-S01-C01-G01", "JN-S01-C01", "JN-S01")
    assert place["address_zh"].endswith("北园路30号明珠花园3号楼")
    assert place["point"] == [113.083187, 41.042845]
    assert place["community_name_zh"] == "北园社区" and place["street_name_zh"] == "新体路街道"


def test_every_place_point_lies_in_its_own_areas(catalogue: Catalogue) -> None:
    district = District(catalogue.areas)
    places = catalogue.places.places
    assert {p.kind for p in places} == {"building", "compound", "community", "street"}
    assert sum(p.kind == "building" for p in places) == sum(len(g["buildings"]) for g in catalogue.areas["grids"])
    for place in places:
        where = district.locate(*place.point)
        assert where is not None, place.code
        assert where.street == place.street, place.code
        if place.kind != "street":
            assert where.community == place.community, place.code
        if place.grid is not None:
            assert where.grid == place.grid, place.code


def test_every_building_and_compound_is_found_first_by_its_name(catalogue: Catalogue) -> None:
    for place in catalogue.places.places:
        assert first(catalogue, place.name_zh)["code"] == place.code, place.name_zh


def test_kind_filter_and_limit(catalogue: Catalogue) -> None:
    buildings = catalogue.search_places("明珠花园", kind="building", limit=3)
    assert len(buildings) == 3 and all(p["kind"] == "building" for p in buildings)
    assert all(p["name_zh"].startswith("明珠花园") for p in buildings)


@pytest.mark.parametrize("query", ["天气预报", "weather", "qqqxxx", "北京市朝阳区", "§§"])
def test_places_not_in_the_district_find_nothing(catalogue: Catalogue, query: str) -> None:
    assert catalogue.search_places(query) == []


def test_the_route_is_public_and_answers_places(client: Any) -> None:
    from chalicelib.api.routes import routes

    rule = next(r for r in routes.rules if r.path == "/areas/search")
    assert rule.allow is PUBLIC and rule.method == "GET"
    response = client.http.get(f"/areas/search?q={quote('明珠花园3栋')}")
    assert response.status_code == 200
    places = json.loads(response.body)["places"]
    assert places[0]["code"] == "JN-S01-C01-G01-B01" and places[0]["grid"] == "JN-S01-C01-G01"
    compounds = json.loads(client.http.get("/areas/search?q=mzhy&kind=compound").body)["places"]
    assert [p["name_zh"] for p in compounds] == ["明珠花园"]


@pytest.mark.parametrize("query", ["", "q=", "q=%20%20", "q=x&kind=planet", "q=x&limit=0", "q=x&colour=red"])
def test_the_route_refuses_bad_parameters(client: Any, query: str) -> None:
    response = client.http.get(f"/areas/search?{query}")
    assert response.status_code == 400
    assert set(json.loads(response.body)["error"]) >= {"code", "message"}
