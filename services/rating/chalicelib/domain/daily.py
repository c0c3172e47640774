"""Daily figures for the dashboard's trends, computed from the append-only history (the
same entries and the same `deltas_for` that make the monthly counters, so a day's figures
always add up to the month's). A day is the Asia/Shanghai day of the fact's own time
(signed_at, closed_at, ...), or of the entry for ratings.

Per day: dispatched, signed, signed on time (within the sign-for limit, an hour by
default) and its rate over the day's signs, closed and closed overdue, ratings, satisfied
and the satisfaction rate."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from chalicelib.domain.figures import deltas_for
from chalicelib.domain.months import parse_time

DAILY_COUNTERS = ("dispatched", "signed", "signed_on_time", "closed", "overdue", "ratings", "satisfied")
MAX_DAYS = 62


def day_of(name: str, occurred_at: str, payload: Mapping[str, Any]) -> date:
    at = occurred_at
    if name.startswith("workorders.order."):
        at = str(payload.get(f"{name.rsplit('.', 1)[-1]}_at") or occurred_at)
    return parse_time(at).date()


def days_between(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _rate(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def daily_figures(entries: Iterable[tuple[str, str, Mapping[str, Any]]], unit: str | None,
                  first: date, last: date) -> list[dict[str, Any]]:
    """One row per day from `first` to `last`. `unit` None: the district, each fact counted
    once (not once per unit it touches)."""
    totals: dict[date, dict[str, int]] = {d: dict.fromkeys(DAILY_COUNTERS, 0) for d in days_between(first, last)}
    for name, occurred_at, payload in entries:
        day = day_of(name, occurred_at, payload)
        if day not in totals:
            continue
        deltas = deltas_for(name, occurred_at, payload)
        if unit is None:
            # The same fact spread over its units carries the same counts: take each once.
            # (A re-rating's "replaces" has other counts and is kept.)
            chosen = list({tuple(sorted(d.counts.items())): d for d in deltas}.values())
        else:
            chosen = [d for d in deltas if d.unit == unit]
        for delta in chosen:
            for counter, value in delta.counts.items():
                if counter in totals[day]:
                    totals[day][counter] += value
    rows = []
    for day, counts in totals.items():
        rows.append({"date": day.isoformat(), **counts,
                     "signed_within_hour_rate": _rate(counts["signed_on_time"], counts["signed"]),
                     "satisfaction_rate": _rate(counts["satisfied"], counts["ratings"])})
    return rows


