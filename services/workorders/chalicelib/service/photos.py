"""Photos of reports and replies: presigned uploads, checking and cleaning what a report
or a reply names, and presigned views for the people who may see them (the resident, the
handling unit, the reporter and the command centre), over the media and order ports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from chalicelib.domain import access, casenumber, photos, workflow
from chalicelib.domain.workflow import Order, iso
from chalicelib.models.photos import AttachIn, UploadIn
from chalicelib.models.requests import IntakeIn
from chalicelib.service.ports import MediaPort, OrderStore
from shared import clock
from shared.auth import Principal, Role
from shared.errors import Forbidden, InvalidField, NotFound
from shared.observability import logger

ATTACH_STATUSES = frozenset({"signed", "in_progress", "extension_requested", "replied", "reopened"})


def upload_not_found(field: str, key: str) -> NotFound:
    # One answer for "not uploaded", "expired" and "someone else's".
    return NotFound(f"{field}: no upload {key}", zh=f"{field}: 没有这张照片 {key}", code="photo_not_found", field=field)


class PhotoService:
    def __init__(self, media: MediaPort, repository: OrderStore, now: Callable[[], datetime] = clock.now) -> None:
        self.media = media
        self.repo = repository
        self.now = now

    # --- uploading ----------------------------------------------------------------------
    def new_upload(self, principal: Principal, body: UploadIn) -> dict[str, Any]:
        key = photos.new_pending_key(principal.subject, body.share_location)
        post = self.media.presigned_post(key, body.content_type, photos.MAX_BYTES, photos.UPLOAD_SECONDS)
        expires = self.now() + timedelta(seconds=photos.UPLOAD_SECONDS)
        return {"key": key, "url": post["url"], "fields": post["fields"], "max_bytes": photos.MAX_BYTES,
                "expires_at": iso(expires)}

    def claim(self, principal: Principal, keys: list[str], field: str, limit: int) -> list[str]:
        """Checks the caller's uploads and stores each cleaned; returns the stored keys.
        Claiming again (a retried request) stores the same keys again."""
        if len(keys) > limit:
            raise InvalidField(field, f"at most {limit} photos", f"最多 {limit} 张照片")
        if len(set(keys)) != len(keys):
            raise InvalidField(field, "the same photo is named twice", "同一张照片出现两次")
        pending = []
        for index, key in enumerate(keys):
            where = f"{field}[{index}]"
            found = photos.parse_pending(key, principal.subject)
            if found is None:
                raise upload_not_found(where, key)
            size = self.media.size(key)
            if size is None:
                raise upload_not_found(where, key)
            if size > photos.MAX_BYTES:
                raise InvalidField(where, f"the photo is over 5 MB ({size} bytes)", f"照片超过 5 MB（{size} 字节）")
            pending.append((where, found))
        stored = []
        for where, found in pending:
            data = self.media.read(found.key, photos.MAX_BYTES)
            if len(data) > photos.MAX_BYTES:
                raise InvalidField(where, "the photo is over 5 MB", "照片超过 5 MB")
            try:
                cleaned = photos.clean(data, keep_location=found.share_location and principal.role == Role.RESIDENT)
            except photos.NotAnImage as exc:
                raise InvalidField(where, f"not a JPEG, PNG or WebP image ({exc})", "不是 JPEG、PNG 或 WebP 图片") from exc
            key = photos.stored_key(found.photo_id, cleaned.extension)
            self.media.put(key, cleaned.data, cleaned.content_type)
            stored.append(key)
        logger.info("photos stored", extra={"count": len(stored)})
        return stored

    def claim_intake(self, principal: Principal, body: IntakeIn) -> IntakeIn:
        """A report from the portal names uploads of its sender only (external media URLs
        come through channels such as Open311, not this route)."""
        if not body.photos:
            return body
        stored = self.claim(principal, list(body.photos), "photos", photos.MAX_REPORT_PHOTOS)
        return body.model_copy(update={"photos": stored})

    # --- a unit's before / after photos -------------------------------------------------
    def attach(self, principal: Principal, case_number: str, body: AttachIn) -> dict[str, Any]:
        order = self._load(principal, case_number)
        if not access.is_handler(order, principal) and principal.role != Role.COMMAND_CENTRE:
            raise Forbidden("only the handling unit adds photos to its reply", zh="只有承办单位可以添加处置照片")
        if order["status"] not in ATTACH_STATUSES:
            raise InvalidField("status", f"order is {order['status']}: sign it first", f"工单状态为 {order['status']}，不能添加照片")
        present = [p for p in order.get("reply_photos") or [] if p["stage"] == body.stage]
        room = photos.MAX_REPLY_PHOTOS - len(present)
        if room <= 0:
            raise InvalidField("photos", f"already {len(present)} {body.stage} photos", f"已有 {len(present)} 张{body.stage}照片")
        stored = self.claim(principal, list(body.photos), "photos", room)
        now = self.now()
        known = {p["key"] for p in order.get("reply_photos") or []}
        added = [{"key": k, "stage": body.stage, "at": iso(now), "by": principal.unit} for k in stored if k not in known]
        if added:
            changed: Order = {**order, "reply_photos": [*(order.get("reply_photos") or []), *added],
                              "track": list(order.get("track") or []), "version": int(order.get("version", 0)) + 1}
            workflow.add_track(changed, now, "photos-added", workflow.actor(principal),
                               f"{len(added)} {body.stage}", stage=body.stage, count=len(added))
            self.repo.save(changed)
            order = changed
        return self._shown(order)

    # --- viewing ------------------------------------------------------------------------
    def view(self, principal: Principal, case_number: str) -> dict[str, Any]:
        order = self._load(principal, case_number)
        if not may_see_photos(order, principal):
            raise Forbidden("照片只给反映人、承办单位和指挥中心看 / photos are shown to the resident, "
                            "the handling unit and the command centre only")
        return self._shown(order)

    def _shown(self, order: Order) -> dict[str, Any]:
        expires = iso(self.now() + timedelta(seconds=photos.VIEW_SECONDS))

        def entry(value: str, stage: str) -> dict[str, Any] | None:
            if photos.is_stored_key(value):
                return {"stage": stage, "key": value, "url": self.media.presigned_get(value, photos.VIEW_SECONDS),
                        "expires_at": expires, "external": False}
            if photos.is_external(value):  # Open311's media_url: a link the reporter gave
                return {"stage": stage, "url": value, "external": True}
            return None

        report = [e for v in order.get("photos") or [] if (e := entry(v, "report"))]
        reply = [e for p in order.get("reply_photos") or [] if (e := entry(p["key"], p["stage"]))]
        return {"case_number": order["case_number"], "photos": report + reply}

    def _load(self, principal: Principal, case_number: str) -> Order:
        normalised = casenumber.normalise(case_number)
        order = self.repo.get(normalised) if normalised else None
        if order is None or not access.can_view(order, principal):
            raise NotFound(f"no work order {case_number}", zh=f"没有工单 {case_number}", code="not_found")
        return order


def may_see_photos(order: Order, principal: Principal) -> bool:
    """The resident who reported, the reporter (a grid worker's 随手拍), the handling unit
    and the command centre."""
    if principal.role == Role.COMMAND_CENTRE or access.is_handler(order, principal):
        return True
    if order.get("resident") and order.get("resident") == principal.subject:
        return True
    return bool((order.get("submitter") or {}).get("subject") == principal.subject)
