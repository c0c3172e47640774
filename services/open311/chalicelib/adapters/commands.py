"""Commands to the work-order service over its SQS queue (docs/CONTRACTS.md)."""

from __future__ import annotations

from shared.messaging import CommandSender

__all__ = ["CommandSender"]
