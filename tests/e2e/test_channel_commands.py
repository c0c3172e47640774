"""Issue 10's "done when" for work orders on the real local stack: a channel's report command
on govportal-workorders-commands becomes a located order (SQS -> the pump -> the handler), a
report without a location is accepted, and a command-centre token's first GET /workorders
shows the waiting work, whatever unit it names."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import boto3
from conftest import call

from shared.auth import issue_local_token
from tests.support import eventually

SMS_RESIDENT = "p-e2e0000000000000000000001"


def test_a_report_command_becomes_a_located_order(base: Any) -> None:
    sqs = boto3.client("sqs", endpoint_url=base.aws_endpoint, region_name="us-east-1",
                       aws_access_key_id="testing", aws_secret_access_key="testing")
    url = sqs.get_queue_url(QueueName="govportal-workorders-commands")["QueueUrl"]
    command_id = str(uuid.uuid4())
    envelope = {"name": "workorders.command.report", "version": 1, "id": command_id, "correlation_id": command_id,
                "occurred_at": "2026-11-23T09:00:00+08:00", "source": "sms",
                "payload": {"reporter": {"subject": SMS_RESIDENT, "role": "resident", "unit": None}, "channel": "sms",
                            "text": "明珠花园3号楼门口路灯不亮好几天了", "location": None, "place": None, "media_urls": [],
                            "client_ref": "sms-e2e-1"}}
    for _ in range(2):  # delivered twice: one order
        sqs.send_message(QueueUrl=url, MessageBody=json.dumps(envelope, ensure_ascii=False))
    resident = issue_local_token(SMS_RESIDENT, "resident")
    orders = eventually(lambda: call("GET", f"{base}/workorders", resident)[1]["orders"], seconds=40)
    assert orders, "the command was not taken"
    time.sleep(3)
    orders = call("GET", f"{base}/workorders", resident)[1]["orders"]
    assert len(orders) == 1 and orders[0]["location"]["grid"] == "JN-S01-C01-G01"
    order = call("GET", f"{base}/workorders/{orders[0]['case_number']}", resident)[1]
    assert order["channel"] == "sms" and order["precision"] == "building" and order["status"] == "dispatched"


def test_a_consultation_without_a_location_and_the_centres_first_look(base: Any) -> None:
    resident = issue_local_token("r-e2e-consult", "resident")
    status, order = call("POST", f"{base}/workorders", resident, {"text": "请问低保怎么申请?"})
    assert status == 201, order
    status, unlocated = call("POST", f"{base}/workorders", resident, {"text": "楼下路灯不亮好几天了"})
    assert status == 201 and unlocated["status"] == "submitted"
    centre = issue_local_token("cc-e2e-2", "command-centre", "JN")
    status, work = call("GET", f"{base}/workorders", centre)
    assert status == 200 and work["tasks"]["locate"]["count"] >= 1
    assert unlocated["case_number"] in {o["case_number"] for o in work["orders"]}
