"""Domain errors and their one mapping to JSON HTTP errors.

Messages are for residents and staff: Simplified Chinese by default, English when the
request prefers it (Accept-Language; shared.http picks). The code never changes with the
language. A service gives both texts where it raises:

    raise NotFound("no service centre 'x'", zh="没有服务中心 'x'", code="unknown_centre")

`message` (the first argument) is the English text; `zh` the Chinese one. An error raised
without `zh` answers in English in both languages until its service adds the Chinese.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

Language = Literal["zh", "en"]
DEFAULT_LANGUAGE: Language = "zh"


def language_of(headers: Mapping[str, str] | None) -> Language:
    """"en" when Accept-Language ranks an English tag above every Chinese one, else "zh"
    (Simplified Chinese is the default, also for languages we do not have)."""
    header = ""
    if headers is not None:
        header = headers.get("accept-language") or headers.get("Accept-Language") or ""
    best: tuple[float, int, Language] | None = None
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        tag = tag.strip().lower()
        language: Language | None = "en" if tag.startswith("en") else "zh" if tag.startswith("zh") else None
        if language is None:
            continue
        weight = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if weight > 0 and (best is None or (weight, -position) > (best[0], best[1])):
            best = (weight, -position, language)
    return best[2] if best else DEFAULT_LANGUAGE


class DomainError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, code: str | None = None, zh: str | None = None, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.zh = zh
        if code:
            self.code = code
        self.details = details

    def text(self, language: Language = DEFAULT_LANGUAGE) -> str:
        """The message in the language asked for (English when no Chinese text was given)."""
        return self.zh if language == "zh" and self.zh else self.message

    def body(self, language: Language = DEFAULT_LANGUAGE) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.text(language)}
        error.update(self.details)
        return {"error": error}


class BadRequest(DomainError):
    status = 400
    code = "bad_request"


class InvalidField(BadRequest):
    """A named field is wrong. `field` names it for the client (in both languages)."""

    code = "invalid_field"

    def __init__(self, field: str, message: str, zh: str | None = None) -> None:
        super().__init__(f"{field}: {message}", zh=f"{field}: {zh}" if zh else None, field=field)


class Unauthorized(DomainError):
    status = 401
    code = "unauthorized"


class Forbidden(DomainError):
    status = 403
    code = "forbidden"


class NotFound(DomainError):
    status = 404
    code = "not_found"


class Conflict(DomainError):
    status = 409
    code = "conflict"


class PayloadTooLarge(DomainError):
    status = 413
    code = "payload_too_large"


class ServiceUnavailable(DomainError):
    """Storage throttled or unreachable: the client may retry (with the same Idempotency-Key)."""

    status = 503
    code = "unavailable"
