"""The photo use cases (chalicelib/service/photos.py) on in-memory fakes of their ports: a
report or a reply names uploads, and the service checks owner, existence, type and size,
cleans each photo (location metadata stripped unless the resident shares it) and shows them
to who may see them. The presigned forms and views on S3 are tested on moto
(test_uploads.py)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from chalicelib.domain import photos as photo_rules
from chalicelib.models.photos import AttachIn, UploadIn
from chalicelib.models.requests import IntakeIn
from chalicelib.service import PhotoService, Service
from PIL import Image

from shared import clock
from shared.auth import Principal, Role
from shared.errors import DomainError
from tests.workorders.conftest import GRID
from tests.workorders.fakes import FakeEvents, FakeMedia, FakeOrders
from tests.workorders.test_uploads import GPS_IFD, jpeg_with_gps

MONDAY_9AM = datetime.fromisoformat("2026-11-23T09:00:00+08:00")
RESIDENT = Principal(subject="r-photo-1", role=Role.RESIDENT)
OTHER = Principal(subject="r-photo-2", role=Role.RESIDENT)
UNIT = Principal(subject="um-01", role=Role.DEPARTMENT, unit="urban-management")
OTHER_UNIT = Principal(subject="water-1", role=Role.DEPARTMENT, unit="water")


@dataclass
class Parts:
    photos: PhotoService
    orders: Service
    media: FakeMedia
    store: FakeOrders

    def upload(self, who: Principal, data: bytes, share_location: bool = False) -> str:
        """A presigned form, and the browser posting the file with it."""
        form = self.photos.new_upload(who, UploadIn.model_validate({"content_type": "image/jpeg",
                                                                    "share_location": share_location}))
        self.media.upload(form["key"], data)
        return str(form["key"])

    def report(self, keys: list[str], who: Principal = RESIDENT) -> dict[str, Any]:
        """What POST /workorders does: the uploads are claimed, then the report is taken."""
        body = IntakeIn.model_validate({"text": "小区门口路灯不亮好几天了", "location": {"grid": GRID}, "photos": keys})
        return self.orders.intake(who, self.photos.claim_intake(who, body))

    def attach(self, who: Principal, case: str, stage: str, keys: list[str]) -> dict[str, Any]:
        return self.photos.attach(who, case, AttachIn.model_validate({"stage": stage, "photos": keys}))


@pytest.fixture
def parts() -> Iterator[Parts]:
    media, store = FakeMedia(), FakeOrders()
    with clock.frozen(MONDAY_9AM):
        yield Parts(PhotoService(media, store), Service(store, FakeEvents()), media, store)


def refused(action: Any) -> dict[str, Any]:
    """The error an action raises, as the HTTP answer's body shows it (with its status)."""
    with pytest.raises(DomainError) as raised:
        action()
    return {"status": raised.value.status, **raised.value.body()["error"]}


def stored_exif(parts: Parts, case: str, who: Principal = RESIDENT) -> Any:
    url = parts.photos.view(who, case)["photos"][0]["url"]
    with Image.open(io.BytesIO(parts.media.data(url))) as image:
        assert image.format == "JPEG"
        return image.getexif()


def test_the_resident_may_share_the_photo_location(parts: Parts) -> None:
    key = parts.upload(RESIDENT, jpeg_with_gps(), share_location=True)
    case = parts.report([key])["case_number"]
    assert GPS_IFD in stored_exif(parts, case)


def test_too_big_not_an_image_and_someone_elses_upload_are_refused(parts: Parts) -> None:
    too_big = parts.upload(RESIDENT, b"\xff\xd8\xff" + b"\0" * (5 * 1024 * 1024))  # S3 enforces the form's limit; a fake does not
    error = refused(lambda: parts.report([too_big]))
    assert error["status"] == 400 and error["field"] == "photos[0]" and "5 MB" in error["message"]

    not_image = parts.upload(RESIDENT, b"<html><script>alert(1)</script></html>")
    error = refused(lambda: parts.report([not_image]))
    assert error["status"] == 400 and "JPEG" in error["message"]

    theirs = parts.upload(OTHER, jpeg_with_gps())
    error = refused(lambda: parts.report([theirs]))
    assert error["status"] == 404 and error["code"] == "photo_not_found"
    mine = parts.upload(RESIDENT, jpeg_with_gps())
    never_uploaded = mine.rsplit("/", 1)[0] + "/" + "0" * 32  # well formed, the resident's own prefix
    error = refused(lambda: parts.report([never_uploaded]))
    assert error["status"] == 404 and error["code"] == "photo_not_found"

    four = [parts.upload(RESIDENT, jpeg_with_gps()) for _ in range(4)]
    assert refused(lambda: parts.report(four))["status"] == 400
    # Nothing was stored by the refused reports.
    assert parts.store.orders == {}
    assert not [k for k in parts.media.objects if k.startswith(photo_rules.STORED)]


def test_the_handling_unit_adds_before_and_after_photos(parts: Parts) -> None:
    case = parts.report([])["case_number"]
    before = parts.upload(UNIT, jpeg_with_gps())
    assert refused(lambda: parts.attach(UNIT, case, "before", [before]))["status"] == 400  # not signed yet
    assert parts.orders.act(UNIT, case, "sign", {})["status"] == "signed"
    parts.attach(UNIT, case, "before", [before])
    again = parts.attach(UNIT, case, "before", [before])
    assert [p["stage"] for p in again["photos"]] == ["before"]  # a retry adds nothing
    after = parts.upload(UNIT, jpeg_with_gps())
    parts.attach(UNIT, case, "after", [after])
    # Another unit cannot add, and the resident sees both in the order's photos and track.
    stranger = parts.upload(OTHER_UNIT, jpeg_with_gps())
    assert refused(lambda: parts.attach(OTHER_UNIT, case, "after", [stranger]))["status"] == 404
    shown = parts.photos.view(RESIDENT, case)["photos"]
    assert [p["stage"] for p in shown] == ["before", "after"]
    track = parts.orders.get(RESIDENT, case)["track"]
    assert [t["stage"] for t in track if t["action"] == "photos-added"] == ["before", "after"]
