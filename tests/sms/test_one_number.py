"""One number (docs/CONTRACTS.md): a resident token with a verified phone_number claim authenticates
as the subject the SMS channel gives that number; unverified numbers and staff do not."""

from __future__ import annotations

import pytest

from shared.auth import authenticate, issue_local_token
from shared.identity import resident_subject

NUMBER = "+8613800000031"


def principal(token: str) -> tuple[str, str]:
    found = authenticate({"Authorization": f"Bearer {token}"})
    return found.subject, found.role.value


def test_a_verified_number_is_the_residents_subject() -> None:
    assert principal(issue_local_token("cognito-uuid-1", "resident", phone_number=NUMBER)) == (resident_subject(NUMBER), "resident")


@pytest.mark.parametrize("claims", [{"phone_number_verified": False}, {"phone_number": "13800000031"}])
def test_unverified_or_malformed_numbers_change_nothing(claims: dict[str, object]) -> None:
    import jwt

    from shared.settings import get_settings

    token = issue_local_token("cognito-uuid-2", "resident", phone_number=NUMBER)
    decoded = {**jwt.decode(token, options={"verify_signature": False}), **claims}
    forged = jwt.encode(decoded, get_settings().local_jwt_secret, algorithm="HS256")
    assert principal(forged) == ("cognito-uuid-2", "resident")


def test_staff_keep_their_own_subject() -> None:
    token = issue_local_token("um-01", "department", "urban-management", phone_number=NUMBER)
    assert principal(token)[0] == "um-01"
