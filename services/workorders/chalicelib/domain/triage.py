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

5. Residents' wording (added for issue 11): contrastive negations are cut out before scoring
   ("不是红绿灯,是路灯" scores only "是路灯"; "not the bins, it's the toilet"); a clause marked as the
   main one ("主要是...", "mainly ...") counts double and an aside after it ("另外...", "by the way")
   half. Misspellings by sound (路等, 电题, 噪英) match lexicon terms through a fuzzy pinyin key
   (zh/z, ch/c, sh/s, in/ing, en/eng, n/l merged) at a reduced weight. A character n-gram naive
   Bayes model (``triage_model.json``, fitted by ``tools/fit_triage.py`` on the fit split of
   ``tests/data/triage-styles`` and the older hotline sets) is added to the lexicon scores with a
   weight chosen by cross-validation on the fit data; the temperature and the auto-dispatch
   threshold on the calibrated top probability were chosen on the calibration split only.
6. ``reasons`` lists the phrases that decided: the matched text behind the best category's
   score, strongest first.

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

__all__ = ["CATEGORY_CODES", "Candidate", "TriageResult", "explain", "normalise", "scores", "triage"]

LEXICON_PATH = Path(__file__).with_name("triage_lexicon.json")
MODEL_PATH = Path(__file__).with_name("triage_model.json")
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
    reasons: tuple[str, ...] = field(default=(), compare=False)

    @property
    def top(self) -> Candidate:
        return self.candidates[0]

    def to_dict(self, limit: int | None = None) -> dict[str, Any]:
        """The API shape: {"candidates": [{"category", "score"}, ...], "auto_dispatch": bool,
        "reasons": [phrase, ...]} (reasons: the phrases behind the best category, strongest first)."""
        chosen = self.candidates if limit is None else self.candidates[:limit]
        return {
            "candidates": [c.to_dict() for c in chosen],
            "auto_dispatch": self.auto_dispatch,
            "reasons": list(self.reasons),
        }


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


def _find_terms(text: str) -> tuple[list[tuple[str, int, int]], list[bool]]:
    """Distinct lexicon terms in ``text`` with the span of their first occurrence, ignoring matches
    contained in a longer match, and which characters lie inside a match (neutral terms included)."""
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
    found: list[tuple[str, int, int]] = []
    seen: set[str] = set()
    reach = (-1, -1)
    for start, end, term in sorted(set(spans), key=lambda span: (span[0], -span[1], span[2])):
        inside_longer = end <= reach[1] and (start, end) != reach
        if end > reach[1]:
            reach = (start, end)
        if inside_longer or term in seen or not _LEX.weights[term]:
            continue
        seen.add(term)
        found.append((term, start, end))
    return found, covered


# --- residents' wording: negation, main clause, misspellings by sound ---------------------------

# "不是红绿灯,是路灯" / "不是X的问题,主要是Y": the negated part is cut out. "是不是" (a question)
# and a bare "不是很热" (no contrast follows) are left alone.
_NEGATED_ZH = re.compile(
    r"(?<!是)(?:并不是|倒不是|也不是|不是|并非)[^,.;!?:。]{1,24}?(?:的问题|的事情|的事儿|的事)?"
    r"(?=[,;:。 ]*(?:而是|其实是|主要是|就是|是|而))"
)
_UNRELATED_ZH = re.compile(r"(?:跟|和|与)[^,.;!?:。]{1,12}?(?:没关系|无关|没有关系)")
_NEGATED_EN = re.compile(
    r"\b(?:it'?s |it is |this is |that'?s |the problem is |the issue is )?(?:not|isn'?t)\s+(?:the |a |an |about (?:the )?)?"
    r"[a-z' -]{1,40}?\s*[,;.-]+\s*(?=(?:but |it'?s |it is |rather |the )|\w)"
)
_MAIN = re.compile(r"最主要的?是|主要问题是|主要的?是|主要反映|重点是|关键是|main(?:ly| problem| issue| thing)|most important(?:ly)?")
_ASIDE = re.compile(r"另外|顺便|顺带|此外|还有就是|by the way|\balso\b")
_CLAUSE_END = re.compile(r"[。!?;]|另外|顺便|顺带|此外|还有就是|by the way|\balso\b|最主要的?是|主要问题是|主要的?是|main(?:ly| problem| issue)")
MAIN_WEIGHT = 2.0
ASIDE_WEIGHT = 0.5


def _strip_negated(text: str) -> str:
    text = _NEGATED_ZH.sub(",", text)
    text = _UNRELATED_ZH.sub(",", text)
    if "not" in text or "isn" in text:
        text = _NEGATED_EN.sub(" ", text)
    return text


def _clause_weights(text: str) -> list[float]:
    """Per-character weight: the clause after a main-clause marker counts double, an aside
    (another problem mentioned in passing) half, when the text names a main one."""
    weights = [1.0] * len(text)
    mains = list(_MAIN.finditer(text))
    if not mains:
        return weights
    for marker, weight in ((_ASIDE, ASIDE_WEIGHT), (_MAIN, MAIN_WEIGHT)):
        for match in marker.finditer(text):
            end_match = _CLAUSE_END.search(text, match.end())
            end = end_match.start() if end_match else len(text)
            for j in range(match.start(), end):
                weights[j] = weight
    return weights


def _fuzzy_syllable(syllable: str) -> str:
    """Pinyin without tone with the usual speech-to-text and IME confusions merged."""
    for hard, soft in (("zh", "z"), ("ch", "c"), ("sh", "s")):
        if syllable.startswith(hard):
            syllable = soft + syllable[2:]
            break
    if syllable.startswith("n") and not syllable.startswith("ng"):
        syllable = "l" + syllable[1:]
    if syllable.endswith("ng") and syllable[-3:-2] in ("i", "e"):
        syllable = syllable[:-1]
    return syllable


class _Model:
    """The fitted parts (``triage_model.json``): fuzzy pinyin table, n-gram naive Bayes,
    combination weight, temperature and the auto-dispatch threshold."""

    def __init__(self, raw: dict[str, Any] | None) -> None:
        raw = raw or {}
        self.syllable: dict[str, str] = {}
        for syllable, chars in raw.get("pinyin", {}).items():
            for ch in chars:
                self.syllable.setdefault(ch, syllable)
        self.fuzzy_weight = float(raw.get("fuzzy_weight", 0.6))
        # Lexicon terms of 2+ Chinese characters by fuzzy sound key ("lu deng"), precomputed by
        # the fitting script (it must be refitted when the lexicon changes: a test checks this).
        self.by_key: dict[str, list[str]] = raw.get("fuzzy_terms", {})
        self.key_lengths: tuple[int, ...] = tuple(sorted({key.count(" ") + 1 for key in self.by_key}, reverse=True))
        nb = raw.get("naive_bayes", {})
        self.nb_weight = float(nb.get("weight", 0.0))
        self.nb_orders: tuple[int, ...] = tuple(nb.get("orders", (1, 2)))
        self.nb_base: list[float] = nb.get("base", [])
        # feature -> [[category index, log-ratio], ...], used as loaded (no conversion: cold start)
        self.nb_features: dict[str, list[list[float]]] = nb.get("features", {})
        calibration = raw.get("calibration", {})
        self.temperature = float(calibration.get("temperature", _LEX.temperature))
        self.null_score = float(calibration.get("null_score", _LEX.null_score))
        self.threshold = float(calibration.get("threshold", 2.0))  # > 1: never, until fitted


def _load_model() -> _Model:
    if not MODEL_PATH.is_file():
        return _Model(None)
    with MODEL_PATH.open(encoding="utf-8") as handle:
        return _Model(json.load(handle))


_MODEL = _load_model()


def _fuzzy_terms(text: str, covered: list[bool]) -> list[tuple[str, int, int]]:
    """Lexicon terms written with other characters of the same (fuzzy) sound, where no exact
    term matched: 路等 -> 路灯, 电题 -> 电梯, 噪英 -> 噪音."""
    syllable = _MODEL.syllable
    if not syllable:
        return []
    sounds = [syllable.get(ch, "") for ch in text]
    found: list[tuple[str, int, int]] = []
    n = len(text)
    i = 0
    while i < n:
        matched = 0
        if sounds[i]:
            for length in _MODEL.key_lengths:
                if i + length > n or all(covered[i : i + length]):
                    continue
                key = sounds[i : i + length]
                if "" in key:
                    continue
                terms = _MODEL.by_key.get(" ".join(key))
                if terms:
                    found.extend((term, i, i + length) for term in terms if term != text[i : i + length])
                    matched = length
                    break
        i += matched or 1
    return found


def _ngrams(text: str, weights: list[float]) -> dict[str, float]:
    """Naive Bayes features with their clause weight: Chinese character n-grams and English
    words (single and pairs)."""
    features: dict[str, float] = {}
    orders = _MODEL.nb_orders
    for run in _CJK_RUN.finditer(text):
        start, piece = run.start(), run.group()
        for order in orders:
            for j in range(len(piece) - order + 1):
                gram = piece[j : j + order]
                w = weights[start + j]
                if w > features.get(gram, 0.0):
                    features[gram] = w
    words = [(m.start(), m.group().replace("'", "")) for m in _WORD.finditer(text)]
    words = [(start, word) for start, word in words if word not in _STOPWORDS]
    for k, (start, word) in enumerate(words):
        w = weights[start]
        for gram in (word, word + " " + words[k + 1][1] if k + 1 < len(words) else ""):
            if gram and w > features.get(gram, 0.0):
                features[gram] = w
    return features


_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
# English words that say nothing about the category (they only add noise to the n-gram model).
_STOPWORDS = frozenset(
    "a an the and or but if of to in on at for from with by about as into over under up down out off is are was were be "
    "been being am do does did doing have has had having i me my we us our you your he him his she her it its they them "
    "their this that these those there here what which who whom how when where why can could would should will shall may "
    "might must not no so too very just than then also any all some more most such only own same s t get got"
    .split()
)


def _analyse(normalised: str) -> dict[str, Any]:
    """Every score triage uses, per category, with the evidence behind it."""
    text = _strip_negated(normalised)
    weights = _clause_weights(text)
    n_cats = len(_LEX.codes)
    lexical = [0.0] * n_cats
    evidence: list[list[tuple[float, str]]] = [[] for _ in range(n_cats)]
    terms, covered = _find_terms(text)
    for term, start, end in terms:
        w = weights[start] if start < len(weights) else 1.0
        for cat, weight in _LEX.weights[term]:
            lexical[cat] += weight * w
            evidence[cat].append((weight * w, text[start:end]))
    for term, start, end in _fuzzy_terms(text, covered):
        w = weights[start] * _MODEL.fuzzy_weight
        for cat, weight in _LEX.weights[term]:
            lexical[cat] += weight * w
            evidence[cat].append((weight * w, text[start:end]))
        for j in range(start, end):
            covered[j] = True
    for rule in _LEX.rules:
        if rule.applies(text):
            for cat, weight in rule.add:
                lexical[cat] += weight
    backoff = [0.0] * n_cats
    alpha = _LEX.bigram_weight
    if alpha:
        bigrams = _LEX.bigrams
        # Only bigrams that no lexicon term already accounts for.
        uncovered = {(text[i : i + 2], weights[i]) for i in range(len(text) - 1) if not covered[i] or not covered[i + 1]}
        for bigram, w in uncovered:
            votes = bigrams.get(bigram)
            if votes:
                for cat, weight in votes:
                    backoff[cat] += alpha * weight * w
    model = [0.0] * n_cats
    if _MODEL.nb_features:
        features = _ngrams(text, weights)
        nb = [0.0] * n_cats
        total = 0.0
        for gram, w in features.items():
            pairs = _MODEL.nb_features.get(gram)
            if pairs is None:
                continue
            total += w
            for cat_value, delta in pairs:
                cat = int(cat_value)
                nb[cat] += delta * w
                if delta > 2.0 and (len(gram) > 1 or gram.isascii()):
                    evidence[cat].append((delta * w * 0.1, gram))
        if total:
            base = _MODEL.nb_base
            nb = [score + total * base[cat] for cat, score in enumerate(nb)]
            best = max(nb)
            scale = _MODEL.nb_weight / math.sqrt(total)
            model = [(score - best) * scale for score in nb]
    return {"text": text, "lexical": lexical, "backoff": backoff, "model": model, "evidence": evidence,
            "terms": [term for term, _, _ in terms]}


def scores(text: str) -> list[float]:
    """Raw (uncalibrated) per-category scores, in ``CATEGORY_CODES`` order of the lexicon; the
    fitting script learns the temperature and threshold from these."""
    analysis = _analyse(normalise(text or ""))
    return [a + b + c for a, b, c in zip(analysis["lexical"], analysis["backoff"], analysis["model"], strict=True)]


def _reasons(evidence: list[tuple[float, str]], limit: int = 5) -> tuple[str, ...]:
    chosen: list[str] = []
    for _, phrase in sorted(evidence, key=lambda item: -item[0]):
        phrase = phrase.strip()
        if phrase and not any(phrase in other or other in phrase for other in chosen):
            chosen.append(phrase)
        if len(chosen) == limit:
            break
    return tuple(chosen)


def triage(text: str) -> TriageResult:
    """Ranks all categories for a request text; see the module docstring."""
    analysis = _analyse(normalise(text or ""))
    raw = [a + b + c for a, b, c in zip(analysis["lexical"], analysis["backoff"], analysis["model"], strict=True)]
    t = _MODEL.temperature
    # Softmax with a "none of these" pseudo-category; shifted by the maximum for stability.
    shift = max(max(raw), _MODEL.null_score) * t
    exps = [math.exp(s * t - shift) for s in raw]
    total = sum(exps) + math.exp(_MODEL.null_score * t - shift)
    order = sorted(range(len(raw)), key=lambda i: (-raw[i], i))
    candidates = [Candidate(_LEX.codes[i], round(exps[i] / total, 4)) for i in order]
    best = order[0]
    # Dispatch without a person only when the calibrated probability of the best category reaches
    # the threshold chosen on the calibration split, and some lexicon evidence backs it.
    auto = exps[best] / total >= _MODEL.threshold and analysis["lexical"][best] > 0
    return TriageResult(
        candidates=candidates,
        auto_dispatch=auto,
        matched_terms=tuple(analysis["terms"]),
        reasons=_reasons(analysis["evidence"][best]),
    )


def explain(text: str) -> dict[str, Any]:
    """Debugging aid: the normalised text, what was scored, matched terms and raw scores."""
    normalised = normalise(text or "")
    analysis = _analyse(normalised)
    ranked = sorted(
        (
            (code, round(lex + back + mod, 3), round(back, 3), round(mod, 3))
            for code, lex, back, mod in zip(_LEX.codes, analysis["lexical"], analysis["backoff"], analysis["model"], strict=True)
            if lex or back
        ),
        key=lambda item: -item[1],
    )[:8]
    return {"normalised": normalised, "scored": analysis["text"], "terms": analysis["terms"], "scores": ranked}
