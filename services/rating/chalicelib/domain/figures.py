"""Assessment figures (三率) as pure functions: which counters an event moves, and the
rates and rankings computed from a counter item.

What each unit kind counts, per Asia/Shanghai month:
- department: the orders it handles (the event's `handler`), the residents' ratings of
  those orders, and the streets' ratings of it (双评价, `street_*` counters).
- street, community, grid: the orders it handles itself AND every order located in its
  territory (the event's `location`), whoever handles them, so that each level of the
  district has figures; an order that is both handled by and located in a unit counts once.
  Streets and communities also count the ratings of visits to their service centres.
- command-centre: orders it handles itself. district ("JN"): visits to the district hall.
The month is the month of the fact's own time (dispatched_at, signed_at, closed_at, ...;
for ratings the time of the rating). Each order counts at most once per month in each
order figure (a re-sign after a reopen, or a second closing, does not count again):
`drop_counted` keeps the first, using one tally mark per unit, month, figure and order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from chalicelib.domain.months import month_of
from chalicelib.domain.units import centre_unit, unit_from_handler

LEVELS = (1, 2, 3, 4, 5)
SATISFIED_LEVELS = (4, 5)

COUNTERS = (
    "dispatched",
    "signed",
    "signed_on_time",
    "returns",
    "improper_returns",
    "replied",
    "closed",
    "resolved",
    "overdue",
    "ratings",
    "satisfied",
    *(f"level_{n}" for n in LEVELS),
    "street_ratings",
    "street_satisfied",
    *(f"street_level_{n}" for n in LEVELS),
)

# Internal facts: the rating service's own decisions that move counters. They are written
# to the history in the same transaction as the decision, so a rebuild replays them too.
FACT_RATED = "rating.fact.rated"
FACT_EXCLUDED = "rating.fact.excluded"
FACT_STREET_RATED = "rating.fact.street-rated"

Unit = tuple[str, str]  # (code, kind)


@dataclass
class Delta:
    unit: str
    kind: str
    month: str
    counts: dict[str, int] = field(default_factory=dict)


def order_units(payload: Mapping[str, Any]) -> list[Unit]:
    """The handler unit (for a return: the unit that returned it) plus the grid, community
    and street of the order's location."""
    units: list[Unit] = []
    handler = unit_from_handler(payload.get("handler") or payload.get("returned_by"))
    if handler:
        units.append(handler)
    location = payload.get("location") or {}
    for kind in ("grid", "community", "street"):
        code = location.get(kind) if isinstance(location, dict) else None
        if code and all(code != seen for seen, _ in units):
            units.append((str(code), kind))
    return units


def appointment_units(payload: Mapping[str, Any]) -> list[Unit]:
    code = payload.get("centre_unit")
    return [centre_unit(str(code))] if code else []


def _rating_counts(level: int, sign: int = 1) -> dict[str, int]:
    counts = {"ratings": sign, f"level_{level}": sign}
    if level in SATISFIED_LEVELS:
        counts["satisfied"] = sign
    return counts


def _spread(units: Iterable[Unit], month: str, counts: dict[str, int]) -> list[Delta]:
    return [Delta(code, kind, month, dict(counts)) for code, kind in units if counts]


def _order_event_counts(name: str, payload: Mapping[str, Any]) -> tuple[str | None, dict[str, int]]:
    verb = name.rsplit(".", 1)[-1]
    if payload.get("original"):  # a merged report following its original: the work is the original's
        return None, {}
    if verb == "dispatched":
        return payload.get("dispatched_at"), {"dispatched": 1}
    if verb == "signed":
        counts = {"signed": 1}
        if payload.get("on_time") is True:
            counts["signed_on_time"] = 1
        return payload.get("signed_at"), counts
    if verb == "returned":
        counts = {"returns": 1}
        if payload.get("improper") is True:
            counts["improper_returns"] = 1
        return payload.get("returned_at"), counts
    if verb == "replied":
        return payload.get("replied_at"), {"replied": 1}
    if verb == "closed":
        if payload.get("reason") == "merged":  # a duplicate folded into another case: not a closure of work
            return None, {}
        counts = {"closed": 1}
        if payload.get("resolved") is True:
            counts["resolved"] = 1
        if payload.get("overdue") is True:
            counts["overdue"] = 1
        return payload.get("closed_at"), counts
    return None, {}


def deltas_for(name: str, occurred_at: str, payload: Mapping[str, Any]) -> list[Delta]:
    """Counter changes of one history entry (consumed event or internal fact)."""
    if name.startswith("workorders.order."):
        at, counts = _order_event_counts(name, payload)
        if not counts:
            return []
        return _spread(order_units(payload), month_of(at or occurred_at), counts)
    if name == FACT_RATED:
        deltas = _spread(_units(payload["units"]), payload["month"], _rating_counts(int(payload["level"])))
        replaced = payload.get("replaces")
        if replaced and replaced.get("counted", True):
            deltas += _spread(_units(replaced["units"]), replaced["month"], _rating_counts(int(replaced["level"]), -1))
        return deltas
    if name == FACT_EXCLUDED:
        return _spread(_units(payload["units"]), payload["month"], _rating_counts(int(payload["level"]), -1))
    if name == FACT_STREET_RATED:
        level = int(payload["level"])
        counts = {"street_ratings": 1, f"street_level_{level}": 1}
        if level in SATISFIED_LEVELS:
            counts["street_satisfied"] = 1
        deltas = [Delta(payload["department"], "department", payload["month"], counts)]
        replaced = payload.get("replaces")
        if replaced:  # a revision: the street's earlier rating of the department no longer counts
            old_level = int(replaced["level"])
            undo = {"street_ratings": -1, f"street_level_{old_level}": -1}
            if old_level in SATISFIED_LEVELS:
                undo["street_satisfied"] = -1
            deltas.append(Delta(payload["department"], "department", replaced["month"], undo))
        return deltas
    return []


# What each figure counts (GET /rating/units/{unit}/scores says it with the figures).
DEFINITIONS = {
    "dispatched": "orders dispatched to or located in the unit this month (each order once)",
    "signed": "of those orders, the ones signed for this month (each order once, a re-sign after a reopen not again)",
    "signed_on_time": "orders signed for within their sign-for limit this month (each order once)",
    "returns": "orders the unit returned this month (each order once)",
    "improper_returns": "returns of orders the routing rules put in the unit's remit (each order once)",
    "replied": "orders replied this month (each order once)",
    "closed": "orders closed this month (each order once, a second closing after a reopen not again)",
    "resolved": "closed orders whose problem was resolved (each order once)",
    "overdue": "closed orders that missed their handling deadline (each order once)",
    "ratings": "residents' ratings this month (a re-rating replaces the one before; upheld appeals removed)",
    "satisfied": "ratings of 4 or 5",
    "street_ratings": "streets' ratings of the department (双评价), the latest per street and order",
    "street_satisfied": "street ratings of 4 or 5",
    "response_rate": "signed_on_time / dispatched",
    "resolution_rate": "resolved / closed",
    "satisfaction_rate": "satisfied / ratings",
    "street_satisfaction_rate": "street_satisfied / street_ratings",
}


def tally_key(unit: str, month: str, counter: str, case: str) -> str:
    return f"{unit}|{month}|{counter}|{case}"


def order_tallies(name: str, payload: Mapping[str, Any], deltas: Iterable[Delta]) -> list[str]:
    """The tally marks an order event's counters would make (none for other entries)."""
    case = payload.get("case_number")
    if not name.startswith("workorders.order.") or not case:
        return []
    return [tally_key(d.unit, d.month, counter, str(case)) for d in deltas for counter in d.counts]


def drop_counted(name: str, payload: Mapping[str, Any], deltas: list[Delta], counted: set[str]) -> tuple[list[Delta], list[str]]:
    """The deltas without the figures this order already counts in that unit and month, and
    the new tally marks to record. `counted` holds the marks already recorded."""
    case = payload.get("case_number")
    if not name.startswith("workorders.order.") or not case:
        return deltas, []
    kept: list[Delta] = []
    marks: list[str] = []
    for delta in deltas:
        counts = {}
        for counter, amount in delta.counts.items():
            mark = tally_key(delta.unit, delta.month, counter, str(case))
            if mark in counted or mark in marks:
                continue
            counts[counter] = amount
            marks.append(mark)
        if counts:
            kept.append(Delta(delta.unit, delta.kind, delta.month, counts))
    return kept, marks


def _units(raw: Iterable[Any]) -> list[Unit]:
    return [(str(code), str(kind)) for code, kind in raw]


def merge(deltas: Iterable[Delta]) -> dict[tuple[str, str], Delta]:
    """Sums deltas per (unit, month)."""
    merged: dict[tuple[str, str], Delta] = {}
    for delta in deltas:
        slot = merged.setdefault((delta.unit, delta.month), Delta(delta.unit, delta.kind, delta.month))
        for name, value in delta.counts.items():
            slot.counts[name] = slot.counts.get(name, 0) + value
    return merged


def _rate(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def scores(counts: Mapping[str, Any]) -> dict[str, Any]:
    """The counters and the three rates of one unit and month."""
    values = {name: int(counts.get(name, 0) or 0) for name in COUNTERS}
    rates = {
        "response_rate": _rate(values["signed_on_time"], values["dispatched"]),
        "resolution_rate": _rate(values["resolved"], values["closed"]),
        "satisfaction_rate": _rate(values["satisfied"], values["ratings"]),
        "street_satisfaction_rate": _rate(values["street_satisfied"], values["street_ratings"]),
    }
    rated = [r for r in (rates["response_rate"], rates["resolution_rate"], rates["satisfaction_rate"]) if r is not None]
    return {
        "counts": {k: v for k, v in values.items() if not k.startswith("level_") and not k.startswith("street_level_")},
        "levels": {str(n): values[f"level_{n}"] for n in LEVELS},
        "street_levels": {str(n): values[f"street_level_{n}"] for n in LEVELS},
        "rates": rates,
        # The ranking score: the mean of the three rates the unit has figures for.
        "composite": round(sum(rated) / len(rated), 4) if rated else None,
    }


def rank(items: Iterable[tuple[str, Mapping[str, Any]]]) -> list[dict[str, Any]]:
    """Units ordered by composite score (units without figures last), ties by code."""
    rows = [{"unit": unit, **scores(counts)} for unit, counts in items]
    rows.sort(key=lambda r: (r["composite"] is None, -(r["composite"] or 0), r["unit"]))
    for position, row in enumerate(rows, start=1):
        row["rank"] = position
    return rows
