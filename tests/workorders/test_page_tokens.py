"""GET /workorders page tokens: signed and bound to the listing they came from; anything
else is a 400 naming page_token, never a 500 from DynamoDB."""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import quote

import pytest
from conftest import CENTRE, RESIDENT, URBAN, call
from test_lifecycle import new_order


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def listing(client: Any, query: str, headers: dict[str, str]) -> Any:
    return call(client, "GET", f"/workorders?{query}", headers)


def assert_rejected(response: Any) -> None:
    assert response.status_code == 400, response.body
    error = response.json_body["error"]
    assert error["field"] == "page_token" and "page_token" in error["message"]


def first_token(client: Any, query: str = "limit=1", headers: dict[str, str] = URBAN) -> str:
    page = listing(client, query, headers).json_body
    assert page["next_page_token"], page
    return page["next_page_token"]  # type: ignore[no-any-return]


def test_a_real_token_round_trips_through_every_page(client: Any) -> None:
    cases = {new_order(client)["case_number"] for _ in range(3)}
    seen: list[str] = []
    token = None
    for _ in range(5):
        query = "limit=1" + (f"&page_token={quote(token)}" if token else "")
        page = listing(client, query, URBAN)
        assert page.status_code == 200, page.body
        seen += [o["case_number"] for o in page.json_body["orders"]]
        token = page.json_body["next_page_token"]
        if not token:
            break
    assert sorted(seen) == sorted(cases) and len(seen) == len(set(seen))


def test_a_token_of_another_partition_is_refused(client: Any) -> None:
    new_order(client)
    new_order(client)
    new_order(client, "停水了", category="water-supply")
    new_order(client, "水管爆了", category="water-supply")
    waters = first_token(client, "assignee=water&limit=1", CENTRE)  # genuine, for the water queue
    assert_rejected(listing(client, f"page_token={quote(waters)}", URBAN))
    assert_rejected(listing(client, f"assignee=urban-management&page_token={quote(waters)}", CENTRE))
    # A token of the department's queue is no token for the resident's own list either.
    assert_rejected(listing(client, f"page_token={quote(first_token(client))}", RESIDENT))


def test_a_forged_token_is_refused_even_with_the_right_shape(client: Any) -> None:
    new_order(client)
    new_order(client)
    body, signature = first_token(client).split(".")
    key = json.loads(_unb64(body))
    # The other partition, re-encoded with the original signature.
    other = {**key, "gsi1pk": "HANDLER#water"}
    assert_rejected(listing(client, f"page_token={_b64(json.dumps(other).encode())}.{signature}", URBAN))
    # The same partition, but a start key the client chose: the signature no longer fits.
    moved = {**key, "gsi1sk": "dispatched#2000-01-01"}
    assert_rejected(listing(client, f"page_token={_b64(json.dumps(moved).encode())}.{signature}", URBAN))
    # Right key, no or a made-up signature.
    assert_rejected(listing(client, f"page_token={body}", URBAN))
    assert_rejected(listing(client, f"page_token={body}.{_b64(b'0' * 16)}", URBAN))


@pytest.mark.parametrize("change", ["missing", "extra", "not-a-string", "empty"])
def test_a_token_with_missing_or_extra_keys_is_refused(client: Any, change: str) -> None:
    new_order(client)
    new_order(client)
    body, signature = first_token(client).split(".")
    key = json.loads(_unb64(body))
    if change == "missing":
        key.pop("sk")
    elif change == "extra":
        key["gsi2pk"] = "RESIDENT#resident-1"
    elif change == "not-a-string":
        key["sk"] = 1
    else:
        key["sk"] = ""
    assert_rejected(listing(client, f"page_token={_b64(json.dumps(key).encode())}.{signature}", URBAN))


@pytest.mark.parametrize(
    "token",
    ["garbage", "!!!", "a.b.c", ".", _b64(b"\xff\xfe"), _b64(json.dumps({"pk": "x"}).encode()),
     base64.urlsafe_b64encode(json.dumps({"pk": "x"}).encode()).decode(), _b64(b"[1, 2]") + ".AAAA"],
)  # fmt: skip
def test_garbage_tokens_are_a_400_naming_page_token(client: Any, token: str) -> None:
    new_order(client)
    assert_rejected(listing(client, f"page_token={quote(token)}", URBAN))


def test_a_token_of_the_whole_queue_does_not_page_a_status_filter(client: Any) -> None:
    new_order(client)
    new_order(client)
    token = first_token(client)  # the queue of every status
    assert_rejected(listing(client, f"status=signed&page_token={quote(token)}", URBAN))
    assert listing(client, f"page_token={quote(token)}", URBAN).status_code == 200


def test_a_start_key_dynamodb_refuses_is_a_400_not_a_500(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The safety net behind decode_token: should a start key DynamoDB refuses ever get
    through, the query's ValidationException is the client's page_token, not a 500. (moto
    does not validate start keys, so the table answers as DynamoDB does.)"""
    from botocore.exceptions import ClientError
    from chalicelib.adapters import repository

    new_order(client)
    new_order(client)
    token = first_token(client, "limit=1")
    real_client = repository.aws.client

    class Strict:
        def __init__(self, dynamodb: Any) -> None:
            self.dynamodb = dynamodb

        def __getattr__(self, name: str) -> Any:
            return getattr(self.dynamodb, name)

        def query(self, **kwargs: Any) -> Any:
            if "ExclusiveStartKey" in kwargs:
                raise ClientError({"Error": {"Code": "ValidationException", "Message": "The provided starting key is invalid"}},
                                  "Query")
            return self.dynamodb.query(**kwargs)

    strict = Strict(real_client("dynamodb"))
    monkeypatch.setattr(repository.aws, "client", lambda service: strict if service == "dynamodb" else real_client(service))
    assert_rejected(listing(client, f"limit=1&page_token={quote(token)}", URBAN))
    assert listing(client, "limit=1", URBAN).status_code == 200  # without a token the query is untouched
