"""Photos on moto: presigned uploads straight to S3, then the report names the keys and the
service checks and cleans them (location metadata stripped) and shows them through presigned
views. The checks' other cases and a unit's before / after photos are use-case tests on fakes
(test_photo_use_cases.py)."""

from __future__ import annotations

import base64
import io
import json
from typing import Any

import requests
from PIL import Image

from tests.conftest import token
from tests.workorders.conftest import call, grid_point

RESIDENT = token("resident", "r-photo-1")
OTHER = token("resident", "r-photo-2")
GRID_WORKER = token("grid-worker", "gw-01", "JN-S01-C01-G01")
UNIT = token("department", "um-01", "urban-management")
OTHER_UNIT = token("department", "water-1", "water")
CENTRE = token("command-centre", "cc-01", "command-center")
GPS_IFD = 0x8825


def jpeg_with_gps(width: int = 64, height: int = 48) -> bytes:
    image = Image.new("RGB", (width, height), (200, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make: stays
    exif[0x0112] = 1  # Orientation: stays
    exif[GPS_IFD] = {1: "N", 2: (41.0, 2.0, 35.5), 3: "E", 4: (113.0, 5.0, 14.6)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def upload(client: Any, headers: dict[str, str], data: bytes, content_type: str = "image/jpeg",
           share_location: bool = False) -> str:
    answer = call(client, "POST", "/workorders/uploads", headers,
                  {"content_type": content_type, "share_location": share_location})
    assert answer.status_code == 201, answer.body
    form = json.loads(answer.body)
    posted = requests.post(form["url"], data=form["fields"], files={"file": ("photo.jpg", data, content_type)}, timeout=10)
    assert posted.status_code in (200, 201, 204), posted.text
    return str(form["key"])


def report(client: Any, photos: list[str], headers: dict[str, str] = RESIDENT) -> Any:
    return call(client, "POST", "/workorders", headers,
                {"text": "小区门口路灯不亮好几天了", "location": grid_point(), "photos": photos})


def fetch_photos(client: Any, case: str, headers: dict[str, str]) -> Any:
    return call(client, "GET", f"/workorders/{case}/photos", headers)


def test_the_presigned_post_limits_type_size_and_key(client: Any) -> None:
    answer = call(client, "POST", "/workorders/uploads", RESIDENT, {"content_type": "image/png"})
    assert answer.status_code == 201
    form = json.loads(answer.body)
    policy = json.loads(base64.b64decode(form["fields"]["policy"]))
    conditions = policy["conditions"]
    assert ["content-length-range", 1, 5 * 1024 * 1024] in conditions
    assert ["starts-with", "$Content-Type", "image/"] in conditions
    assert {"key": form["key"]} in conditions
    assert form["key"].startswith("pending/") and "r-photo-1" not in form["key"]
    refused = call(client, "POST", "/workorders/uploads", RESIDENT, {"content_type": "text/html"})
    assert refused.status_code == 400 and json.loads(refused.body)["error"]["code"] == "invalid_field"


def test_a_report_with_a_photo_is_cleaned_and_shown_to_resident_unit_and_centre_only(client: Any) -> None:
    key = upload(client, RESIDENT, jpeg_with_gps())
    created = report(client, [key])
    assert created.status_code == 201, created.body
    order = json.loads(created.body)
    case = order["case_number"]
    assert len(order["photos"]) == 1 and order["photos"][0].startswith("photos/") and order["photos"][0].endswith(".jpg")
    assert order["handler"]["code"] == "urban-management"
    for headers in (RESIDENT, UNIT, CENTRE):
        shown = fetch_photos(client, case, headers)
        assert shown.status_code == 200, shown.body
        photos = json.loads(shown.body)["photos"]
        assert [p["stage"] for p in photos] == ["report"]
    fetched = requests.get(photos[0]["url"], timeout=10)
    assert fetched.status_code == 200
    with Image.open(io.BytesIO(fetched.content)) as image:
        assert image.format == "JPEG"
        exif = image.getexif()
        assert GPS_IFD not in exif  # the location is gone
        assert exif[0x010F] == "PhoneMaker"  # the rest stays
    # A grid worker of the area follows the case but does not see the photos; a stranger sees nothing.
    assert fetch_photos(client, case, GRID_WORKER).status_code == 403
    assert fetch_photos(client, case, OTHER).status_code == 404
    assert fetch_photos(client, case, OTHER_UNIT).status_code == 404
