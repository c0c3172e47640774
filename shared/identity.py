"""One number: a resident known by a verified mobile number is one subject on every channel
(SMS, portal), derived from the number with a keyed hash so the number itself is never the id."""

from __future__ import annotations

import hashlib
import hmac

from shared.settings import get_settings

SUBJECT_PREFIX = "p-"


def phone_hash(e164: str, key: str | None = None) -> str:
    """HMAC-SHA256 of the E.164 number under PHONE_KEY, hex. Looks a number up without storing it."""
    secret = (key or get_settings().phone_key).encode()
    return hmac.new(secret, e164.encode(), hashlib.sha256).hexdigest()


def resident_subject(e164: str, key: str | None = None) -> str:
    """"p-" + the first 24 hex characters of HMAC-SHA256(PHONE_KEY, e164)."""
    return SUBJECT_PREFIX + phone_hash(e164, key)[:24]
