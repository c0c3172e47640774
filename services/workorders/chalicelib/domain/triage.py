"""Request triage: suggests request categories for a free-text work order.

Intake calls :func:`triage` when a resident's request arrives without a category. The result
lists every taxonomy category with a score in 0..1, best first, and says whether the best one is
reliable enough to dispatch without a person (``auto_dispatch``); otherwise the order waits in
the command centre's triage queue.

How it works (no model, no network, a few hundred microseconds per request):

1. The text is normalised: Unicode NFKC (full-width letters and digits become ASCII), lower
   case, and traditional Chinese converted to simplified with OpenCC ``t2s``.
2. Terms of a hand-written weighted lexicon (``triage_lexicon.json`` next to this file) are
   found in the text. Chinese terms match as substrings (no word segmentation: jieba would add
   about a second of cold start); ASCII terms match as whole words, or as prefixes when they
   end in ``*``. A match that lies inside a longer match is dropped, so ``加装电梯`` counts for
   old-estate renovation and not also for the lift, ``居住证明`` for a certificate and not for a
   residence permit. Each distinct term counts once.
3. Co-occurrence rules add or remove weight where categories are close (renovation noise is
   neighbourhood noise, a lift complaint naming the property company is still a lift, ...).
4. Scores are a softmax over the category scores plus a "none of these" pseudo-category with a
   fixed score, so weak or missing evidence gives low scores everywhere. ``auto_dispatch`` is
   true when the best raw score beats the runner-up by a calibrated margin and rests on enough
   lexicon evidence (the margin separated right from wrong best guesses better than the top
   softmax score on held-out requests).

The module is pure and deterministic; its data is read relative to this file so that it works
from the Lambda zip (``chalicelib/domain/``).
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from opencc import OpenCC

__all__ = ["CATEGORY_CODES", "Candidate", "TriageResult", "explain", "normalise", "triage"]

LEXICON_PATH = Path(__file__).with_name("triage_lexicon.json")
MAX_TEXT_CHARS = 1000  # triage reads the start of a description; the rest adds time, not signal
HEAD_CHARS = 12  # "the text starts with" window for rules with a "head" condition


@dataclass(frozen=True, slots=True)
class Candidate:
    category: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"category": self.category, "score": self.score}


@dataclass(frozen=True, slots=True)
class TriageResult:
    candidates: list[Candidate]
    auto_dispatch: bool
    matched_terms: tuple[str, ...] = field(default=(), compare=False)

    @property
    def top(self) -> Candidate:
        return self.candidates[0]

    def to_dict(self, limit: int | None = None) -> dict[str, Any]:
        """The API shape: {"candidates": [{"category", "score"}, ...], "auto_dispatch": bool}."""
        chosen = self.candidates if limit is None else self.candidates[:limit]
        return {"candidates": [c.to_dict() for c in chosen], "auto_dispatch": self.auto_dispatch}


@dataclass(frozen=True, slots=True)
class _Rule:
    groups: tuple[tuple[str, ...], ...]
    none: tuple[str, ...]
    head: tuple[str, ...]  # if given, one of these must occur within the first HEAD_CHARS
    add: tuple[tuple[int, float], ...]

    def applies(self, text: str) -> bool:
        if self.head and not any(word in text[:HEAD_CHARS] for word in self.head):
            return False
        return all(any(word in text for word in group) for group in self.groups) and not any(word in text for word in self.none)


class _Lexicon:
    """The compiled lexicon: term tables, the ASCII-word regex and the rules."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.codes: tuple[str, ...] = tuple(raw["categories"])
        index = {code: i for i, code in enumerate(self.codes)}
        if len(index) != len(self.codes):
            raise ValueError("duplicate category code in the triage lexicon")
        calibration = raw["calibration"]
        self.temperature = float(calibration["temperature"])
        self.null_score = float(calibration["null_score"])
        self.auto_margin = float(calibration["auto_margin"])
        self.min_evidence = float(calibration["min_evidence"])
        self.bigram_weight = float(calibration.get("bigram_weight", 0.0))

        weights: dict[str, dict[int, float]] = {}
        for code, tiers in raw["terms"].items():
            cat = index[code]  # KeyError: a term table for an unknown category
            for weight_text, terms in tiers.items():
                weight = float(weight_text)
                for term in terms:
                    per_cat = weights.setdefault(term, {})
                    if cat in per_cat:
                        raise ValueError(f"term {term!r} listed twice for {code}")
                    per_cat[cat] = weight
        for term in raw.get("neutral", ()):
            if term in weights:
                raise ValueError(f"neutral term {term!r} also has a weight")
            weights[term] = {}
        self.weights: dict[str, tuple[tuple[int, float], ...]] = {
            term: tuple(sorted(per_cat.items())) for term, per_cat in weights.items()
        }

        # Chinese (non-ASCII) terms: by first character, lengths longest first.
        by_first: dict[str, set[int]] = {}
        self.cjk_terms: set[str] = set()
        # ASCII terms: sequences of words; a word ending in * is a prefix. Indexed by first word.
        self.phrases_by_word: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        self.phrases_by_stem: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for term in self.weights:
            if term.isascii():
                words = tuple(term.replace("'", "").split())
                head = words[0]
                if head.endswith("*"):
                    self.phrases_by_stem.setdefault(head[:-1], []).append((term, words))
                else:
                    self.phrases_by_word.setdefault(head, []).append((term, words))
            else:
                self.cjk_terms.add(term)
                by_first.setdefault(term[0], set()).add(len(term))
        self.lengths_by_first: dict[str, tuple[int, ...]] = {
            ch: tuple(sorted(lengths, reverse=True)) for ch, lengths in by_first.items()
        }
        self.stem_lengths: tuple[int, ...] = tuple(sorted({len(stem) for stem in self.phrases_by_stem}, reverse=True))

        # Back-off for wordings the lexicon misses: each character bigram of a Chinese term
        # votes for the term's categories with the term's weight shared among its bigrams (the
        # strongest such share per category); a bigram shared by several categories splits it.
        votes: dict[str, dict[int, float]] = {}
        for term in self.cjk_terms:
            if len(term) < 2:
                continue
            n_bigrams = len(term) - 1
            for cat, weight in self.weights[term]:
                if weight <= 0:
                    continue
                share = weight / n_bigrams
                for j in range(n_bigrams):
                    per_cat = votes.setdefault(term[j : j + 2], {})
                    if share > per_cat.get(cat, 0.0):
                        per_cat[cat] = share
        self.bigrams: dict[str, tuple[tuple[int, float], ...]] = {
            bigram: tuple((cat, w / len(per_cat)) for cat, w in sorted(per_cat.items())) for bigram, per_cat in votes.items()
        }

        self.rules: tuple[_Rule, ...] = tuple(
            _Rule(
                groups=tuple(tuple(group) for group in rule["all"]),
                none=tuple(rule.get("none", ())),
                head=tuple(rule.get("head", ())),
                add=tuple((index[code], float(w)) for code, w in rule["add"].items() if w),
            )
            for rule in raw["rules"]
        )


def _load() -> _Lexicon:
    with LEXICON_PATH.open(encoding="utf-8") as handle:
        return _Lexicon(json.load(handle))


_LEX = _load()
_T2S = OpenCC("t2s")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[a-z0-9]+(?:['&-][a-z0-9]+)*'?")


_SUFFIXES = ("ies", "es", "s", "ed", "ing")


def _word_matches(pattern: str, word: str) -> bool:
    if pattern.endswith("*"):
        return word.startswith(pattern[:-1])
    return word == pattern or any(word == pattern + suffix for suffix in _SUFFIXES[1:])


def _base_forms(word: str) -> list[str]:
    """Crude English inflection fallback ("drains" -> "drain", "flooded" -> "flood")."""
    forms = []
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            forms.append(stem + "y" if suffix == "ies" else stem)
    return forms


CATEGORY_CODES: frozenset[str] = frozenset(_LEX.codes)


def normalise(text: str) -> str:
    """NFKC, lower case, traditional -> simplified Chinese, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text[:MAX_TEXT_CHARS]).lower()
    text = text.replace("’", "'").replace("‘", "'")
    if not text.isascii():
        text = _T2S.convert(text)
    return _SPACES.sub(" ", text).strip()


def _find_terms(text: str) -> tuple[list[str], list[bool]]:
    """Distinct lexicon terms in ``text``, ignoring matches contained in a longer match, and
    which characters lie inside a match (neutral terms included)."""
    spans: list[tuple[int, int, str]] = []
    lengths_by_first = _LEX.lengths_by_first
    cjk_terms = _LEX.cjk_terms
    n = len(text)
    for i, ch in enumerate(text):
        lengths = lengths_by_first.get(ch)
        if lengths is None:
            continue
        for length in lengths:
            if i + length <= n:
                piece = text[i : i + length]
                if piece in cjk_terms:
                    spans.append((i, i + length, piece))
    if any("a" <= ch <= "z" or "0" <= ch <= "9" for ch in text):
        tokens = [(m.start(), m.end(), m.group().replace("'", "")) for m in _WORD.finditer(text)]
        for k, (start, _, word) in enumerate(tokens):
            candidates = list(_LEX.phrases_by_word.get(word, ()))
            for length in _LEX.stem_lengths:
                if length <= len(word):
                    candidates.extend(_LEX.phrases_by_stem.get(word[:length], ()))
            if not candidates:
                for base in _base_forms(word):
                    candidates.extend(_LEX.phrases_by_word.get(base, ()))
            for term, words in candidates:
                last = k + len(words) - 1
                if last < len(tokens) and all(_word_matches(pattern, tokens[k + j][2]) for j, pattern in enumerate(words[1:], 1)):
                    spans.append((start, tokens[last][1], term))
    covered = [False] * n
    for start, end, _ in spans:
        for j in range(start, end):
            covered[j] = True
    # Sweep by start (longest first): a span ending no later than the furthest-reaching span
    # seen so far lies inside it, unless it is that very span (two terms can match one span).
    found: list[str] = []
    seen: set[str] = set()
    reach = (-1, -1)
    for start, end, term in sorted(set(spans), key=lambda span: (span[0], -span[1], span[2])):
        inside_longer = end <= reach[1] and (start, end) != reach
        if end > reach[1]:
            reach = (start, end)
        if inside_longer or term in seen or not _LEX.weights[term]:
            continue
        seen.add(term)
        found.append(term)
    return found, covered


def _raw_scores(text: str) -> tuple[list[float], list[float], list[str]]:
    """Lexicon-and-rule scores, bigram back-off scores and the matched terms."""
    scores = [0.0] * len(_LEX.codes)
    terms, covered = _find_terms(text)
    for term in terms:
        for cat, weight in _LEX.weights[term]:
            scores[cat] += weight
    for rule in _LEX.rules:
        if rule.applies(text):
            for cat, weight in rule.add:
                scores[cat] += weight
    backoff = [0.0] * len(_LEX.codes)
    alpha = _LEX.bigram_weight
    if alpha:
        bigrams = _LEX.bigrams
        # Only bigrams that no lexicon term already accounts for.
        uncovered = {text[i : i + 2] for i in range(len(text) - 1) if not covered[i] or not covered[i + 1]}
        for bigram in uncovered:
            votes = bigrams.get(bigram)
            if votes:
                for cat, weight in votes:
                    backoff[cat] += alpha * weight
    return scores, backoff, terms


def triage(text: str) -> TriageResult:
    """Ranks all categories for a request text; see the module docstring."""
    normalised = normalise(text or "")
    lexical, backoff, terms = _raw_scores(normalised)
    raw = [a + b for a, b in zip(lexical, backoff, strict=True)]
    t = _LEX.temperature
    # Softmax with a "none of these" pseudo-category; shifted by the maximum for stability.
    shift = max(max(raw), _LEX.null_score) * t
    exps = [math.exp(s * t - shift) for s in raw]
    total = sum(exps) + math.exp(_LEX.null_score * t - shift)
    order = sorted(range(len(raw)), key=lambda i: (-raw[i], i))
    candidates = [Candidate(_LEX.codes[i], round(exps[i] / total, 4)) for i in order]
    # Dispatch without a person only when the best category clearly beats the runner-up and
    # rests on lexicon evidence (not on the bigram back-off alone).
    margin = raw[order[0]] - raw[order[1]]
    auto = margin >= _LEX.auto_margin and lexical[order[0]] >= _LEX.min_evidence
    return TriageResult(candidates=candidates, auto_dispatch=auto, matched_terms=tuple(terms))


def explain(text: str) -> dict[str, Any]:
    """Debugging aid: the normalised text, matched terms and raw per-category scores."""
    normalised = normalise(text or "")
    lexical, backoff, terms = _raw_scores(normalised)
    ranked = sorted(
        (
            (code, round(lex + back, 3), round(back, 3))
            for code, lex, back in zip(_LEX.codes, lexical, backoff, strict=True)
            if lex or back
        ),
        key=lambda item: -item[1],
    )
    return {"normalised": normalised, "terms": terms, "scores": ranked}
