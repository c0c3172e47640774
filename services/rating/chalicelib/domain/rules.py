"""Who may rate what, and when (pure: the projection in, a decision or a domain error out)."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from chalicelib.domain.months import parse_time
from chalicelib.domain.projection import current_status
from shared.errors import Conflict, NotFound


@dataclass(frozen=True)
class RatingSlot:
    """The one rating a subject may get now: round 0 is the first rating, round n the
    re-rating after the n-th completed rectification."""

    round: int
    rating_id: str
    previous_rating_id: str | None
    deadline: datetime
    kind: str = "workorder"
    subject_id: str = ""

    @property
    def guard(self) -> tuple[str, str, str]:
        """The key parts of the item whose conditional put allows one rating per subject and round."""
        return self.kind, self.subject_id, str(self.round)


def new_rating_id() -> str:
    """Random: nobody can derive a rating's id from the case number (one per subject and
    round is enforced by the slot guard item, not by the id)."""
    return "R" + secrets.token_hex(10)


NOUN_ZH = {"order": "工单", "appointment": "预约"}


def rectification_id_for(rating_id: str) -> str:
    return "X" + rating_id[1:]


def rating_slot(projection: Mapping[str, Any] | None, kind: str, subject_id: str, resident: str, now: datetime, window_days: int) -> RatingSlot:
    noun = "order" if kind == "workorder" else "appointment"
    if not projection or not projection.get("resident"):
        raise NotFound(f"no {noun} {subject_id} is known to the rating service", zh=f"评价服务中没有{NOUN_ZH[noun]} {subject_id}",
                       code="subject_not_found")
    if projection["resident"] != resident:
        # The same answer as for a subject that does not exist: nothing to learn by probing.
        raise NotFound(f"no {noun} {subject_id} is known to the rating service", zh=f"评价服务中没有{NOUN_ZH[noun]} {subject_id}",
                       code="subject_not_found")
    round_ = int(projection.get("rating_round", 0) or 0)
    status = current_status(projection)
    if round_ > 0:
        # A re-rating after a completed rectification: its own window, whatever the order's status now.
        deadline = parse_time(projection["rerate_deadline"])
    elif kind == "workorder":
        if status != "replied":
            raise Conflict(f"order {subject_id} is {status}; only a replied order can be rated",
                           zh=f"工单 {subject_id} 的状态是 {status}，答复后才能评价", code="not_rateable", state=status)
        if projection.get("rating_deadline"):
            deadline = parse_time(projection["rating_deadline"])
        else:
            deadline = parse_time(projection["replied_at"]) + timedelta(days=window_days)
    else:
        if status != "completed":
            raise Conflict(
                f"appointment {subject_id} is {status}; only a completed appointment can be rated", code="not_rateable", state=status,
                zh=f"预约 {subject_id} 的状态是 {status}，办结后才能评价"
            )
        deadline = parse_time(projection["completed_at"]) + timedelta(days=window_days)
    if now > deadline:
        raise Conflict(f"the rating window for {noun} {subject_id} closed at {deadline.isoformat()}",
                       zh=f"{NOUN_ZH[noun]} {subject_id} 的评价期已于 {deadline.isoformat()} 结束", code="rating_window_closed")
    previous = projection.get("current_rating_id") if round_ > 0 else None
    if previous and projection.get("current_round") == round_:  # rated in this round already: the guard says so
        previous = None
    return RatingSlot(round_, new_rating_id(), previous, deadline, kind, subject_id)
