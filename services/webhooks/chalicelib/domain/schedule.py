"""When to try a delivery again: the Standard Webhooks-style schedule with jitter."""

from __future__ import annotations

import random
from dataclasses import dataclass

# Seconds to wait before attempt n+1 (attempt 1 is immediate): now, 5 s, 5 min, 30 min,
# 2 h, 5 h, 10 h, 24 h. Eight attempts in all, about 41.6 hours.
BACKOFF_SECONDS: tuple[int, ...] = (0, 5, 300, 1800, 7200, 18000, 36000, 86400)
MAX_ATTEMPTS = len(BACKOFF_SECONDS)
JITTER = 0.2  # +-20 %, so many failed deliveries do not come back at the same second
MAX_RETRY_AFTER = 86400


@dataclass(frozen=True)
class Verdict:
    """What one attempt's outcome means: done, disable the endpoint, retry after `delay`
    seconds, or give up (dead letter)."""

    outcome: str  # "succeeded" | "disabled" | "retry" | "failed"
    delay: float | None = None


def parse_retry_after(value: str | None) -> float | None:
    """Retry-After in seconds (the HTTP-date form is rare from APIs; treated as absent)."""
    if not value:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def judge(
    attempt: int,
    status_code: int | None,
    retry_after: str | None = None,
    *,
    scale: float = 1.0,
    rng: random.Random | None = None,
) -> Verdict:
    """attempt: the number of the attempt just made (1-based). status_code None: no answer
    (timeout, refused connection, blocked address)."""
    if status_code is not None and 200 <= status_code < 300:
        return Verdict("succeeded")
    if status_code == 410:
        return Verdict("disabled")
    if attempt >= MAX_ATTEMPTS:
        return Verdict("failed")
    scheduled = BACKOFF_SECONDS[attempt] * (1 + (rng or random).uniform(-JITTER, JITTER))
    if status_code is not None and (status_code == 429 or status_code >= 500):
        asked = parse_retry_after(retry_after)
        if asked is not None:
            scheduled = max(asked, BACKOFF_SECONDS[attempt] * (1 - JITTER))
    return Verdict("retry", scheduled * scale)
