"""Writes infra/<service>.json, the CloudFormation fragments merged into each service's
`chalice package` output and created by the local stack. Run it after changing the shapes
below; the files are committed so that a reviewer reads plain templates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
PROJECT = "govportal"


def table(name: str, gsis: int = 2) -> dict[str, Any]:
    attrs = [{"AttributeName": a, "AttributeType": "S"} for a in ("pk", "sk")]
    indexes = []
    for n in range(1, gsis + 1):
        attrs += [{"AttributeName": f"gsi{n}pk", "AttributeType": "S"}, {"AttributeName": f"gsi{n}sk", "AttributeType": "S"}]
        indexes.append(
            {
                "IndexName": f"gsi{n}",
                "KeySchema": [
                    {"AttributeName": f"gsi{n}pk", "KeyType": "HASH"},
                    {"AttributeName": f"gsi{n}sk", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "ALL"},
            }
        )
    props: dict[str, Any] = {
        "TableName": f"{PROJECT}-{name}",
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": attrs,
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        "TimeToLiveSpecification": {"AttributeName": "expires_at", "Enabled": True},
        "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
        "SSESpecification": {"SSEEnabled": True},
    }
    if indexes:
        props["GlobalSecondaryIndexes"] = indexes
    return {"Type": "AWS::DynamoDB::Table", "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain", "Properties": props}


def idempotency_table(name: str) -> dict[str, Any]:
    return {
        "Type": "AWS::DynamoDB::Table",
        "Properties": {
            "TableName": f"{PROJECT}-{name}-idempotency",
            "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
            "TimeToLiveSpecification": {"AttributeName": "expiration", "Enabled": True},
            "SSESpecification": {"SSEEnabled": True},
        },
    }


def topic(name: str) -> dict[str, Any]:
    return {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": f"{PROJECT}-{name}"}}


def queue_with_dlq(logical: str, name: str, max_receive: int = 3) -> dict[str, Any]:
    # Visibility timeout is six times the function timeout (60 s), as AWS advises for
    # SQS event sources; the DLQ keeps messages 14 days for replay.
    return {
        f"{logical}DeadLetter": {
            "Type": "AWS::SQS::Queue",
            "Properties": {"QueueName": f"{PROJECT}-{name}-dlq", "MessageRetentionPeriod": 1209600},
        },
        logical: {
            "Type": "AWS::SQS::Queue",
            "Properties": {
                "QueueName": f"{PROJECT}-{name}",
                "VisibilityTimeout": 360,
                "MessageRetentionPeriod": 345600,
                "RedrivePolicy": {
                    "deadLetterTargetArn": {"Fn::GetAtt": [f"{logical}DeadLetter", "Arn"]},
                    "maxReceiveCount": max_receive,
                },
            },
        },
    }


def topic_arn(name: str) -> dict[str, Any]:
    return {"Fn::Sub": f"arn:${{AWS::Partition}}:sns:${{AWS::Region}}:${{AWS::AccountId}}:{PROJECT}-{name}"}


def subscription(logical_queue: str, topic_name: str, event_names: list[str] | None) -> dict[str, Any]:
    props: dict[str, Any] = {
        "Protocol": "sqs",
        "TopicArn": topic_arn(topic_name),
        "Endpoint": {"Fn::GetAtt": [logical_queue, "Arn"]},
        "RawMessageDelivery": True,
    }
    if event_names:
        props["FilterPolicy"] = {"name": event_names}
    return {"Type": "AWS::SNS::Subscription", "Properties": props}


def queue_policy(logical_queue: str, topic_names: list[str]) -> dict[str, Any]:
    return {
        "Type": "AWS::SQS::QueuePolicy",
        "Properties": {
            "Queues": [{"Ref": logical_queue}],
            "PolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "sns.amazonaws.com"},
                        "Action": "sqs:SendMessage",
                        "Resource": {"Fn::GetAtt": [logical_queue, "Arn"]},
                        "Condition": {"ArnEquals": {"aws:SourceArn": [topic_arn(t) for t in topic_names]}},
                    }
                ],
            },
        },
    }


def fragments() -> dict[str, dict[str, Any]]:
    catalog = {"CatalogTable": table("catalog")}
    booking = {
        "BookingTable": table("booking"),
        "BookingIdempotencyTable": idempotency_table("booking"),
        "BookingEventsTopic": topic("booking-events"),
        # Notifications to residents (SMS reminders); the SMS channel will consume it.
        **queue_with_dlq("NotificationsOutbox", "notifications-outbox"),
    }
    workorders = {
        "WorkordersTable": table("workorders"),
        "WorkordersIdempotencyTable": idempotency_table("workorders"),
        "WorkordersEventsTopic": topic("workorders-events"),
        **queue_with_dlq("WorkordersInboxQueue", "workorders-inbox"),
        "WorkordersInboxFromRating": subscription("WorkordersInboxQueue", "rating-events", ["rating.rating.submitted", "rating.rectification.opened", "rating.rectification.completed"]),
        "WorkordersInboxPolicy": queue_policy("WorkordersInboxQueue", ["rating-events"]),
    }
    rating = {
        "RatingTable": table("rating"),
        "RatingIdempotencyTable": idempotency_table("rating"),
        "RatingEventsTopic": topic("rating-events"),
        **queue_with_dlq("RatingInboxQueue", "rating-inbox"),
        "RatingInboxFromWorkorders": subscription("RatingInboxQueue", "workorders-events", None),
        "RatingInboxFromBooking": subscription("RatingInboxQueue", "booking-events", None),
        "RatingInboxPolicy": queue_policy("RatingInboxQueue", ["workorders-events", "booking-events"]),
    }
    return {"catalog": catalog, "booking": booking, "workorders": workorders, "rating": rating}


if __name__ == "__main__":
    for service, resources in fragments().items():
        doc = {"AWSTemplateFormatVersion": "2010-09-09", "Description": f"{PROJECT} {service}: data and messaging", "Resources": resources}
        (HERE / f"{service}.json").write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
        print(f"wrote infra/{service}.json ({len(resources)} resources)")
