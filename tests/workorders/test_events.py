"""Every event the service publishes has a real example envelope in events/workorders/, with
the same payload fields as the live event and the contract's common fields."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from chalicelib.models.messages import EVENT_MODELS
from scenario import publish_every_event

from shared.messaging import Envelope

EXAMPLES = Path(__file__).resolve().parents[2] / "events" / "workorders"
CONTRACT = {
    "workorders.order.created": {"kind", "priority", "channel"},
    "workorders.order.dispatched": {"text", "dispatched_at", "sign_deadline", "due_date"},
    "workorders.order.signed": {"signed_at", "on_time"},
    "workorders.order.returned": {"reason", "returned_at", "improper"},
    "workorders.order.extended": {"days", "reason", "new_due_date", "approved"},
    "workorders.order.escalated": {"level", "reason", "summoned"},
    "workorders.order.replied": {"replied_at", "overdue", "rating_deadline"},
    "workorders.order.closed": {"closed_at", "reason", "resolved", "overdue"},
    "workorders.order.reopened": {"reason"},
}
COMMON = {"case_number", "status", "category", "handler", "location", "resident", "reporter", "submitter_role",
          "channel", "actions"}


def test_examples_match_the_live_events(client: Any, outbox: Any) -> None:
    publish_every_event(client)
    live: dict[str, dict[str, Any]] = {}
    for envelope in outbox.drain():
        live[envelope["name"]] = envelope  # the last of each: the whistle, with summoned departments
    assert set(live) == set(CONTRACT), "the scenario should publish every event"
    if os.environ.get("WORKORDERS_WRITE_EXAMPLES"):
        for name, envelope in live.items():
            (EXAMPLES / f"{name}.json").write_text(json.dumps(envelope, ensure_ascii=False, indent=2) + "\n")
    for name, envelope in live.items():
        example = Envelope.model_validate(json.loads((EXAMPLES / f"{name}.json").read_text()))
        assert example.name == name
        assert set(example.payload) == set(envelope["payload"]), name
        assert COMMON | CONTRACT[name] <= set(example.payload), name
        EVENT_MODELS[name].model_validate(example.payload)  # the published model describes it
        EVENT_MODELS[name].model_validate(envelope["payload"])
