from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest

from tests.conftest import EVENTS, listen_to_topic, service_environment, token, use_service

use_service("rating")

NOW = datetime.fromisoformat("2026-11-06T10:00:00+08:00")
MONTH = "2026-11"
CASE = "JN20261102-0007"
RESIDENT = "resident-0001"
OTHER_RESIDENT = "resident-0002"
HANDLER = {"kind": "department", "code": "urban-management"}
LOCATION = {"grid": "JN-S01-C01-G01", "community": "JN-S01-C01", "street": "JN-S01"}

# Each verb's own time field, set to a known November time so figures land in MONTH.
TIME_FIELDS = {
    "dispatched": {"dispatched_at": "2026-11-02T09:05:00+08:00"},
    "signed": {"signed_at": "2026-11-02T09:40:00+08:00"},
    "returned": {"returned_at": "2026-11-02T09:20:00+08:00"},
    "replied": {"replied_at": "2026-11-05T16:00:00+08:00", "rating_deadline": "2026-11-20T16:00:00+08:00"},
    "closed": {"closed_at": "2026-11-06T10:00:00+08:00"},
    "completed": {"at": "2026-11-05T09:50:00+08:00"},
}


def example(name: str) -> dict[str, Any]:
    """The owning service's example envelope (events/workorders/*.json, events/booking/*.json)."""
    service = name.split(".", 1)[0]
    return json.loads((EVENTS / service / f"{name}.json").read_text(encoding="utf-8"))


def order_event(verb: str, case: str = CASE, *, resident: str | None = RESIDENT, handler: dict[str, Any] | None = HANDLER,
                location: dict[str, str] | None = None, **fields: Any) -> dict[str, Any]:
    """An example workorders envelope, made about our test order (fresh id)."""
    envelope = example(f"workorders.order.{verb}")
    payload = dict(envelope["payload"])
    payload.update(case_number=case, resident=resident, handler=handler, location=location or LOCATION)
    payload.update(TIME_FIELDS.get(verb, {}))
    payload.update(fields)
    return {**envelope, "id": str(uuid.uuid4()), "payload": payload}


def appointment_event(verb: str, appointment: str = "apt-test-1", *, resident: str = RESIDENT,
                      centre_unit: str = "JN-S01-C01", **fields: Any) -> dict[str, Any]:
    envelope = example(f"booking.appointment.{verb}")
    payload = dict(envelope["payload"])
    payload.update(id=appointment, resident=resident, centre_unit=centre_unit)
    payload.update(TIME_FIELDS.get(verb, {}))
    payload.update(fields)
    return {**envelope, "id": str(uuid.uuid4()), "payload": payload}


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def stack(aws_stack: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    service_environment(aws_stack, "rating", monkeypatch)
    yield aws_stack


@pytest.fixture
def clock() -> Iterator[Clock]:
    """shared.clock's one test hook, at NOW; tests move it with `clock.now = ...`."""
    from shared import clock as shared_clock

    fixed = Clock()
    shared_clock.set_clock(fixed)
    yield fixed
    shared_clock.set_clock(None)


@pytest.fixture
def published(stack: Any) -> Any:
    """A queue subscribed to the rating topic; call it to drain what was published."""
    from shared.settings import get_settings

    drain = listen_to_topic(stack, get_settings().events_topic_arn, "test-rating-published")
    return lambda: [json.loads(m["Body"]) for m in drain()]


@pytest.fixture
def client(stack: Any, clock: Clock) -> Iterator[Any]:
    import app
    from chalice.test import Client

    with Client(app.app) as test_client:
        yield test_client


@pytest.fixture
def feed(stack: Any) -> Any:
    """Delivers envelopes through the app's SQS handler, as Lambda would."""
    import app
    from chalice.test import Client

    def deliver(*envelopes: dict[str, Any]) -> dict[str, Any]:
        with Client(app.app) as lambda_client:
            event = lambda_client.events.generate_sqs_event(
                message_bodies=[json.dumps(e) for e in envelopes], queue_name="govportal-rating-inbox")
            return lambda_client.lambda_.invoke("consume_inbox", event).payload  # type: ignore[no-any-return]

    return deliver


def auth(role: str, subject: str, unit: str | None = None) -> dict[str, str]:
    return {**token(role, subject, unit), "Content-Type": "application/json"}


def post(client: Any, path: str, body: Any, headers: dict[str, str]) -> Any:
    return client.http.post(path, body=json.dumps(body), headers=headers)


def get(client: Any, path: str, headers: dict[str, str] | None = None) -> Any:
    return client.http.get(path, headers=headers or {})


def body(response: Any) -> Any:
    return json.loads(response.body)


# ---- the use cases on in-memory fakes (tests/rating/fakes.py) ------------------------------
def who(role: str, subject: str, unit: str | None = None) -> Any:
    """The Principal a token of this role, subject and unit stands for."""
    from shared.auth import Principal, Role

    return Principal(subject=subject, role=Role(role), unit=unit)


class UseCases:
    """RatingService over InMemoryRatingStore and FakeOutbox: events consumed as the inbox
    handler hands them over, ratings submitted as the route does, figures as the routes ask."""

    def __init__(self) -> None:
        from chalicelib.service import RatingService

        from tests.rating.fakes import FakeOutbox, InMemoryRatingStore

        self.store = InMemoryRatingStore()
        self.outbox = FakeOutbox(self.store)
        self.service = RatingService(self.store, self.outbox)  # settings from the environment, as wiring does

    def feed(self, *envelopes: dict[str, Any]) -> list[bool]:
        from shared.messaging import Envelope

        return [self.service.consume(Envelope.model_validate(e)) for e in envelopes]

    def replied_order(self, case: str = CASE, **replied: Any) -> None:
        self.feed(order_event("created", case, handler=None), order_event("dispatched", case),
                  order_event("replied", case, **replied))

    def rate(self, level: int, subject: str = CASE, kind: str = "workorder", by: Any = None, **extra: Any) -> dict[str, Any]:
        from chalicelib.models.requests import RatingRequest

        request = RatingRequest.model_validate({"subject": {"kind": kind, "id": subject}, "level": level, **extra})
        return self.service.submit_rating(by or who("resident", RESIDENT), request)

    def scores(self, unit: str = "urban-management", month: str = MONTH) -> dict[str, Any]:
        return self.service.unit_scores(who("command-centre", "cc-1", "command-center"), unit, month)

    def counter(self, unit: str, month: str = MONTH) -> dict[str, Any]:
        return self.store.get_counter(unit, month) or {}

    def projection(self, kind: str, subject: str) -> dict[str, Any]:
        return self.store.get_projection(kind, subject) or {}


@pytest.fixture
def rating(clock: Clock) -> UseCases:
    """The use cases on fakes, shared.clock at NOW (move it with `clock.now = ...`)."""
    return UseCases()
