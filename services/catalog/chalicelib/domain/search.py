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
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from chalicelib.domain.text import (
    compact,
    normalise,
    normalise_catalogue,
    pinyin_forms,
    pinyin_query,
    terms,
)

K1 = 1.2
B = 0.75
UNIGRAM_QUERY_WEIGHT = 0.25  # single characters only help when no bigram matches
SYNONYM_QUERY_WEIGHT = 0.8
EXACT_NAME_BONUS = 100.0
EXACT_KEYWORD_BONUS = 20.0
RELATIVE_CUTOFF = 0.2  # results scoring under this share of the best one are noise

SYNONYMS_FILE = Path(__file__).with_name("synonyms.json")


@lru_cache(maxsize=1)
def synonyms() -> dict[str, tuple[str, ...]]:
    raw = json.loads(SYNONYMS_FILE.read_text(encoding="utf-8"))["synonyms"]
    return {normalise(key): tuple(normalise(v) for v in values) for key, values in raw.items()}


def _latin_phrase_in(phrase: str, text: str) -> bool:
    return re.search(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", text) is not None


def expansions(query: str) -> list[str]:
    """Catalogue words for the resident's words found in a normalised query."""
    found: list[str] = []
    for key, values in synonyms().items():
        present = _latin_phrase_in(key, query) if key.isascii() else key in query
        if present:
            found.extend(v for v in values if v not in query)
    return found


def aliases_for(texts: list[str]) -> list[str]:
    """Resident words whose expansion appears in a document's names or keywords."""
    joined = normalise_catalogue(" ".join(texts))
    return [key for key, values in synonyms().items() if any(v and v in joined for v in values)]


@dataclass
class Document:
    key: str
    fields: dict[str, list[str]]  # field name -> texts
    names: list[str] = field(default_factory=list)  # exact-match candidates
    keywords: list[str] = field(default_factory=list)  # exact-match candidates and pinyin sources


@dataclass(frozen=True)
class _Pinyin:
    full: str
    initials: str
    weight: float


@dataclass
class Hit:
    key: str
    score: float


class SearchIndex:
    def __init__(self, documents: list[Document], weights: dict[str, float]) -> None:
        self.keys = [d.key for d in documents]
        self.weights = weights
        self._postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        self._exact_names: dict[str, set[int]] = defaultdict(set)
        self._exact_keywords: dict[str, set[int]] = defaultdict(set)
        self._pinyin: list[list[_Pinyin]] = []
        self._build(documents)

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
            sources = [(n, 1.0) for n in doc.names] + [(k, 0.9) for k in doc.keywords]
            forms = {}
            for text, weight in sources:
                full, initials = pinyin_forms(normalise_catalogue(text))
                if full and (full, initials) not in forms:
                    forms[(full, initials)] = _Pinyin(full, initials, weight)
            self._pinyin.append(list(forms.values()))
        total = len(documents)
        self._idf = {
            term: math.log(1 + (total - len(posting) + 0.5) / (len(posting) + 0.5)) for term, posting in self._postings.items()
        }

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
    def _pinyin_score(query: str, forms: list[_Pinyin]) -> float:
        best = 0.0
        for form in forms:
            if query == form.full or query == form.initials:
                score = 10.0
            elif len(query) >= 3 and form.full.startswith(query):
                score = 6.0
            elif len(query) >= 2 and form.initials.startswith(query):
                score = 5.0
            elif len(query) >= 5 and query in form.full:
                score = 4.0
            elif len(query) >= 3 and query in form.initials:
                score = 3.0
            else:
                continue
            best = max(best, score * form.weight)
        if not best and len(query) >= 4:
            best = SearchIndex._split_score(query, forms)
        return best

    @staticmethod
    def _split_score(query: str, forms: list[_Pinyin]) -> float:
        """Input spanning two words of a document: "ybbx" = 医保 (yb) + 报销 (bx),
        "yibaobaoxiao" = yibao + baoxiao, each half found in the document's pinyin."""
        initials = " ".join(f.initials for f in forms)
        full = " ".join(f.full for f in forms)
        for cut in range(2, len(query) - 1):
            head, tail = query[:cut], query[cut:]
            if head in initials and tail in initials:
                return 3.0
            if len(head) >= 4 and len(tail) >= 4 and head in full and tail in full:
                return 3.0
        return 0.0

    def search(self, raw_query: str) -> list[Hit]:
        """Documents matching the query, best first (ties by key, so pages are stable)."""
        query = normalise(raw_query).strip()
        if not query:
            return []
        scores: dict[int, float] = defaultdict(float)
        for term, query_weight in self._query_terms(query).items():
            idf = self._idf.get(term)
            if idf is None:
                continue
            for index, wtf in self._postings[term]:
                scores[index] += query_weight * idf * wtf * (K1 + 1) / (wtf + K1)

        latin = pinyin_query(raw_query)
        if len(latin) >= 2:
            for index, forms in enumerate(self._pinyin):
                score = self._pinyin_score(latin, forms)
                if score:
                    scores[index] += score

        key = compact(query)
        for index in self._exact_keywords.get(key, ()):
            scores[index] += EXACT_KEYWORD_BONUS
        for index in self._exact_names.get(key, ()):
            scores[index] += EXACT_NAME_BONUS

        if not scores:
            return []
        best = max(scores.values())
        hits = [Hit(self.keys[i], s) for i, s in scores.items() if s > 0 and s >= best * RELATIVE_CUTOFF]
        hits.sort(key=lambda h: (-h.score, h.key))
        return hits
