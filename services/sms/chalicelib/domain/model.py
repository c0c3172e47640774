"""What the SMS channel keeps: who a number is (never the number in clear), its own
projection of work orders, the commands it sent, and texts waiting to go out."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Profile(_Model):
    """A resident reachable by SMS. `subject` is shared.identity.resident_subject(number),
    the keyed hash it is looked up by; `phone_enc` the number encrypted, to send to."""

    subject: str
    phone_enc: str
    opted_out: bool = False
    notify: bool = True  # SMS reporters: yes; portal users: when they agreed
    pending_rating: str | None = None  # case number of the last rating request
    pending_cancel: str | None = None  # booking code waiting for "Y"
    pending_cancel_until: str | None = None
    latest_case: str | None = None


class CaseView(_Model):
    case_number: str
    resident: str | None = None
    status: str
    step: str
    at: str  # ISO 8601 of the latest step
    category: str | None = None


class PendingCommand(_Model):
    """A command sent to a core service, kept to answer its result to the right number."""

    id: str
    subject: str
    kind: str  # "report" | "rate" | "cancel"
    ref: str | None = None  # case number or booking code


class SentText(_Model):
    """An outbound text a resident may reply to (rating requests)."""

    message_id: str
    subject: str
    case_number: str


class Held(_Model):
    """A text that waits: quiet hours or the hourly limit. Exactly one of subject (a
    resident, whose number is in their profile) or phone_enc (a duty phone)."""

    key: str
    release_at: str
    body: str
    subject: str | None = None
    phone_enc: str | None = None
    kind: str = "notice"
    case_number: str | None = None
