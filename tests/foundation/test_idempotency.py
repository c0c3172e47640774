from __future__ import annotations

from typing import Any

import pytest

from shared.errors import DomainError, NotFound
from shared.idempotency import once
from tests.conftest import service_environment


@pytest.fixture
def booking_env(aws_stack: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    service_environment(aws_stack, "booking", monkeypatch)
    return aws_stack


def test_same_key_runs_once_and_returns_the_stored_answer(booking_env: Any) -> None:
    runs: list[int] = []

    def action() -> tuple[int, Any]:
        runs.append(1)
        return 201, {"id": f"a-{len(runs)}"}

    first = once("book:r-1", "key-1", {"slot": 1}, action)
    second = once("book:r-1", "key-1", {"slot": 1}, action)
    assert first == second == (201, {"id": "a-1"}) and len(runs) == 1
    assert once("book:r-2", "key-1", {"slot": 1}, action) == (201, {"id": "a-2"})  # another caller's scope


def test_same_key_with_another_body_is_refused(booking_env: Any) -> None:
    once("book:r-1", "key-2", {"slot": 1}, lambda: (201, {}))
    with pytest.raises(DomainError) as refused:
        once("book:r-1", "key-2", {"slot": 2}, lambda: (201, {}))
    assert refused.value.code == "idempotency_key_reused"


def test_a_domain_error_is_not_stored_so_a_retry_runs_again(booking_env: Any) -> None:
    def fails() -> tuple[int, Any]:
        raise NotFound("nothing")

    with pytest.raises(NotFound):
        once("book:r-1", "key-3", {}, fails)
    assert once("book:r-1", "key-3", {}, lambda: (200, {"ok": True})) == (200, {"ok": True})


def test_a_key_left_in_progress_is_released_within_the_gateways_timeout(booking_env: Any) -> None:
    """A request that dies mid-way (a storage stall, a killed process) leaves its key "in
    progress"; the record must expire by the time API Gateway has answered the client."""
    import time

    from shared import aws
    from shared.settings import get_settings

    seen: list[int] = []

    def action() -> tuple[int, Any]:
        items = aws.client("dynamodb").scan(TableName=get_settings().idempotency_table_name)["Items"]
        seen.extend(int(i["in_progress_expiration"]["N"]) for i in items if "in_progress_expiration" in i)
        return 201, {}

    started_ms = int(time.time() * 1000)
    once("book:r-9", "key-stall", {"slot": 9}, action)
    assert seen and max(seen) <= started_ms + 30_000 + 2_000
