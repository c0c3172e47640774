"""Case numbers: the local date plus six random Crockford base32 characters, e.g.
"261122-7KQ4M2". Readable over the phone (no I, L, O, U), about a billion per day, and no
shared counter: uniqueness is guarded by a conditional put on the order's key."""

from __future__ import annotations

import re
import secrets
from datetime import datetime

from shared.clock import CHINA_TZ as CHINA

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_LENGTH = 6

PATTERN = re.compile(r"^\d{6}-[0-9A-HJKMNP-TV-Z]{6}$")


def new_case_number(at: datetime) -> str:
    day = at.astimezone(CHINA).strftime("%y%m%d")
    return day + "-" + "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))


def normalise(text: str) -> str | None:
    """What a resident reads out or types: lower case, spaces, O for 0, I/L for 1."""
    cleaned = re.sub(r"[\s_]", "", text).upper().replace("O", "0").replace("I", "1").replace("L", "1")
    if len(cleaned) == 12 and "-" not in cleaned:
        cleaned = cleaned[:6] + "-" + cleaned[6:]
    return cleaned if PATTERN.match(cleaned) else None
