"""Recomputes every counter from the append-only history and reports any difference from
the stored counters; with --fix it overwrites the wrong ones.

    cd services/rating && PYTHONPATH=../.. python -m chalicelib.rebuild [--from 2026-01] [--to 2026-11] [--fix] [--local]

--local points it at the local stack (moto server on 127.0.0.1:4566, table govportal-rating)
when the environment does not already name them. Exit status 0: counters agree (or were
fixed); 1: differences found and left alone.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass, field
from typing import Any

from chalicelib.adapters.repository import Repository
from chalicelib.domain.figures import COUNTERS, Delta, deltas_for, drop_counted, merge
from chalicelib.domain.months import month_of, months_between
from chalicelib.domain.units import ALL_KINDS
from shared import clock

DEFAULT_MONTHS_BACK = 24


@dataclass
class Difference:
    unit: str
    month: str
    counter: str
    stored: int
    expected: int


@dataclass
class RebuildReport:
    months: list[str]
    history_entries: int = 0
    counters_checked: int = 0
    differences: list[Difference] = field(default_factory=list)
    fixed: int = 0

    @property
    def agrees(self) -> bool:
        return not self.differences

    def as_dict(self) -> dict[str, Any]:
        return {
            "months": [self.months[0], self.months[-1]] if self.months else [],
            "history_entries": self.history_entries,
            "counters_checked": self.counters_checked,
            "differences": [d.__dict__ for d in self.differences],
            "fixed_items": self.fixed,
            "agrees": self.agrees,
        }


def _month_back(month: str, count: int) -> str:
    year, number = (int(p) for p in month.split("-"))
    total = year * 12 + (number - 1) - count
    return f"{total // 12:04d}-{total % 12 + 1:02d}"


def rebuild(first: str | None = None, last: str | None = None, *, fix: bool = False,
            repository: Repository | None = None) -> RebuildReport:
    repo = repository or Repository()
    last = last or month_of(clock.now())
    first = first or _month_back(last, DEFAULT_MONTHS_BACK - 1)
    report = RebuildReport(months=months_between(first, last))

    deltas: list[Delta] = []
    counted: set[str] = set()  # tally marks: each order once per month in each figure, as live
    for month in report.months:
        for entry in repo.history(month):
            report.history_entries += 1
            entry_deltas, marks = drop_counted(entry.name, entry.payload,
                                               deltas_for(entry.name, entry.occurred_at, entry.payload), counted)
            counted.update(marks)
            deltas += entry_deltas
    expected = merge(deltas)

    stored: dict[tuple[str, str], dict[str, Any]] = {}
    months = set(report.months) | {month for _, month in expected}
    kinds = set(ALL_KINDS) | {delta.kind for delta in expected.values()}
    for month in sorted(months):
        for kind in sorted(kinds):
            for item in repo.counters_of_kind(kind, month):
                stored[(item["unit"], month)] = item
    report.counters_checked = len(set(stored) | set(expected))

    for slot in sorted(set(stored) | set(expected)):
        want = expected.get(slot)
        have = stored.get(slot, {})
        correction = Delta(slot[0], want.kind if want else str(have.get("unit_kind")), slot[1])
        for counter in COUNTERS:
            stored_value = int(have.get(counter, 0) or 0)
            expected_value = int(want.counts.get(counter, 0)) if want else 0
            if stored_value != expected_value:
                correction.counts[counter] = expected_value - stored_value
                report.differences.append(Difference(slot[0], slot[1], counter, stored_value, expected_value))
        if correction.counts and fix:
            # ADD the difference rather than overwrite: an event consumed while the rebuild
            # runs keeps its increment.
            repo.add_to_counter(correction)
            report.fixed += 1
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m chalicelib.rebuild", description=__doc__.split("\n\n")[0])
    parser.add_argument("--from", dest="first", help="first month YYYY-MM (default: 24 months before --to)")
    parser.add_argument("--to", dest="last", help="last month YYYY-MM (default: this month, Asia/Shanghai)")
    parser.add_argument("--fix", action="store_true", help="overwrite the counters that differ")
    parser.add_argument("--local", action="store_true", help="use the local stack unless the environment says otherwise")
    args = parser.parse_args(argv)
    if args.local:
        os.environ.setdefault("TABLE_NAME", "govportal-rating")
        os.environ.setdefault("AWS_ENDPOINT_URL", "http://127.0.0.1:4566")
        os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
        os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
        os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    report = rebuild(args.first, args.last, fix=args.fix)
    print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    return 0 if report.agrees or args.fix else 1


if __name__ == "__main__":
    sys.exit(main())
