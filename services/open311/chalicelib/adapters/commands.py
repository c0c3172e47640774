"""Commands to the work-order service over its SQS queue (docs/CONTRACTS.md)."""

from __future__ import annotations

from shared import aws
from shared.messaging import Envelope


class CommandSender:
    def __init__(self, queue_url: str) -> None:
        self.queue_url = queue_url

    def send(self, command: Envelope) -> None:
        aws.client("sqs").send_message(
            QueueUrl=self.queue_url,
            MessageBody=command.model_dump_json(),
            MessageAttributes={"name": {"DataType": "String", "StringValue": command.name}},
        )
