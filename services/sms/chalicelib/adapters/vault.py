"""Phone numbers at rest: a keyed hash to look them up (the resident subject), Fernet
(AES-128-CBC + HMAC-SHA256) to send to. Numbers never reach a log."""

from __future__ import annotations

from cryptography.fernet import Fernet

from shared.identity import phone_hash, resident_subject


class FernetVault:
    def __init__(self, key: str) -> None:
        self._fernet = Fernet(key.encode())

    def encrypt(self, e164: str) -> str:
        return self._fernet.encrypt(e164.encode()).decode()

    def decrypt(self, token: str) -> str:
        return self._fernet.decrypt(token.encode()).decode()

    def subject(self, e164: str) -> str:
        return resident_subject(e164)

    def number_key(self, e164: str) -> str:
        return phone_hash(e164)[:32]
