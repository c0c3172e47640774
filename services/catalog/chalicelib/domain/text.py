"""Text normalisation for search: what residents type and what the catalogue says are
brought to one form (NFKC, lower case, simplified characters), then cut into terms:
Chinese character bigrams (plus unigrams, weighted low), English words, and pinyin forms.

Character bigrams instead of jieba: jieba's dictionary costs ~0.8 s of cold start, and
bigrams find the same items for the short queries residents type ("办居住证", "低保")."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import opencc

# One converter per container: building it loads the conversion dictionaries.
_T2S = opencc.OpenCC("t2s")

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN_WORD = re.compile(r"[a-z0-9]+")
_TONE_DIGIT = re.compile(r"(?<=[a-z])[1-5]")
_NOT_LETTER = re.compile(r"[^a-z]")

ENGLISH_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "do",
        "does",
        "for",
        "from",
        "get",
        "how",
        "i",
        "in",
        "is",
        "it",
        "me",
        "my",
        "of",
        "on",
        "or",
        "the",
        "to",
        "what",
        "where",
        "who",
        "with",
        "can",
        "need",
        "want",
        "apply",
        "applying",
        "application",
    ]
)


def simplified(text: str) -> str:
    return str(_T2S.convert(text))


def normalise(text: str) -> str:
    """Full-width to half-width, lower case, traditional to simplified (what residents type)."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return simplified(folded) if _CJK_RUN.search(folded) else folded


def normalise_catalogue(text: str) -> str:
    """Catalogue text is written in simplified characters: skip the (slow) conversion."""
    return unicodedata.normalize("NFKC", text).lower()


def compact(text: str) -> str:
    """Text without spaces or punctuation, for exact-name comparison (callers convert
    queries to simplified characters first)."""
    return "".join(ch for ch in normalise_catalogue(text) if ch.isalnum())


def cjk_runs(text: str) -> list[str]:
    return _CJK_RUN.findall(text)


def cjk_bigrams(text: str) -> list[str]:
    grams: list[str] = []
    for run in cjk_runs(text):
        if len(run) == 1:
            grams.append(run)
        grams.extend(run[i : i + 2] for i in range(len(run) - 1))
    return grams


def cjk_unigrams(text: str) -> list[str]:
    return ["u:" + ch for run in cjk_runs(text) for ch in run]


def stem(word: str) -> str:
    """A light English stemmer: plurals only ("permits" -> "permit", "subsidies" -> "subsidy")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def english_words(text: str) -> list[str]:
    return [stem(w) for w in _LATIN_WORD.findall(text) if w not in ENGLISH_STOPWORDS]


def terms(text: str) -> list[str]:
    """Index terms of a normalised text: CJK bigrams, CJK unigrams (prefixed u:), English words."""
    return cjk_bigrams(text) + cjk_unigrams(text) + english_words(text)


def pinyin_query(raw: str) -> str:
    """The Latin part of a query as a pinyin string: tone marks and tone digits dropped,
    spaces and apostrophes removed ("Dī bǎo", "di3 bao3", "di bao" -> "dibao"), ü as u."""
    decomposed = unicodedata.normalize("NFKD", raw.lower()).replace("ü", "u")
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    without_tones = _TONE_DIGIT.sub("", without_marks)
    return _NOT_LETTER.sub("", without_tones).replace("v", "u")


def pinyin_query_words(raw: str) -> list[str]:
    """The Latin words of a query, each as pinyin_query makes them ("di bao" -> ["di", "bao"])."""
    return [w for w in (pinyin_query(part) for part in raw.split()) if w]


@lru_cache(maxsize=4096)
def pinyin_forms(text: str) -> tuple[str, str]:
    """Full pinyin and initials of the Chinese characters in a text ("医保" -> ("yibao", "yb"))."""
    from pypinyin import (  # imported at first index build, not at import
        lazy_pinyin,
    )

    chinese = "".join(cjk_runs(text))
    if not chinese:
        return "", ""
    syllables = [s.replace("ü", "u").replace("v", "u") for s in lazy_pinyin(chinese)]
    return "".join(syllables), "".join(s[0] for s in syllables if s)


SYLLABLES_FILE = Path(__file__).with_name("pinyin_syllables.txt")


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    words = SYLLABLES_FILE.read_text(encoding="utf-8").split("\n", 1)[1].split()
    return frozenset(w for w in words if any(v in w for v in "aeiouv"))  # not the interjections m, n, ng


@lru_cache(maxsize=1024)
def looks_like_pinyin(text: str) -> bool:
    """Whether a Latin string splits into pinyin syllables ("dibao", "zuidishenghuo"), so
    that English input ("residencepermit") skips the pinyin matching."""
    syllables = _syllables()
    reachable = [True] + [False] * len(text)
    for end in range(1, len(text) + 1):
        reachable[end] = any(reachable[start] and text[start:end] in syllables for start in range(max(0, end - 6), end))
    return reachable[-1]
