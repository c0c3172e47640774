"""Residents' and staff journeys in headless Chromium on the real local stack."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.portal.browser import SCREENSHOTS, describe, serious_violations


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_the_site_is_served_at_root_with_its_own_assets_and_spa_fallback(base: str) -> None:
    with urllib.request.urlopen(f"{base}/") as response:
        html = response.read().decode()
        assert response.headers["Content-Type"].startswith("text/html")
    assert '<div id="app">' in html
    asset = re.search(r'src="(/assets/[^"]+\.js)"', html)
    assert asset, html
    with urllib.request.urlopen(f"{base}{asset.group(1)}") as response:
        assert "javascript" in response.headers["Content-Type"]
        assert "immutable" in response.headers["Cache-Control"]
    # A browser (asking for HTML) gets the site at any path; an API client gets a JSON 404.
    with urllib.request.urlopen(urllib.request.Request(f"{base}/some/deep/link", headers={"Accept": "text/html"})) as response:
        assert '<div id="app">' in response.read().decode()
    # The APIs still answer JSON beside it.
    try:
        urllib.request.urlopen(f"{base}/catalog/items/NOPE-000")
    except urllib.error.HTTPError as exc:
        assert exc.code == 404 and json.loads(exc.read())["error"]["code"]


def test_the_local_token_issuer_knows_only_the_demo_people(base: str) -> None:
    with urllib.request.urlopen(f"{base}/_local/token") as response:
        people = json.loads(response.read())["people"]
    assert {p["role"] for p in people} == {"resident", "grid-worker", "department", "street", "community", "command-centre"}
    request = urllib.request.Request(f"{base}/_local/token", data=b'{"person": "root"}', method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        urllib.request.urlopen(request)
        raise AssertionError("an unknown person got a token")
    except urllib.error.HTTPError as exc:
        assert exc.code == 404 and json.loads(exc.read())["error"]["code"] == "not_found"


def test_search_open_item_book_and_cancel(person: Callable[..., Page]) -> None:
    page = person("resident")
    page.goto(page.url.split("#")[0] + "#/")
    page.fill("#q", "低保")
    page.get_by_role("link", name="最低生活保障申请").click()
    expect(page.get_by_role("heading", name="最低生活保障申请")).to_be_visible()
    expect(page.locator(".checklist input[type=checkbox]").first).to_be_visible()
    page.locator(".checklist input[type=checkbox]").first.check()
    shot(page, "item")
    page.get_by_role("link", name="预约办理").click()
    page.locator("input[name=centre]").first.check()
    # The first working day of the coming two weeks (weekends say so and have no slots).
    page.locator(".days button:not(:has-text('周末'))").first.click()
    slot = page.locator(".slots button:not([disabled])").first
    slot.click()
    shot(page, "booking")
    page.get_by_role("button", name="确认预约").click()
    code = page.get_by_test_id("booking-code")
    expect(code).to_have_text(re.compile(r"^[A-Z0-9]{4,}$"))
    page.get_by_role("link", name="我的预约").last.click()
    expect(page.get_by_test_id("appointments")).to_be_visible()
    card = page.locator(".card").filter(has=page.get_by_role("button", name="取消预约")).first
    card.get_by_role("button", name="取消预约").click()
    expect(page.get_by_test_id("appointment-status").filter(has_text="已取消").first).to_be_visible()


def test_english_switch_and_pinyin_search(person: Callable[..., Page]) -> None:
    page = person(None)
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jining District Services")
    page.fill("#q", "residence permit")
    expect(page.get_by_test_id("results")).to_contain_text("esidence")
    page.fill("#q", "dibao")
    expect(page.get_by_test_id("results")).to_contain_text("minimum living allowance")
    shot(page, "home-en")


def test_report_then_unit_signs_and_replies_then_resident_rates(person: Callable[..., Page]) -> None:
    resident = person("resident")
    resident.goto(resident.url.split("#")[0] + "#/report")
    resident.fill("#text", "小区门口路灯不亮好几天了,晚上走路很危险")
    expect(resident.get_by_test_id("triage")).to_contain_text("路灯")
    # Choose the place from the keyboard: the first grid of the map, Enter.
    resident.locator(".grid-cell[role=button]").first.focus()
    resident.keyboard.press("Enter")
    expect(resident.get_by_test_id("place")).to_contain_text("网格")
    shot(resident, "report")
    resident.get_by_role("button", name="提交").click()
    case = resident.get_by_test_id("case-number")
    expect(case).to_have_text(re.compile(r"^\d{6}-[A-Z0-9]+$"))
    case_number = case.inner_text()
    expect(resident.get_by_test_id("handler")).not_to_be_empty()
    expect(resident.get_by_test_id("report-done")).to_contain_text("办结期限")
    shot(resident, "report-done")

    clerk = person("department")
    expect(clerk.get_by_test_id("inbox")).to_contain_text(case_number)
    expect(clerk.get_by_test_id("rates")).to_be_visible()
    shot(clerk, "inbox")
    clerk.get_by_role("link", name=case_number).click()
    clerk.get_by_role("button", name="签收").click()
    expect(clerk.get_by_test_id("order-status")).not_to_have_text("派单")
    clerk.locator("button[data-action=reply]").click()
    clerk.fill("#f-text", "已更换路灯灯泡,恢复照明")
    clerk.locator("form:has(#f-text) button[type=submit]").click()
    expect(clerk.get_by_test_id("order-status")).to_have_text("已答复")

    resident.goto(resident.url.split("#")[0] + f"#/requests/{case_number}")
    expect(resident.get_by_test_id("reply")).to_have_text("已更换路灯灯泡,恢复照明")
    expect(resident.get_by_test_id("track")).to_contain_text("签收")
    resident.get_by_label("非常满意").check()
    resident.fill("#comment", "修得很快")
    shot(resident, "rate")
    resident.get_by_role("button", name="评价").click()
    expect(resident.get_by_test_id("rated")).to_be_visible()


def test_find_my_grid_by_tapping_the_map(person: Callable[..., Page]) -> None:
    page = person(None)
    page.goto(page.url.split("#")[0] + "#/grid")
    page.locator(".grid-cell[role=button]").nth(4).focus()
    page.keyboard.press("Enter")
    card = page.get_by_test_id("grid-card")
    expect(card).to_contain_text("网格员")
    expect(card).to_contain_text(re.compile(r"0474-\d+"))
    shot(page, "grid")


def test_command_centre_dashboard_shows_queue_map_and_rankings(person: Callable[..., Page]) -> None:
    page = person("command-centre")
    expect(page.get_by_role("heading", name="指挥中心")).to_be_visible()
    expect(page.get_by_test_id("open-count")).to_have_text(re.compile(r"^\d+$"))
    expect(page.locator("figure.chart").first).to_be_visible()
    expect(page.get_by_role("group", name=re.compile("在办工单"))).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    shot(page, "dashboard")


def _post(base: str, path: str, body: dict[str, object], token: str | None = None) -> dict[str, object]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(f"{base}{path}", data=json.dumps(body).encode(), headers=headers, method="POST")
    with urllib.request.urlopen(request) as response:
        return dict(json.loads(response.read()))


def test_three_nearby_reports_raise_a_hotspot_the_command_centre_opens_an_order_for(
        person: Callable[..., Page], base: str) -> None:
    # Three reports of rubbish within about 100 m of a grid's centre, from three people, over HTTP.
    with urllib.request.urlopen(f"{base}/catalog/areas") as response:
        grid = json.loads(response.read())["grids"]["features"][6]["properties"]
    lon, lat = grid["point"]
    from shared.auth import issue_local_token

    tokens = [str(_post(base, "/_local/token", {"person": who})["token"]) for who in ("resident", "grid-worker")]
    tokens.append(issue_local_token("r-neighbour", "resident"))  # a neighbour: the demo has one resident
    cases = []
    for n, token in enumerate(tokens):
        order = _post(base, "/workorders", {"text": "小区门口垃圾堆了好几天没人清运", "category": "garbage",
                                            "location": {"lon": lon + n * 0.0006, "lat": lat}}, token)
        cases.append(str(order["case_number"]))

    page = person("command-centre")
    page.set_viewport_size({"width": 1280, "height": 900})
    hotspot = page.locator(f"[data-hotspot='H-{cases[0]}']")
    for _ in range(30):  # the hotspot consumer runs off the order events' queue
        if hotspot.count():
            break
        page.wait_for_timeout(1000)
        page.reload()
        page.get_by_test_id("hotspots").or_(page.get_by_text("暂无").first).first.wait_for()
    expect(hotspot).to_contain_text("3")
    expect(page.locator("circle.marker.hotspot")).not_to_have_count(0)
    shot(page, "hotspot")
    assert not serious_violations(page), describe(serious_violations(page))
    hotspot.locator("button[data-action=open-hotspot]").click()
    link = hotspot.get_by_test_id("coordinated-order")
    expect(link).to_have_text(re.compile(r"^\d{6}-[A-Z0-9]+$"))
    link.click()
    expect(page.get_by_test_id("track")).to_contain_text(cases[0])

    street = person("street")  # the street sees it in its own workspace
    expect(street.locator(f"[data-hotspot='H-{cases[0]}']")).to_contain_text("已开单")
