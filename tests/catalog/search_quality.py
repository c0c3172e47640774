"""Judges catalogue search on a query set (tests/data/catalog-search-*.jsonl): how often the
first result is acceptable, an acceptable one is in the first three, and an unrelated query
gets nothing. Used by the dev-set test and by the bench's held-out figures."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "data"


def load(name: str) -> list[dict[str, Any]]:
    lines = (DATA / f"catalog-search-{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def ranked(catalogue: Any, query: str) -> list[str]:
    """What a resident sees, in order: the life-event bundles found, then the items."""
    from chalicelib.domain.catalogue import ItemFilters

    events = getattr(catalogue, "search_life_events", lambda _q: [])(query)
    items = catalogue.search_items(query, ItemFilters())
    return [f"life-event:{e['code']}" for e in events] + [item["code"] for item, _ in items]


@dataclass
class Figures:
    answered: int = 0
    first: int = 0
    top3: int = 0
    unrelated: int = 0
    unrelated_empty: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def first_rate(self) -> float:
        return self.first / self.answered if self.answered else 0.0

    @property
    def top3_rate(self) -> float:
        return self.top3 / self.answered if self.answered else 0.0

    def line(self) -> str:
        return (
            f"first result acceptable {self.first}/{self.answered} ({self.first_rate:.0%}), "
            f"in the first three {self.top3}/{self.answered} ({self.top3_rate:.0%}), "
            f"nothing for unrelated {self.unrelated_empty}/{self.unrelated}"
        )


def judge(catalogue: Any, queries: list[dict[str, Any]]) -> Figures:
    figures = Figures()
    for case in queries:
        found = ranked(catalogue, case["query"])
        acceptable = set(case["acceptable"])
        if not acceptable:
            figures.unrelated += 1
            figures.unrelated_empty += not found
            if found:
                figures.misses.append(f"{case['query']!r} (unrelated) -> {found[:3]}")
            continue
        figures.answered += 1
        figures.first += bool(found) and found[0] in acceptable
        figures.top3 += bool(acceptable & set(found[:3]))
        if not found or found[0] not in acceptable:
            figures.misses.append(f"{case['query']!r} ({case['style']}) -> {found[:3]} want {sorted(acceptable)}")
    return figures
