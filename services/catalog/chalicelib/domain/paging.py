"""Opaque page tokens: base64url of {"offset", "query"} where query is a hash of the
search and its filters, so a token cannot be replayed against another search."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from typing import Any

from shared.errors import BadRequest


def fingerprint(parts: dict[str, Any]) -> str:
    canonical = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def encode_token(offset: int, query_hash: str) -> str:
    raw = json.dumps({"offset": offset, "query": query_hash}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _bad(message: str) -> BadRequest:
    return BadRequest(
        f"next_token: {message}",
        code="invalid_parameter",
        field="next_token",
        fields=["next_token"],
    )


def decode_token(token: str, query_hash: str) -> int:
    """The offset a token points at; 400 naming next_token if it is malformed or belongs to
    another search."""
    try:
        padded = token + "=" * (-len(token) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError, binascii.Error):
        raise _bad("malformed page token") from None
    if not isinstance(data, dict) or set(data) != {"offset", "query"}:
        raise _bad("malformed page token")
    offset = data["offset"]
    if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise _bad("malformed page token")
    if data["query"] != query_hash:
        raise _bad("the token belongs to a different search; repeat the same q and filters or start again without it")
    return offset
