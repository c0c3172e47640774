"""Finds where a report is from the names in it: a building (明珠花园3号楼, 明珠花园3栋), a
street address (北园路30号), a residential compound (明珠花园), a road (北园路), a community
(北园社区) or a street (新体路街道), from the district data. Pure: the district's data in, the
most precise match out (a building beats a compound beats a road beats a community beats a
street; a longer name beats a shorter one at the same precision)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

PRECISIONS = ("building", "address", "compound", "road", "community", "street")
_RANK = {p: n for n, p in enumerate(PRECISIONS)}
_ROAD = re.compile(r"集宁区(?P<road>[\u4e00-\u9fff]{1,8}?(?:大街|路|街))(?P<number>\d+)号")
_BUILDING_SUFFIX = re.compile(r"(?P<compound>.+?)(?P<n>\d+)号楼$")
# Ways residents write "building N": 3号楼, 3栋, 3幢, 3#楼, 3#, 3号 (after a compound name).
_NUMBER_AFTER = r"\s*(?P<n>\d{1,3})\s*(?:号楼|栋|幢|#楼|#|号|座)"
_FULLWIDTH = str.maketrans("０１２３４５６７８９＃", "0123456789#")


@dataclass(frozen=True)
class Place:
    """Where a name points: the area codes it determines (grid None when a road, community or
    street spans several grids), a point when it is one spot, and what matched."""

    precision: str
    name: str
    grid: str | None
    community: str | None
    street: str
    point: tuple[float, float] | None = None
    building: str | None = None

    def location(self) -> dict[str, Any]:
        return {"grid": self.grid, "community": self.community, "street": self.street}


def _common(values: list[str]) -> str | None:
    return values[0] if values and all(v == values[0] for v in values) else None


class Gazetteer:
    def __init__(self, district: dict[str, Any]) -> None:
        self.by_name: dict[str, Place] = {}
        self.compound_buildings: dict[str, dict[str, Place]] = defaultdict(dict)
        road_grids: dict[str, list[dict[str, Any]]] = defaultdict(list)
        compound_members: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = defaultdict(list)
        for grid in district["grids"]:
            for building in grid.get("buildings", []):
                point = (float(building["point"][0]), float(building["point"][1]))
                place = Place("building", building["name_zh"], grid["code"], grid["community"], grid["street"], point,
                              building["code"])
                self._add(place)
                found = _BUILDING_SUFFIX.match(building["name_zh"])
                if found:
                    self.compound_buildings[found["compound"]][found["n"]] = place
                    compound_members[found["compound"]].append((building, grid))
                address = _ROAD.search(building.get("address_zh", ""))
                if address:
                    self._add(Place("address", f"{address['road']}{address['number']}号", grid["code"], grid["community"],
                                    grid["street"], point, building["code"]))
                    road_grids[address["road"]].append(grid)
        for compound, members in compound_members.items():
            grids = [g for _, g in members]
            points = [b["point"] for b, _ in members]
            community = _common([g["community"] for g in grids])
            street = _common([g["street"] for g in grids])
            if street and community:
                centre = (round(sum(p[0] for p in points) / len(points), 6), round(sum(p[1] for p in points) / len(points), 6))
                self._add(Place("compound", compound, _common([g["code"] for g in grids]), community, street, centre))
        for road, grids in road_grids.items():
            community = _common([g["community"] for g in grids])
            street = _common([g["street"] for g in grids])
            if street:  # a road across streets names no area: the command centre decides
                self._add(Place("road", road, _common([g["code"] for g in grids]), community, street))
        for community in district["communities"]:
            self._add(Place("community", community["name_zh"], None, community["code"], community["street"]))
        for street in district["streets"]:
            self._add(Place("street", street["name_zh"], None, None, street["code"]))
        self._compound_pattern = re.compile(
            "(?P<compound>" + "|".join(sorted(map(re.escape, self.compound_buildings), key=len, reverse=True)) + ")" + _NUMBER_AFTER)
        self._name_pattern = re.compile("|".join(sorted(map(re.escape, self.by_name), key=len, reverse=True)))

    def _add(self, place: Place) -> None:
        known = self.by_name.get(place.name)
        if known is None or _RANK[place.precision] < _RANK[known.precision]:
            self.by_name[place.name] = place

    def find(self, text: str) -> Place | None:
        """The most precise place named in `text`, or None."""
        text = text.translate(_FULLWIDTH)
        candidates: list[Place] = []
        for match in self._compound_pattern.finditer(text):
            building = self.compound_buildings[match["compound"]].get(str(int(match["n"])))
            if building:
                candidates.append(building)
        candidates += [self.by_name[m.group(0)] for m in self._name_pattern.finditer(text)]
        if not candidates:
            return None
        return min(candidates, key=lambda p: (_RANK[p.precision], -len(p.name)))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    from shared.geo import district

    return Gazetteer(district().data)
