"""Address search over the district's places: buildings, residential compounds (小区, the
buildings' shared name), communities and streets, each with its grid, community and street
codes and a point. Pure: built from the district data the catalogue snapshot holds.

Tolerant of what people type: partial names ("明珠"), a full address with more after it
("明珠花园3号楼2单元501"), a name inside a sentence ("明珠花园3号楼门口路灯坏了"), Chinese
numerals and other words for a building ("三栋", "3幢"), traditional characters, pinyin
(full or initials, "mingzhuhuayuan", "mzhy 3") and a character or two wrong ("明珠花圆")."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from chalicelib.domain.text import compact, normalise, pinyin_forms, pinyin_query
from shared.geo import District

KINDS = ("street", "community", "compound", "building")
_KIND_ORDER = {kind: n for n, kind in enumerate(KINDS)}  # wider places first on equal scores

# A building number as residents write it: 3号楼, 3栋, 3幢, 3座, 3号, 三号楼.
_BUILDING_SUFFIX = re.compile(r"(?<![路街巷道\d])(\d+)\s*(?:号楼|号|栋|幢|座|楼)")  # not a house number: 北园路30号
_HOUSE_NUMBER = re.compile(r"[路街巷道]\d+号")
_BUILDING_NAME = re.compile(r"^(.*?)(\d+)号楼$")
_CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CHINESE_NUMBER = re.compile(r"([零〇一二两三四五六七八九十]+)(?=号楼|号|栋|幢|座|单元|楼|层|室)")
_ADDRESS_PREFIXES = ("内蒙古自治区", "内蒙古", "乌兰察布市", "乌兰察布", "集宁区")
_AREA_SUFFIXES = ("社区居委会", "社区", "街道办事处", "街道办", "街道")

MIN_SCORE = 30.0
RELATIVE_CUTOFF = 0.5  # results under half the best one's score are noise


def _chinese_number(text: str) -> str:
    """ "十二" -> "12", "三" -> "3" (up to 99: building and unit numbers)."""
    if "十" in text:
        tens, _, ones = text.partition("十")
        value = (_CHINESE_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CHINESE_DIGITS.get(ones, 0) if ones else 0)
        return str(value)
    return "".join(str(_CHINESE_DIGITS[ch]) for ch in text if ch in _CHINESE_DIGITS)


def normalise_place_query(raw: str) -> str:
    """Simplified characters, arabic building numbers as "N号楼", no province/city prefix."""
    text = compact(normalise(raw))
    text = _CHINESE_NUMBER.sub(lambda m: _chinese_number(m.group(1)), text)
    text = _BUILDING_SUFFIX.sub(lambda m: f"{m.group(1)}号楼", text)
    changed = True
    while changed:
        changed = False
        for prefix in _ADDRESS_PREFIXES:
            if text.startswith(prefix) and len(text) > len(prefix):
                text, changed = text[len(prefix) :], True
    return text


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} if len(text) > 1 else {text}


def _dice(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


@dataclass
class Place:
    kind: str
    code: str
    name_zh: str
    name_en: str | None
    point: tuple[float, float]
    grid: str | None
    community: str
    street: str
    address_zh: str | None = None
    number: str | None = None  # a building's number within its compound
    grids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # compact Chinese names to match
    address: str = ""  # compact address without the province/city/district prefix
    latin: list[tuple[str, str]] = field(default_factory=list)  # (full pinyin, initials) and English

    def public(self, district: District, score: float) -> dict[str, Any]:
        community = district.community_by_code.get(self.community, {})
        street = district.street_by_code.get(self.street, {})
        grid = district.grid_by_code.get(self.grid or "", {})
        return {
            "kind": self.kind,
            "code": self.code,
            "name_zh": self.name_zh,
            "name_en": self.name_en,
            "address_zh": self.address_zh,
            "point": list(self.point),
            "grid": self.grid,
            "grids": self.grids,
            "community": self.community,
            "street": self.street,
            "grid_name_zh": grid.get("name_zh"),
            "community_name_zh": community.get("name_zh"),
            "street_name_zh": street.get("name_zh"),
            "score": round(score, 2),
        }


def _strip_address(address: str) -> str:
    text = compact(address)
    for prefix in _ADDRESS_PREFIXES:
        text = text.removeprefix(prefix)
    return text


def _base_name(name: str) -> str:
    for suffix in _AREA_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


class PlaceIndex:
    def __init__(
        self,
        areas: dict[str, Any],
        centres: list[dict[str, Any]],
        district: District,
        pinyin: Callable[[str], tuple[str, str]] = pinyin_forms,
    ) -> None:
        self.district = district
        self._pinyin = pinyin
        self.places: list[Place] = []
        centre_points = {c["unit"]: tuple(c["location"]) for c in centres if c.get("location")}
        for street in areas["streets"]:
            self._add_area("street", street, street["code"], centre_points)
        for community in areas["communities"]:
            self._add_area("community", community, community["street"], centre_points)
        self._add_compounds_and_buildings(areas["grids"])
        self.by_code = {p.code: p for p in self.places}

    # --- building the index ----------------------------------------------------------------
    def _latin(self, *names: str) -> list[tuple[str, str]]:
        forms = []
        for name in names:
            full, initials = self._pinyin(name)
            if full:
                forms.append((full, initials))
        return forms

    def _inside(self, point: tuple[float, float], code: str, kind: str) -> bool:
        where = self.district.locate(point[0], point[1])
        return where is not None and getattr(where, kind) == code

    def _add_area(self, kind: str, area: dict[str, Any], street: str, centre_points: dict[str, Any]) -> None:
        code = area["code"]
        grids = [g for g in self.district.grids if g[kind] == code]
        point = centre_points.get(code)
        if point is None or not self._inside(point, code, kind):
            # No service centre inside it: the grid point nearest the grids' mean.
            points = [tuple(g["point"]) for g in grids]
            mean = (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
            point = min(points, key=lambda p: (p[0] - mean[0]) ** 2 + (p[1] - mean[1]) ** 2)
        name = area["name_zh"]
        base = _base_name(name)
        english = (area.get("name_en") or "").lower()
        self.places.append(
            Place(
                kind=kind,
                code=code,
                name_zh=name,
                name_en=area.get("name_en"),
                point=(float(point[0]), float(point[1])),
                grid=None,
                grids=[g["code"] for g in grids],
                community=code if kind == "community" else "",
                street=street,
                names=[compact(name), compact(base)],
                latin=self._latin(name, base) + [(compact(english), ""), (compact(english.rsplit(" ", 1)[0]), "")],
            )
        )

    def _add_compounds_and_buildings(self, grids: list[dict[str, Any]]) -> None:
        compounds: dict[tuple[str, str], list[tuple[dict[str, Any], dict[str, Any], str]]] = {}
        for grid in grids:
            for building in grid.get("buildings", []):
                match = _BUILDING_NAME.match(building["name_zh"])
                compound, number = (match.group(1), match.group(2)) if match else (building["name_zh"], None)
                compounds.setdefault((grid["community"], compound), []).append((building, grid, number or ""))
        counters: dict[str, int] = {}
        for (community, compound), members in compounds.items():
            counters[community] = counters.get(community, 0) + 1
            grid_codes = sorted({g["code"] for _, g, _ in members})
            points = [tuple(b["point"]) for b, _, _ in members]
            mean = (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
            first_grid = members[0][1]
            inside = self.district.locate(mean[0], mean[1])
            point = mean if inside is not None and inside.community == community else points[0]
            latin = self._latin(compound)
            self.places.append(
                Place(
                    kind="compound",
                    code=f"{community}-R{counters[community]:02d}",
                    name_zh=compound,
                    name_en=None,
                    point=(round(point[0], 6), round(point[1], 6)),
                    grid=first_grid["code"] if len(grid_codes) == 1 else None,
                    grids=grid_codes,
                    community=community,
                    street=first_grid["street"],
                    names=[compact(compound)],
                    latin=latin,
                )
            )
            for building, grid, number in members:
                self.places.append(
                    Place(
                        kind="building",
                        code=building["code"],
                        name_zh=building["name_zh"],
                        name_en=building.get("name_en"),
                        address_zh=building.get("address_zh"),
                        point=(float(building["point"][0]), float(building["point"][1])),
                        grid=grid["code"],
                        grids=[grid["code"]],
                        community=grid["community"],
                        street=grid["street"],
                        number=number or None,
                        names=[compact(building["name_zh"])],
                        address=_strip_address(building.get("address_zh") or ""),
                        latin=latin,
                    )
                )

    # --- matching ----------------------------------------------------------------------
    @staticmethod
    def _chinese_score(query: str, place: Place) -> float:
        best = 0.0
        for n, name in enumerate(place.names):
            if not name:
                continue
            penalty = 2.0 * n  # the bare name ("北园" of 北园社区) a little below the full one
            if query == name:
                score = 100.0
            elif query.startswith(name) and len(name) >= 2:
                score = 80.0 + len(name)  # more after the name: "明珠花园3号楼2单元501"
            elif name.startswith(query):
                score = 60.0 + 10.0 * len(query) / len(name)
            elif name in query and len(name) >= 3:
                score = 70.0 + len(name)  # the name inside a sentence
            elif query in name:
                score = 50.0 + 10.0 * len(query) / len(name)
            elif len(query) >= 3 and len(name) >= 3 and (dice := _dice(query, name)) >= 0.5:
                score = 50.0 * dice  # a character or two wrong
            else:
                score = 0.0
            best = max(best, score - penalty if score else 0.0)
        if place.address and len(query) >= 2:
            if query in place.address:
                # A house number ("北园路30号") names the building; a road alone, its buildings.
                numbered = _HOUSE_NUMBER.search(query) is not None
                best = max(best, (88.0 if numbered else 40.0) + 10.0 * len(query) / len(place.address))
            elif place.address in query:
                best = max(best, 85.0)
        return best

    @staticmethod
    def _latin_score(latin: str, place: Place) -> float:
        best = 0.0
        for full, initials in place.latin:
            if not full:
                continue
            if latin == full:
                score = 95.0
            elif latin == initials and len(latin) >= 2:
                score = 85.0
            elif len(latin) >= 3 and full.startswith(latin):
                score = 55.0 + 10.0 * len(latin) / len(full)
            elif len(latin) >= 2 and initials.startswith(latin):
                score = 45.0 + 10.0 * len(latin) / len(initials)
            elif len(latin) >= 5 and latin in full:
                score = 40.0
            else:
                score = 0.0
            best = max(best, score)
        return best

    def _score(self, query: str, latin: str, number: str | None, place: Place) -> float:
        score = self._chinese_score(query, place) if query else 0.0
        if latin:
            latin_score = self._latin_score(latin, place)
            if place.kind == "building" and latin_score:
                # Pinyin names the compound: a building matches only with its number.
                if number != place.number:
                    return 0.0
                latin_score += 5.0
            elif place.kind == "compound" and number is not None and latin_score:
                latin_score -= 1.0
            score = max(score, latin_score)
        return score

    def search(self, raw: str, kind: str | None = None, limit: int = 10) -> list[dict[str, Any]]:
        query = normalise_place_query(raw)
        if not query:
            return []
        latin = pinyin_query(re.sub(r"\d+", " ", query)) if re.search(r"[a-z]", query) else ""
        numbers = re.findall(r"\d+", query)
        number = numbers[0] if latin and numbers else None
        has_chinese = bool(re.search(r"[\u3400-\u9fff]", query))
        scored: list[tuple[float, Place]] = []
        for place in self.places:
            if kind is not None and place.kind != kind:
                continue
            score = self._score(query if has_chinese else "", latin, number, place)
            if score >= MIN_SCORE:
                scored.append((score, place))
        if not scored:
            return []
        best = max(s for s, _ in scored)
        scored = [(s, p) for s, p in scored if s >= best * RELATIVE_CUTOFF]
        scored.sort(key=lambda sp: (-sp[0], _KIND_ORDER[sp[1].kind], sp[1].code))
        return [place.public(self.district, score) for score, place in scored[:limit]]
