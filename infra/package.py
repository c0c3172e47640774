"""`make package`: `chalice package` for every service, with infra/<service>.json merged in.

For each service it runs `chalice package` into build/<service>/, adds shared/ to the
deployment.zip, then merges the service's resources (tables, queues, dead-letter queues,
topic, subscriptions), sets the functions' environment from chalice.json, turns on
ReportBatchItemFailures for SQS sources, replaces the roles' policies with least-privilege
ones derived from the resources each function uses, adds what infra.hardening lists (error
format of API Gateway's own answers, 405s, access logs, encryption, alarms), and runs cfn-lint.

Two stacks more, deployed around the services (README "Deploying to AWS": auth, services,
portal): build/auth/auth.json (infra/auth.json with one `unit:<code>` group per unit of the
district data) and build/portal/portal.json (infra/portal.json; with web/dist copied to
build/portal/site when it is built).

    python -m infra.package [service|auth|portal ...] [--no-lint]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from infra.hardening import harden
from infra.manifest import ROOT, fragment, services

BUILD = ROOT / "build"


SHARED_SKIPPED = ("__pycache__", "*.pyc", "README.md", "make_*.py", "validate_*.py")


def add_shared(zip_path: Path) -> None:
    """shared/ into the built deployment.zip, beside app.py and chalicelib/. Added after
    `chalice package` rather than through vendor/: chalice keys its cache of the installed
    requirements by vendor/'s content too, so every change to shared/ would pip-install
    every service's requirements again."""
    import fnmatch
    import zipfile

    with zipfile.ZipFile(zip_path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted((ROOT / "shared").rglob("*")):
            relative = path.relative_to(ROOT)
            if path.is_file() and not any(fnmatch.fnmatch(part, pattern) for part in relative.parts for pattern in SHARED_SKIPPED):
                archive.write(path, relative.as_posix())


def chalice_package(service: str) -> dict[str, Any]:
    out = BUILD / service
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(ROOT / "services" / service / "vendor", ignore_errors=True)  # left by older builds
    # chalice imports app.py to read its routes: shared/ from the tree (it joins the zip after).
    env = {**os.environ, "AWS_DEFAULT_REGION": os.environ.get("AWS_DEFAULT_REGION", "us-east-1"), "PYTHONPATH": str(ROOT)}
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "chalice"), "package", "--stage", "dev", str(out)],
        cwd=ROOT / "services" / service,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    add_shared(out / "deployment.zip")
    return json.loads((out / "sam.json").read_text())


def _arn(logical: str) -> dict[str, Any]:
    return {"Fn::GetAtt": [logical, "Arn"]}


QUEUE_URL_PREFIX = "https://sqs.${AWS::Region}.amazonaws.com/${AWS::AccountId}/"


def _queue_name_from_url(value: Any) -> str | None:
    """`{"Fn::Sub": "https://sqs.${AWS::Region}.amazonaws.com/${AWS::AccountId}/<name>"}`:
    how chalice.json names a queue another service owns (docs/CONTRACTS.md: commands queues)."""
    text = value.get("Fn::Sub") if isinstance(value, dict) else None
    if isinstance(text, str) and text.startswith(QUEUE_URL_PREFIX) and "$" not in text[len(QUEUE_URL_PREFIX):]:
        return text[len(QUEUE_URL_PREFIX):]
    return None


def policy_statements(service: str, resources: dict[str, Any]) -> list[dict[str, Any]]:
    """Least privilege: what the service's env and event sources name, nothing else."""
    spec = services()[service]
    statements: list[dict[str, Any]] = [
        {
            "Effect": "Allow",
            "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
            "Resource": {"Fn::Sub": "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*"},
        },
        {"Effect": "Allow", "Action": ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], "Resource": "*"},
    ]
    for value in spec.get("env", {}).values():
        other_queue = _queue_name_from_url(value)
        if other_queue:  # another service's commands queue, named by its URL: send only
            statements.append({"Effect": "Allow", "Action": ["sqs:SendMessage"], "Resource": {
                "Fn::Sub": f"arn:${{AWS::Partition}}:sqs:${{AWS::Region}}:${{AWS::AccountId}}:{other_queue}"}})
            continue
        logical = value.get("Ref") if isinstance(value, dict) else None
        if not logical or logical not in resources:
            continue
        kind = resources[logical]["Type"]
        if kind == "AWS::DynamoDB::Table":
            statements.append(
                {
                    "Effect": "Allow",
                    "Action": [
                        "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                        "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem",
                        "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable",
                    ],
                    "Resource": [_arn(logical), {"Fn::Sub": f"${{{logical}.Arn}}/index/*"}],
                }
            )
        elif kind == "AWS::SNS::Topic":
            statements.append({"Effect": "Allow", "Action": ["sns:Publish"], "Resource": {"Ref": logical}})
        elif kind == "AWS::S3::Bucket":
            # Presigned uploads are signed by this role (PutObject on pending/), photos are
            # checked and stored cleaned (GetObject, PutObject on photos/); ListBucket makes a
            # missing key a 404 rather than a 403.
            statements.append({"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
                               "Resource": [{"Fn::Sub": f"${{{logical}.Arn}}/pending/*"},
                                            {"Fn::Sub": f"${{{logical}.Arn}}/photos/*"}]})
            statements.append({"Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": _arn(logical)})
        elif kind == "AWS::SQS::Queue":
            statements.append({"Effect": "Allow", "Action": ["sqs:SendMessage", "sqs:GetQueueAttributes"], "Resource": _arn(logical)})
    for logical in spec.get("consumes", []):
        statements.append(
            {
                "Effect": "Allow",
                "Action": ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"],
                "Resource": _arn(logical),
            }
        )
    return statements


def merge(service: str, template: dict[str, Any]) -> dict[str, Any]:
    spec = services()[service]
    own = fragment(service)["Resources"]
    template.setdefault("Parameters", {}).update(
        {
            "CognitoUserPoolId": {"Type": "String", "Description": "User pool whose ID tokens the API accepts"},
            "CognitoAppClientId": {"Type": "String", "Description": "App client id (the tokens' audience)"},
            "PageTokenKey": {"Type": "String", "NoEcho": True, "MinLength": 16, "Description": "Secret that signs page tokens"},
            "PhoneKey": {"Type": "String", "NoEcho": True, "MinLength": 16,
                         "Description": "Key of the one-number subject (HMAC of a verified mobile number); the same in every service"},
            **fragment(service).get("Parameters", {}),  # a service's own secrets and settings
        }
    )
    resources = template["Resources"]
    clash = set(resources) & set(own)
    if clash:
        raise SystemExit(f"{service}: infra resources clash with Chalice's: {sorted(clash)}")
    resources.update(own)
    env = {
        **spec.get("env", {}),
        "STAGE": "prod",
        "AUTH_MODE": "cognito",
        "COGNITO_ISSUER": {"Fn::Sub": "https://cognito-idp.${AWS::Region}.amazonaws.com/${CognitoUserPoolId}"},
        "COGNITO_AUDIENCE": {"Ref": "CognitoAppClientId"},
        "PAGE_TOKEN_KEY": {"Ref": "PageTokenKey"},
        "PHONE_KEY": {"Ref": "PhoneKey"},
    }
    queue_names = {res["Properties"]["QueueName"]: logical for logical, res in own.items() if res["Type"] == "AWS::SQS::Queue"}
    for logical, res in list(resources.items()):
        if res["Type"] == "AWS::Serverless::Function":
            props = res["Properties"]
            props.setdefault("Environment", {}).setdefault("Variables", {}).update(env)
            for event in props.get("Events", {}).values():
                if event.get("Type") == "SQS":
                    event["Properties"]["FunctionResponseTypes"] = ["ReportBatchItemFailures"]
                    # Point at the queue created in this template rather than a name-built ARN.
                    queue = event["Properties"].get("Queue")
                    name = json.dumps(queue).rsplit(":", 1)[-1].strip('"}')
                    if name in queue_names:
                        event["Properties"]["Queue"] = _arn(queue_names[name])
        elif res["Type"] == "AWS::IAM::Role":
            res["Properties"]["Policies"] = [
                {
                    "PolicyName": f"{logical}LeastPrivilege",
                    "PolicyDocument": {"Version": "2012-10-17", "Statement": policy_statements(service, own)},
                }
            ]
    # Extra permissions a fragment states as managed policies (e.g. sending texts) apply to
    # every function of the service: the fragment cannot know the roles Chalice names.
    roles = [{"Ref": logical} for logical, res in resources.items() if res["Type"] == "AWS::IAM::Role"]
    for res in own.values():
        if res["Type"] == "AWS::IAM::ManagedPolicy" and "Roles" not in res["Properties"]:
            res["Properties"]["Roles"] = roles
    return harden(service, template)


def openapi_document(service: str) -> None:
    """build/<service>/openapi.json: the service's OpenAPI 3.1 document, generated from its
    routes (infra.openapi; each service in its own interpreter, as its `chalicelib` is its own)."""
    subprocess.run([sys.executable, "-m", "infra.openapi", service, str(BUILD / service / "openapi.json")],
                   cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)


SITE_STACKS = ("auth", "portal")


def unit_group_logical_id(code: str) -> str:
    """"JN-S01-C01" -> "UnitJNS01C01Group", "civil-affairs" -> "UnitCivilAffairsGroup"."""
    return "Unit" + "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", code)) + "Group"


def auth_template() -> dict[str, Any]:
    """infra/auth.json plus a `unit:<code>` group for every unit a staff role may carry
    (shared.auth.units_by_role, the same list the services check tokens against): an
    administrator only adds people to groups, never invents a unit's name."""
    from shared.auth import units_by_role

    template: dict[str, Any] = json.loads((ROOT / "infra" / "auth.json").read_text())
    resources = template["Resources"]
    for role, codes in sorted(units_by_role().items()):
        for code in sorted(codes):
            logical = unit_group_logical_id(code)
            if logical in resources:
                raise SystemExit(f"auth: two units map to the group resource {logical}")
            resources[logical] = {"Type": "AWS::Cognito::UserPoolGroup", "Properties": {
                "UserPoolId": {"Ref": "UserPool"}, "GroupName": f"unit:{code}",
                "Description": f"Works for {role.value} unit {code} (with the {role.value} group)"}}
    return template


def package_site_stack(name: str) -> tuple[Path, str]:
    out = BUILD / name
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    if name == "auth":
        template = auth_template()
        extra = ""
    else:
        template = json.loads((ROOT / "infra" / "portal.json").read_text())
        dist = ROOT / "web" / "dist"
        if (dist / "index.html").is_file():
            shutil.copytree(dist, out / "site")
            extra = " + site/ (web/dist)"
        else:
            extra = " (web/dist not built: `make web`, then package again to upload it)"
    path = out / f"{name}.json"
    path.write_text(json.dumps(template, indent=2, ensure_ascii=False))
    return path, extra


def lint(paths: list[Path]) -> dict[Path, list[str]]:
    """cfn-lint once over every template (it takes a few seconds to start): what it found,
    per template, as "rule line: message"."""
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "cfn-lint"), "--format", "json", *map(str, paths)],
                            capture_output=True, text=True)
    findings: dict[Path, list[str]] = {path: [] for path in paths}
    try:
        matches = json.loads(result.stdout or "[]")
    except json.JSONDecodeError:  # cfn-lint itself failed: every template counts as unchecked
        return {path: [f"cfn-lint did not run: {result.stderr.strip()[-500:]}"] for path in paths}
    for match in matches:
        where = match["Location"]["Start"]["LineNumber"]
        findings[Path(match["Filename"]).resolve()].append(f"{match['Rule']['Id']} line {where}: {match['Message']}")
    return findings


def package_one(name: str) -> tuple[Path, str]:
    """Builds one service or site stack; returns its template and what else was written."""
    if name in SITE_STACKS:
        return package_site_stack(name)
    template = merge(name, chalice_package(name))
    path = BUILD / name / "sam.json"
    path.write_text(json.dumps(template, indent=2, ensure_ascii=False))
    openapi_document(name)
    return path, " + deployment.zip + openapi.json"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("services", nargs="*")
    parser.add_argument("--no-lint", action="store_true")
    args = parser.parse_args()
    names = args.services or [*services(), *SITE_STACKS]
    # Each service is packaged in its own processes (chalice, pip, the OpenAPI generator),
    # so they run side by side: pip mostly waits on the package index.
    with ThreadPoolExecutor(max_workers=4) as pool:
        built = list(pool.map(package_one, names))
    findings = {} if args.no_lint else lint([path.resolve() for path, _ in built])
    for name, (path, extra) in zip(names, built, strict=True):
        status = "packaged"
        if not args.no_lint:
            found = findings[path.resolve()]
            status += ", cfn-lint clean" if not found else ", cfn-lint FAILED:\n  " + "\n  ".join(found)
        print(f"{name}: build/{name}/{path.name}{extra} ({status})")
    return 1 if any(findings.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
