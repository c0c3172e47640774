"""Kinds, priorities and time limits: sign-for within the hour (tighter when urgent or an
emergency), handling limits in China's working days by kind, emergencies the same day."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from shared.clock import CHINA_TZ as CHINA
from shared.workdays import add_workdays

KINDS = ("complaint", "request", "consultation", "suggestion", "praise", "report")
PRIORITIES = ("normal", "urgent", "emergency")

SIGN_MINUTES = {"normal": 60, "urgent": 30, "emergency": 15}
HANDLING_WORKDAYS = {"consultation": 2, "request": 10, "report": 10, "complaint": 15, "suggestion": 15, "praise": 15}
RATING_WINDOW = timedelta(days=7)
END_OF_DAY = time(23, 59, 59)

# Words that make any report an emergency whatever its category (trapped people, gas, fire),
# with the category to use when triage is unsure.
_EMERGENCY_WORDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(燃气|煤气|天然气|液化气).{0,4}(泄漏|泄露|漏气|味)|漏气|gas leak|smell of gas", re.I), "gas"),
    (re.compile(r"困人|被困|困在|trapped", re.I), "elevator"),
    (re.compile(r"着火|起火|失火|火灾|on fire", re.I), "fire-hazard"),
]
_KIND_WORDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"投诉|举报|complain", re.I), "complaint"),
    (re.compile(r"表扬|感谢|点赞|thank", re.I), "praise"),
    (re.compile(r"建议|suggest", re.I), "suggestion"),
    (re.compile(r"咨询|请问|請問|怎么|怎麼|如何|能否|是否|吗[?？]?$|[?？]|how (do|can)|where can", re.I), "consultation"),
]


def emergency_category(text: str) -> str | None:
    """The category an emergency report belongs to, or None if the text is not one."""
    for pattern, category in _EMERGENCY_WORDS:
        if pattern.search(text):
            return category
    return None


def priority_for(category_priority: str, text: str) -> str:
    if category_priority == "emergency" or emergency_category(text):
        return "emergency"
    return category_priority if category_priority in PRIORITIES else "normal"


def infer_kind(text: str, category: str, submitter_role: str) -> str:
    if category in ("suggestion", "praise"):
        return category
    if submitter_role == "grid-worker":
        return "report"  # 随手拍
    for pattern, kind in _KIND_WORDS:
        if pattern.search(text):
            return kind
    return "request"


@dataclass(frozen=True)
class Limits:
    sign_deadline: datetime
    due_at: datetime


def sign_deadline(dispatched_at: datetime, priority: str, sign_minutes: int | None = None) -> datetime:
    minutes = sign_minutes or SIGN_MINUTES.get(priority, 60)
    if priority == "emergency":
        minutes = min(minutes, SIGN_MINUTES["emergency"])
    return dispatched_at + timedelta(minutes=minutes)


def due_at(dispatched_at: datetime, kind: str, priority: str, extra_workdays: int = 0) -> datetime:
    local = dispatched_at.astimezone(CHINA)
    if priority == "emergency" and not extra_workdays:
        # The same day, but never less than four hours to act.
        end = datetime.combine(local.date(), END_OF_DAY, CHINA)
        return max(end, local + timedelta(hours=4))
    days = HANDLING_WORKDAYS.get(kind, 10) + extra_workdays
    due_day = add_workdays(local.date(), days)
    return datetime.combine(due_day, END_OF_DAY, CHINA)


def extend_due(current_due: datetime, days: int) -> datetime:
    local = current_due.astimezone(CHINA)
    return datetime.combine(add_workdays(local.date(), days), END_OF_DAY, CHINA)


def limits(dispatched_at: datetime, kind: str, priority: str, sign_minutes: int | None = None) -> Limits:
    return Limits(sign_deadline(dispatched_at, priority, sign_minutes), due_at(dispatched_at, kind, priority))
