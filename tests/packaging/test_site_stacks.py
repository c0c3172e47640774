"""`make package` builds the two stacks around the services: build/auth/auth.json (Cognito: the
pool, a group per role and per unit, the portal's code + PKCE client) and
build/portal/portal.json (the site and the APIs on one CloudFront distribution, security
headers, /config.json). Both cfn-lint and checkov clean; the edge functions run under node."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws

from infra.manifest import ROOT
from shared.auth import Role, units_by_role

API_PREFIXES = ["catalog", "booking", "workorders", "rating", "sms", "webhooks", "open311"]
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac"


def load(stacks: dict[str, Path], name: str) -> dict[str, Any]:
    return json.loads(stacks[name].read_text())  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", ["auth", "portal"])
def test_the_stack_is_cfn_lint_clean(cfn_lint_findings: dict[str, list[str]], name: str) -> None:
    assert cfn_lint_findings[name] == []


def test_checkov_finds_nothing_beyond_the_reasoned_skips(stacks: dict[str, Path], checkov_results: dict[str, Any]) -> None:
    assert [(name, *check) for name in stacks for check in checkov_results["failed"][name]] == []
    skips = [skip for name in stacks for res in load(stacks, name)["Resources"].values()
             for skip in res.get("Metadata", {}).get("checkov", {}).get("skip", [])]
    assert skips and all(len(skip["comment"]) > 40 for skip in skips), skips  # every skip says why


def test_the_pool_verifies_the_one_number_and_is_protected(stacks: dict[str, Path]) -> None:
    pool = load(stacks, "auth")["Resources"]["UserPool"]
    assert pool["DeletionPolicy"] == "Retain"
    props = pool["Properties"]
    assert props["DeletionProtection"] == "ACTIVE"
    assert props["UsernameAttributes"] == ["phone_number"] and props["AutoVerifiedAttributes"] == ["phone_number"]
    # A changed number counts only once verified: the one-number subject never follows an unverified number.
    assert props["UserAttributeUpdateSettings"]["AttributesRequireVerificationBeforeUpdate"] == ["phone_number"]
    assert props["Policies"]["PasswordPolicy"]["MinimumLength"] >= 12
    assert props["MfaConfiguration"] in ("OPTIONAL", "ON") and "SOFTWARE_TOKEN_MFA" in props["EnabledMfas"]
    assert props["LambdaConfig"]["PostConfirmation"] == {"Fn::GetAtt": ["ResidentGroupOnSignUp", "Arn"]}


def test_there_is_a_group_for_every_role_and_every_unit(stacks: dict[str, Path]) -> None:
    resources = load(stacks, "auth")["Resources"]
    groups = [r["Properties"]["GroupName"] for r in resources.values() if r["Type"] == "AWS::Cognito::UserPoolGroup"]
    assert len(groups) == len(set(groups))
    units = {f"unit:{code}" for codes in units_by_role().values() for code in codes}
    assert set(groups) == {role.value for role in Role} | units
    assert "unit:urban-management" in units and "unit:JN-S01" in units


def test_the_portal_client_is_public_code_flow_with_short_lived_tokens(stacks: dict[str, Path]) -> None:
    template = load(stacks, "auth")
    client = template["Resources"]["PortalClient"]["Properties"]
    assert client["GenerateSecret"] is False  # a browser keeps no secret: PKCE instead
    assert client["AllowedOAuthFlows"] == ["code"] and client["AllowedOAuthFlowsUserPoolClient"] is True
    assert client["CallbackURLs"] == [{"Ref": "SiteURL"}] == client["LogoutURLs"]
    assert "openid" in client["AllowedOAuthScopes"] and "phone" in client["AllowedOAuthScopes"]
    assert set(client["TokenValidityUnits"].values()) == {"minutes"}
    assert client["IdTokenValidity"] <= 60 and client["AccessTokenValidity"] <= 60 and client["RefreshTokenValidity"] <= 60
    assert template["Parameters"]["SiteURL"]["AllowedPattern"].startswith("^(https://")
    assert template["Resources"]["UserPoolDomain"]["Properties"]["Domain"] == {"Ref": "DomainPrefix"}


def test_the_outputs_are_what_the_service_stacks_take(stacks: dict[str, Path], packaged: dict[str, Path]) -> None:
    outputs = load(stacks, "auth")["Outputs"]
    service_parameters = json.loads((packaged["catalog"] / "sam.json").read_text())["Parameters"]
    assert {"CognitoUserPoolId", "CognitoAppClientId"} <= set(outputs) & set(service_parameters)
    portal_parameters = load(stacks, "portal")["Parameters"]
    assert {"CognitoDomainUrl", "CognitoAppClientId"} <= set(outputs) & set(portal_parameters)


def test_self_sign_up_makes_a_resident_and_nothing_else_does() -> None:
    """The post-confirmation function's own code, against moto's Cognito."""
    code = load({"auth": ROOT / "infra" / "auth.json"}, "auth")["Resources"]["ResidentGroupOnSignUp"]["Properties"]["Code"]["ZipFile"]
    with mock_aws():
        client = boto3.client("cognito-idp", region_name="us-east-1")
        pool = client.create_user_pool(PoolName="people")["UserPool"]["Id"]
        client.create_group(UserPoolId=pool, GroupName="resident")
        for name in ("signed-up", "forgot-password"):
            client.admin_create_user(UserPoolId=pool, Username=name)
        namespace: dict[str, Any] = {}
        exec(compile(code, "index.py", "exec"), namespace)  # noqa: S102 - the template's inline function
        base = {"userPoolId": pool, "request": {"userAttributes": {}}, "response": {}}
        event = {**base, "triggerSource": "PostConfirmation_ConfirmSignUp", "userName": "signed-up"}
        assert namespace["handler"](event, None) == event  # Cognito wants the event back
        namespace["handler"]({**base, "triggerSource": "PostConfirmation_ConfirmForgotPassword", "userName": "forgot-password"}, None)
        members = [u["Username"] for u in client.list_users_in_group(UserPoolId=pool, GroupName="resident")["Users"]]
    assert members == ["signed-up"]


def test_the_apis_share_the_distribution_uncached_with_the_callers_headers(stacks: dict[str, Path]) -> None:
    template = load(stacks, "portal")
    config = template["Resources"]["SiteDistribution"]["Properties"]["DistributionConfig"]
    origins = {o["Id"]: o for o in config["Origins"]}
    behaviours = {b["PathPattern"]: b for b in config["CacheBehaviors"]}
    for prefix in API_PREFIXES:
        behaviour = behaviours[f"/{prefix}/*"]
        origin = origins[behaviour["TargetOriginId"]]
        parameter = next(p for p in template["Parameters"] if p.lower() == f"{prefix}apiid")
        assert f"${{{parameter}}}.execute-api." in origin["DomainName"]["Fn::Sub"]
        assert origin["OriginPath"] == {"Fn::Sub": "/${ApiStage}"}
        assert origin["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"
        assert behaviour["CachePolicyId"] == CACHING_DISABLED
        assert behaviour["OriginRequestPolicyId"] == ALL_VIEWER_EXCEPT_HOST  # Authorization through, Host the API's own
        assert {"POST", "PUT", "DELETE", "OPTIONS"} <= set(behaviour["AllowedMethods"])
        assert behaviour["ViewerProtocolPolicy"] == "https-only"
        assert behaviour["FunctionAssociations"][0]["FunctionARN"]["Fn::GetAtt"][0] == "ApiPrefixFunction"
    # An API's 403/404 reaches the caller as it is (no error page swapped in for the whole distribution).
    assert "CustomErrorResponses" not in config
    assert config["Origins"][0]["Id"] == "site" and config["DefaultCacheBehavior"]["TargetOriginId"] == "site"


def test_every_answer_carries_the_security_headers(stacks: dict[str, Path]) -> None:
    resources = load(stacks, "portal")["Resources"]
    config = resources["SiteDistribution"]["Properties"]["DistributionConfig"]
    for behaviour in [config["DefaultCacheBehavior"], *config["CacheBehaviors"]]:
        assert behaviour["ResponseHeadersPolicyId"] == {"Ref": "SecurityHeaders"}
    headers = resources["SecurityHeaders"]["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
    csp = headers["ContentSecurityPolicy"]["ContentSecurityPolicy"]["Fn::Sub"]
    directives = dict(d.split(" ", 1) for d in csp.split("; ") if " " in d)
    assert directives["default-src"] == directives["script-src"] == directives["style-src"] == "'self'"
    assert directives["connect-src"].startswith("'self' ${CognitoDomainUrl} ")
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert "unsafe" not in csp
    assert headers["StrictTransportSecurity"]["AccessControlMaxAgeSec"] >= 31536000
    assert headers["FrameOptions"]["FrameOption"] == "DENY" and headers["ContentTypeOptions"]["Override"] is True


def run_edge_function(code: str, event: dict[str, Any]) -> Any:
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is needed to run the CloudFront functions' code (it builds the site too)")
    script = f"{code}\nPromise.resolve(handler({json.dumps(event)})).then((r) => process.stdout.write(JSON.stringify(r)));"
    return json.loads(subprocess.run([node, "-e", script], capture_output=True, text=True, check=True).stdout)


def test_the_edge_functions_strip_the_prefix_and_answer_the_config(stacks: dict[str, Path]) -> None:
    resources = load(stacks, "portal")["Resources"]
    strip = resources["ApiPrefixFunction"]["Properties"]["FunctionCode"]
    for uri, expected in {"/catalog/items": "/items", "/open311/v2/requests.json": "/v2/requests.json", "/rating": "/"}.items():
        assert run_edge_function(strip, {"request": {"uri": uri, "method": "GET"}})["uri"] == expected
    code = resources["SiteConfigFunction"]["Properties"]["FunctionCode"]["Fn::Sub"]
    code = code.replace("${CognitoDomainUrl}", "https://jn.auth.cn-north-1.amazoncognito.com").replace("${CognitoAppClientId}", "abc123")
    response = run_edge_function(code, {"request": {"uri": "/config.json", "method": "GET"}})
    assert response["statusCode"] == 200 and response["headers"]["cache-control"]["value"] == "no-store"
    assert json.loads(response["body"]["data"]) == {"auth": {"mode": "cognito", "domain": "https://jn.auth.cn-north-1.amazoncognito.com", "clientId": "abc123"}}
