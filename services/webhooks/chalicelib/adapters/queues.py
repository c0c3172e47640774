"""SQS: the deliveries queue (with delays), its dead-letter queue, and the workorders
commands queue (shared.messaging Envelope bodies, per docs/CONTRACTS.md)."""

from __future__ import annotations

import json
from typing import Any

from shared import aws

MAX_DELAY = 900  # SQS DelaySeconds limit


class DeliveryQueue:
    def __init__(self, queue_url: str, dlq_url: str) -> None:
        self.queue_url = queue_url
        self.dlq_url = dlq_url

    def enqueue(self, delivery_id: str, *, delay: float = 0.0, due_at: float = 0.0) -> None:
        aws.client("sqs").send_message(
            QueueUrl=self.queue_url,
            MessageBody=json.dumps({"delivery_id": delivery_id, "due_at": due_at}),
            DelaySeconds=max(0, min(MAX_DELAY, int(round(delay)))),
        )

    def dead_letter(self, delivery: dict[str, Any]) -> None:
        aws.client("sqs").send_message(
            QueueUrl=self.dlq_url,
            MessageBody=json.dumps({"delivery_id": delivery["id"], "due_at": 0.0, "unit": delivery["unit"],
                                    "type": delivery["type"], "case_number": delivery.get("case_number")}),
        )

