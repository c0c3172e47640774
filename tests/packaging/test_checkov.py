"""checkov on the packaged templates: nothing fails beyond the reasoned skip list
(infra/checkov.yaml, and per-resource skips with their reasons from infra/hardening.py),
and what infra/hardening.py promises is in every template."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.packaging.conftest import SERVICES


def test_checkov_finds_nothing_beyond_the_skip_list(checkov_results: dict[str, Any]) -> None:
    failed = [(name, *check) for name in SERVICES for check in checkov_results["failed"][name]]
    assert failed == [], failed
    summary = checkov_results["summary"]  # all nine templates read, and checked
    assert summary["parsing_errors"] == 0 and summary["resource_count"] > 200 and summary["passed"] > 150


def template(packaged: dict[str, Path], service: str) -> dict[str, Any]:
    return json.loads((packaged[service] / "sam.json").read_text())  # type: ignore[no-any-return]


@pytest.mark.parametrize("service", ["workorders", "rating", "booking"])
def test_queues_topics_tables_and_dead_letters_are_guarded(packaged: dict[str, Path], service: str) -> None:
    resources = template(packaged, service)["Resources"]
    queues = {k: r for k, r in resources.items() if r["Type"] == "AWS::SQS::Queue"}
    assert all(r["Properties"].get("SqsManagedSseEnabled") or r["Properties"].get("KmsMasterKeyId") for r in queues.values())
    assert all(r["Properties"].get("KmsMasterKeyId") for r in resources.values() if r["Type"] == "AWS::SNS::Topic")
    alarms = [r for r in resources.values() if r["Type"] == "AWS::CloudWatch::Alarm"]
    dead_letters = [k for k, r in queues.items() if r["Properties"]["QueueName"].endswith("-dlq")]
    assert len(alarms) == len(dead_letters)
    for name, table in ((k, r) for k, r in resources.items() if r["Type"] == "AWS::DynamoDB::Table"):
        if table["Properties"].get("PointInTimeRecoverySpecification"):
            assert table["Properties"]["DeletionProtectionEnabled"] is True, name


@pytest.mark.parametrize("service", ["catalog", "workorders"])
def test_the_api_answers_in_the_project_error_format_and_405s_with_allow(packaged: dict[str, Path], service: str) -> None:
    resources = template(packaged, service)["Resources"]
    api = resources["RestAPI"]["Properties"]
    responses = api["DefinitionBody"]["x-amazon-apigateway-gateway-responses"]
    missing = responses["MISSING_AUTHENTICATION_TOKEN"]
    assert missing["statusCode"] == "404"
    assert '"code": "not_found"' in missing["responseTemplates"]["application/json"]
    assert {"DEFAULT_4XX", "DEFAULT_5XX", "UNSUPPORTED_MEDIA_TYPE", "REQUEST_TOO_LARGE"} <= set(responses)
    for path, operations in api["DefinitionBody"]["paths"].items():
        anything = operations["x-amazon-apigateway-any-method"]["x-amazon-apigateway-integration"]
        allow = anything["responses"]["default"]["responseParameters"]["method.response.header.Allow"]
        answer = anything["responses"]["default"]["responseTemplates"]["application/json"]
        assert "Accept-Language" in answer and "此接口只接受" in answer and "this route accepts" in answer
        for method in (m for m in operations if m in ("get", "post", "put", "delete")):
            assert method.upper() in allow, (path, allow)
    assert "AccessLogSetting" in api and "$context.resourcePath" in api["AccessLogSetting"]["Format"]
    for function in (r for r in resources.values() if r["Type"] == "AWS::Serverless::Function"):
        assert function["Properties"]["ReservedConcurrentExecutions"] > 0
