"""Payloads of the commands the service takes on govportal-rating-commands and of the
rejection it publishes (docs/CONTRACTS.md), as pydantic models."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from chalicelib.models.requests import SubjectRef


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Rater(Message):
    subject: str = Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")
    role: Literal["resident"]


class RateCommand(Message):
    """rating.command.rate: a resident's rating taken by a channel, acted on as POST /rating/ratings."""

    subject: SubjectRef
    level: StrictInt = Field(ge=1, le=5)
    comment: str | None = Field(None, max_length=500)
    rater: Rater


class CommandRejected(Message):
    """rating.command.rejected: the command could not be done; `code` as the HTTP error's."""

    command_id: str
    command: str
    subject: SubjectRef | None
    code: str
    message: str


COMMAND_MODELS: dict[str, type[Message]] = {"rating.command.rate": RateCommand}
