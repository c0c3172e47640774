"""What an inbound text means. Pure: normalisation and interpretation, no I/O.

Residents type on phones with Chinese input methods, so digits, letters, spaces and
punctuation often arrive full-width ("ＣＸ２６１１２３－７Ａ２９ＣＣ"); NFKC folds them to ASCII.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_CHARS = 1600  # AWS End User Messaging's limit for one (concatenated) inbound text

CASE_NUMBER = re.compile(r"(\d{6})-?([0-9A-Z]{6})")
BOOKING_CODE = re.compile(r"[0-9A-Z]{6}")

STOP_WORDS = {"TD", "退订", "STOP", "UNSUBSCRIBE", "T"}
START_WORDS = {"订阅", "START", "DY"}
HELP_WORDS = {"帮助", "HELP", "?", "H", "BZ"}
YES_WORDS = {"Y", "YES", "是", "确认", "确定", "QR"}
QUERY_WORDS = ("查询", "CX")
CANCEL_WORDS = ("取消", "QX")

# Separators a resident may put between a keyword and its argument ("CX：2611…", "取消 5ZY7Z8").
_SEPARATORS = re.compile(r"[\s:：,，.。、;；\-—_#＃/]+")


def normalise(text: str) -> str:
    """Full-width to half-width (NFKC), whitespace collapsed, trimmed."""
    folded = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", " ", folded).strip()


def _compact(text: str) -> str:
    """Upper case without separators: what keywords and codes are matched against."""
    return _SEPARATORS.sub("", text).upper()


def has_words(text: str) -> bool:
    """False for texts made only of emoji, symbols, punctuation and spaces."""
    return any(unicodedata.category(ch)[0] in ("L", "N") for ch in text)


def case_number(text: str) -> str | None:
    """The whole compact text is one case number (with or without its hyphen)."""
    match = CASE_NUMBER.fullmatch(text)
    return f"{match.group(1)}-{match.group(2)}" if match else None


@dataclass(frozen=True)
class Report:
    text: str


@dataclass(frozen=True)
class Query:
    case_number: str | None  # None: "查询" alone, the resident's latest case


@dataclass(frozen=True)
class Cancel:
    code: str | None  # None: "取消" without a code


@dataclass(frozen=True)
class Confirm:
    pass


@dataclass(frozen=True)
class Rate:
    level: int


@dataclass(frozen=True)
class OptOut:
    pass


@dataclass(frozen=True)
class OptIn:
    pass


@dataclass(frozen=True)
class Help:
    pass


@dataclass(frozen=True)
class Invalid:
    reason: str  # "empty" | "too_long" | "no_words" | "bad_digit" | "bad_case_number"


Intent = Report | Query | Cancel | Confirm | Rate | OptOut | OptIn | Help | Invalid


def interpret(raw: str) -> Intent:
    if len(raw) > MAX_CHARS:
        return Invalid("too_long")
    text = normalise(raw)
    if not text:
        return Invalid("empty")
    if not has_words(text):
        return Invalid("no_words")
    compact = _compact(text)
    if compact in STOP_WORDS:
        return OptOut()
    if compact in START_WORDS:
        return OptIn()
    if compact in HELP_WORDS:
        return Help()
    if compact in YES_WORDS:
        return Confirm()
    if compact.isdigit() and len(compact) == 1:
        level = int(compact)
        return Rate(level) if 1 <= level <= 5 else Invalid("bad_digit")
    found = case_number(compact)
    if found:
        return Query(found)
    for word in QUERY_WORDS:
        if compact.startswith(word):
            rest = compact[len(word):]
            if not rest:
                return Query(None)
            found = case_number(rest)
            return Query(found) if found else Invalid("bad_case_number")
    for word in CANCEL_WORDS:
        if compact.startswith(word):
            rest = compact[len(word):]
            if not rest:
                return Cancel(None)
            if BOOKING_CODE.fullmatch(rest):
                return Cancel(rest)
            if len(rest) <= 4:  # "取消预约": the code is missing
                return Cancel(None)
            # "取消了路灯维修…" is a report that happens to start with the word.
            break
    # The report keeps the resident's own characters (Chinese punctuation included).
    return Report(re.sub(r"\s+", " ", raw).strip())
