"""axe-core on every page, in normal and in care mode (长辈版): no serious or critical violation."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from tests.portal.browser import SCREENSHOTS, describe, serious_violations

PAGES = {
    None: ["#/", "#/item/JN-MZ-001", "#/life/birth", "#/grid", "#/signin"],
    "resident": ["#/report", "#/requests", "#/appointments", "#/book/JN-MZ-001"],
    "department": ["#/inbox"],
    "street": ["#/inbox"],
    "command-centre": ["#/dashboard"],
}


@pytest.mark.parametrize("care", [False, True], ids=["normal", "care"])
@pytest.mark.parametrize("who", list(PAGES), ids=lambda w: w or "anonymous")
def test_no_serious_accessibility_violations(person: Callable[..., Page], who: str | None, care: bool) -> None:
    page = person(who, care=care)
    root = page.url.split("#")[0]
    for route in PAGES[who]:
        page.goto(root + route)
        page.wait_for_selector("main h1")
        page.wait_for_load_state("networkidle")
        if care:
            assert page.evaluate("document.documentElement.classList.contains('care')")
        violations = serious_violations(page)
        assert not violations, f"{route} ({'care' if care else 'normal'}): {describe(violations)}"
        if care and route in ("#/", "#/report"):
            page.screenshot(path=str(SCREENSHOTS / f"care{route.replace('#/', '-').rstrip('-') or ''}.png"), full_page=True)


def test_care_mode_is_large_type_and_one_action_per_screen(person: Callable[..., Page]) -> None:
    page = person("resident", care=True)
    page.goto(page.url.split("#")[0] + "#/report")
    size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert size >= 20
    # Step 1 asks only for the text; the place comes on the next screen.
    assert page.locator("#text").is_visible() and page.locator("fieldset legend", has_text="问题地点").count() == 0
    page.fill("#text", "楼道里堆满杂物,有火灾隐患")
    page.get_by_role("button", name="下一步").click()
    assert page.locator("#text").count() == 0 and page.locator("fieldset legend", has_text="问题地点").is_visible()


def test_the_axe_check_itself_finds_a_violation(person: Callable[..., Page]) -> None:
    page = person(None)
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"data:,\"><button></button>')")
    assert {v["id"] for v in serious_violations(page)} >= {"image-alt", "button-name"}
