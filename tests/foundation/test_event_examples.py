"""events/<service>/<name>.json: one real envelope per event a service publishes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from infra.manifest import services
from shared.messaging import Envelope

EVENTS = Path(__file__).resolve().parents[2] / "events"
EXAMPLES = sorted(EVENTS.glob("*/*.json"))


def test_every_publishing_service_has_examples() -> None:
    assert {p.parent.name for p in EXAMPLES} >= {"booking", "workorders", "rating"}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_example_is_a_full_envelope_named_after_its_file_and_service(path: Path) -> None:
    envelope = Envelope.model_validate(json.loads(path.read_text()))
    assert path.name == f"{envelope.name}.json"
    assert envelope.name.startswith(f"{path.parent.name}.")
    if ".command." in envelope.name and not envelope.name.endswith(".rejected"):
        # A command is the owner's contract, sent by a channel (docs/CONTRACTS.md).
        assert envelope.source in services(), envelope.source
    else:
        assert envelope.source == path.parent.name
