"""The SMS service's consumers on moto: inbound texts from the topic's queue, as Lambda
delivers them, become commands on the owning services' queues; events become texts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from shared.identity import resident_subject
from tests.conftest import mocked_stack
from tests.sms.fakes import FakeSender

EVENTS = Path(__file__).resolve().parents[2] / "events"
PHONE = "+8613800000001"


@pytest.fixture(scope="module")
def stack() -> Iterator[Any]:
    mp = pytest.MonkeyPatch()
    with mocked_stack() as stack:
        # The core services' commands queues (created by their own templates once merged).
        for name in ("govportal-workorders-commands", "govportal-rating-commands"):
            stack.sqs.create_queue(QueueName=name)
        from shared import aws
        from shared.settings import reset_settings

        for name, value in stack.service_env("sms").items():
            if name != "AWS_ENDPOINT_URL":
                mp.setenv(name, value)
        mp.delenv("AWS_ENDPOINT_URL", raising=False)
        reset_settings()
        aws.reset_clients()
        yield stack
    mp.undo()


@pytest.fixture
def sender(stack: Any) -> FakeSender:
    from datetime import datetime

    from chalicelib import wiring

    fake = FakeSender()
    wiring.service().sender = fake
    wiring.service().clock = lambda: datetime.fromisoformat("2026-11-23T10:00:00+08:00")  # not in quiet hours
    return fake


def lambda_event(stack: Any, queue: str) -> dict[str, Any]:
    """What Lambda's event source mapping hands the function: the queue's messages."""
    from infra.local.lambda_events import sqs_event

    url = stack.sqs.get_queue_url(QueueName=queue)["QueueUrl"]
    arn = stack.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    messages = stack.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, AttributeNames=["All"]).get("Messages", [])
    assert messages, f"nothing on {queue}"
    stack.sqs.delete_message_batch(QueueUrl=url, Entries=[{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)])
    return sqs_event(messages, arn, "us-east-1")


def text_in(stack: Any, body: str, message_id: str) -> None:
    payload = json.loads((EVENTS / "sms" / "aws" / "inbound-text.json").read_text())
    payload.update({"messageBody": body, "inboundMessageId": message_id})
    payload.pop("previousPublishedMessageId")
    topic = stack.sns.create_topic(Name="govportal-sms-inbound")["TopicArn"]
    stack.sns.publish(TopicArn=topic, Message=json.dumps(payload, ensure_ascii=False))


def commands_on(stack: Any, queue: str) -> list[dict[str, Any]]:
    url = stack.sqs.get_queue_url(QueueName=queue)["QueueUrl"]
    messages = stack.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
    for m in messages:
        stack.sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
    return [json.loads(m["Body"]) for m in messages]


def test_an_inbound_text_becomes_one_report_command_even_when_delivered_twice(stack: Any, sender: FakeSender) -> None:
    import app

    text_in(stack, "小区门口路灯不亮了", "in-moto-1")
    text_in(stack, "小区门口路灯不亮了", "in-moto-1")  # AWS delivers at least once
    event = lambda_event(stack, "govportal-sms-inbound-queue")
    assert len(event["Records"]) == 2
    assert app.sms_inbound(event, None) == {"batchItemFailures": []}
    (command,) = commands_on(stack, "govportal-workorders-commands")
    assert command["name"] == "workorders.command.report" and command["source"] == "sms"
    assert command["payload"]["reporter"]["subject"] == resident_subject(PHONE)
    # the number is stored only encrypted and as the subject's keyed hash
    items = stack.dynamodb.scan(TableName="govportal-sms")["Items"]
    assert PHONE not in json.dumps(items) and "13800000001" not in json.dumps(items)

    created = json.loads((EVENTS / "workorders" / "workorders.order.created.json").read_text())
    created.update({"correlation_id": command["id"]})
    created["payload"].update({"resident": resident_subject(PHONE), "channel": "sms"})
    inbox = stack.sqs.get_queue_url(QueueName="govportal-sms-inbox")["QueueUrl"]
    topic = stack.sns.create_topic(Name="govportal-workorders-events")["TopicArn"]
    stack.sns.publish(TopicArn=topic, Message=json.dumps(created), MessageAttributes={"name": {"DataType": "String", "StringValue": created["name"]}})
    assert inbox
    assert app.sms_inbox(lambda_event(stack, "govportal-sms-inbox"), None) == {"batchItemFailures": []}
    ((_, to, body),) = sender.sent
    assert to == PHONE and created["payload"]["case_number"] in body


def test_a_malformed_inbound_payload_fails_its_record_only(stack: Any, sender: FakeSender) -> None:
    import app

    topic = stack.sns.create_topic(Name="govportal-sms-inbound")["TopicArn"]
    stack.sns.publish(TopicArn=topic, Message=json.dumps({"messageBody": "no number"}))
    text_in(stack, "帮助", "in-moto-help")
    result = app.sms_inbound(lambda_event(stack, "govportal-sms-inbound-queue"), None)
    assert len(result["batchItemFailures"]) == 1
    assert len(sender.sent) == 1 and "CX" in sender.sent[0][2]


def test_a_rate_reply_becomes_a_rating_command(stack: Any, sender: FakeSender) -> None:
    import app

    replied = json.loads((EVENTS / "workorders" / "workorders.order.replied.json").read_text())
    replied["payload"]["resident"] = resident_subject(PHONE)
    topic = stack.sns.create_topic(Name="govportal-workorders-events")["TopicArn"]
    stack.sns.publish(TopicArn=topic, Message=json.dumps(replied), MessageAttributes={"name": {"DataType": "String", "StringValue": replied["name"]}})
    app.sms_inbox(lambda_event(stack, "govportal-sms-inbox"), None)
    assert "回复1-5评价" in sender.sent[-1][2]
    text_in(stack, "５", "in-moto-rate")
    assert app.sms_inbound(lambda_event(stack, "govportal-sms-inbound-queue"), None) == {"batchItemFailures": []}
    (command,) = commands_on(stack, "govportal-rating-commands")
    assert command["payload"]["level"] == 5 and command["payload"]["subject"]["id"] == replied["payload"]["case_number"]
