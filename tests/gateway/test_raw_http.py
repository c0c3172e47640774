"""Each case of issue 9's "local entry point" list, sent byte for byte to the real local
stack (waitress + httpx in front of the services)."""

from __future__ import annotations

import socket
import time

from conftest import IDLE_TIMEOUT, Connection, exchange, project_error, wait_closed

from shared.auth import issue_local_token

RESIDENT = issue_local_token("r-gw-1", "resident")
CENTRE = issue_local_token("cc-gw-1", "command-centre", "command-center")


def get(path: bytes, extra: bytes = b"") -> bytes:
    return b"GET " + path + b" HTTP/1.1\r\nHost: localhost\r\n" + extra + b"\r\n"


def test_raw_utf8_in_the_query_is_answered_as_curl_sends_it(address: tuple[str, int]) -> None:
    [(status, _, body)] = exchange(address, get("/catalog/items?q=低保".encode()))
    assert status == 200
    import json

    names = [item["name_zh"] for item in json.loads(body)["items"][:3]]
    assert any("最低生活保障" in name for name in names), names


def test_raw_0xff_in_path_or_query_gets_a_json_answer(address: tuple[str, int]) -> None:
    for target in (b"/catalog/items?q=\xff", b"/catalog/items/\xff\xfe", b"/\xff"):
        [(status, headers, body)] = exchange(address, get(target))
        assert status in (200, 400, 404), (target, status)
        assert headers["content-type"][0].startswith("application/json")
        if status != 200:
            project_error(body)


def test_an_unknown_prefix_reads_the_body_so_it_cannot_smuggle_a_request(address: tuple[str, int]) -> None:
    smuggled = b"GET /workorders/routing-rules HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + CENTRE.encode() + b"\r\n\r\n"
    raw = (b"POST /nosuch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
           + str(len(smuggled)).encode() + b"\r\n\r\n" + smuggled + get(b"/catalog/health"))
    responses = exchange(address, raw, responses=3)
    assert [r[0] for r in responses] == [404, 200]
    assert project_error(responses[0][2])["code"] == "not_found"
    assert b'"service": "catalog"' in responses[1][2]  # the next request is the real one, not the body


def test_bad_content_length_is_a_json_400_at_once(address: tuple[str, int]) -> None:
    for value in (b"abc", b"-1", b"1, 2"):
        started = time.time()
        raw = b"POST /workorders/triage HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + value + b"\r\n\r\n{}"
        [(status, _, body)] = exchange(address, raw)
        assert status == 400, value
        project_error(body)
        assert time.time() - started < 5


def test_a_chunked_body_reaches_the_service_whole(address: tuple[str, int]) -> None:
    payload = '{"text": "小区门口路灯不亮好几天了"}'.encode()
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (payload[:10], payload[10:])) + b"0\r\n\r\n"
    raw = (b"POST /workorders/triage HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
           b"Authorization: Bearer " + RESIDENT.encode() + b"\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks)
    [(status, _, body)] = exchange(address, raw)
    assert status == 200, body
    assert b"street-light" in body


def test_a_client_that_sends_half_its_headers_is_cut_off_and_holds_nobody_up(address: tuple[str, int]) -> None:
    with socket.create_connection(address) as slow:
        slow.sendall(b"GET /catalog/health HTTP/1.1\r\nHo")
        # Meanwhile everyone else is served.
        [(status, _, _)] = exchange(address, get(b"/catalog/health"))
        assert status == 200
        assert wait_closed(slow, IDLE_TIMEOUT + 15) < IDLE_TIMEOUT + 15


def test_head_answers_the_headers_of_get_without_a_body(address: tuple[str, int]) -> None:
    raw = b"HEAD /catalog/health HTTP/1.1\r\nHost: x\r\n\r\n" + get(b"/catalog/health")
    responses = exchange(address, raw, responses=2, head=True)
    assert responses[0][0] == 200 and responses[0][2] == b""
    assert int(responses[0][1]["content-length"][0]) > 0


def test_one_server_and_one_date_header(address: tuple[str, int]) -> None:
    [(status, headers, _)] = exchange(address, get(b"/catalog/health"))
    assert status == 200
    assert len(headers["server"]) == 1 and len(headers["date"]) == 1


def test_unknown_method_is_a_json_501(address: tuple[str, int]) -> None:
    [(status, _, body)] = exchange(address, b"BREW /catalog/health HTTP/1.1\r\nHost: x\r\n\r\n")
    assert status == 501
    project_error(body)


def test_oversized_headers_are_a_json_431(address: tuple[str, int]) -> None:
    [(status, _, body)] = exchange(address, get(b"/catalog/health", b"X-Big: " + b"a" * 40_000 + b"\r\n"))
    assert status == 431
    project_error(body)


def test_a_malformed_request_line_is_a_json_400(address: tuple[str, int]) -> None:
    [(status, _, body)] = exchange(address, b"GET\r\n\r\n")
    assert status == 400
    project_error(body)


def test_keep_alive_serves_several_requests_on_one_connection(address: tuple[str, int]) -> None:
    with Connection(address) as conn:
        for _ in range(3):
            conn.send(get(b"/catalog/health"))
            response = conn.response()
            assert response is not None and response[0] == 200


def test_service_level_errors_are_in_the_project_format(address: tuple[str, int]) -> None:
    [(status, _, body)] = exchange(address, get(b"/catalog/no/such/route"))
    assert status == 404 and project_error(body)["code"] == "not_found"
    [(status, headers, body)] = exchange(address, b"DELETE /catalog/items HTTP/1.1\r\nHost: x\r\n\r\n")
    assert status == 405 and "GET" in headers["allow"][0]
    project_error(body)
    raw = (b"POST /workorders/triage HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + RESIDENT.encode()
           + b"\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\nlamp")
    [(status, _, body)] = exchange(address, raw)
    assert status == 415 and "application/json" in project_error(body)["message"]


def test_the_edges_own_answers_are_chinese_unless_english_is_preferred(address: tuple[str, int]) -> None:
    """The gateway's and the hosts' own errors speak as the services do (shared.errors)."""
    english = b"Accept-Language: en-US,en;q=0.9\r\n"
    cases = [
        (b"DELETE /catalog/items HTTP/1.1\r\nHost: x\r\n", 405, "只接受", "accepts"),    # a service host
        (b"GET /catalog/no/such/route HTTP/1.1\r\nHost: x\r\n", 404, "没有", "no route"),  # a service host
        (b"POST /nowhere HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n", 404, "没有服务", "no service at"),  # the gateway
        (b"BREW /catalog/health HTTP/1.1\r\nHost: x\r\n", 501, "不支持", "not supported"),  # the gateway
    ]
    for head, status, chinese, english_text in cases:
        [(got, _, body)] = exchange(address, head + b"\r\n")
        assert got == status and chinese in project_error(body)["message"], (head, body)
        [(got, _, body)] = exchange(address, head + english + b"\r\n")
        assert got == status and english_text in project_error(body)["message"], (head, body)


def test_a_hosts_answer_names_the_path_the_client_sent(address: tuple[str, int]) -> None:
    [(status, _, body)] = exchange(address, b"DELETE /catalog/items HTTP/1.1\r\nHost: x\r\n\r\n")
    assert status == 405 and project_error(body)["message"].startswith("/catalog/items ")
