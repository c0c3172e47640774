"""The texts, in Chinese, each starting with the sender's signature (【…】, required for
Chinese senders) and fitting one 70-character segment where the content allows."""

from __future__ import annotations

from datetime import datetime

from chalicelib.domain.policy import china

SEGMENT = 70  # characters of one UCS-2 segment; longer texts are sent as 67-character parts

STATUS_ZH = {
    "received": "已受理",
    "triaged": "已受理",
    "dispatched": "已派单",
    "signed": "已签收",
    "in_progress": "办理中",
    "started": "办理中",
    "returned": "退回重派中",
    "extended": "延期办理中",
    "replied": "已答复待评价",
    "closed": "已办结",
    "reopened": "重新办理中",
    "merged": "已合并",
    "escalated": "督办中",
}

STEP_ZH = {
    "created": "受理",
    "dispatched": "派单至{unit}",
    "signed": "{unit}签收",
    "started": "{unit}开始办理",
    "returned": "退回指挥中心重派",
    "extended": "{unit}申请延期",
    "extension_approved": "延期获批",
    "replied": "{unit}答复",
    "closed": "办结",
    "reopened": "重新办理",
    "escalated": "督办{unit}",
    "rerouted": "改派至{unit}",
    "merged": "合并",
}

LEVELS = "5非常满意…1非常不满意"


def segments(body: str) -> int:
    """How many SMS parts a UCS-2 text takes."""
    return 1 if len(body) <= SEGMENT else -(-len(body) // 67)


def _when(moment: datetime) -> str:
    local = china(moment)
    return f"{local.month}月{local.day}日{local:%H:%M}"


class Texts:
    def __init__(self, signature: str) -> None:
        self.sig = signature

    # -- replies to a resident's own text ---------------------------------------------
    def received(self, case: str, unit: str | None = None) -> str:
        if unit:  # dispatched at intake: one text instead of two
            return f"{self.sig}您反映的问题已受理，编号{case}。已派至{unit}办理，回复CX查进度，TD退订。"
        return f"{self.sig}您反映的问题已受理，编号{case}。回复CX{case}查进度，回复TD退订。"

    def report_rejected(self, reason: str) -> str:
        return f"{self.sig}抱歉，您的反映未能受理：{reason[:30]}。可拨打12345。"

    def status(self, case: str, status: str, step: str, at: datetime) -> str:
        return f"{self.sig}诉求{case}：{STATUS_ZH.get(status, status)}。最新进展：{_when(at)}{step}。"

    def no_such_case(self, case: str | None) -> str:
        if case is None:
            return f"{self.sig}未找到您反映的诉求。查询请回复CX加编号，如CX261123-7A29CC。"
        return f"{self.sig}未找到诉求{case}。请核对编号，或发送问题描述反映新诉求。"

    def confirm_cancel(self, code: str) -> str:
        return f"{self.sig}确认取消预约{code}吗？10分钟内回复Y确认，不回复则保留预约。"

    def cancel_needs_code(self) -> str:
        return f"{self.sig}请回复QX加预约码取消预约，如QX5ZY7Z8。"

    def nothing_to_confirm(self) -> str:
        return f"{self.sig}没有待确认的操作。取消预约请回复QX加预约码。"

    def cancel_rejected(self, code: str) -> str:
        return f"{self.sig}预约{code}未能取消：未找到该预约或已不能取消。"

    def rated(self, case: str, level: int) -> str:
        return f"{self.sig}已收到您对诉求{case}的评价（{level}分），感谢您的反馈。"

    def rate_rejected(self, case: str) -> str:
        return f"{self.sig}诉求{case}的评价未能提交：已评价或已过评价期限。"

    def nothing_to_rate(self) -> str:
        return f"{self.sig}您目前没有待评价的诉求。反映问题请直接发送描述。"

    def opted_out(self) -> str:
        return f"{self.sig}已退订，您将不再收到通知短信。回复DY可重新订阅。"

    def opted_in(self) -> str:
        return f"{self.sig}已重新订阅办理进度通知。回复TD退订。"

    def help(self) -> str:
        return (
            f"{self.sig}发送问题描述即反映诉求；CX+编号查进度；QX+预约码取消预约；"
            "收到评价请求后回复1-5评价；TD退订。"
        )

    def invalid(self, reason: str) -> str:
        return {
            "too_long": f"{self.sig}短信过长（超过1600字），请精简后重发，或拨打12345。",
            "bad_digit": f"{self.sig}评价请回复1-5：{LEVELS}。",
            "bad_case_number": f"{self.sig}编号格式不对，应如CX261123-7A29CC。",
            "foreign_reply": f"{self.sig}无法识别您回复的短信，请直接发送问题描述或CX+编号。",
        }.get(reason, f"{self.sig}未收到文字内容。请用文字描述问题，回复帮助查看用法。")

    # -- notifications to residents ----------------------------------------------------
    def dispatched(self, case: str, unit: str) -> str:
        return f"{self.sig}您的诉求{case}已派至{unit}办理，办理结果将短信告知。"

    def replied(self, case: str, unit: str) -> str:
        return f"{self.sig}您的诉求{case}已由{unit}办理答复，回复1-5评价：{LEVELS}。"

    def closed(self, case: str) -> str:
        return f"{self.sig}您的诉求{case}已办结，感谢您的反映。"

    def rectification_opened(self, case: str) -> str:
        return f"{self.sig}您对诉求{case}的评价已收到，责任单位将整改并回访。"

    def rectification_done(self, case: str) -> str:
        return f"{self.sig}诉求{case}整改已完成，如仍有问题请回复描述。"

    def appointment(self, verb: str, code: str, centre: str, start: datetime) -> str:
        when = _when(start)
        return {
            "booked": f"{self.sig}预约成功：{when}，{centre}，预约码{code}。回复QX{code}取消。",
            "rescheduled": f"{self.sig}预约{code}已改至{when}，{centre}。",
            "cancelled": f"{self.sig}预约{code}（{when}，{centre}）已取消。",
            "reminder": f"{self.sig}提醒：您明天{china(start):%H:%M}在{centre}有预约，预约码{code}。",
        }[verb]

    # -- staff --------------------------------------------------------------------------
    def urgent_dispatch(self, case: str, category: str, deadline: datetime) -> str:
        return f"{self.sig}紧急工单{case}（{category}）已派至你单位，请于{china(deadline):%H:%M}前签收。"

    def escalation(self, case: str, category: str, level: str) -> str:
        what = {"whistle": "吹哨报到", "supervision": "督办"}.get(level, "督办")
        return f"{self.sig}工单{case}（{category}）{what}：请你单位立即处理。"
