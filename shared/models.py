"""The one strict base model: request, query and event payload models derive from it, so
an unknown field is refused (a 400 that names it) instead of silently ignored."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
