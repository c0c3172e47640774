"""Service settings read from the environment (defaults follow the local rules)."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class RatingConfig:
    # Days after the reply (order) or completion (visit) during which the resident may rate.
    rating_window_days: int = 15
    # Working days the unit has to call back and fix a bad rating (local rules: 5 to 15).
    rectification_workdays: int = 5
    # History partitions per month: spreads the append-only log over several keys.
    history_shards: int = 16


def get_config() -> RatingConfig:
    return RatingConfig(
        rating_window_days=int(os.environ.get("RATING_WINDOW_DAYS", "15")),
        rectification_workdays=int(os.environ.get("RECTIFICATION_WORKDAYS", "5")),
        history_shards=int(os.environ.get("RATING_HISTORY_SHARDS", "16")),
    )
