"""Photos in the browser (straight to moto's S3 by presigned POST), the grid worker's
随手拍 on a phone, and the dashboard's daily trends; axe on the new pages."""

from __future__ import annotations

import io
import json
import re
import urllib.request
from collections.abc import Callable

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from tests.portal.browser import SCREENSHOTS, describe, serious_violations


def jpeg(colour: tuple[int, int, int]) -> dict[str, object]:
    image = Image.new("RGB", (320, 240), colour)
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (41.0, 2.0, 35.5), 3: "E", 4: (113.0, 5.0, 14.6)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return {"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": out.getvalue()}


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def loaded_images(page: Page, test_id: str) -> int:
    return int(page.evaluate(f"[...document.querySelectorAll('[data-testid={test_id}] img')]"
                             ".filter((i) => i.complete && i.naturalWidth > 0).length"))


def test_a_photo_goes_with_the_report_and_the_unit_sees_it_and_adds_its_own(person: Callable[..., Page]) -> None:
    resident = person("resident")
    resident.goto(resident.url.split("#")[0] + "#/report")
    resident.fill("#text", "小区门口路灯不亮好几天了,晚上走路很危险")
    resident.locator(".grid-cell[role=button]").first.focus()
    resident.keyboard.press("Enter")
    resident.set_input_files("#photos", [jpeg((200, 60, 40))])
    expect(resident.get_by_test_id("chosen-photos").locator("img")).to_have_count(1)
    shot(resident, "report-photo")
    resident.get_by_role("button", name="提交").click()
    case_number = resident.get_by_test_id("case-number").inner_text()
    assert re.match(r"^\d{6}-[A-Z0-9]+$", case_number)

    clerk = person("department")
    clerk.goto(clerk.url.split("#")[0] + f"#/work/{case_number}")
    expect(clerk.get_by_test_id("order-photos").locator("img")).to_have_count(1)
    clerk.wait_for_function("document.querySelector('[data-testid=order-photos] img').naturalWidth > 0")
    clerk.get_by_role("button", name="签收").click()
    expect(clerk.get_by_test_id("order-status")).not_to_have_text("派单")
    clerk.get_by_label("处置后").check()
    clerk.set_input_files("#unit-photos", [jpeg((40, 160, 60))])
    clerk.get_by_role("button", name="上传照片").click()
    expect(clerk.get_by_test_id("order-photos").locator("img")).to_have_count(2)
    expect(clerk.get_by_test_id("track")).to_contain_text("photos-added")
    shot(clerk, "work-photos")
    assert not serious_violations(clerk), describe(serious_violations(clerk))

    resident.goto(resident.url.split("#")[0] + f"#/requests/{case_number}")
    expect(resident.get_by_test_id("order-photos").locator("img")).to_have_count(2)
    resident.wait_for_function("[...document.querySelectorAll('[data-testid=order-photos] img')].every((i) => i.naturalWidth > 0)")
    assert loaded_images(resident, "order-photos") == 2
    expect(resident.get_by_test_id("order-photos")).to_contain_text("处置后")


def grid_point(base: str, code: str = "JN-S01-C01-G01") -> tuple[float, float]:
    with urllib.request.urlopen(f"{base}/catalog/areas") as response:
        grids = json.loads(response.read())["grids"]["features"]
    lon, lat = next(f["properties"]["point"] for f in grids if f["properties"]["code"] == code)
    return float(lon), float(lat)


@pytest.mark.parametrize("care", [False, True], ids=["normal", "care"])
def test_snap_and_report_on_a_phone(person: Callable[..., Page], base: str, care: bool) -> None:
    lon, lat = grid_point(base)
    page = person("grid-worker", care=care)
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": lat, "longitude": lon})
    assert page.viewport_size == {"width": 390, "height": 844}
    page.get_by_role("link", name="随手拍").click()
    expect(page.get_by_test_id("snap-place")).to_contain_text("网格")
    page.set_input_files("#snap-photo", [jpeg((90, 90, 200))])
    page.fill("#snap-text", "路边井盖丢失了,很危险")
    expect(page.get_by_test_id("snap-category")).not_to_be_empty()
    violations = serious_violations(page)
    assert not violations, describe(violations)
    if not care:
        shot(page, "snap")
    page.get_by_test_id("snap-send").click()
    expect(page.get_by_test_id("snap-done")).to_contain_text(re.compile(r"\d{6}-[A-Z0-9]+"))
    case_number = page.get_by_test_id("case-number").inner_text()
    page.get_by_role("link", name="办理进度").click()
    expect(page.get_by_test_id("order-photos").locator("img")).to_have_count(1)  # the reporter sees the photo
    expect(page.get_by_role("heading", name=case_number)).to_be_visible()


@pytest.mark.parametrize("care", [False, True], ids=["normal", "care"])
def test_the_dashboard_draws_daily_trends(person: Callable[..., Page], care: bool) -> None:
    page = person("command-centre", care=care)
    trends = page.get_by_test_id("trends")
    expect(trends.locator("figure.trend")).to_have_count(3, timeout=30_000)  # after the queue, map and rankings
    expect(trends).to_contain_text("一小时内签收率")
    expect(trends.locator("svg[role=img]").first).to_have_attribute("aria-label", re.compile(r"\d{2}-\d{2}"))
    page.select_option("#trend-days", "7")
    expect(trends.locator("figure.trend circle, figure.trend polyline").first).to_be_attached()
    page.wait_for_load_state("networkidle")
    violations = serious_violations(page)
    assert not violations, describe(violations)
    if not care:
        page.set_viewport_size({"width": 1280, "height": 900})
        trends.screenshot(path=str(SCREENSHOTS / "trends.png"))
