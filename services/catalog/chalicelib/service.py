"""The catalogue's use cases over one port: a source of the current in-memory snapshot
(adapters/repository.py on DynamoDB; a fixed snapshot in tests). Searching, filtering and
paging live here, so the routes only parse and shape."""

from __future__ import annotations

from typing import Any, Protocol

from chalicelib.domain.catalogue import Catalogue, ItemFilters, item_summary
from shared import pages
from shared.errors import InvalidField

PAGE_TOKEN = "page_token"


class SnapshotSource(Protocol):
    def snapshot(self) -> Catalogue: ...


class CatalogueService:
    def __init__(self, source: SnapshotSource) -> None:
        self.source = source

    @property
    def catalogue(self) -> Catalogue:
        return self.source.snapshot()

    def search_items(self, query: str | None, filters: ItemFilters, *, limit: int, page_token: str | None) -> dict[str, Any]:
        """A page of the items matching the query and filters, best first, with the token of
        the next page (bound to this query and these filters)."""
        catalogue = self.catalogue
        if filters.department is not None and filters.department not in catalogue.departments_by_code:
            raise InvalidField("department", f"unknown department {filters.department!r}", f"没有部门 {filters.department!r}")
        text = (query or "").strip()
        scope = pages.scope_of({"q": text, **filters.__dict__})
        offset = pages.decode_offset(page_token, field=PAGE_TOKEN, scope=scope)
        found = catalogue.search_items(text, filters)
        page = found[offset : offset + limit]
        end = offset + len(page)
        return {
            # Life-event bundles the query is about come first, on the first page only.
            "life_events": catalogue.search_life_events(text) if offset == 0 else [],
            "items": [item_summary(item, score) for item, score in page],
            "next_page_token": pages.encode_offset(end, scope=scope) if end < len(found) else None,
        }

    def item(self, code: str) -> dict[str, Any]:
        return self.catalogue.item(code)

    def life_events(self) -> list[dict[str, Any]]:
        return self.catalogue.life_event_list()

    def life_event(self, code: str) -> dict[str, Any]:
        return self.catalogue.life_event(code)

    def certificates(self, query: str | None) -> dict[str, Any]:
        return self.catalogue.search_certificates(query)

    def categories(self) -> list[dict[str, Any]]:
        return self.catalogue.categories

    def centres(self) -> list[dict[str, Any]]:
        return self.catalogue.centre_list()

    def centre(self, centre_id: str) -> dict[str, Any]:
        return self.catalogue.centre(centre_id)

    def areas(self) -> dict[str, Any]:
        return self.catalogue.areas_geojson()

    def locate(self, lon: float, lat: float) -> dict[str, Any]:
        return self.catalogue.locate(lon, lat)

    def search_places(self, query: str, kind: Any, limit: int) -> dict[str, Any]:
        """Buildings, residential compounds, communities and streets by name, address, pinyin."""
        if not query.strip():
            raise InvalidField("q", "the search text is empty", "搜索内容为空")
        return {"places": self.catalogue.search_places(query, kind, limit)}
