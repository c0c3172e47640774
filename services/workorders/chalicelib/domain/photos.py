"""Photo rules: where an upload may go, who owns it, and what an accepted photo is.

A browser uploads straight to the media bucket under `pending/<owner>/<id>[.location]`
(the owner is a hash of the caller's subject, so keys show no identity and one caller
cannot name another's upload); a report or reply then names those keys and the service
checks and cleans each one into `photos/<id>.<ext>` (pending uploads expire after a day
by the bucket's lifecycle rule). Cleaning re-encodes the image with Pillow, which also
proves it is one (the format comes from its magic bytes, never from the file name or
the Content-Type the browser sent), and drops the EXIF GPS block and XMP packet unless
the resident chose to share the photo's location."""

from __future__ import annotations

import hashlib
import io
import re
import uuid
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_REPORT_PHOTOS = 3
MAX_REPLY_PHOTOS = 3  # per stage: before and after
MAX_PIXELS = 40_000_000  # a decompression bomb is refused, not decoded
UPLOAD_SECONDS = 600  # how long a presigned POST may be used
VIEW_SECONDS = 300  # how long a presigned GET may be used
PENDING = "pending/"
STORED = "photos/"
GPS_IFD = 0x8825
FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}
_PENDING_KEY = re.compile(r"^pending/([0-9a-f]{24})/([0-9a-f]{32})(\.location)?$")
_STORED_KEY = re.compile(r"^photos/[0-9a-f]{32}\.(jpg|png|webp)$")


class NotAnImage(ValueError):
    """The bytes are not a JPEG, PNG or WebP image Pillow can decode."""


def owner_of(subject: str) -> str:
    return hashlib.sha256(f"govportal-photo-owner:{subject}".encode()).hexdigest()[:24]


def new_pending_key(subject: str, share_location: bool) -> str:
    return f"{PENDING}{owner_of(subject)}/{uuid.uuid4().hex}{'.location' if share_location else ''}"


@dataclass(frozen=True)
class Pending:
    key: str
    photo_id: str
    share_location: bool


def parse_pending(key: str, subject: str) -> Pending | None:
    """The caller's own pending upload named by `key`, or None (malformed or someone else's:
    the same answer, so keys are not to be probed)."""
    match = _PENDING_KEY.match(key)
    if not match or match.group(1) != owner_of(subject):
        return None
    return Pending(key, match.group(2), bool(match.group(3)))


def is_stored_key(value: str) -> bool:
    return bool(_STORED_KEY.match(value))


def is_external(value: str) -> bool:
    """An external reference (Open311's media_url): shown as a link, never fetched."""
    return value.startswith(("https://", "http://"))


@dataclass(frozen=True)
class Cleaned:
    data: bytes
    content_type: str
    extension: str
    width: int
    height: int


def clean(data: bytes, keep_location: bool) -> Cleaned:
    """Decodes and re-encodes the image; the EXIF GPS block and the XMP packet go unless
    `keep_location`. Orientation and other EXIF tags stay."""
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in FORMATS:
                raise NotAnImage(f"format {image.format} is not accepted")
            image.load()
            content_type, extension = FORMATS[image.format]
            exif = image.getexif()
            if not keep_location:
                exif.pop(GPS_IFD, None)
                for name in ("xmp", "XML:com.adobe.xmp"):
                    image.info.pop(name, None)
            params: dict[str, object] = {"exif": exif.tobytes()} if len(exif) else {}
            if image.format == "JPEG":
                params.update(quality=90, optimize=True)
            if keep_location and image.info.get("xmp") and image.format in ("JPEG", "WEBP"):
                params["xmp"] = image.info["xmp"]
            out = io.BytesIO()
            image.save(out, format=image.format, **params)
            return Cleaned(out.getvalue(), content_type, extension, image.width, image.height)
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning, OSError,
            SyntaxError, ValueError) as exc:
        if isinstance(exc, NotAnImage):
            raise
        raise NotAnImage(str(exc) or type(exc).__name__) from exc


def stored_key(photo_id: str, extension: str) -> str:
    return f"{STORED}{photo_id}.{extension}"
