"""In-memory stand-ins for the SMS service's ports."""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import Any

from chalicelib.domain.model import CaseView, Held, PendingCommand, Profile, SentText
from chalicelib.service import Config, SmsService

from shared.identity import phone_hash, resident_subject
from shared.messaging import Envelope


class FakeStore:
    def __init__(self) -> None:
        self.markers: set[str] = set()
        self.profiles: dict[str, Profile] = {}
        self.cases: dict[str, CaseView] = {}
        self.commands: dict[str, PendingCommand] = {}
        self.sent_texts: dict[str, SentText] = {}
        self.quota: dict[tuple[str, str], int] = {}
        self.held: dict[str, Held] = {}

    def claim(self, key: str, days: int) -> bool:
        if key in self.markers:
            return False
        self.markers.add(key)
        return True

    def release(self, key: str) -> None:
        self.markers.discard(key)

    def profile(self, subject: str) -> Profile | None:
        found = self.profiles.get(subject)
        return None if found is None else found.model_copy()

    def put_profile(self, profile: Profile) -> None:
        self.profiles[profile.subject] = profile.model_copy()

    def case(self, case_number: str) -> CaseView | None:
        return self.cases.get(case_number)

    def put_case(self, view: CaseView) -> None:
        self.cases[view.case_number] = view

    def command(self, command_id: str) -> PendingCommand | None:
        return self.commands.get(command_id)

    def put_command(self, command: PendingCommand) -> None:
        self.commands[command.id] = command

    def sent(self, message_id: str) -> SentText | None:
        return self.sent_texts.get(message_id)

    def put_sent(self, sent: SentText) -> None:
        self.sent_texts[sent.message_id] = sent

    def take_quota(self, number_key: str, window: str, limit: int) -> bool:
        count = self.quota.get((number_key, window), 0)
        if count >= limit:
            return False
        self.quota[(number_key, window)] = count + 1
        return True

    def hold(self, held: Held) -> None:
        self.held[held.key] = held

    def due(self, now: datetime) -> list[Held]:
        return [h for h in self.held.values() if datetime.fromisoformat(h.release_at) <= now]

    def drop(self, held: Held) -> None:
        self.held.pop(held.key, None)


class FakeSender:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str, str]] = []  # (message id, to, body)
        self._ids = itertools.count(1)

    def send(self, to: str, body: str) -> str:
        message_id = f"msg-{next(self._ids)}"
        self.sent.append((message_id, to, body))
        return message_id

    def to(self, number: str) -> list[str]:
        return [body for _, to, body in self.sent if to == number]


class FakeCommands:
    def __init__(self) -> None:
        self.sent: list[tuple[str, Envelope]] = []

    def send(self, service: str, envelope: Envelope) -> None:
        self.sent.append((service, envelope))


class PlainVault:
    """Reversible but not the number in clear, so tests notice a missing decrypt."""

    def encrypt(self, e164: str) -> str:
        return "enc:" + e164[::-1]

    def decrypt(self, token: str) -> str:
        return token.removeprefix("enc:")[::-1]

    def subject(self, e164: str) -> str:
        return resident_subject(e164)

    def number_key(self, e164: str) -> str:
        return phone_hash(e164)[:32]


class FakeDirectory:
    def __init__(self, duty: dict[str, list[str]] | None = None) -> None:
        self.duty = duty or {}

    def unit_name(self, code: str) -> str:
        return {"urban-management": "城市管理局"}.get(code, code)

    def category_name(self, code: str | None) -> str:
        return {"street-light": "路灯"}.get(code or "", code or "诉求")

    def centre_name(self, centre_id: str) -> str:
        return "新体路街道便民服务中心"

    def duty_phones(self, unit: str) -> list[str]:
        return self.duty.get(unit, [])


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def build(now: datetime, duty: dict[str, list[str]] | None = None, limit: int = 10) -> tuple[SmsService, Any]:
    store, sender, commands, clock = FakeStore(), FakeSender(), FakeCommands(), Clock(now)
    service = SmsService(store, sender, commands, PlainVault(), FakeDirectory(duty), clock, Config(hourly_limit=limit))

    class Parts:
        pass

    parts = Parts()
    parts.store, parts.sender, parts.commands, parts.clock = store, sender, commands, clock  # type: ignore[attr-defined]
    return service, parts
