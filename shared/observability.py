"""Powertools Logger, Metrics and Tracer set up for Chalice.

Chalice's own log configuration clashes with Powertools' Logger (two handlers, two
formats), so apps are created with configure_logs=False. Chalice event handlers take one
argument, so Powertools' Lambda decorators are replaced by one middleware that tags the
log with the Lambda context and correlation id and flushes metrics after every event.
"""

from __future__ import annotations

import logging
import re
import uuid
import warnings
from collections.abc import Callable
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.logging import Logger
from aws_lambda_powertools.metrics import Metrics
from chalice import Chalice
from chalice.app import Request

NAMESPACE = "GovPortal"

if TYPE_CHECKING:
    from aws_lambda_powertools import Tracer

logger = Logger()
metrics = Metrics(namespace=NAMESPACE)
_tracer: Tracer | None = None


def __getattr__(name: str) -> Any:
    """`tracer` is made on first use: the X-Ray SDK behind it costs ~180 ms of a cold start,
    and no request pays that unless something traces (tracing on in AWS)."""
    global _tracer
    if name == "tracer":
        if _tracer is None:
            from aws_lambda_powertools import Tracer

            _tracer = Tracer()
        return _tracer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

correlation_id: ContextVar[str | None] = ContextVar("correlation_id", default=None)

# Mainland mobile numbers, 18-character ID numbers and landlines never reach the log.
# Mobile and ID numbers are caught anywhere digits stop on both sides, also right after a
# letter ("u13912345670#1", a subject built from a number) but not as the tail of a UUID's
# last group ("-b13912345678"); landlines, shorter and common
# inside hex ids, only when no Latin letter or digit touches them, so UUIDs stay readable.
_PII = re.compile(
    r"(?<!\d)(?<!-[0-9a-fA-F])(?:\d{17}[\dXx]|1[3-9]\d{9})(?!\d)"
    r"|(?<![0-9A-Za-z])0\d{2,3}-?\d{7,8}(?![0-9A-Za-z])"
)


def redact(text: str) -> str:
    return _PII.sub("[redacted]", text)


def _redact_deep(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: _redact_deep(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_redact_deep(v) for v in value)
    return value


class RedactPersonalData(logging.Filter):
    """Runs before the record is formatted: message, arguments, extra keys (nested too)
    and exception text are redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if record.args:
            record.args = _redact_deep(record.args)
        for name, value in list(record.__dict__.items()):
            if name not in _STANDARD_ATTRS:
                setattr(record, name, _redact_deep(value))
        if record.exc_info and record.exc_info[1] is not None:
            # Exception messages often quote the input; keep the traceback, redacted, as text.
            record.exception_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
            record.exc_text = None
        return True


_STANDARD_ATTRS = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime"}
for _handler in logger.handlers if hasattr(logger, "handlers") else []:
    _handler.addFilter(RedactPersonalData())
logger.addFilter(RedactPersonalData())


def current_correlation_id() -> str:
    return correlation_id.get() or str(uuid.uuid4())


def create_app(name: str) -> Chalice:
    """A Chalice app wired for Powertools; app.py registers blueprints and handlers on it."""
    app = Chalice(app_name=name, configure_logs=False)

    @app.middleware("all")
    def powertools_context(event: Any, get_response: Callable[[Any], Any]) -> Any:
        context = getattr(app, "lambda_context", None)
        if context is not None:
            logger.append_keys(function_request_id=getattr(context, "aws_request_id", None))
        corr = None
        if isinstance(event, Request):
            corr = event.headers.get("x-correlation-id") or event.context.get("requestId")
        token = correlation_id.set(corr or str(uuid.uuid4()))
        logger.set_correlation_id(correlation_id.get())
        try:
            return get_response(event)
        finally:
            correlation_id.reset(token)
            with warnings.catch_warnings():  # an invocation that recorded no metric is normal
                warnings.simplefilter("ignore", UserWarning)
                metrics.flush_metrics()

    _register_health(app, name)
    return app


def _register_health(app: Chalice, name: str) -> None:
    # Imported here: shared.http imports this module for its logger.
    from chalice import Blueprint

    from shared.http import PUBLIC, RequestContext, Routes

    blueprint = Blueprint(f"{__name__}.health")
    routes = Routes(blueprint)

    @routes.get("/health", allow=PUBLIC)
    def health(ctx: RequestContext) -> dict[str, str]:
        """The empty route: benchmarks compare real routes with it."""
        return {"status": "ok", "service": name.removeprefix("govportal-")}

    app.register_blueprint(blueprint)
