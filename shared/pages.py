"""Opaque page tokens for DynamoDB queries.

A token is the key to go on from (LastEvaluatedKey), signed and bound to the listing it
came from (index, partition key, filter), so a client can neither forge a start key nor
replay one against another list: DynamoDB would refuse such a key (a 500), or it could
start a list at a place of the client's choosing. The signature guards integrity only (the
key values are the listed items' own keys, not secrets).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from typing import Any

from shared.errors import InvalidField
from shared.settings import get_settings

INVALID = "not a page token from this API; start again without it"
ELSEWHERE = "the token belongs to another list; repeat the same query or start again without it"
INVALID_ZH = "不是本接口发出的分页令牌，请去掉它重新开始"
ELSEWHERE_ZH = "该分页令牌属于另一个列表，请用相同的查询条件，或去掉它重新开始"


def key_attributes(index: str) -> set[str]:
    """The attributes of a LastEvaluatedKey of a query on `index`: the table's keys and the index's."""
    return {"pk", "sk", f"{index}pk", f"{index}sk"}


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode((text + "=" * (-len(text) % 4)).encode("ascii"))


def _opened(token: str, field: str) -> tuple[bytes, bytes, Any]:
    """A token's body, signature and decoded JSON; InvalidField(field) unless it has that shape."""
    body_text, dot, signature_text = token.partition(".")
    try:
        body, signature = _unb64(body_text), _unb64(signature_text)
        data = json.loads(body)
    except (ValueError, UnicodeError, binascii.Error) as exc:
        raise InvalidField(field, INVALID, INVALID_ZH) from exc
    if not dot:
        raise InvalidField(field, INVALID, INVALID_ZH)
    return body, signature, data


def _signature(body: bytes, index: str, partition: str, bound: str) -> bytes:
    scope = json.dumps([index, partition, bound], ensure_ascii=False).encode()
    return hmac.new(get_settings().page_token_key.encode(), scope + b"\n" + body, hashlib.sha256).digest()[:16]


def encode(start_key: dict[str, Any] | None, *, index: str, partition: str, bound: str = "") -> str | None:
    """start_key with plain string values (deserialise a low-level client's key first)."""
    if not start_key:
        return None
    body = json.dumps(start_key, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    return f"{_b64(body)}.{_b64(_signature(body, index, partition, bound))}"


def decode(
    token: str | None, *, field: str, index: str, partition: str, bound: str = "", sk_prefix: str | None = None
) -> dict[str, Any] | None:
    """The start key a token stands for; InvalidField(field) (400) unless it was issued for
    the same index, partition and filter and holds exactly that index's keys."""
    if not token:
        return None
    body, signature, data = _opened(token, field)
    if not isinstance(data, dict) or set(data) != key_attributes(index) \
            or not all(isinstance(v, str) and v for v in data.values()):
        raise InvalidField(field, INVALID, INVALID_ZH)
    if data[f"{index}pk"] != partition or (sk_prefix and not data[f"{index}sk"].startswith(sk_prefix)):
        raise InvalidField(field, ELSEWHERE, ELSEWHERE_ZH)
    if not hmac.compare_digest(signature, _signature(body, index, partition, bound)):
        raise InvalidField(field, ELSEWHERE, ELSEWHERE_ZH)
    return data


# ---- offsets into a computed list (e.g. the catalogue's ranked search results) ----------
OFFSET_INDEX = "offset"


def scope_of(parts: dict[str, Any]) -> str:
    """A short stable fingerprint of a list's query and filters, to bind its tokens to it."""
    canonical = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def encode_offset(offset: int, *, scope: str) -> str:
    """A signed token for "go on from `offset`" in the list identified by `scope`."""
    body = json.dumps({"offset": offset}, separators=(",", ":")).encode()
    return f"{_b64(body)}.{_b64(_signature(body, OFFSET_INDEX, scope, ''))}"


def decode_offset(token: str | None, *, field: str, scope: str) -> int:
    """The offset a token stands for (0 without one); InvalidField(field) (400) unless it was
    issued by this API for the same list."""
    if not token:
        return 0
    body, signature, data = _opened(token, field)
    offset = data.get("offset") if isinstance(data, dict) and set(data) == {"offset"} else None
    if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise InvalidField(field, INVALID, INVALID_ZH)
    if not hmac.compare_digest(signature, _signature(body, OFFSET_INDEX, scope, "")):
        raise InvalidField(field, ELSEWHERE, ELSEWHERE_ZH)
    return offset
