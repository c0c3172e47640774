"""A whole journey with the keyboard only: search -> item -> book, every step reached with
Tab and done with Enter or Space (no clicks, no focus() calls)."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

FOCUSED = """([css, text, without]) => {
  const e = document.activeElement;
  if (!e || !e.matches(css)) return false;
  const content = e.textContent.trim();
  return (text === null || content === text) && (without === null || !content.includes(without));
}"""


def tab_to(page: Page, css: str, text: str | None = None, without: str | None = None, limit: int = 150) -> None:
    """Presses Tab until the focused element matches `css` (and has `text`, and not `without`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED, [css, text, without]):
            return
    raise AssertionError(f"Tab never reached {css} {text or ''}")


def test_search_item_and_book_with_the_keyboard_only(person: Callable[..., Page]) -> None:
    page = person("resident")
    page.goto(page.url.split("#")[0] + "#/")
    tab_to(page, "#q")
    page.keyboard.type("低保")
    expect(page.get_by_role("link", name="最低生活保障申请")).to_be_visible()
    tab_to(page, "a", "最低生活保障申请")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="最低生活保障申请")).to_be_visible()
    tab_to(page, ".checklist input[type=checkbox]")
    page.keyboard.press("Space")
    expect(page.locator(".checklist input[type=checkbox]").first).to_be_checked()
    tab_to(page, "a", "预约办理")
    page.keyboard.press("Enter")
    tab_to(page, "input[name=centre]")
    page.keyboard.press("Space")
    expect(page.locator("input[name=centre]:checked")).to_have_count(1)
    tab_to(page, ".days button:not([disabled])", without="周末")
    page.keyboard.press("Enter")
    tab_to(page, ".slots button:not([disabled])")
    page.keyboard.press("Enter")
    tab_to(page, "button", "确认预约")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("booking-code")).to_have_text(re.compile(r"^[A-Z0-9]{4,}$"))
