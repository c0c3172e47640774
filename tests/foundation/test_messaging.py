from __future__ import annotations

import json
import logging

import pytest

from shared.messaging import Envelope, envelope_from_body, new_event, sqs_batch_handler
from shared.observability import RedactPersonalData, redact


def _record(body: str, message_id: str) -> dict[str, object]:
    return {
        "messageId": message_id,
        "receiptHandle": "rh-" + message_id,
        "body": body,
        "attributes": {"ApproximateReceiveCount": "1"},
        "messageAttributes": {},
        "md5OfBody": "",
        "eventSource": "aws:sqs",
        "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:q",
        "awsRegion": "us-east-1",
    }


def test_envelope_has_every_field_and_round_trips() -> None:
    event = new_event("workorders.order.created", {"case_number": "A1"})
    data = json.loads(event.model_dump_json())
    assert set(data) == {"name", "version", "id", "correlation_id", "occurred_at", "source", "payload"}
    assert envelope_from_body(event.model_dump_json()) == event


def test_sns_wrapped_body_is_unwrapped() -> None:
    event = new_event("rating.rating.submitted", {"level": 5})
    wrapped = json.dumps({"Type": "Notification", "Message": event.model_dump_json()})
    assert envelope_from_body(wrapped).id == event.id


def test_batch_handler_reports_only_the_failed_records() -> None:
    seen: list[str] = []

    def handle(envelope: Envelope) -> None:
        if envelope.payload.get("fail"):
            raise ValueError("boom")
        seen.append(envelope.id)

    good = new_event("x.y.z", {})
    bad = new_event("x.y.z", {"fail": True})
    result = sqs_batch_handler(handle)(
        {"Records": [_record(good.model_dump_json(), "m1"), _record(bad.model_dump_json(), "m2"), _record("not json", "m3")]}
    )
    assert seen == [good.id]
    assert sorted(f["itemIdentifier"] for f in result["batchItemFailures"]) == ["m2", "m3"]


@pytest.mark.parametrize("text", ["13912345678", "110101199003077777", "0474-8314177"])
def test_personal_numbers_are_redacted_from_logs(text: str) -> None:
    assert text not in redact(f"caller {text} asked")
    record = logging.LogRecord("x", logging.INFO, "f", 1, "phone %s", (text,), None)
    record.contact = text
    RedactPersonalData().filter(record)
    assert text not in record.getMessage() and text not in record.contact


def test_nested_extras_and_exceptions_are_redacted_too() -> None:
    try:
        raise ValueError("bad phone 13912345678")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, "f", 1, "failed", None, sys.exc_info())
    record.detail = {"contact": {"phone": "13912345678"}, "ids": ["110101199003077777"]}
    RedactPersonalData().filter(record)
    assert "13912345678" not in str(record.detail) and "110101199003077777" not in str(record.detail)
    assert record.exc_info is None and "13912345678" not in record.exception_text
    assert "ValueError" in record.exception_text


def test_the_service_logger_redacts_what_it_writes() -> None:
    import io

    from shared.observability import logger

    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logger.registered_formatter)
    logger.addHandler(handler)
    logger.info("caller 13912345678", extra={"contact": {"phone": "13912345678"}})
    try:
        raise RuntimeError("id 110101199003077777")
    except RuntimeError:
        logger.exception("boom")
    logger.removeHandler(handler)
    text = buffer.getvalue()
    assert "13912345678" not in text and "110101199003077777" not in text
    assert "[redacted]" in text


@pytest.mark.parametrize("text", ["b662d9d6-1a87-437b-a5d0-b13912345678", "ORDER-261122-1T1TAG", "a5d0-f13912345678"])
def test_ids_that_merely_contain_digits_are_left_alone(text: str) -> None:
    assert redact(text) == text


def test_a_phone_after_chinese_text_is_still_redacted() -> None:
    assert redact("电话13912345678请回电") == "电话[redacted]请回电"
