"""The portal in a real browser against a real local stack (started once for the group on
free ports; PORTAL_BASE=http://127.0.0.1:8000 reuses a running `make run` while developing)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.bench.localstack import local_stack
from tests.portal.browser import PHONE, launch


@pytest.fixture(scope="session")
def base() -> Iterator[str]:
    if os.environ.get("PORTAL_BASE"):
        yield os.environ["PORTAL_BASE"].rstrip("/")
        return
    with local_stack() as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture()
def person(browser: Browser, base: str) -> Iterator[Callable[..., Page]]:
    """`person("resident")`: a phone-sized tab of its own, signed in through the sign-in page."""
    contexts: list[Any] = []

    def open_as(who: str | None, lang: str = "zh", care: bool = False) -> Page:
        context = browser.new_context(viewport=PHONE, locale="zh-CN", timezone_id="Asia/Shanghai")
        context.add_init_script(
            f"localStorage.setItem('govportal.lang', '{lang}'); localStorage.setItem('govportal.care', '{int(care)}');"
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto(f"{base}/#/signin" if who else f"{base}/")
        if who:
            page.click(f"button[data-person='{who}']")
            page.wait_for_function("location.hash !== '#/signin'")
        return page

    yield open_as
    for context in contexts:
        context.close()
