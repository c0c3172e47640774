"""A walk through the life of orders that publishes every workorders event; used by the
event-contract test and to regenerate events/workorders/*.json
(`python -m pytest tests/workorders/test_events.py --regenerate-examples` is not needed:
run `WORKORDERS_WRITE_EXAMPLES=1 pytest tests/workorders/test_events.py`)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from conftest import CENTRE, GRID, RESIDENT, URBAN, call

from shared import clock


def publish_every_event(client: Any) -> None:
    start = clock.now()
    body = {"text": "小区门口路灯不亮,晚上很黑", "location": {"grid": GRID}, "contact": {"name": "王女士"}}
    case = call(client, "POST", "/workorders", RESIDENT, body).json_body["case_number"]
    clock.set_clock(start + timedelta(minutes=50))
    call(client, "POST", f"/workorders/{case}/sign", URBAN)
    call(client, "POST", f"/workorders/{case}/extend", URBAN, {"days": 3, "reason": "需更换线缆,等待配件"})
    call(client, "POST", f"/workorders/{case}/approve-extension", CENTRE)
    call(client, "POST", f"/workorders/{case}/reply", URBAN, {"text": "已更换线缆和灯具,恢复照明"})
    call(client, "POST", f"/workorders/{case}/reopen", RESIDENT, {"reason": "只修好了一盏"})
    call(client, "POST", f"/workorders/{case}/sign", URBAN)
    call(client, "POST", f"/workorders/{case}/reply", URBAN, {"text": "其余路灯已全部修复"})
    call(client, "POST", f"/workorders/{case}/close", CENTRE, {"note": "回访确认已修复"})
    other = call(client, "POST", "/workorders", RESIDENT, {"text": "楼下井盖松动", "category": "manhole",
                                                           "location": {"grid": GRID}}).json_body["case_number"]
    call(client, "POST", f"/workorders/{other}/return", URBAN, {"reason": "井盖属于供水管网,不属本局"})
    call(client, "POST", f"/workorders/{other}/reroute", CENTRE, {"handler": {"kind": "department", "code": "water"}})
    from chalicelib import wiring

    wiring.service().run_due(clock.now() + timedelta(minutes=40))
