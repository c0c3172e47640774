"""Small helpers every benchmark uses."""

from __future__ import annotations


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile; share in 0..1 (0.5 for p50, 0.99 for p99)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]
