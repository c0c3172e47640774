"""Search over the catalogue snapshot (pure domain: no AWS)."""

from __future__ import annotations

from typing import Any

import pytest
from chalicelib.domain.catalogue import Catalogue, ItemFilters
from chalicelib.domain.search import expansions, synonyms
from chalicelib.domain.text import looks_like_pinyin, normalise, pinyin_forms, pinyin_query, pinyin_query_words, stem


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    from tests.catalog.conftest import catalogue_source

    source = catalogue_source()
    certificates = [{**e, "may_issue": True} for e in source["certificates"]["may_issue"]]
    certificates += [{**e, "may_issue": False} for e in source["certificates"]["must_not_issue"]]
    return Catalogue(
        version="test",
        items=source["items"],
        life_events=source["life_events"],
        certificates=certificates,
        categories=[],
        centres=source["district"]["centres"],
        areas=source["district"],
        departments=source["departments"],
    )


def top_names(catalogue: Catalogue, query: str, n: int = 3) -> list[str]:
    return [item["name_zh"] for item, _ in catalogue.search_items(query, ItemFilters())[:n]]


# (what a resident types, words one of which the right item's Chinese name contains)
FIND_IN_TOP_3 = [
    ("最低生活保障", "最低生活保障"),
    ("低保", "最低生活保障"),
    ("申请低保", "最低生活保障"),
    ("dibao", "最低生活保障"),
    ("di bao", "最低生活保障"),
    ("Dī Bǎo", "最低生活保障"),
    ("di4 bao3", "最低生活保障"),
    ("minimum living allowance", "最低生活保障"),
    ("医保", "医疗保险"),
    ("醫保", "医疗保险"),
    ("yibao", "医疗保险"),
    ("医疗保险", "医疗保险"),
    ("公积金", "公积金"),
    ("公積金", "公积金"),
    ("gjj", "公积金"),
    ("gongjijin", "公积金"),
    ("housing provident fund", "公积金"),
    ("户口", "户"),
    ("戶口", "户"),
    ("身份证", "身份证"),
    ("身份證", "身份证"),
    ("sfz", "身份证"),
    ("id card", "身份证"),
    ("居住证", "居住证"),
    ("办居住证", "居住证"),
    ("residence permit", "居住证"),
    ("jzz", "居住证"),
    ("营业执照", "营业执照|个体工商户"),
    ("營業執照", "营业执照|个体工商户"),
    ("business licence", "营业执照|个体工商户"),
    ("法律援助", "法律援助"),
    ("legal aid", "法律援助"),
    ("结婚", "结婚"),
    ("結婚登記", "结婚"),
    ("marriage registration", "结婚"),
    ("临时救助", "临时救助"),
    ("失业金", "失业"),
    ("ybbx", "报销"),
    ("医保报销", "报销"),
    ("yibaobaoxiao", "报销"),
    ("養老保險", "养老保险"),
    ("社保卡", "社会保障卡"),
    ("社保卡丢了", "社会保障卡挂失"),
    ("退休", "退休"),
    ("异地就医", "异地就医"),
    ("殘疾人證", "残疾人证"),
    ("高龄津贴", "高龄津贴"),
    ("old-age allowance", "高龄津贴"),
    ("school enrolment", "入学"),
    ("上小学", "小学"),
    ("创业贷款", "创业担保贷款"),
    ("维修基金", "维修资金"),
    ("离婚", "离婚"),
    ("dog licence", "养犬"),
    ("办狗证", "养犬"),
    ("tekun", "特困"),
]


@pytest.mark.parametrize(("query", "expected"), FIND_IN_TOP_3)
def test_residents_words_find_the_item(catalogue: Catalogue, query: str, expected: str) -> None:
    names = top_names(catalogue, query)
    assert any(word in name for word in expected.split("|") for name in names), f"{query!r} -> {names}"


@pytest.mark.parametrize(
    ("query", "expected"),
    [("低保", "最低生活保障"), ("dibao", "最低生活保障"), ("di bao", "最低生活保障"), ("最低生活保障", "最低生活保障"),
     ("医保", "医疗保险"), ("醫保", "医疗保险"), ("公积金", "公积金"), ("gjj", "公积金"), ("居住证", "居住证"),
     ("residence permit", "居住证"), ("minimum living allowance", "最低生活保障"), ("离婚", "离婚"),
     ("养老保险", "养老保险"), ("退休", "退休")],
)  # fmt: skip
def test_the_obvious_item_ranks_first(catalogue: Catalogue, query: str, expected: str) -> None:
    assert expected in top_names(catalogue, query, 1)[0]


def test_every_name_finds_its_item_first(catalogue: Catalogue) -> None:
    for item in catalogue.items:
        for name in (item["name_zh"], item["name_en"]):
            found = catalogue.search_items(name, ItemFilters())
            assert found[0][0]["code"] == item["code"], name


def test_every_keyword_finds_its_item_in_the_top_10(catalogue: Catalogue) -> None:
    for item in catalogue.items:
        for keyword in item["keywords"]:
            codes = [found["code"] for found, _ in catalogue.search_items(keyword, ItemFilters())[:10]]
            assert item["code"] in codes, (item["code"], keyword)


def test_traditional_and_simplified_give_the_same_results(catalogue: Catalogue) -> None:
    for traditional, simplified in [("醫保", "医保"), ("戶口遷移", "户口迁移"), ("身份證", "身份证")]:
        assert normalise(traditional) == simplified
        assert top_names(catalogue, traditional, 5) == top_names(catalogue, simplified, 5)


def test_scores_are_descending_and_results_unique(catalogue: Catalogue) -> None:
    found = catalogue.search_items("医保 报销", ItemFilters())
    scores = [score for _, score in found]
    assert scores == sorted(scores, reverse=True)
    codes = [item["code"] for item, _ in found]
    assert len(codes) == len(set(codes))


def test_nonsense_finds_nothing(catalogue: Catalogue) -> None:
    assert catalogue.search_items("qqqqxxzz", ItemFilters()) == []
    assert catalogue.search_items("§§§", ItemFilters()) == []


def test_filters_apply_to_search(catalogue: Catalogue) -> None:
    found = catalogue.search_items("医保", ItemFilters(level="street"))
    assert found
    assert all(item["level"] == "street" for item, _ in found)
    unfiltered = {item["code"] for item, _ in catalogue.search_items("医保", ItemFilters())}
    assert {item["code"] for item, _ in found} < unfiltered


def test_empty_query_lists_everything_by_code(catalogue: Catalogue) -> None:
    found = catalogue.search_items("", ItemFilters())
    assert [item["code"] for item, _ in found] == sorted(i["code"] for i in catalogue.items)
    assert all(score is None for _, score in found)


def test_pinyin_helpers() -> None:
    assert pinyin_forms("医保") == ("yibao", "yb")
    assert pinyin_forms("最低生活保障") == ("zuidishenghuobaozhang", "zdshbz")
    assert pinyin_query("Dī bǎo") == "dibao"
    assert pinyin_query("di3 bao3") == "dibao"
    assert pinyin_query("lü") == "lu"
    assert stem("permits") == "permit"
    assert stem("subsidies") == "subsidy"
    assert stem("business") == "business"


def test_certificate_search_says_who_issues_instead(catalogue: Catalogue, source: dict[str, Any]) -> None:
    refused = source["certificates"]["must_not_issue"][0]
    found = catalogue.search_certificates(refused["name_zh"])
    assert found["must_not_issue"][0]["code"] == refused["code"]
    assert found["must_not_issue"][0]["may_issue"] is False
    issued = source["certificates"]["may_issue"][0]
    found = catalogue.search_certificates(issued["name_en"])
    assert found["may_issue"][0]["code"] == issued["code"]


def test_pinyin_input_is_told_from_english() -> None:
    for pinyin in ("dibao", "zuidishenghuobaozhang", "yibao", "hukou", "gongjijin", "lu"):
        assert looks_like_pinyin(pinyin), pinyin
    for english in ("allowance", "permit", "legal", "marriage", "dbx"):
        assert not looks_like_pinyin(english), english
    assert pinyin_query_words("Di4 Bao3") == ["di", "bao"]


def test_a_synonym_counts_only_when_it_is_most_of_the_query() -> None:
    assert "最低生活保障" in expansions(normalise("办低保"))
    assert "医疗保险" in expansions(normalise("醫保"))
    assert expansions(normalise("养老保险个人账户余额")) == []
    assert "identity card" in expansions(normalise("ID card"))


def test_every_synonym_finds_something(catalogue: Catalogue) -> None:
    for key in synonyms():
        assert catalogue.search_items(key, ItemFilters()) or any(catalogue.search_certificates(key).values()), key


def test_english_queries_do_not_match_pinyin_by_accident(catalogue: Catalogue) -> None:
    found = catalogue.search_items("medical insurance", ItemFilters())
    assert all("medical" in item["name_en"].lower() or "insurance" in item["name_en"].lower() or "医" in item["name_zh"]
               for item, _ in found[:5])  # fmt: skip
