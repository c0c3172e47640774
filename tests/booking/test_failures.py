"""Infrastructure failures give clean, retryable answers and never a second booking."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from botocore.exceptions import ClientError, EndpointConnectionError

from tests.booking.conftest import CENTRE, book, resident, staff

START = "2026-09-29T08:30:00+08:00"


def test_unreachable_store_is_503_unavailable_and_books_nothing(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from chalicelib.adapters.repository import DynamoRepository

    def unreachable(self: Any, *args: Any, **kwargs: Any) -> None:
        raise EndpointConnectionError(endpoint_url="http://dynamodb")

    monkeypatch.setattr(DynamoRepository, "book", unreachable)
    response = book(client, START)
    assert response.status_code == 503 and response.json_body["error"]["code"] == "unavailable"


def test_throttling_is_503_but_other_client_errors_stay_500(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from chalicelib.adapters.repository import DynamoRepository

    code = {"value": "ThrottlingException"}

    def failing(self: Any, *args: Any, **kwargs: Any) -> None:
        raise ClientError({"Error": {"Code": code["value"], "Message": "x"}}, "TransactWriteItems")

    monkeypatch.setattr(DynamoRepository, "book", failing)
    assert book(client, START).status_code == 503
    code["value"] = "ValidationException"  # a bug of ours: not something to retry
    assert book(client, START).status_code == 500


def test_a_server_error_of_the_store_is_503(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from chalicelib.adapters.repository import DynamoRepository

    def failing(self: Any, *args: Any, **kwargs: Any) -> None:
        raise ClientError(
            {"Error": {"Code": "500", "Message": "x"}, "ResponseMetadata": {"HTTPStatusCode": 500}}, "TransactWriteItems"
        )

    monkeypatch.setattr(DynamoRepository, "book", failing)
    assert book(client, START).status_code == 503


def test_a_lost_answer_to_a_committed_booking_is_not_a_conflict(booking: Any, events: Any) -> None:
    """The transaction commits, the answer is lost and the retry fails every condition (the
    seat is now taken by us): the service recognises its own appointment and publishes the
    event its committed transaction put in the outbox, once."""
    from chalicelib.adapters.repository import DynamoRepository
    from chalicelib.domain.model import SeatTaken
    from chalicelib.service import BookingRequest, BookingService

    from shared.auth import Principal, Role
    from shared.events import Events

    class LosesFirstAnswer(DynamoRepository):
        def book(self, appointment: Any, cell_capacity: int, max_active: int, *, outbox: Any = ()) -> None:
            super().book(appointment, 1, max_active, outbox=outbox)  # capacity 1: the retry finds it full
            raise SeatTaken("slot_full")

    service = BookingService(LosesFirstAnswer(), Events())
    appointment = service.book(
        Principal(subject="res-1", role=Role.RESIDENT),
        BookingRequest(item="T-RESIDENCE", centre=CENTRE, start=datetime.fromisoformat(START)),
    )
    stored = service.repo.for_resident("res-1")
    assert [a.id for a in stored] == [appointment.id]
    assert [(e["name"], e["payload"]["id"]) for e in events()] == [("booking.appointment.booked", appointment.id)]
    assert list(Events().outbox.stale(None)) == []


def test_lists_need_a_token_and_fail_cleanly_without_one(client: Any) -> None:
    assert client.http.get("/appointments", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.http.get("/appointments", headers=resident()).status_code == 200
    assert client.http.get("/appointments", headers=staff()).status_code == 400  # staff: ?code= or a day list
