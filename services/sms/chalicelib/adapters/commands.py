"""Commands to the owning services' commands queues (docs/CONTRACTS.md), one envelope each."""

from __future__ import annotations

from shared.messaging import CommandSender, Envelope


class QueueCommands:
    def __init__(self, queues: dict[str, str]) -> None:
        self.queues = queues  # service -> queue URL

    def send(self, service: str, envelope: Envelope) -> None:
        url = self.queues.get(service)
        if not url:
            raise RuntimeError(f"no commands queue configured for {service}")
        CommandSender(url).send(envelope)
