"""End to end on the real local stack (moto server, service hosts, the SMS stand-in, the
gateway), as a person with a phone would use it: texts in through POST /_local/sms/inbound,
texts out read from GET /_local/sms/messages."""

from __future__ import annotations

import time
import urllib.parse
from collections.abc import Iterator
from typing import Any

import pytest

from shared.identity import resident_subject
from tests.bench.booking_bench import CENTRE, ITEM, _bookable_slots, _http
from tests.bench.localstack import local_stack

SERVICES = ["workorders", "rating", "booking", "sms"]


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    # Quiet hours off: the test must not depend on the hour it runs at (unit tests cover them).
    with local_stack(SERVICES, SMS_QUIET_HOURS="false") as url:
        yield url


def token(subject: str, role: str = "resident", unit: str | None = None) -> str:
    from shared.auth import issue_local_token

    return issue_local_token(subject, role, unit)


def text(base: str, number: str, body: str) -> None:
    status, answer = _http("POST", f"{base}/_local/sms/inbound", {"from": number, "text": body})
    assert status == 202, answer


def texts_to(base: str, number: str) -> list[str]:
    status, listed = _http("GET", f"{base}/_local/sms/messages?to={urllib.parse.quote(number)}")
    assert status == 200, listed
    return [m["body"] for m in listed]


def wait_for_text(base: str, number: str, count: int, contains: str, seconds: float = 30) -> str:
    """The newest text once the number has received `count` texts; it must contain `contains`."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        bodies = texts_to(base, number)
        if len(bodies) >= count:
            assert contains in bodies[0], bodies
            return bodies[0]
        time.sleep(0.2)
    raise AssertionError(f"no text #{count} containing {contains!r}; got {texts_to(base, number)}")


def test_book_by_portal_cancel_by_text(base: str) -> None:
    number = "+8613800000011"
    me = token(resident_subject(number))
    status, sub = _http("PUT", f"{base}/sms/subscription", {"phone": number, "notify": True}, me)
    assert status == 200 and sub == {"registered": True, "notify": True, "opted_out": False}
    status, refused = _http("PUT", f"{base}/sms/subscription", {"phone": "+8613800000012", "notify": True}, me)
    assert status == 403 and refused["error"]["code"] == "forbidden"

    def get(path: str) -> Any:
        return _http("GET", f"{base}/booking{path}")[1]

    start = _bookable_slots(get, 2)[0]
    status, booked = _http("POST", f"{base}/booking/appointments", {"item": ITEM, "centre": CENTRE, "start": start}, me, key="sms-e2e")
    assert status == 201, booked
    wait_for_text(base, number, 1, f"预约码{booked['code']}")
    text(base, number, f"ＱＸ {booked['code'].lower()}")
    wait_for_text(base, number, 2, "回复Y确认")
    text(base, number, "y")
    wait_for_text(base, number, 3, "已取消")
    status, after = _http("GET", f"{base}/booking/appointments/{booked['id']}", token=me)
    assert after["status"] == "cancelled"


def test_bad_texts_are_answered_and_change_nothing(base: str) -> None:
    number = "+8613800000013"
    text(base, number, "😀😀")
    wait_for_text(base, number, 1, "未收到文字内容")
    status, sub = _http("GET", f"{base}/sms/subscription", token=token(resident_subject(number)))
    assert sub["registered"] is False
    status, listed = _http("GET", f"{base}/_local/sms/messages")
    assert status == 400


ROLE_OF = {"department": "department", "street": "street", "community": "community", "grid": "grid-worker"}


def portal_token(number: str) -> str:
    """The resident signing in to the portal: a token with its own `sub` (as Cognito's user id)
    and a verified phone_number claim, which makes them the number's one subject."""
    from shared.auth import issue_local_token

    return issue_local_token("portal-user-7f3a", "resident", phone_number=number)


def newest_contains(base: str, number: str, words: str, seconds: float = 30) -> list[str]:
    deadline = time.time() + seconds
    while time.time() < deadline:
        bodies = texts_to(base, number)
        if bodies and words in bodies[0]:
            return bodies
        time.sleep(0.2)
    raise AssertionError(f"the newest text has no {words!r}: {texts_to(base, number)[:3]}")


def report(base: str, number: str, words: str) -> tuple[str, str]:
    """Texts a report; returns (case number, a token for the unit handling it)."""
    before = len(texts_to(base, number))
    text(base, number, words)
    received = newest_contains(base, number, "已受理")[0]
    case = received.split("编号", 1)[1].split("。", 1)[0]
    status, order = _http("GET", f"{base}/workorders/{case}", token=portal_token(number))
    assert status == 200, order  # the same person, signed in to the portal, sees the order
    assert order["channel"] == "sms" and order["text"] == words, order
    if order["handler"] is None:  # no place in the text, no home grid: the command centre locates it
        assert "已派至" not in received
        centre = token("cc-01", "command-centre", "command-center")
        status, queue = _http("GET", f"{base}/workorders", token=centre)
        assert status == 200 and case in [o["case_number"] for o in queue["orders"]], queue  # in the centre's list
        status, order = _http("POST", f"{base}/workorders/{case}/locate", {"location": {"lat": 41.0432, "lon": 113.0874}}, centre)
        assert status == 200, order
        handler = order["handler"]
        assert handler and handler["kind"] in ROLE_OF, order
        newest_contains(base, number, "已派至")  # the resident is told where it went
        assert len(texts_to(base, number)) == before + 2
    else:
        handler = order["handler"]
        assert handler["kind"] in ROLE_OF, order
        assert "已派至" in received and len(texts_to(base, number)) == before + 1  # one receipt names the unit
    return case, token("sms-e2e-staff", ROLE_OF[handler["kind"]], handler["code"])


def handle(base: str, case: str, unit: str) -> None:
    status, queue = _http("GET", f"{base}/workorders", token=unit)
    assert status == 200 and case in [o["case_number"] for o in queue["orders"]], queue  # in the unit's list
    for action, body in (("sign", {}), ("reply", {"text": "已更换灯泡"})):
        status, answer = _http("POST", f"{base}/workorders/{case}/{action}", body, unit)
        assert status == 200, (action, answer)


def status_of(base: str, case: str, me: str) -> str:
    return str(_http("GET", f"{base}/workorders/{case}", token=me)[1]["status"])


def test_report_by_text_reply_rate_close_and_opt_out(base: str) -> None:
    number = "+8613800000021"
    me = portal_token(number)
    case, unit = report(base, number, "小区门口路灯不亮了")
    status, mine = _http("GET", f"{base}/workorders", token=me)
    assert status == 200 and [o["case_number"] for o in mine["orders"]] == [case], mine  # "my requests"
    handle(base, case, unit)
    newest_contains(base, number, "回复1-5评价")
    text(base, number, "５")  # full-width, as some phones send it
    deadline = time.time() + 30
    while status_of(base, case, me) != "closed" and time.time() < deadline:
        time.sleep(0.3)
    assert status_of(base, case, me) == "closed"
    newest_contains(base, number, "已办结")
    status, track = _http("GET", f"{base}/workorders/{case}", token=me)
    assert any(step["action"] == "closed" and step.get("reason") == "rated" for step in track["track"]), track["track"]

    second, unit = report(base, number, "小区后门的路灯也不亮了")
    text(base, number, "TD")
    newest_contains(base, number, "已退订")
    count = len(texts_to(base, number))
    handle(base, second, unit)  # would ask for a rating: not after TD
    deadline = time.time() + 30
    while status_of(base, second, me) != "replied" and time.time() < deadline:
        time.sleep(0.3)
    time.sleep(3)  # the replied event has reached the channel by now (a text would follow within a second)
    assert len(texts_to(base, number)) == count
