"""Pure rules: the retry schedule and the SSRF guard."""

from __future__ import annotations

import random

import pytest
from chalicelib.domain.addresses import address_allowed, url_problem
from chalicelib.domain.schedule import BACKOFF_SECONDS, judge


def test_schedule_follows_the_backoff_with_jitter() -> None:
    rng = random.Random(7)
    for attempt in range(1, 8):
        verdict = judge(attempt, 500, rng=rng)
        assert verdict.outcome == "retry"
        assert BACKOFF_SECONDS[attempt] * 0.8 <= (verdict.delay or 0) <= BACKOFF_SECONDS[attempt] * 1.2
    assert judge(8, 500).outcome == "failed"
    assert judge(3, None).outcome == "retry"  # timeout: retried
    assert judge(1, 204).outcome == "succeeded" and judge(5, 410).outcome == "disabled"


def test_retry_after_is_honoured_for_429_and_5xx_only() -> None:
    assert judge(1, 429, "120").delay == 120
    assert judge(1, 503, "3600").delay == 3600
    assert (judge(1, 400, "3600").delay or 0) < 10
    assert judge(1, 429, "soon").delay is not None and (judge(1, 429, "soon").delay or 0) < 10


@pytest.mark.parametrize("ip", ["10.1.2.3", "172.16.0.1", "192.168.1.1", "127.0.0.1", "169.254.169.254", "::1",
                                "fe80::1", "::ffff:10.0.0.1", "100.64.0.1", "0.0.0.0", "fd00::1"])
def test_private_loopback_and_link_local_addresses_are_blocked_in_aws(ip: str) -> None:
    assert not address_allowed(ip, allow_local_http=False)


def test_public_addresses_pass_and_loopback_only_locally() -> None:
    assert address_allowed("93.184.216.34", allow_local_http=False)
    assert address_allowed("127.0.0.1", allow_local_http=True)
    assert not address_allowed("10.0.0.1", allow_local_http=True)


def test_urls() -> None:
    assert url_problem("https://dept.example.cn/hook", allow_local_http=False) is None
    assert url_problem("http://dept.example.cn/hook", allow_local_http=False)
    assert url_problem("http://127.0.0.1:9000/hook", allow_local_http=False)
    assert url_problem("http://127.0.0.1:9000/hook", allow_local_http=True) is None
    assert url_problem("https://169.254.169.254/latest", allow_local_http=False)
    assert url_problem("https://user:pw@dept.example.cn/", allow_local_http=False)


def test_delivery_is_refused_when_dns_points_inside(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    from chalicelib.adapters.sender import HttpSender

    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", 443))])
    result = HttpSender(allow_local_http=False).post("https://innocent.example.cn/hook", b"{}", {})
    assert result.status_code is None and result.error and result.error.startswith("blocked")


def test_points_reach_departments_as_lat_lon_whatever_order_the_event_used() -> None:
    from chalicelib.domain.events import webhook_data

    from shared.geo import lat_lon

    assert lat_lon([113.0874, 41.0432]) == {"lat": 41.0432, "lon": 113.0874}  # the events' GeoJSON order
    assert lat_lon({"lat": 41.0432, "lon": 113.0874}) == {"lat": 41.0432, "lon": 113.0874}
    assert lat_lon(None) is None and lat_lon(["a", "b"]) is None
    data = webhook_data({"case_number": "261130-AAAAAA", "location": {"grid": "JN-S01-C01-G01", "point": [113.0874, 41.0432]}}, None)
    assert data["location"]["point"] == {"lat": 41.0432, "lon": 113.0874}


def test_deadlines_reach_departments_in_china_time() -> None:
    from chalicelib.domain.events import webhook_data

    data = webhook_data({"case_number": "261130-AAAAAA", "status": "dispatched", "sign_deadline": "2026-11-23T02:20:00+00:00",
                         "due_date": "2026-12-07T15:59:59+00:00"}, None)
    assert data["deadline"] == data["sign_deadline"] == "2026-11-23T10:20:00+08:00"
    assert data["due_date"] == "2026-12-07T23:59:59+08:00"
