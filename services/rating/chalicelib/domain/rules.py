"""Who may rate what, and when (pure: the projection in, a decision or a domain error out)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from chalicelib.domain.clock import parse_time
from chalicelib.domain.projection import current_status
from shared.errors import Conflict, Forbidden, NotFound


@dataclass(frozen=True)
class RatingSlot:
    """The one rating a subject may get now: round 0 is the first rating, round n the
    re-rating after the n-th completed rectification."""

    round: int
    rating_id: str
    previous_rating_id: str | None
    deadline: datetime


def rating_id_for(kind: str, subject_id: str, round_: int) -> str:
    """Deterministic, so the conditional put on it enforces one rating per case/visit and round."""
    return "R" + hashlib.sha256(f"{kind}|{subject_id}|{round_}".encode()).hexdigest()[:20]


def rectification_id_for(rating_id: str) -> str:
    return "X" + rating_id[1:]


def rating_slot(projection: Mapping[str, Any] | None, kind: str, subject_id: str, resident: str, now: datetime, window_days: int) -> RatingSlot:
    noun = "order" if kind == "workorder" else "appointment"
    if not projection or not projection.get("resident"):
        raise NotFound(f"no {noun} {subject_id} is known to the rating service", code="subject_not_found")
    if projection["resident"] != resident:
        raise Forbidden(f"only the resident who owns {noun} {subject_id} may rate it")
    round_ = int(projection.get("rating_round", 0) or 0)
    status = current_status(projection)
    if round_ > 0:
        # A re-rating after a completed rectification: its own window, whatever the order's status now.
        deadline = parse_time(projection["rerate_deadline"])
    elif kind == "workorder":
        if status != "replied":
            raise Conflict(f"order {subject_id} is {status}; only a replied order can be rated", code="not_rateable", state=status)
        if projection.get("rating_deadline"):
            deadline = parse_time(projection["rating_deadline"])
        else:
            deadline = parse_time(projection["replied_at"]) + timedelta(days=window_days)
    else:
        if status != "completed":
            raise Conflict(
                f"appointment {subject_id} is {status}; only a completed appointment can be rated", code="not_rateable", state=status
            )
        deadline = parse_time(projection["completed_at"]) + timedelta(days=window_days)
    if now > deadline:
        raise Conflict(f"the rating window for {noun} {subject_id} closed at {deadline.isoformat()}", code="rating_window_closed")
    rating_id = rating_id_for(kind, subject_id, round_)
    previous = projection.get("current_rating_id") if round_ > 0 else None
    if previous == rating_id:  # this round is rated already: the conditional put will say so
        previous = None
    return RatingSlot(round_, rating_id, previous, deadline)
