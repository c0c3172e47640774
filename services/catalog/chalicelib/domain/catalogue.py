"""The catalogue snapshot a warm container answers from: built once from the records
loaded from DynamoDB, with its search indexes and geography. Pure: no AWS here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chalicelib.domain.places import PlaceIndex
from chalicelib.domain.search import Document, LifeEventMatcher, SearchIndex, aliases_for
from chalicelib.domain.text import pinyin_forms
from shared.catalogue import ITEM_TYPES, LEVELS, ItemType, Level  # noqa: F401 - the domain's names for them
from shared.errors import NotFound
from shared.geo import District

ITEM_WEIGHTS = {
    "name": 3.0,
    "keywords": 2.0,
    "events": 0.8,
    "summary": 0.6,
    "department": 0.5,
}
CERTIFICATE_WEIGHTS = {"name": 3.0, "keywords": 2.0, "notes": 0.5}

SUMMARY_FIELDS = (
    "code",
    "name_zh",
    "name_en",
    "type",
    "department",
    "level",
    "online",
    "appointment",
    "promised_days",
)
CENTRE_LIST_FIELDS = (
    "id", "name_zh", "name_en", "level", "unit", "address_zh", "address_en", "location", "phone", "hours", "extended_hours",
)  # fmt: skip


@dataclass(frozen=True)
class ItemFilters:
    type: str | None = None
    level: str | None = None
    department: str | None = None
    online: bool | None = None
    appointment: bool | None = None

    def matches(self, item: dict[str, Any]) -> bool:
        return (
            (self.type is None or item.get("type") == self.type)
            and (self.level is None or item.get("level") == self.level)
            and (self.department is None or item.get("department") == self.department)
            and (self.online is None or bool(item.get("online")) == self.online)
            and (self.appointment is None or bool(item.get("appointment")) == self.appointment)
        )


def _texts(*values: Any) -> list[str]:
    out: list[str] = []
    for value in values:
        if isinstance(value, str) and value:
            out.append(value)
        elif isinstance(value, list):
            out.extend(v for v in value if isinstance(v, str) and v)
    return out


def item_summary(item: dict[str, Any], score: float | None = None) -> dict[str, Any]:
    summary = {name: item.get(name) for name in SUMMARY_FIELDS}
    summary["score"] = None if score is None else round(score, 3)
    return summary


class Catalogue:
    def __init__(
        self,
        version: str,
        items: list[dict[str, Any]],
        life_events: list[dict[str, Any]],
        certificates: list[dict[str, Any]],
        categories: list[dict[str, Any]],
        centres: list[dict[str, Any]],
        areas: dict[str, Any],
        departments: list[dict[str, Any]],
        pinyin: dict[str, list[str]] | None = None,
    ) -> None:
        """pinyin: full pinyin and initials of names and keywords, computed when the
        catalogue was seeded, so a cold container does not load pypinyin (~1 s)."""
        self.version = version
        self._pinyin_known = pinyin or {}
        self.pinyin_used: dict[str, list[str]] = {}
        self.items = sorted(items, key=lambda i: i["code"])
        self.items_by_code = {i["code"]: i for i in self.items}
        self.life_events = sorted(life_events, key=lambda e: e["code"])
        self.life_events_by_code = {e["code"]: e for e in self.life_events}
        self.certificates = [
            self._with_item(c, self.items_by_code) for c in sorted(certificates, key=lambda c: (not c["may_issue"], c["code"]))
        ]
        self.certificates_by_code = {c["code"]: c for c in self.certificates}
        self.categories = sorted(categories, key=lambda c: c["code"])
        self.centres = sorted(centres, key=lambda c: c["id"])
        self.centres_by_id = {c["id"]: c for c in self.centres}
        self.departments_by_code = {d["code"]: d for d in departments}
        self.areas = areas
        self.district = District(
            {
                "grids": areas["grids"],
                "communities": areas["communities"],
                "streets": areas["streets"],
            }
        )
        self._geojson = self._build_geojson()
        self.places = PlaceIndex(areas, self.centres, self.district, self._pinyin)
        self._life_event_items = self._resolve_life_event_items()
        self.item_index = SearchIndex([self._item_document(i) for i in self.items], ITEM_WEIGHTS, self._pinyin)
        item_words = {w for i in self.items for w in _texts(i.get("name_zh"), i.get("name_en"), i.get("keywords"))}
        self.life_event_matcher = LifeEventMatcher(self.life_events, item_words)
        self.certificate_index = SearchIndex(
            [self._certificate_document(c) for c in self.certificates], CERTIFICATE_WEIGHTS, self._pinyin
        )

    def _pinyin(self, text: str) -> tuple[str, str]:
        known = self._pinyin_known.get(text)
        full, initials = known if known is not None else pinyin_forms(text)
        self.pinyin_used[text] = [full, initials]
        return full, initials

    @staticmethod
    def _with_item(entry: dict[str, Any], items: dict[str, dict[str, Any]]) -> dict[str, Any]:
        """A certificate's catalogue item (where to get it, or the item it serves), resolved."""
        item = items.get(entry.get("item") or "")
        if item is None:
            return entry
        return {**entry, "item_summary": {k: item.get(k) for k in ("code", "name_zh", "name_en", "level", "department")}}

    # --- indexes -------------------------------------------------------------------------
    def _item_document(self, item: dict[str, Any]) -> Document:
        names = _texts(item.get("name_zh"), item.get("name_en"))
        keywords = _texts(item.get("keywords"))
        aliases = aliases_for(names + keywords)
        events = [self.life_events_by_code[c] for c in item.get("life_events", []) if c in self.life_events_by_code]
        department = self.departments_by_code.get(item.get("department", ""), {})
        return Document(
            key=item["code"],
            fields={
                "name": names,
                "keywords": keywords + aliases,
                "events": _texts(*[[e.get("name_zh"), e.get("name_en")] for e in events]),
                "summary": _texts(item.get("summary_zh"), item.get("summary_en")),
                "department": _texts(department.get("name_zh"), department.get("name_en")),
            },
            names=names,
            keywords=keywords,
            aliases=aliases,
        )

    @staticmethod
    def _certificate_document(entry: dict[str, Any]) -> Document:
        names = _texts(entry.get("name_zh"), entry.get("name_en"))
        keywords = _texts(entry.get("keywords"))
        aliases = aliases_for(names + keywords)
        notes = _texts(*(entry.get(f) for f in ("notes_zh", "notes_en", "instead_zh", "instead_en")))
        return Document(
            key=entry["code"],
            fields={"name": names, "keywords": keywords + aliases, "notes": notes},
            names=names,
            keywords=keywords,
            aliases=aliases,
        )

    def _resolve_life_event_items(self) -> dict[str, list[str]]:
        """A life event's own list first, then items that name the event, known codes only."""
        resolved: dict[str, list[str]] = {}
        for event in self.life_events:
            codes = [c for c in event.get("items", []) if c in self.items_by_code]
            codes += [i["code"] for i in self.items if event["code"] in i.get("life_events", []) and i["code"] not in codes]
            resolved[event["code"]] = codes
        return resolved

    # --- items ---------------------------------------------------------------------------
    def search_items(self, query: str | None, filters: ItemFilters) -> list[tuple[dict[str, Any], float | None]]:
        if not query or not query.strip():
            return [(item, None) for item in self.items if filters.matches(item)]
        found: list[tuple[dict[str, Any], float | None]] = []
        for hit in self.item_index.search(query):
            item = self.items_by_code[hit.key]
            if filters.matches(item):
                found.append((item, hit.score))
        return found

    def item(self, code: str) -> dict[str, Any]:
        item = self.items_by_code.get(code)
        if item is None:
            raise NotFound(f"no catalogue item with code {code!r}", zh=f"没有编码为 {code!r} 的事项", code="item_not_found")
        return item

    # --- life events ---------------------------------------------------------------------
    def life_event_list(self) -> list[dict[str, Any]]:
        return [
            {**{k: e.get(k) for k in ("code", "name_zh", "name_en", "summary_zh", "summary_en")},
             "item_count": len(self._life_event_items[e["code"]])}
            for e in self.life_events
        ]  # fmt: skip

    def search_life_events(self, query: str | None) -> list[dict[str, Any]]:
        """The life-event bundles a query is about ("生孩子要办什么" -> 出生一件事)."""
        if not query or not query.strip():
            return []
        wanted = self.life_event_matcher.match(query)
        return [entry for code in wanted for entry in self.life_event_list() if entry["code"] == code]

    def life_event(self, code: str) -> dict[str, Any]:
        event = self.life_events_by_code.get(code)
        if event is None:
            raise NotFound(f"no life event with code {code!r}", zh=f"没有编码为 {code!r} 的人生事件", code="life_event_not_found")
        items = [item_summary(self.items_by_code[c]) for c in self._life_event_items[code]]
        for summary in items:
            summary.pop("score")
        return {**event, "items": items}

    # --- certificates --------------------------------------------------------------------
    def search_certificates(self, query: str | None) -> dict[str, list[dict[str, Any]]]:
        if query and query.strip():
            entries = [self.certificates_by_code[h.key] for h in self.certificate_index.search(query)]
        else:
            entries = self.certificates
        return {
            "may_issue": [e for e in entries if e["may_issue"]],
            "must_not_issue": [e for e in entries if not e["may_issue"]],
        }

    # --- centres -------------------------------------------------------------------------
    def centre_list(self) -> list[dict[str, Any]]:
        return [
            {
                **{k: c.get(k) for k in CENTRE_LIST_FIELDS},
                "item_count": len(c.get("items", [])),
            }
            for c in self.centres
        ]

    def centre(self, centre_id: str) -> dict[str, Any]:
        centre = self.centres_by_id.get(centre_id)
        if centre is None:
            raise NotFound(f"no service centre with id {centre_id!r}", zh=f"没有编号为 {centre_id!r} 的服务中心", code="centre_not_found")
        return centre

    # --- areas ---------------------------------------------------------------------------
    @staticmethod
    def _feature(area: dict[str, Any], properties: dict[str, Any]) -> dict[str, Any]:
        ring = [list(p) for p in area["polygon"]]
        if ring and ring[0] != ring[-1]:
            ring.append(ring[0])  # GeoJSON rings are closed
        return {
            "type": "Feature",
            "id": area["code"],
            "geometry": {"type": "Polygon", "coordinates": [ring]},
            "properties": properties,
        }

    def _build_geojson(self) -> dict[str, Any]:
        names = ("code", "name_zh", "name_en")
        streets = [self._feature(s, {k: s.get(k) for k in names}) for s in self.areas["streets"]]
        communities = [self._feature(c, {k: c.get(k) for k in (*names, "street")}) for c in self.areas["communities"]]
        grids = []
        for grid in self.areas["grids"]:
            worker = grid.get("worker") or {}
            properties = {k: grid.get(k) for k in (*names, "community", "street", "households")}
            properties["point"] = grid.get("point")
            properties["worker"] = {
                "name": worker.get("name"),
                "public_phone": worker.get("public_phone"),
            }
            properties["building_count"] = len(grid.get("buildings", []))
            grids.append(self._feature(grid, properties))
        district = self.areas.get("district") or {}
        return {
            "district": {k: district.get(k) for k in ("code", "name_zh", "name_en", "city_zh", "city_en")},
            "streets": {"type": "FeatureCollection", "features": streets},
            "communities": {"type": "FeatureCollection", "features": communities},
            "grids": {"type": "FeatureCollection", "features": grids},
        }

    def areas_geojson(self) -> dict[str, Any]:
        return self._geojson

    def search_places(self, query: str, kind: str | None = None, limit: int = 10) -> list[dict[str, Any]]:
        """Buildings, compounds, communities and streets by name, address or pinyin."""
        return self.places.search(query, kind, limit)

    def locate(self, lon: float, lat: float) -> dict[str, Any]:
        location = self.district.locate(lon, lat)
        if location is None:
            raise NotFound(
                f"the point lat={lat}, lon={lon} is outside the district",
                zh=f"坐标 lat={lat}, lon={lon} 不在本区范围内",
                code="outside_district",
            )
        grid = self.district.grid_by_code[location.grid]
        community = self.district.community_by_code.get(location.community, {})
        street = self.district.street_by_code.get(location.street, {})
        worker = grid.get("worker") or {}
        names = ("code", "name_zh", "name_en")
        return {
            "location": {"grid": location.grid, "community": location.community, "street": location.street},
            "grid": {**{k: grid.get(k) for k in names}, "point": grid.get("point"),
                     "worker": {"name": worker.get("name"), "public_phone": worker.get("public_phone")}},
            "community": {k: community.get(k) for k in names},
            "street": {k: street.get(k) for k in names},
        }  # fmt: skip
