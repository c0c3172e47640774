"""Every event this service publishes has a real example in events/rating/ with the same shape."""

from __future__ import annotations

import json
import os
from typing import Any

from tests.conftest import EVENTS
from tests.rating.conftest import CASE, RESIDENT, auth, body, order_event, post

UNIT_AUTH = auth("department", "staff-um-1", "urban-management")


def shape(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: shape(v) for k, v in value.items()}
    return type(value).__name__


def run_bad_rating_flow(client: Any, feed: Any, published: Any) -> dict[str, dict[str, Any]]:
    feed(order_event("created", handler=None), order_event("dispatched"), order_event("replied"))
    rating = body(post(client, "/ratings", {"subject": {"kind": "workorder", "id": CASE}, "level": 2,
                                            "comment": "路灯还是不亮"}, auth("resident", RESIDENT)))
    rid = rating["rectification_id"]
    post(client, f"/rectifications/{rid}/callback", {"note": "已电话回访，居民说仍有一盏不亮"}, UNIT_AUTH)
    post(client, f"/rectifications/{rid}/outcome", {"outcome": "更换灯具并检修线路，居民确认已亮"}, UNIT_AUTH)
    return {e["name"]: e for e in published()}


def test_published_events_match_the_examples(client: Any, feed: Any, published: Any) -> None:
    events = run_bad_rating_flow(client, feed, published)
    assert set(events) == {"rating.rating.submitted", "rating.rectification.opened", "rating.rectification.completed"}
    for name, envelope in events.items():
        path = EVENTS / "rating" / f"{name}.json"
        if os.environ.get("RATING_WRITE_EXAMPLES"):  # regenerate from a real run
            path.write_text(json.dumps(envelope, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        example = json.loads(path.read_text(encoding="utf-8"))
        assert example["name"] == name
        assert shape(example) == shape(envelope), name
