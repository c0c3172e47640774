"""Intake is idempotent across SDK retries (issue 9): when the answer to a committed
TransactWriteItems is lost and botocore sends it again, the retry meets the case-number
guard; the order it finds is recognised as this request's own (its request id), so one
order is stored, answered and published. The fault is injected with a botocore event hook
that asks for a retry after the first send succeeded (moto ignores ClientRequestToken)."""

from __future__ import annotations

from typing import Any

from conftest import GRID, RESIDENT, call


def lose_the_first_answer(client: Any) -> dict[str, int]:
    sent = {"transactions": 0}

    def retry_once(attempts: int, response: Any = None, **_: Any) -> float | None:
        sent["transactions"] += 1
        if attempts == 1 and response is not None and response[0].status_code == 200:
            return 0.0  # botocore sleeps 0 s and sends the same request again
        return None

    client.meta.events.register_first("needs-retry.dynamodb.TransactWriteItems", retry_once, unique_id="lose-answer")
    return sent


def test_a_retried_committed_intake_stores_one_order(client: Any, outbox: Any) -> None:
    from shared import aws

    dynamodb = aws.client("dynamodb")
    sent = lose_the_first_answer(dynamodb)
    try:
        response = call(client, "POST", "/workorders", {**RESIDENT, "Idempotency-Key": "stall-1"},
                        {"text": "路灯不亮", "location": {"grid": GRID}})
    finally:
        dynamodb.meta.events.unregister("needs-retry.dynamodb.TransactWriteItems", unique_id="lose-answer")
    assert sent["transactions"] >= 2, "the fault was not injected"
    assert response.status_code == 201, response.body
    orders = call(client, "GET", "/workorders", RESIDENT).json_body["orders"]
    assert [o["case_number"] for o in orders] == [response.json_body["case_number"]]
    assert [e["name"] for e in outbox.drain()] == ["workorders.order.created", "workorders.order.dispatched"]


def test_the_transaction_carries_a_client_request_token(client: Any) -> None:
    from shared import aws

    dynamodb = aws.client("dynamodb")
    seen: list[str | None] = []

    def capture(params: dict[str, Any], **_: Any) -> None:
        seen.append(params.get("ClientRequestToken"))

    dynamodb.meta.events.register("provide-client-params.dynamodb.TransactWriteItems", capture, unique_id="capture")
    try:
        call(client, "POST", "/workorders", RESIDENT, {"text": "路灯不亮", "location": {"grid": GRID}})
    finally:
        dynamodb.meta.events.unregister("provide-client-params.dynamodb.TransactWriteItems", unique_id="capture")
    assert seen and seen[0] and len(seen[0]) == 36
