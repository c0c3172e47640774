"""What `make package` adds to every packaged template so that the API answers in the
project's one error format and nothing is lost and nobody gets in:

- API Gateway's own answers (no such route, body too large, throttled, ...) as
  {"error": {"code", "message"}} (gateway responses), and a 405 with `Allow` for a method a
  route lacks (an ANY method on each path, answered by a mock integration: API Gateway
  prefers the explicit methods, so only the missing ones reach it);
- access logs (JSON, templated route not the raw path: no phone numbers in URLs reach them)
  and X-Ray tracing on the stage;
- reserved concurrency on every function (one service cannot starve the others, and a
  runaway consumer cannot exhaust the account);
- SQS queues encrypted (SSE-SQS) and SNS topics encrypted (the AWS-managed key);
- deletion protection on the tables that keep residents' data (those with point-in-time
  recovery: orders, appointments, ratings);
- an alarm on every dead-letter queue's depth, to an encrypted alarm topic.

The resource definitions stay in infra/<service>.json (shared with the local stack); this
applies to all of them, including queues added later.
"""

from __future__ import annotations

import json
from typing import Any

API_RESERVED_CONCURRENCY = 50
EVENT_RESERVED_CONCURRENCY = 5

_CORS = {"gatewayresponse.header.Access-Control-Allow-Origin": "'*'"}


def _error_template(code: str, message: str) -> dict[str, str]:
    # $context.error.messageString is already a quoted JSON string.
    return {"application/json": '{"error": {"code": "' + code + '", "message": ' + message + "}}"}


GATEWAY_RESPONSES: dict[str, tuple[int | None, str, str]] = {
    # type: (status or None to keep API Gateway's, code, message expression)
    "MISSING_AUTHENTICATION_TOKEN": (404, "not_found", '"no route $context.httpMethod $context.resourcePath"'),
    "RESOURCE_NOT_FOUND": (404, "not_found", "$context.error.messageString"),
    "UNSUPPORTED_MEDIA_TYPE": (415, "unsupported_media_type", "\"send the body as JSON with 'Content-Type: application/json'\""),
    "REQUEST_TOO_LARGE": (413, "payload_too_large", "$context.error.messageString"),
    "THROTTLED": (429, "throttled", '"too many requests; retry shortly"'),
    "QUOTA_EXCEEDED": (429, "throttled", "$context.error.messageString"),
    "ACCESS_DENIED": (403, "forbidden", "$context.error.messageString"),
    "UNAUTHORIZED": (401, "unauthorized", "$context.error.messageString"),
    "BAD_REQUEST_BODY": (400, "invalid_body", "$context.error.messageString"),
    "BAD_REQUEST_PARAMETERS": (400, "invalid_parameter", "$context.error.messageString"),
    "INTEGRATION_TIMEOUT": (504, "gateway_timeout", '"the service did not answer in time; retry"'),
    "INTEGRATION_FAILURE": (502, "bad_gateway", '"the service failed to answer; retry"'),
    "DEFAULT_4XX": (None, "bad_request", "$context.error.messageString"),
    "DEFAULT_5XX": (None, "unavailable", "$context.error.messageString"),
}

ACCESS_LOG_FORMAT = json.dumps(
    {
        "requestId": "$context.requestId",
        "time": "$context.requestTime",
        "method": "$context.httpMethod",
        "route": "$context.resourcePath",  # the template, never the raw path
        "status": "$context.status",
        "latencyMs": "$context.responseLatency",
        "error": "$context.error.responseType",
    }
)


def gateway_responses() -> dict[str, Any]:
    out = {}
    for kind, (status, code, message) in GATEWAY_RESPONSES.items():
        response: dict[str, Any] = {"responseParameters": dict(_CORS), "responseTemplates": _error_template(code, message)}
        if status is not None:
            response["statusCode"] = str(status)
        out[kind] = response
    return out


def method_not_allowed(methods: list[str]) -> dict[str, Any]:
    """An ANY method answering 405 with Allow (mock integration: no Lambda call)."""
    allow = ", ".join(sorted({m.upper() for m in methods} | {"OPTIONS"} | ({"HEAD"} if "get" in methods else set())))
    english = json.dumps({"error": {"code": "method_not_allowed", "message": f"this route accepts {allow}"}})
    chinese = json.dumps({"error": {"code": "method_not_allowed", "message": f"此接口只接受 {allow}"}}, ensure_ascii=False)
    # Chinese unless the caller's Accept-Language starts with English, as the services answer.
    body = (f"#set($language = $input.params('Accept-Language').toLowerCase())"
            f"#if($language.startsWith('en')){english}#else{chinese}#end")
    mock = '{"statusCode": 405}'
    return {
        "produces": ["application/json"],
        "responses": {"405": {"description": "method not allowed", "headers": {"Allow": {"type": "string"}}}},
        "x-amazon-apigateway-integration": {
            "type": "mock",
            "passthroughBehavior": "when_no_match",
            "requestTemplates": {t: mock for t in ("application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data")},
            "responses": {
                "default": {
                    "statusCode": "405",
                    "responseParameters": {"method.response.header.Allow": f"'{allow}'"},
                    "responseTemplates": {"application/json": body},
                }
            },
        },
    }


def harden_api(resources: dict[str, Any], service: str) -> None:
    for logical, res in list(resources.items()):
        if res["Type"] != "AWS::Serverless::Api":
            continue
        props = res["Properties"]
        body = props["DefinitionBody"]
        body["x-amazon-apigateway-gateway-responses"] = gateway_responses()
        for operations in body.get("paths", {}).values():
            methods = [m for m in operations if m in ("get", "post", "put", "delete", "patch")]
            if methods and "x-amazon-apigateway-any-method" not in operations:
                operations["x-amazon-apigateway-any-method"] = method_not_allowed(methods)
        log_group = f"{logical}AccessLogs"
        resources[log_group] = {
            "Type": "AWS::Logs::LogGroup",
            "DeletionPolicy": "Retain",
            "UpdateReplacePolicy": "Retain",
            "Properties": {"LogGroupName": {"Fn::Sub": f"/govportal/{service}/api-access-${{AWS::StackName}}"}, "RetentionInDays": 365},
        }
        props["AccessLogSetting"] = {"DestinationArn": {"Fn::GetAtt": [log_group, "Arn"]}, "Format": ACCESS_LOG_FORMAT}
        props["TracingEnabled"] = True


def harden_functions(resources: dict[str, Any]) -> None:
    for res in resources.values():
        if res["Type"] != "AWS::Serverless::Function":
            continue
        props = res["Properties"]
        is_api = any(e.get("Type") == "Api" for e in props.get("Events", {}).values()) or res is resources.get("APIHandler")
        props.setdefault("ReservedConcurrentExecutions", API_RESERVED_CONCURRENCY if is_api else EVENT_RESERVED_CONCURRENCY)
        props.setdefault("Tracing", "Active")


def skip_check(resource: dict[str, Any], check: str, reason: str) -> None:
    """A checkov skip on this one resource, with its reason (read by checkov from Metadata)."""
    skips = resource.setdefault("Metadata", {}).setdefault("checkov", {}).setdefault("skip", [])
    skips.append({"id": check, "comment": reason})


def harden_data(resources: dict[str, Any], service: str) -> None:
    alarm_topic = f"{service.capitalize()}AlarmsTopic"
    dead_letters = []
    for logical, res in list(resources.items()):
        props = res.get("Properties", {})
        if res["Type"] == "AWS::SQS::Queue":
            if "KmsMasterKeyId" not in props:
                props["SqsManagedSseEnabled"] = True
                skip_check(res, "CKV_AWS_27", "encrypted with SSE-SQS: SNS cannot deliver to a queue under the AWS-managed KMS key")
            if str(props.get("QueueName", "")).endswith("-dlq"):
                dead_letters.append((logical, props["QueueName"]))
        elif res["Type"] == "AWS::SNS::Topic":
            props.setdefault("KmsMasterKeyId", "alias/aws/sns")
        elif res["Type"] == "AWS::DynamoDB::Table":
            if props.get("PointInTimeRecoverySpecification", {}).get("PointInTimeRecoveryEnabled"):
                props["DeletionProtectionEnabled"] = True
            else:
                skip_check(res, "CKV_AWS_28", "idempotency records expire within hours: there is nothing to recover")
    if not dead_letters:
        return
    resources[alarm_topic] = {
        "Type": "AWS::SNS::Topic",
        "Properties": {"TopicName": f"govportal-{service}-alarms", "KmsMasterKeyId": "alias/aws/sns"},
    }
    for logical, name in dead_letters:
        resources[f"{logical}DepthAlarm"] = {
            "Type": "AWS::CloudWatch::Alarm",
            "Properties": {
                "AlarmDescription": f"messages are waiting in {name}: fix the cause, then `make replay-dlq QUEUE={name.removesuffix('-dlq')}`",
                "Namespace": "AWS/SQS",
                "MetricName": "ApproximateNumberOfMessagesVisible",
                "Dimensions": [{"Name": "QueueName", "Value": {"Fn::GetAtt": [logical, "QueueName"]}}],
                "Statistic": "Maximum",
                "Period": 300,
                "EvaluationPeriods": 1,
                "Threshold": 0,
                "ComparisonOperator": "GreaterThanThreshold",
                "TreatMissingData": "notBreaching",
                "AlarmActions": [{"Ref": alarm_topic}],
            },
        }


def harden(service: str, template: dict[str, Any]) -> dict[str, Any]:
    resources = template["Resources"]
    harden_api(resources, service)
    harden_functions(resources)
    harden_data(resources, service)
    return template
