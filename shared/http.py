"""Routes with an explicit role rule each, request parsing with pydantic, and the one place
where domain errors become JSON HTTP errors: {"error": {"code", "message", ...}}.

Error messages are in Simplified Chinese unless the request's Accept-Language prefers
English (`language_of`); times in answers are ISO 8601 in China time (+08:00)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from aws_lambda_powertools.utilities.idempotency.exceptions import IdempotencyPersistenceLayerError
from botocore.exceptions import ClientError, HTTPClientError
from botocore.exceptions import ConnectionError as BotoConnectionError
from chalice import Blueprint, CORSConfig, Response
from chalice.app import Request
from pydantic import BaseModel, ValidationError

from shared import clock
from shared.auth import Principal, Role, authenticate
from shared.errors import (
    DEFAULT_LANGUAGE,
    BadRequest,
    DomainError,
    Forbidden,
    Language,
    PayloadTooLarge,
    ServiceUnavailable,
    Unauthorized,
    language_of,
)
from shared.observability import logger

M = TypeVar("M", bound=BaseModel)

# Browsers on another origin may send the documented headers (Authorization and
# Content-Type are in Chalice's defaults).
CORS = CORSConfig(allow_origin="*", allow_headers=["Idempotency-Key", "X-Correlation-Id"], max_age=600)

JSON_MEDIA_TYPE = "application/json"


class UnsupportedMediaType(DomainError):
    status = 415
    code = "unsupported_media_type"


def check_media_type(request: Request, also: Iterable[str] = ()) -> None:
    """A body must be JSON (or one of the route's `also` types): form posts and text/plain
    get a 415 that names the type to send."""
    content_type = (request.headers.get("content-type") or "").split(";", 1)[0].strip().lower()
    if not content_type or content_type == JSON_MEDIA_TYPE or content_type.endswith("+json") or content_type in also:
        return
    if request.method in ("POST", "PUT", "PATCH", "DELETE") and (request.raw_body or content_type.startswith(("multipart/", "application/x-www-form-urlencoded"))):
        raise UnsupportedMediaType(
            f"send the body as JSON with 'Content-Type: {JSON_MEDIA_TYPE}' (got {content_type!r})",
            accepted=[JSON_MEDIA_TYPE, *also],
        )


# C0/C1 control characters other than tab, line feed and carriage return: never stored.
_CONTROL = frozenset(chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)))


def refuse_control_characters(value: Any, where: str = "body") -> None:
    if isinstance(value, str):
        bad = next((ch for ch in value if ch in _CONTROL), None)
        if bad is not None:
            raise BadRequest(f"{where} contains the control character U+{ord(bad):04X}; remove it",
                             code="invalid_character", field=where)
    elif isinstance(value, dict):
        for key, item in value.items():
            refuse_control_characters(key, where)
            refuse_control_characters(item, f"{where}.{key}" if where != "body" else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            refuse_control_characters(item, f"{where}.{index}")

MAX_BODY_BYTES = 64 * 1024

# AWS error codes that mean "busy or failing, try again", not "your request is wrong".
RETRYABLE_CODES = frozenset(
    {
        "ThrottlingException",
        "ProvisionedThroughputExceededException",
        "RequestLimitExceeded",
        "InternalServerError",
        "ServiceUnavailable",
        "TransactionInProgressException",
    }
)
_UNAVAILABLE = "storage is busy or unreachable; retry shortly (with the same Idempotency-Key)"
_UNAVAILABLE_ZH = "存储繁忙或暂时无法访问，请稍后重试（POST 请求请使用相同的 Idempotency-Key）"


def transient_failure(exc: Exception) -> ServiceUnavailable | None:
    """A 503 for infrastructure failures a retry may cure; None for anything else."""
    if isinstance(exc, (BotoConnectionError, HTTPClientError, IdempotencyPersistenceLayerError)):
        return ServiceUnavailable(_UNAVAILABLE, zh=_UNAVAILABLE_ZH)
    if isinstance(exc, ClientError):
        code = exc.response.get("Error", {}).get("Code")
        server_side = int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0) >= 500
        if code in RETRYABLE_CODES or server_side:
            return ServiceUnavailable(_UNAVAILABLE, zh=_UNAVAILABLE_ZH)
    return None


class _Public:
    def __repr__(self) -> str:
        return "PUBLIC"


PUBLIC = _Public()
"""Rule for routes anyone may call without a token."""


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime):
        # Every time an API shows is China time with its offset; a naive one is a bug upstream.
        return clock.iso(value, "auto") if value.tzinfo is not None else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def json_response(status: int, body: Any, headers: Mapping[str, str] | None = None) -> Response:
    return Response(
        body=json.dumps(body, ensure_ascii=False, default=_default),
        status_code=status,
        headers={"Content-Type": "application/json; charset=utf-8", **(headers or {})},
    )


def error_response(error: DomainError, language: Language = DEFAULT_LANGUAGE) -> Response:
    return json_response(error.status, error.body(language), {"Content-Language": "zh-CN" if language == "zh" else "en"})


# pydantic's error types in Chinese; anything else keeps pydantic's English text.
_PYDANTIC_ZH = {
    "missing": "缺少此项",
    "extra_forbidden": "不接受此项",
    "string_too_short": "至少 {min_length} 个字符",
    "string_too_long": "最多 {max_length} 个字符",
    "string_pattern_mismatch": "格式不对",
    "string_type": "应为字符串",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "float_parsing": "应为数字",
    "bool_parsing": "应为 true 或 false",
    "literal_error": "应为以下之一：{expected}",
    "enum": "不是允许的取值",
    "greater_than_equal": "应不小于 {ge}",
    "less_than_equal": "应不大于 {le}",
    "greater_than": "应大于 {gt}",
    "less_than": "应小于 {lt}",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "datetime_parsing": "应为带时区的时间（如 2026-10-09T09:00:00+08:00）",
    "datetime_from_date_parsing": "应为带时区的时间（如 2026-10-09T09:00:00+08:00）",
    "timezone_aware": "时间需带时区（如 +08:00）",
    "finite_number": "应为有限数字",
    "json_invalid": "不是有效的 JSON",
    "model_type": "应为 JSON 对象",
    "dict_type": "应为 JSON 对象",
    "list_type": "应为列表",
}


def _describe(exc: ValidationError, prefix: str = "") -> tuple[str, list[str], str]:
    """The English message, the fields named, and the Chinese message."""
    fields, parts, parts_zh = [], [], []
    for err in exc.errors():
        name = prefix + ".".join(str(p) for p in err["loc"]) if err["loc"] else (prefix.rstrip(".") or "body")
        fields.append(name)
        parts.append(f"{name}: {err['msg']}")
        template = _PYDANTIC_ZH.get(err["type"])
        try:
            text = template.format(**err.get("ctx", {})) if template else err["msg"]
        except (KeyError, IndexError):
            text = err["msg"]
        parts_zh.append(f"{name}: {text}")
    return "; ".join(parts), fields, "；".join(parts_zh)


def _invalid(exc: ValidationError, code: str, lead: str = "", lead_zh: str = "") -> BadRequest:
    """The 400 for client data a model refused: every field named, in English and Chinese."""
    message, fields, zh = _describe(exc)
    return BadRequest(f"{lead}{message}", zh=f"{lead_zh}{zh}", code=code, fields=fields)


@dataclass
class RequestContext:
    request: Request
    principal_or_none: Principal | None
    path: str

    @property
    def principal(self) -> Principal:
        if self.principal_or_none is None:
            raise Unauthorized("this action needs a bearer token", zh="此操作需要登录令牌（Bearer token）")
        return self.principal_or_none

    @property
    def language(self) -> Language:
        """The language of messages for this request ("zh" unless English is preferred)."""
        return language_of(self.request.headers)

    @property
    def headers(self) -> Mapping[str, str]:
        return self.request.headers

    def header(self, name: str) -> str | None:
        return self.request.headers.get(name.lower()) or self.request.headers.get(name)

    @property
    def idempotency_key(self) -> str | None:
        key = self.header("Idempotency-Key")
        if key is not None and not (1 <= len(key) <= 128):
            raise BadRequest("Idempotency-Key must be 1 to 128 characters", zh="Idempotency-Key 须为 1 到 128 个字符",
                             code="invalid_header", field="Idempotency-Key")
        return key

    def query(self, model: type[M]) -> M:
        """Query parameters as a pydantic model; declare extra='forbid' to reject unknown ones."""
        params = dict(self.request.query_params or {})
        try:
            return model.model_validate(params)
        except ValidationError as exc:
            raise _invalid(exc, "invalid_parameter", "bad query parameter: ", "查询参数有误：") from exc

    def body(self, model: type[M]) -> M:
        raw = self.request.raw_body or b""
        if len(raw) > MAX_BODY_BYTES:
            raise PayloadTooLarge(f"request body over {MAX_BODY_BYTES} bytes", zh=f"请求体超过 {MAX_BODY_BYTES} 字节")
        if not raw.strip():
            raise BadRequest("request body is empty: send a JSON object", zh="请求体为空：请发送一个 JSON 对象",
                             code="invalid_body")
        try:
            data = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            raise BadRequest(f"request body is not valid JSON: {exc}", zh=f"请求体不是有效的 JSON：{exc}",
                             code="invalid_json") from exc
        refuse_control_characters(data)
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            raise _invalid(exc, "invalid_field", "invalid request body: ", "请求体有误：") from exc


View = Callable[..., Any]


@dataclass
class RouteRule:
    method: str
    path: str
    allow: Any  # PUBLIC or frozenset[Role]
    view: str
    # What shared.openapi documents (it finds ctx.query/ctx.body models in the view itself;
    # these override it): the success status, the answer's model, extra body types.
    function: View | None = None
    status: int | None = None
    response: Any = None
    query: type[BaseModel] | None = None
    body: type[BaseModel] | None = None
    content_types: tuple[str, ...] = ()
    contract: dict[str, Any] = field(default_factory=dict)


@dataclass
class Routes:
    """Wraps a Blueprint so that every route states who may call it.

    The view receives a RequestContext first, then the path parameters, and returns a
    dict (200), a (status, body) tuple, or a chalice Response.
    """

    blueprint: Blueprint
    rules: list[RouteRule] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Every app that registers a Routes blueprint also serves its generated OpenAPI
        # document (/openapi.json) and a page to read it (/docs), once per app.
        from shared.openapi import publish

        self.blueprint._deferred_registrations.append(lambda app, options: publish(app))

    def route(self, path: str, method: str, allow: _Public | Iterable[Role],
              content_types: list[str] | None = None, **contract: Any) -> Callable[[View], View]:
        """content_types: what the route accepts besides JSON (e.g. Open311's form posts).
        contract: what the OpenAPI document says beyond what it finds itself: status=201,
        response=Model, query=Model, body=Model, errors=..., media_types=[...]."""
        roles: frozenset[Role] | None = None if isinstance(allow, _Public) else frozenset(allow)
        if roles is not None and not roles:
            raise ValueError(f"{method} {path}: an empty role list would lock everyone out")

        def decorator(view: View) -> View:
            @functools.wraps(view)
            def handler(**params: Any) -> Response:
                request = self.blueprint.current_request
                language = language_of(request.headers)
                try:
                    principal = None
                    if roles is not None:
                        principal = authenticate(request.headers)
                        if principal.role not in roles:
                            raise Forbidden(f"role {principal.role.value} may not call {method} {path}",
                                            zh=f"角色 {principal.role.value} 无权调用 {method} {path}")
                    check_media_type(request, content_types or ())
                    result = view(RequestContext(request, principal, path), **params)
                    if isinstance(result, Response):
                        return result
                    if isinstance(result, tuple):
                        return json_response(result[0], result[1])
                    return json_response(200, result)
                except DomainError as exc:
                    return error_response(exc, language)
                except ValidationError as exc:  # a model built inside the view from client data
                    return error_response(_invalid(exc, "invalid_field"), language)
                except Exception as exc:
                    unavailable = transient_failure(exc)
                    if unavailable is not None:
                        logger.warning("storage busy or unreachable", extra={"route": f"{method} {path}", "error": type(exc).__name__})
                        return error_response(unavailable, language)
                    logger.exception("unhandled error", extra={"route": f"{method} {path}"})
                    internal = DomainError("internal error", zh="服务器内部错误", code="internal")
                    internal.status = 500
                    return error_response(internal, language)

            handler.auth_rule = roles if roles is not None else PUBLIC  # type: ignore[attr-defined]
            # content_types */*: the 415 is ours (check_media_type), in the project's format.
            self.blueprint.route(path, methods=[method], cors=CORS, content_types=["*/*"])(handler)
            rule = RouteRule(method, path, handler.auth_rule, view.__name__, view,  # type: ignore[attr-defined]
                             contract.pop("status", None), contract.pop("response", None), contract.pop("query", None),
                             contract.pop("body", None), tuple(content_types or ()), contract)
            handler.route_rule = rule  # type: ignore[attr-defined]
            self.rules.append(rule)
            return view

        return decorator

    def get(self, path: str, allow: _Public | Iterable[Role], **contract: Any) -> Callable[[View], View]:
        return self.route(path, "GET", allow, **contract)

    def post(self, path: str, allow: _Public | Iterable[Role], content_types: list[str] | None = None,
             **contract: Any) -> Callable[[View], View]:
        return self.route(path, "POST", allow, content_types, **contract)

    def put(self, path: str, allow: _Public | Iterable[Role], **contract: Any) -> Callable[[View], View]:
        return self.route(path, "PUT", allow, **contract)

    def delete(self, path: str, allow: _Public | Iterable[Role], **contract: Any) -> Callable[[View], View]:
        return self.route(path, "DELETE", allow, **contract)
