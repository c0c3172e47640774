"""The catalogue's use cases on an in-memory snapshot source (a fake of the port the
DynamoDB repository implements): paging, filters and messages, without moto."""

from __future__ import annotations

from typing import Any

import pytest

from tests.catalog.conftest import catalogue_source


class FixedSnapshot:
    """The SnapshotSource port over a catalogue built in memory from the project's data."""

    def __init__(self, source: dict[str, Any]) -> None:
        from chalicelib.adapters.records import catalogue_from_rows, content_hash, rows_of
        from chalicelib.seed import build_records

        records = build_records(source)
        self.catalogue = catalogue_from_rows(content_hash(records), rows_of(records))
        self.calls = 0

    def snapshot(self) -> Any:
        self.calls += 1
        return self.catalogue


@pytest.fixture(scope="module")
def service() -> Any:
    from chalicelib.service import CatalogueService

    return CatalogueService(FixedSnapshot(catalogue_source()))


def test_pages_of_a_search_join_up_to_the_whole_result(service: Any) -> None:
    from chalicelib.domain.catalogue import ItemFilters

    whole = service.search_items("证", ItemFilters(), limit=50, page_token=None)
    codes, token = [], None
    while True:
        page = service.search_items("证", ItemFilters(), limit=4, page_token=token)
        codes += [item["code"] for item in page["items"]]
        token = page["next_page_token"]
        if token is None:
            break
    assert codes[:50] == [item["code"] for item in whole["items"]] and len(codes) == len(set(codes)) > 4


def test_a_token_is_bound_to_its_query_and_filters(service: Any) -> None:
    from chalicelib.domain.catalogue import ItemFilters

    from shared.errors import InvalidField

    token = service.search_items("证", ItemFilters(), limit=1, page_token=None)["next_page_token"]
    for query, filters in (("医保", ItemFilters()), ("证", ItemFilters(type="benefit"))):
        with pytest.raises(InvalidField) as refused:
            service.search_items(query, filters, limit=1, page_token=token)
        assert refused.value.details["field"] == "page_token"


def test_unknown_department_and_item_are_named_in_chinese_and_english(service: Any) -> None:
    from chalicelib.domain.catalogue import ItemFilters

    from shared.errors import InvalidField, NotFound

    with pytest.raises(InvalidField) as department:
        service.search_items(None, ItemFilters(department="nowhere"), limit=5, page_token=None)
    assert department.value.body()["error"]["message"] == "department: 没有部门 'nowhere'"
    assert department.value.body("en")["error"]["message"] == "department: unknown department 'nowhere'"
    with pytest.raises(NotFound) as item:
        service.item("JN-XX-999")
    assert (item.value.code, item.value.text("zh"), item.value.text("en")) == (
        "item_not_found", "没有编码为 'JN-XX-999' 的事项", "no catalogue item with code 'JN-XX-999'")


def test_filters_apply_before_paging(service: Any) -> None:
    from chalicelib.domain.catalogue import ItemFilters

    page = service.search_items(None, ItemFilters(level="community", online=True), limit=5, page_token=None)
    assert len(page["items"]) == 5 and all(i["level"] == "community" and i["online"] for i in page["items"])
