"""Portal benchmark (headless Debian Chromium on the real local stack).

Prints:
- the bytes of JavaScript and CSS the home page loads, gzip-compressed (goal: < 200 KB);
- the time until the home page and the command centre's dashboard are usable (search box
  ready and life events shown; open-order count and charts shown), median of RUNS cold
  loads (a fresh browser context each), without and with 4x CPU throttling (CDP
  Emulation.setCPUThrottlingRate), as a phone would be.

Run alone: `.venv/bin/python -c "from tests.bench.portal_bench import main; main()"`
(PORTAL_BASE=http://127.0.0.1:8000 measures a running `make run` instead of a new stack).
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import statistics
import urllib.request
from collections.abc import Iterator
from typing import Any

from playwright.sync_api import sync_playwright

from tests.bench.localstack import local_stack
from tests.portal.browser import PHONE, launch

RUNS = 5
HOME_READY = "document.querySelector('#q') && document.querySelectorAll('.tiles li').length > 0"
DASHBOARD_READY = ("/^\\d+$/.test(document.querySelector('[data-testid=open-count]')?.textContent || '')"
                   " && document.querySelectorAll('figure.chart').length >= 2")


@contextlib.contextmanager
def _stack() -> Iterator[str]:
    if os.environ.get("PORTAL_BASE"):
        yield os.environ["PORTAL_BASE"].rstrip("/")
    else:
        with local_stack() as url:
            yield url


def _session(base: str, person: str) -> str:
    request = urllib.request.Request(f"{base}/_local/token", data=json.dumps({"person": person}).encode(),
                                     method="POST", headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        answer = json.loads(response.read())
    return json.dumps({"token": answer["token"], "person": answer["person"]})


def home_bytes(browser: Any, base: str) -> tuple[int, int, list[str]]:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    bodies: list[tuple[str, bytes]] = []

    def keep(response: Any) -> None:
        if response.request.resource_type in ("script", "stylesheet"):
            bodies.append((response.url, response.body()))

    page.on("response", keep)
    page.goto(f"{base}/")
    page.wait_for_function(HOME_READY)
    context.close()
    raw = sum(len(b) for _, b in bodies)
    compressed = sum(len(gzip.compress(b, 9)) for _, b in bodies)
    return raw, compressed, [u.replace(base, "") for u, _ in bodies]


def time_to_usable(browser: Any, base: str, route: str, ready: str, throttle: float, session: str | None) -> float:
    context = browser.new_context(viewport=PHONE)
    if session:
        context.add_init_script(f"sessionStorage.setItem('govportal.session', {json.dumps(session)})")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    page.goto(f"{base}/{route}", wait_until="commit")
    page.wait_for_function(ready, polling="raf", timeout=60_000)
    # performance.now() counts from the navigation's start.
    elapsed = float(page.evaluate("performance.now()"))
    context.close()
    return elapsed


def main() -> None:
    with _stack() as base, sync_playwright() as playwright:
        browser = launch(playwright)
        raw, compressed, files = home_bytes(browser, base)
        print(f"  home page JS+CSS: {compressed / 1024:.1f} KB gzip ({raw / 1024:.1f} KB raw) in {len(files)} files; goal < 200 KB")
        command_centre = _session(base, "command-centre")
        for name, route, ready, session in (("home", "", HOME_READY, None),
                                            ("dashboard", "#/dashboard", DASHBOARD_READY, command_centre)):
            figures = {}
            for throttle in (1, 4):
                runs = [time_to_usable(browser, base, route, ready, throttle, session) for _ in range(RUNS)]
                figures[throttle] = statistics.median(runs)
            print(f"  {name} usable after: {figures[1]:6.0f} ms, with 4x CPU throttling {figures[4]:6.0f} ms "
                  f"(ratio {figures[4] / figures[1]:.2f}; median of {RUNS} cold loads)")
        browser.close()


if __name__ == "__main__":
    main()
