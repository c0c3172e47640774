"""A small in-memory search engine, built once per catalogue snapshot.

Ranking is BM25F: each document has weighted fields (name, keywords, summary, ...); a
term's frequency is summed over fields by weight and length-normalised per field. On top:
an exact name match ranks first, a keyword equal to the query ranks high, and Latin input
is also matched as pinyin (full or initials) against names and keywords."""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from chalicelib.domain.text import (
    cjk_runs,
    compact,
    english_words,
    looks_like_pinyin,
    normalise,
    normalise_catalogue,
    pinyin_forms,
    pinyin_query,
    pinyin_query_words,
    terms,
)

K1 = 1.2
B = 0.75
UNIGRAM_QUERY_WEIGHT = 0.25  # single characters only help when no bigram matches
SYNONYM_QUERY_WEIGHT = 0.6
EXACT_NAME_BONUS = 100.0
EXACT_KEYWORD_BONUS = 20.0
RELATIVE_CUTOFF = 0.2  # results scoring under this share of the best one are noise
MIN_COVERAGE = 0.5  # share of a query's content words the catalogue must know, else it is not about the catalogue
PINYIN_FALLBACK_MAX_CHARS = 8  # typos and homophones ("底保" -> dibao) are tried as pinyin up to this length

SYNONYMS_FILE = Path(__file__).with_name("synonyms.json")


@lru_cache(maxsize=1)
def synonyms() -> dict[str, tuple[str, ...]]:
    raw = json.loads(SYNONYMS_FILE.read_text(encoding="utf-8"))["synonyms"]
    return {normalise(key): tuple(normalise(v) for v in values) for key, values in raw.items()}


@lru_cache(maxsize=1)
def _intent_data() -> dict[str, Any]:
    return json.loads(SYNONYMS_FILE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def question_phrases() -> tuple[str, ...]:
    words = _intent_data()["question_words"]
    return tuple(sorted(words["phrases"], key=len, reverse=True)) + tuple(words["particles"])


@lru_cache(maxsize=1)
def filler_characters() -> frozenset[str]:
    return frozenset(_intent_data()["question_words"]["filler"])


@lru_cache(maxsize=1)
def generic_words() -> tuple[str, ...]:
    return tuple(_intent_data()["question_words"]["generic"])


@dataclass(frozen=True)
class Action:
    markers: tuple[str, ...]
    cues: tuple[str, ...]


@lru_cache(maxsize=1)
def actions() -> tuple[float, tuple[Action, ...]]:
    spec = _intent_data()["actions"]
    entries = tuple(Action(tuple(e["markers"]), tuple(e["cues"])) for e in spec["entries"])
    return float(spec["penalty"]), entries


def strip_question(query: str) -> str:
    """The query without its question and request phrasing ("低保怎么申请" -> "低保");
    the query itself when nothing else is left."""
    content = query
    for phrase in question_phrases():
        content = content.replace(phrase, " ")
    content = " ".join(content.split())
    return content or query


def action_penalty(query: str, names: list[str]) -> float:
    """A factor under 1 for an item that changes, replaces or ends something the query
    does not ask to change, replace or end: "低保怎么申请" wants 申请, not 停发(退出)."""
    penalty, entries = actions()
    text = " ".join(names).lower()
    for action in entries:
        if any(marker in text for marker in action.markers) and not any(cue in query for cue in action.cues):
            return penalty
    return 1.0


def _latin_phrase_in(phrase: str, text: str) -> bool:
    return re.search(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", text) is not None


def expansions(query: str) -> list[str]:
    """Catalogue words for the resident's words found in a normalised query. A key counts
    only when it is most of the query ("办低保"), not part of a longer word ("养老" in
    "养老保险"); items carry the keys as aliases, which covers the longer queries."""
    found: list[str] = []
    length = len(query.replace(" ", ""))
    for key, values in synonyms().items():
        if len(key.replace(" ", "")) * 2 <= length:
            continue
        present = _latin_phrase_in(key, query) if key.isascii() else key in query
        if present:
            found.extend(v for v in values if v not in query)
    return found


def aliases_for(texts: list[str]) -> list[str]:
    """Resident words whose main meaning (their first expansion) appears in a document's
    names or keywords: 医保 for an item about 医疗保险."""
    joined = normalise_catalogue(" ".join(texts))
    return [key for key, values in synonyms().items() if values and values[0] in joined and key not in joined]


@dataclass
class Document:
    key: str
    fields: dict[str, list[str]]  # field name -> texts
    names: list[str] = field(default_factory=list)  # exact-match candidates
    keywords: list[str] = field(default_factory=list)  # exact-match candidates and pinyin sources
    aliases: list[str] = field(default_factory=list)  # pinyin sources only


@dataclass
class _DocPinyin:
    """A document's pinyin, each string " form1 form2 ..." so that a prefix test is one
    substring test (" " + query) and a match never spans two forms."""

    name_full: str = ""
    name_initials: str = ""
    keyword_full: str = ""
    keyword_initials: str = ""


@dataclass
class Hit:
    key: str
    score: float


class SearchIndex:
    def __init__(
        self,
        documents: list[Document],
        weights: dict[str, float],
        pinyin: Callable[[str], tuple[str, str]] = pinyin_forms,
    ) -> None:
        self.keys = [d.key for d in documents]
        self._names = [d.names for d in documents]
        self._pinyin_of = pinyin
        self.weights = weights
        self._postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        self._exact_names: dict[str, set[int]] = defaultdict(set)
        self._exact_keywords: dict[str, set[int]] = defaultdict(set)
        self._pinyin: list[_DocPinyin] = []
        self._exact_pinyin: dict[str, dict[int, float]] = defaultdict(dict)  # full or initials -> doc -> weight
        self._build(documents)
        # Toneless pinyin of a resident's word ("yanglao" = 养老) also searches the word and
        # its catalogue meanings, so its ties break by what the word means, not by code.
        self._synonym_pinyin: dict[str, str] = {}
        for key in synonyms():
            if not key.isascii():
                full, initials = self._pinyin_of(key)
                self._synonym_pinyin.setdefault(full, key)
                if len(initials) >= 3:
                    self._synonym_pinyin.setdefault(initials, key)

    def _build(self, documents: list[Document]) -> None:
        per_doc: list[dict[str, Counter[str]]] = []
        lengths: dict[str, list[int]] = defaultdict(list)
        for doc in documents:
            counted = {}
            for name, texts in doc.fields.items():
                found = [t for text in texts for t in terms(normalise_catalogue(text))]
                counted[name] = Counter(found)
                lengths[name].append(len(found))
            per_doc.append(counted)
        average = {name: (sum(v) / len(v) or 1.0) for name, v in lengths.items()}

        for index, (doc, counted) in enumerate(zip(documents, per_doc, strict=True)):
            weighted: dict[str, float] = defaultdict(float)
            for name, counter in counted.items():
                length = sum(counter.values())
                norm = 1 - B + B * length / average[name]
                for term, tf in counter.items():
                    weighted[term] += self.weights.get(name, 1.0) * tf / norm
            for term, wtf in weighted.items():
                self._postings[term].append((index, wtf))
            for name in doc.names:
                self._exact_names[compact(name)].add(index)
            for keyword in doc.keywords:
                self._exact_keywords[compact(keyword)].add(index)
            self._pinyin.append(self._doc_pinyin(index, doc))
        total = len(documents)
        self._idf = {
            term: math.log(1 + (total - len(posting) + 0.5) / (len(posting) + 0.5)) for term, posting in self._postings.items()
        }

    def _doc_pinyin(self, index: int, doc: Document) -> _DocPinyin:
        forms: dict[str, list[tuple[str, str]]] = {"name": [], "keyword": []}
        # A resident's word the document only carries as an alias (离婚 on 结婚登记, via
        # 婚姻登记) ranks below the document that has it as its own keyword.
        passes = (("name", 1.0, doc.names), ("keyword", 0.9, doc.keywords), ("keyword", 0.8, doc.aliases))
        for kind, weight, texts in passes:
            for text in texts:
                full, initials = self._pinyin_of(normalise_catalogue(text))
                if not full:
                    continue
                forms[kind].append((full, initials))
                for form in (full, initials):
                    self._exact_pinyin[form][index] = max(self._exact_pinyin[form].get(index, 0.0), weight)
        return _DocPinyin(
            name_full="".join(" " + f for f, _ in forms["name"]),
            name_initials="".join(" " + i for _, i in forms["name"]),
            keyword_full="".join(" " + f for f, _ in forms["keyword"]),
            keyword_initials="".join(" " + i for _, i in forms["keyword"]),
        )

    def __len__(self) -> int:
        return len(self.keys)

    def _query_terms(self, query: str) -> dict[str, float]:
        weighted: dict[str, float] = {}

        def add(text: str, weight: float) -> None:
            for term in terms(text):
                w = weight * (UNIGRAM_QUERY_WEIGHT if term.startswith("u:") else 1.0)
                weighted[term] = max(weighted.get(term, 0.0), w)

        add(query, 1.0)
        for expansion in expansions(query):
            add(expansion, SYNONYM_QUERY_WEIGHT)
        return weighted

    @staticmethod
    def _pinyin_score(query: str, full: str, initials: str, pinyin_like: bool) -> float:
        spaced = " " + query
        if pinyin_like and len(query) >= 3 and spaced in full:
            return 6.0  # the start of a name's pinyin: "zuidi"
        if spaced in initials:
            return 5.0  # the start of its initials: "zd"
        if pinyin_like and len(query) >= 5 and query in full:
            return 4.0
        if len(query) >= 3 and query in initials:
            return 3.0
        return 0.0

    @staticmethod
    def _split_score(query: str, doc: _DocPinyin, pinyin_like: bool) -> float:
        """Input spanning two words of a document: "ybbx" = 医保 (yb) + 报销 (bx),
        "yibaobaoxiao" = yibao + baoxiao, each half found in the document's pinyin."""
        initials = doc.name_initials + doc.keyword_initials
        full = doc.name_full + doc.keyword_full
        for cut in range(2, len(query) - 1):
            head, tail = query[:cut], query[cut:]
            if len(query) <= 8 and head in initials and tail in initials:
                return 3.0
            if pinyin_like and len(head) >= 4 and len(tail) >= 4 and head in full and tail in full:
                return 3.0
        return 0.0

    def _pinyin_scores(self, raw_query: str, scores: dict[int, float]) -> bool:
        latin = pinyin_query(raw_query)
        if len(latin) < 2:
            return False
        words = pinyin_query_words(raw_query)
        pinyin_like = all(looks_like_pinyin(w) for w in words)
        if not pinyin_like and (len(latin) > 8 or len(words) > 1):
            return False  # English words, neither pinyin nor initials
        return self._pinyin_match(latin, pinyin_like, scores)

    def _pinyin_match(self, latin: str, pinyin_like: bool, scores: dict[int, float], weight: float = 1.0) -> bool:
        found = False
        exact = self._exact_pinyin.get(latin, {})
        for index, doc in enumerate(self._pinyin):
            if index in exact:
                score = 10.0 * exact[index]
            else:
                score = max(
                    self._pinyin_score(latin, doc.name_full, doc.name_initials, pinyin_like),
                    0.9 * self._pinyin_score(latin, doc.keyword_full, doc.keyword_initials, pinyin_like),
                )
                if not score and len(latin) >= 4:
                    score = self._split_score(latin, doc, pinyin_like)
            if score:
                scores[index] += weight * score
                found = True
        return found

    @staticmethod
    def _without_generic(content: str) -> str:
        for word in generic_words():
            content = content.replace(word, " ")
        return content

    def _bm25(self, text: str, scores: dict[int, float]) -> None:
        for term, query_weight in self._query_terms(text).items():
            idf = self._idf.get(term)
            if idf is None:
                continue
            for index, wtf in self._postings[term]:
                scores[index] += query_weight * idf * wtf * (K1 + 1) / (wtf + K1)

    def _coverage(self, content: str) -> float:
        """The share of a query's content (CJK characters other than filler, and English
        words) that the catalogue's terms cover: "个人所得税" shares only 个人 with it."""
        filler = filler_characters()
        total = covered = 0
        content = self._without_generic(content)
        for run in cjk_runs(content):
            hit = [len(run) == 1 and run in self._postings] * len(run)
            for i in range(len(run) - 1):
                if run[i : i + 2] in self._postings:
                    hit[i] = hit[i + 1] = True
            for ch, known in zip(run, hit, strict=True):
                if ch not in filler:
                    total += 1
                    covered += known
        words = english_words(content)
        total += len(words)
        covered += sum(1 for w in words if w in self._postings)
        return covered / total if total else 0.0

    def search(self, raw_query: str) -> list[Hit]:
        """Documents matching the query, best first (ties by key, so pages are stable);
        nothing when the query is not about anything the catalogue has."""
        query = normalise(raw_query).strip()
        if not query:
            return []
        content = strip_question(query)
        scores: dict[int, float] = defaultdict(float)
        self._bm25(content, scores)

        pinyin_hit = self._pinyin_scores(raw_query, scores)
        word = self._synonym_pinyin.get(pinyin_query(raw_query)) if query.isascii() else None
        if word is not None:  # as if the resident had typed the Chinese word
            self._bm25(word, scores)
        coverage = self._coverage(content)
        chinese = "".join(cjk_runs(content))
        if chinese and coverage < 1.0 and len(chinese) <= PINYIN_FALLBACK_MAX_CHARS:
            # Typos and homophones sound right: 底保 is dibao, 残急证 canjizheng.
            full, _ = pinyin_forms(chinese)
            pinyin_hit = self._pinyin_match(full, True, scores) or pinyin_hit

        exact = False
        for key in {compact(query), compact(content), compact(word or "")} - {""}:
            for index in self._exact_keywords.get(key, ()):
                scores[index] += EXACT_KEYWORD_BONUS
                exact = True
            for index in self._exact_names.get(key, ()):
                scores[index] += EXACT_NAME_BONUS
                exact = True

        about_catalogue = coverage >= MIN_COVERAGE if chinese else coverage > MIN_COVERAGE
        if not scores or not (exact or pinyin_hit or about_catalogue):
            return []
        for index in scores:
            scores[index] *= action_penalty(query, self._names[index])
        best = max(scores.values())
        hits = [Hit(self.keys[i], s) for i, s in scores.items() if s > 0 and s >= best * RELATIVE_CUTOFF]
        hits.sort(key=lambda h: (-h.score, h.key))
        return hits


class LifeEventMatcher:
    """Life-event bundles (一件事) for a query that is about a life event: a trigger word is
    in it and either it asks what to do ("生孩子要办什么") or it is little more than the
    trigger and the trigger is no item's own keyword ("生孩子", not "结婚", which names the
    marriage registration)."""

    def __init__(self, events: list[dict[str, Any]], item_words: set[str]) -> None:
        spec = _intent_data()["life_events"]
        self._what_to_do = tuple(normalise(w) for w in spec["what_to_do"])
        self._triggers: list[tuple[str, str]] = []  # (trigger, event code), longest first
        for event in events:
            words = list(spec["triggers"].get(event["code"], []))
            name = normalise(event.get("name_zh") or "")
            words += [name, name.removesuffix("一件事"), normalise(event.get("name_en") or "")]
            self._triggers += [(normalise(w), event["code"]) for w in words if w]
        self._triggers.sort(key=lambda t: -len(t[0]))
        self._item_words = {compact(w) for w in item_words}

    @staticmethod
    def _present(trigger: str, query: str) -> bool:
        return _latin_phrase_in(trigger, query) if trigger.isascii() else trigger in query

    def match(self, raw_query: str) -> list[str]:
        query = normalise(raw_query).strip()
        if not query:
            return []
        asks = any(w in query for w in self._what_to_do)
        if not asks and compact(strip_question(query)) in self._item_words:
            return []  # "残疾证怎么办", "失业金": an item's own word, not a life event
        found: list[str] = []
        for trigger, code in self._triggers:
            if code in found or not self._present(trigger, query):
                continue
            rest = strip_question(query.replace(trigger, " "))
            rest = "".join(ch for ch in "".join(cjk_runs(rest)) if ch not in filler_characters())
            rest_words = [w for w in english_words(query.replace(trigger, " ")) if w not in trigger]
            little_else = len(rest) <= (3 if asks else 0) and not rest_words
            if little_else and (asks or compact(trigger) not in self._item_words):
                found.append(code)
        return found
