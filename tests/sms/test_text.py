"""What an inbound text means, including full-width input."""

from __future__ import annotations

import pytest
from chalicelib.domain import messages, text
from chalicelib.domain.phone import mobile_e164


@pytest.mark.parametrize(
    ("raw", "intent"),
    [
        ("小区门口路灯不亮了", text.Report("小区门口路灯不亮了")),
        ("  小区　门口  路灯 ", text.Report("小区 门口 路灯")),
        ("261123-7A29CC", text.Query("261123-7A29CC")),
        ("２６１１２３－７ａ２９ｃｃ", text.Query("261123-7A29CC")),
        ("CX 2611237A29CC", text.Query("261123-7A29CC")),
        ("ｃｘ：261123-7A29CC", text.Query("261123-7A29CC")),
        ("查询", text.Query(None)),
        ("查询 abc", text.Invalid("bad_case_number")),
        ("取消 5zy7z8", text.Cancel("5ZY7Z8")),
        ("ＱＸ５ＺＹ７Ｚ８", text.Cancel("5ZY7Z8")),
        ("取消预约", text.Cancel(None)),
        ("取消了的路灯维修一直没人来，麻烦看看", text.Report("取消了的路灯维修一直没人来，麻烦看看")),
        ("y", text.Confirm()),
        ("５", text.Rate(5)),
        (" 1 ", text.Rate(1)),
        ("7", text.Invalid("bad_digit")),
        ("td", text.OptOut()),
        ("退订", text.OptOut()),
        ("STOP", text.OptOut()),
        ("帮助", text.Help()),
        ("HELP", text.Help()),
        ("", text.Invalid("empty")),
        ("   ", text.Invalid("empty")),
        ("😀👍🏻！！", text.Invalid("no_words")),
        ("路" * 1601, text.Invalid("too_long")),
    ],
)
def test_interpret(raw: str, intent: text.Intent) -> None:
    assert text.interpret(raw) == intent


@pytest.mark.parametrize(
    ("number", "e164"),
    [
        ("+8613800000001", "+8613800000001"),
        ("13800000001", "+8613800000001"),
        ("+86 138 0000 0001", "+8613800000001"),
        ("+8647481233450", None),  # a landline
        ("10690012345", None),  # a short code
        ("GOVPORTAL", None),
        ("+86138", None),
    ],
)
def test_only_mobile_numbers(number: str, e164: str | None) -> None:
    assert mobile_e164(number) == e164


def test_notifications_fit_one_segment() -> None:
    from datetime import datetime

    texts = messages.Texts("【集宁区政务】")
    case = "261123-7A29CC"
    at = datetime.fromisoformat("2026-11-23T09:30:00+08:00")
    bodies = [
        texts.received(case),
        texts.received(case, "城市管理局"),
        texts.dispatched(case, "城市管理局"),
        texts.replied(case, "城市管理局"),
        texts.closed(case),
        texts.rectification_opened(case),
        texts.rectification_done(case),
        texts.status(case, "dispatched", "派单至城市管理局", at),
        texts.appointment("booked", "5ZY7Z8", "新体路街道便民服务中心", at),
        texts.appointment("reminder", "5ZY7Z8", "新体路街道便民服务中心", at),
        texts.urgent_dispatch(case, "窨井盖", at),
        texts.opted_out(),
    ]
    for body in bodies:
        assert body.startswith("【集宁区政务】")
        assert messages.segments(body) == 1, (len(body), body)
    assert "回复1-5评价" in texts.replied(case, "城市管理局")
