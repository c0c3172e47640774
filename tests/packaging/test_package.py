"""`make package`: every service packages with its infra merged, cfn-lint accepts the
template, and the zip carries shared/ and imports its app with only what it ships."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from infra.manifest import fragment, services

SERVICES = sorted(services())


@pytest.mark.parametrize("service", SERVICES)
def test_template_is_cfn_lint_clean(cfn_lint_findings: dict[str, list[str]], service: str) -> None:
    assert cfn_lint_findings[service] == []


@pytest.mark.parametrize("service", SERVICES)
def test_template_holds_the_infra_resources_and_wiring(packaged: dict[str, Path], service: str) -> None:
    template: dict[str, Any] = json.loads((packaged[service] / "sam.json").read_text())
    resources = template["Resources"]
    for logical, res in fragment(service)["Resources"].items():
        assert resources[logical]["Type"] == res["Type"]
    functions = [r for r in resources.values() if r["Type"] == "AWS::Serverless::Function"]
    assert functions
    for function in functions:
        variables = function["Properties"]["Environment"]["Variables"]
        for name in services()[service]["env"]:
            assert name in variables
        assert variables["AUTH_MODE"] == "cognito"
        for event in function["Properties"].get("Events", {}).values():
            if event["Type"] == "SQS":
                assert event["Properties"]["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    for role in (r for r in resources.values() if r["Type"] == "AWS::IAM::Role"):
        for statement in role["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]:
            actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
            assert not any(a.endswith(":*") or a == "*" for a in actions), statement
            if any(a.startswith(("dynamodb:", "sns:", "sqs:")) for a in actions):
                assert statement["Resource"] != "*"


@pytest.mark.parametrize("service", SERVICES)
def test_zip_contains_shared_and_imports_its_app_alone(packaged: dict[str, Path], service: str, tmp_path: Path) -> None:
    with zipfile.ZipFile(packaged[service] / "deployment.zip") as archive:
        names = set(archive.namelist())
        assert {"app.py", "shared/__init__.py", "shared/messaging.py", "chalicelib/__init__.py"} <= names
        assert "shared/data/district.json" in names
        archive.extractall(tmp_path)
    # -S: no site-packages, so only what the zip ships (as on Lambda, which adds boto3).
    boto_paths = {str(Path(m.__file__).parents[1]) for m in (__import__("boto3"), __import__("botocore"))}
    code = (
        "import sys; sys.path[:0] = [sys.argv[1]] + sys.argv[2:];"
        "import app, importlib; print(type(app.app).__name__, app.app.app_name);"
        # Lambda calls an event handler by its handler string: module attribute named like it.
        "print(*[s.handler_string for s in app.app.event_sources if not hasattr("
        "importlib.import_module(s.handler_string.rpartition('.')[0]), s.handler_string.rpartition('.')[2])])"
    )
    result = subprocess.run(
        [sys.executable, "-S", "-c", code, str(tmp_path), *boto_paths],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"AWS_DEFAULT_REGION": "us-east-1", "POWERTOOLS_TRACE_DISABLED": "true", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["Chalice", f"govportal-{service}"]  # and no handler Lambda cannot find


COMMANDS_QUEUES = {"sms": {"govportal-workorders-commands", "govportal-rating-commands", "govportal-booking-commands"},
                   "webhooks": {"govportal-workorders-commands"}, "open311": {"govportal-workorders-commands"}}


@pytest.mark.parametrize("service", sorted(COMMANDS_QUEUES))
def test_channels_may_send_commands_to_the_owning_services_queues_and_nothing_more(packaged: dict[str, Path], service: str) -> None:
    """A channel's functions may SendMessage to the commands queues chalice.json names by URL
    (queues of other stacks, so by Fn::Sub ARN), and only send: no receive, no delete."""
    resources: dict[str, Any] = json.loads((packaged[service] / "sam.json").read_text())["Resources"]
    roles = {logical: r for logical, r in resources.items() if r["Type"] == "AWS::IAM::Role"}
    assert roles
    for role in roles.values():
        sent_to = set()
        for statement in role["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]:
            resource = json.dumps(statement["Resource"])
            for queue in COMMANDS_QUEUES[service]:
                if resource.endswith(f':{queue}"}}'):
                    assert statement["Action"] == ["sqs:SendMessage"], statement
                    assert "${AWS::AccountId}" in resource and "${AWS::Partition}" in resource
                    sent_to.add(queue)
        assert sent_to == COMMANDS_QUEUES[service]
    secrets = {"sms": {"SMS_DATA_KEY", "PHONE_KEY"}, "webhooks": {"WEBHOOKS_SECRET_KEY", "PHONE_KEY"}, "open311": {"PHONE_KEY"}}[service]
    for function in (r for r in resources.values() if r["Type"] == "AWS::Serverless::Function"):
        variables = function["Properties"]["Environment"]["Variables"]
        for name in secrets:  # deployed secrets come from NoEcho parameters, never a local default
            parameter = variables[name]["Ref"]
            assert json.loads((packaged[service] / "sam.json").read_text())["Parameters"][parameter]["NoEcho"] is True
    if service == "sms":  # sending texts: a managed policy on every function's role
        (policy,) = [r for r in resources.values() if r["Type"] == "AWS::IAM::ManagedPolicy"]
        assert sorted(ref["Ref"] for ref in policy["Properties"]["Roles"]) == sorted(roles)


@pytest.mark.parametrize("service", SERVICES)
def test_package_carries_the_openapi_document(packaged: dict[str, Path], service: str) -> None:
    """build/<service>/openapi.json: OpenAPI 3.1, every route with its role rule."""
    spec = json.loads((packaged[service] / "openapi.json").read_text())
    assert spec["openapi"] == "3.1.0" and spec["servers"] == [{"url": f"/{service}"}]
    operations = [op for methods in spec["paths"].values() for op in methods.values()]
    assert "/openapi.json" in spec["paths"] and len(operations) > 3
    assert all(op["x-roles"] and "responses" in op for op in operations)
