"""Schemathesis against the real local stack: every route of every service's published
OpenAPI document, with a token for each role the route allows (and none, and a role it does
not allow). Bounded: EXAMPLES generated requests per operation (positive and negative data),
no shrinking. Checks: no 5xx, status codes, content types and bodies as the document says,
and every error in the project's format (Open311's own shape on its GeoReport routes).

    .venv/bin/python -m pytest -q -p no:cacheprovider tests/contract

Figures (requests sent, statuses, 5xx) are written to build/contract-report.json."""

from __future__ import annotations

import collections
import itertools
import json
import os
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance, status_code_conformance

from infra.local.token_issuer import DEMO_PEOPLE
from shared.auth import issue_local_token
from tests.bench.localstack import ROOT, local_stack

SERVICES = ["catalog", "booking", "workorders", "rating", "sms", "webhooks", "open311"]
EXAMPLES = int(os.environ.get("CONTRACT_EXAMPLES", "8"))
TIME_LIMIT = float(os.environ.get("CONTRACT_TIME_LIMIT", "600"))  # a hard stop, far above the ~90 s an idle machine needs

TOKENS = {p["role"]: issue_local_token(p["subject"], p["role"], p["unit"]) for p in DEMO_PEOPLE}
ALL_ROLES = sorted(TOKENS)

FIGURES: dict[str, Any] = {"requests": 0, "statuses": collections.Counter(), "server_errors": [], "operations": collections.Counter()}
_rotation: dict[str, Iterator[str | None]] = {}
_started = time.monotonic()


@pytest.fixture(scope="module")
def stack() -> Iterator[str]:
    with local_stack() as url:
        yield url
    FIGURES["seconds"] = round(time.monotonic() - _started, 1)
    report = {**FIGURES, "statuses": dict(sorted(FIGURES["statuses"].items())), "operations": len(FIGURES["operations"])}
    (ROOT / "build").mkdir(exist_ok=True)
    (ROOT / "build" / "contract-report.json").write_text(json.dumps(report, indent=2) + "\n")


def _token(case: Any) -> str | None:
    """Round-robin over the roles the operation allows, then no token, then a role it does not allow."""
    key = f"{case.operation.method} {case.operation.path}"
    if key not in _rotation:
        roles = case.operation.definition.raw.get("x-roles", ["public"])
        allowed = [r for r in roles if r in TOKENS]
        others = [r for r in ALL_ROLES if r not in allowed][:1] if allowed else []
        _rotation[key] = itertools.cycle([*allowed, None, *others] if allowed else [None, "resident"])
    role = next(_rotation[key])
    return TOKENS[role] if role else None


def error_format(ctx: Any, response: Any, case: Any) -> bool | None:
    """Every error is {"error": {"code", "message"}}; Open311's GeoReport routes answer
    [{"code", "description"}] (or XML) for 400/403/404, as that specification says."""
    if response.status_code < 400:
        return None
    content_type = response.headers.get("content-type", [""])[0] if isinstance(response.headers.get("content-type"), list) else response.headers.get("content-type", "")
    georeport = case.operation.path.startswith("/v2/") and response.status_code in (400, 403, 404)
    if georeport and "xml" in content_type:
        assert response.content.lstrip().startswith(b"<?xml") or b"<errors>" in response.content, "Open311 XML error expected"
        return True
    assert "application/json" in content_type, f"error answered as {content_type!r}"
    body = json.loads(response.content)
    if georeport:
        assert isinstance(body, list) and all({"code", "description"} <= set(e) for e in body), body
        return True
    assert isinstance(body, dict) and set(body) == {"error"}, f"not the error format: {body!r}"
    assert isinstance(body["error"].get("code"), str) and isinstance(body["error"].get("message"), str), body
    assert body["error"]["message"].strip(), "empty error message"
    return True


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance, error_format]
BOUNDED = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                   phases=[Phase.explicit, Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck))


def exercise(case: Any, base: str, service: str) -> None:
    headers = {}
    token = _token(case)
    if token:
        headers["Authorization"] = f"Bearer {token}"
    response = case.call(base_url=f"{base}/{service}", headers=headers, timeout=30)
    FIGURES["requests"] += 1
    FIGURES["statuses"][str(response.status_code)] += 1
    FIGURES["operations"][f"{service} {case.operation.method.upper()} {case.operation.path}"] += 1
    if response.status_code >= 500:
        FIGURES["server_errors"].append(f"{case.operation.method.upper()} /{service}{case.operation.path} -> {response.status_code}")
    case.validate_response(response, checks=CHECKS)


@pytest.mark.parametrize("service", SERVICES)
def test_contract(stack: str, service: str) -> None:
    """EXAMPLES positive and EXAMPLES negative cases for each operation of the service's
    served document; every failure is collected, then reported together."""
    schema = schemathesis.openapi.from_url(f"{stack}/{service}/openapi.json")
    FIGURES["requests"] += 1  # the document itself (schemathesis leaves its own URL out)
    FIGURES["operations"][f"{service} GET /openapi.json"] += 1
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            if time.monotonic() - _started > TIME_LIMIT:
                pytest.fail(f"contract run over its {TIME_LIMIT:.0f} s limit")

            @BOUNDED
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case: Any) -> None:
                exercise(case, stack, service)

            try:
                run()
            except Unsatisfiable:
                continue  # nothing in this operation can be made invalid (no parameters, no body)
            except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - collected and reported below
                failures.append(f"{operation.method.upper()} /{service}{operation.path} ({mode}): {str(exc)[:1500]}")
    assert not failures, "\n\n".join(failures)


def test_every_route_was_exercised(stack: str) -> None:
    """Every operation of every document got requests (the fuzz covered the route table)."""
    missing = []
    for service in SERVICES:
        spec = httpx.get(f"{stack}/{service}/openapi.json").json()
        for path, methods in spec["paths"].items():
            for method in methods:
                if not FIGURES["operations"][f"{service} {method.upper()} {path}"]:
                    missing.append(f"{method.upper()} /{service}{path}")
    assert not missing, missing
    assert not FIGURES["server_errors"]


def test_docs_pages_list_every_operation(stack: str) -> None:
    for service in SERVICES:
        spec = httpx.get(f"{stack}/{service}/openapi.json").json()
        page = httpx.get(f"{stack}/{service}/docs")
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        for methods in spec["paths"].values():
            for operation in methods.values():
                assert f"id='{operation['operationId']}'" in page.text
