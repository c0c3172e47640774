"""One envelope for every message, its publisher (SNS) and its consumer (SQS batches with
partial batch failures, as Lambda delivers them)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from shared import aws
from shared.observability import current_correlation_id, logger
from shared.settings import get_settings


def _now() -> datetime:
    return datetime.now(UTC)


class Envelope(BaseModel):
    """name is "<service>.<entity>.<verb>", e.g. "workorders.order.created"."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=3)
    version: int = Field(1, ge=1)
    id: str = Field(default_factory=lambda: str(uuid.uuid4()))
    correlation_id: str
    occurred_at: AwareDatetime = Field(default_factory=_now)
    source: str
    payload: dict[str, Any]


def new_event(
    name: str,
    payload: dict[str, Any],
    *,
    version: int = 1,
    correlation_id: str | None = None,
    occurred_at: datetime | None = None,
) -> Envelope:
    """occurred_at defaults to now; give it when the change happened on the service's own
    clock (it must be timezone-aware)."""
    fields: dict[str, Any] = {} if occurred_at is None else {"occurred_at": occurred_at}
    return Envelope(
        name=name,
        version=version,
        correlation_id=correlation_id or current_correlation_id(),
        source=get_settings().service_name,
        payload=payload,
        **fields,
    )


SNS_BATCH = 10  # PublishBatch takes at most 10 entries


class PublishIncomplete(Exception):
    """publish_many could not publish every envelope: `published` holds the ids SNS accepted,
    `failed` the envelopes it did not (retry those; consumers dedupe by id)."""

    def __init__(self, published: list[str], failed: list[Envelope], reason: str) -> None:
        super().__init__(f"{len(failed)} of {len(published) + len(failed)} events not published: {reason}")
        self.published = published
        self.failed = failed


class Publisher:
    """Publishes envelopes to the service's SNS topic; subscribers' queues get the raw
    envelope (RawMessageDelivery) and may filter on the `name` attribute."""

    def __init__(self, topic_arn: str | None = None) -> None:
        self.topic_arn = topic_arn or get_settings().events_topic_arn

    @staticmethod
    def _attributes(event: Envelope) -> dict[str, Any]:
        return {"name": {"DataType": "String", "StringValue": event.name}}

    def publish(self, event: Envelope) -> None:
        aws.client("sns").publish(
            TopicArn=self.topic_arn,
            Message=event.model_dump_json(),
            MessageAttributes=self._attributes(event),
        )
        logger.info("published", extra={"event_name": event.name, "event_id": event.id})

    def publish_many(self, events: Sequence[Envelope]) -> list[str]:
        """Publishes with SNS PublishBatch, 10 envelopes per call (same body and `name`
        attribute as publish). Returns the published ids; raises PublishIncomplete when SNS
        refused some entries or a call failed (the rest of the envelopes are then not tried)."""
        published: list[str] = []
        failed: list[Envelope] = []
        reasons: list[str] = []
        events = list(events)
        for start in range(0, len(events), SNS_BATCH):
            chunk = events[start : start + SNS_BATCH]
            try:
                response = aws.client("sns").publish_batch(
                    TopicArn=self.topic_arn,
                    PublishBatchRequestEntries=[
                        {"Id": str(n), "Message": e.model_dump_json(), "MessageAttributes": self._attributes(e)}
                        for n, e in enumerate(chunk)
                    ],
                )
            except Exception as exc:  # noqa: BLE001 - reported to the caller with what was sent
                failed += events[start:]
                reasons.append(repr(exc))
                break
            refused = {entry["Id"]: entry for entry in response.get("Failed", [])}
            for n, e in enumerate(chunk):
                if str(n) in refused:
                    failed.append(e)
                    reasons.append(f"{refused[str(n)].get('Code')}: {refused[str(n)].get('Message')}")
                else:
                    published.append(e.id)
                    logger.info("published", extra={"event_name": e.name, "event_id": e.id})
        if failed:
            raise PublishIncomplete(published, failed, "; ".join(reasons))
        return published


def envelope_from_body(body: str) -> Envelope:
    """Accepts the raw envelope or an SNS notification wrapping it."""
    data = json.loads(body)
    if isinstance(data, dict) and data.get("Type") == "Notification" and "Message" in data:
        data = json.loads(data["Message"])
    return Envelope.model_validate(data)


def sqs_batch_handler(handle: Callable[[Envelope], Any]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Wraps a per-envelope handler into a Lambda SQS batch handler that reports partial
    batch failures; a record that raises is retried and ends in the dead-letter queue."""
    processor = BatchProcessor(event_type=EventType.SQS)

    def record_handler(record: SQSRecord) -> None:
        envelope = envelope_from_body(record.body)
        logger.info("consuming", extra={"event_name": envelope.name, "event_id": envelope.id})
        handle(envelope)

    def handler(raw_event: dict[str, Any]) -> dict[str, Any]:
        return dict(process_partial_response(event=raw_event, record_handler=record_handler, processor=processor))

    return handler


def command_of(envelope: Envelope, models: Mapping[str, type[BaseModel]]) -> BaseModel:
    """The command an envelope carries, validated by its model (models by command name);
    BadRequest, which the service answers as <service>.command.rejected, when the name is
    unknown or the payload does not fit."""
    from pydantic import ValidationError

    from shared.errors import BadRequest

    model = models.get(envelope.name)
    if model is None:
        raise BadRequest(f"unknown command {envelope.name!r}; known: {', '.join(models)}",
                         zh=f"未知的指令 {envelope.name!r}；可用：{'、'.join(models)}")
    try:
        return model.model_validate(envelope.payload)
    except ValidationError as exc:
        raise invalid_payload(exc) from exc


def invalid_payload(exc: Any) -> Exception:
    """A pydantic ValidationError of a message's payload as a BadRequest naming each field."""
    from shared.errors import BadRequest

    return BadRequest("; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()))


class CommandSender:
    """A channel's commands to one owning service: each envelope onto that service's commands
    queue (docs/CONTRACTS.md), with its name as a message attribute as the topics carry it."""

    def __init__(self, queue_url: str) -> None:
        self.queue_url = queue_url

    def send(self, command: Envelope) -> None:
        aws.client("sqs").send_message(
            QueueUrl=self.queue_url,
            MessageBody=command.model_dump_json(),
            MessageAttributes={"name": {"DataType": "String", "StringValue": command.name}},
        )
