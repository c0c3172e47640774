"""Bearer-token authentication and roles.

In AWS the tokens come from a Cognito user pool (RS256, checked against its JWKS); on the
local stack they are signed with a local key (`make token`). Claims used: `sub`,
`custom:role`, `custom:unit` (staff only: the unit code they work for), `name`.
"""

from __future__ import annotations

import csv
import json
import re
import time
from collections.abc import Mapping
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, ValidationError

from shared.errors import Unauthorized
from shared.identity import resident_subject
from shared.settings import get_settings

if TYPE_CHECKING:
    import jwt

# pyjwt (and the cryptography it loads) is imported on first use, not at import: a public
# route never authenticates, so a cold container serving one does not pay for it.

LOCAL_ISSUER = "govportal-local"
AUDIENCE = "govportal"


class Role(StrEnum):
    RESIDENT = "resident"
    GRID_WORKER = "grid-worker"
    COMMUNITY = "community"
    STREET = "street"
    DEPARTMENT = "department"
    COMMAND_CENTRE = "command-centre"


STAFF_ROLES = frozenset(Role) - {Role.RESIDENT}
ALL_ROLES = frozenset(Role)

COMMAND_CENTRE_UNIT = "command-center"
# Subjects become parts of storage keys ("#" separates them): letters, digits and a few
# separators only, bounded.
SUBJECT_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@:+-]{0,127}")
_DATA = Path(__file__).parent / "data"


@lru_cache(maxsize=1)
def units_by_role() -> dict[Role, frozenset[str]]:
    """The unit codes each staff role may carry, from the district data: a grid worker's
    grid, a community, a street, a department; the command centre has its one code. Utilities and mass organisations take
    orders as departments do."""
    district = json.loads((_DATA / "district.json").read_text(encoding="utf-8"))
    with (_DATA / "departments.csv").open(encoding="utf-8") as handle:
        departments = frozenset(row["code"] for row in csv.DictReader(handle) if row["kind"] not in ("district", "street", "community"))
    return {
        Role.GRID_WORKER: frozenset(g["code"] for g in district["grids"]),
        Role.COMMUNITY: frozenset(c["code"] for c in district["communities"]),
        Role.STREET: frozenset(s["code"] for s in district["streets"]),
        Role.DEPARTMENT: departments,
        Role.COMMAND_CENTRE: frozenset({COMMAND_CENTRE_UNIT}),
    }


@lru_cache(maxsize=1)
def district_code() -> str:
    return str(json.loads((_DATA / "district.json").read_text(encoding="utf-8"))["district"]["code"])


class Principal(BaseModel):
    """Who is calling. `unit` is the grid, community, street or department code of staff."""

    model_config = ConfigDict(frozen=True)

    subject: str
    role: Role
    unit: str | None = None
    name: str | None = None

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES


def issue_local_token(
    subject: str, role: Role | str, unit: str | None = None, *, name: str | None = None, ttl_seconds: int = 12 * 3600,
    phone_number: str | None = None,
) -> str:
    role = Role(role)
    if role is Role.COMMAND_CENTRE and not unit:
        unit = COMMAND_CENTRE_UNIT
    if role in STAFF_ROLES and not unit:
        raise ValueError(f"a {role} token needs the unit code it works for")
    now = int(time.time())
    claims: dict[str, Any] = {
        "sub": subject,
        "custom:role": role.value,
        "iss": LOCAL_ISSUER,
        "aud": AUDIENCE,
        "iat": now,
        "exp": now + ttl_seconds,
    }
    if unit:
        claims["custom:unit"] = unit
    if name:
        claims["name"] = name
    if phone_number:  # as Cognito's ID token carries a number verified by a code
        claims.update(phone_number=phone_number, phone_number_verified=True)
    import jwt

    return jwt.encode(claims, get_settings().local_jwt_secret, algorithm="HS256")


@lru_cache(maxsize=1)
def _jwks_client() -> jwt.PyJWKClient:
    import jwt

    return jwt.PyJWKClient(f"{get_settings().cognito_issuer}/.well-known/jwks.json", cache_keys=True)


def _decode(token: str) -> dict[str, Any]:
    import jwt

    settings = get_settings()
    if settings.auth_mode == "cognito":
        signing_key = _jwks_client().get_signing_key_from_jwt(token).key
        return jwt.decode(
            token, signing_key, algorithms=["RS256"], issuer=settings.cognito_issuer, audience=settings.cognito_audience,
            options={"require": REQUIRED_CLAIMS},
        )
    return jwt.decode(token, settings.local_jwt_secret, algorithms=["HS256"], issuer=LOCAL_ISSUER, audience=AUDIENCE,
                      options={"require": REQUIRED_CLAIMS})


REQUIRED_CLAIMS = ["sub", "exp", "iat", "iss", "aud"]


def _from_groups(claims: dict[str, Any]) -> tuple[str | None, str | None]:
    """In Cognito, users may be able to edit their own custom attributes, so role and unit
    come only from group membership, which only administrators set: a group named after
    the role (e.g. "department") and one named "unit:<code>" (e.g. "unit:urban-management")."""
    if claims.get("token_use") not in (None, "id"):
        raise Unauthorized("send the Cognito ID token, not the access token")
    groups = [str(g) for g in claims.get("cognito:groups") or []]
    roles = [g for g in groups if g in {r.value for r in Role}]
    units = [g.removeprefix("unit:") for g in groups if g.startswith("unit:")]
    if len(roles) > 1 or len(units) > 1:
        raise Unauthorized("token carries more than one role or unit group")
    return (roles[0] if roles else None), (units[0] if units else None)


E164 = re.compile(r"\+[1-9][0-9]{6,14}")


def with_phone_subject(claims: dict[str, Any]) -> dict[str, Any]:
    """One number (docs/CONTRACTS.md): a resident signed in with a verified mobile number is the
    subject every channel knows that number by (shared.identity.resident_subject), so the
    orders they texted in are theirs on the portal too."""
    phone = claims.get("phone_number")
    resident = claims.get("custom:role") == Role.RESIDENT.value or Role.RESIDENT.value in (claims.get("cognito:groups") or [])
    if resident and claims.get("phone_number_verified") in (True, "true") and isinstance(phone, str) and E164.fullmatch(phone):
        return {**claims, "sub": resident_subject(phone)}
    return claims


def authenticate(headers: Mapping[str, str]) -> Principal:
    header = headers.get("authorization") or headers.get("Authorization") or ""
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("missing bearer token: send 'Authorization: Bearer <token>'")
    import jwt

    try:
        claims = _decode(token.strip())
    except jwt.ExpiredSignatureError as exc:
        raise Unauthorized("token expired") from exc
    except jwt.PyJWTError as exc:
        raise Unauthorized(f"invalid token: {exc}") from exc
    claims = with_phone_subject(claims)
    if get_settings().auth_mode == "cognito":
        role_claim, unit = _from_groups(claims)
    else:  # our own local signature vouches for the custom claims
        role_claim, unit = claims.get("custom:role"), claims.get("custom:unit")
    return principal_from_claims(claims, role_claim, unit)


def principal_from_claims(claims: Mapping[str, Any], role_claim: Any, unit: Any) -> Principal:
    """Every malformed token is a 401: wrong types, a subject that could not be a key, a
    unit that is not of the role's kind."""
    subject = claims.get("sub")
    if not isinstance(subject, str) or not SUBJECT_PATTERN.fullmatch(subject):
        raise Unauthorized("token subject (sub) must be 1 to 128 letters, digits or . _ @ : + -")
    if not isinstance(role_claim, str):
        raise Unauthorized(f"token has no known role (got {role_claim!r})")
    try:
        role = Role(role_claim)
    except ValueError as exc:
        raise Unauthorized(f"token has no known role (got {role_claim!r})") from exc
    if unit is not None and not isinstance(unit, str):
        raise Unauthorized("token unit (custom:unit) must be a string")
    if role is Role.COMMAND_CENTRE and (not unit or unit == district_code()):
        unit = COMMAND_CENTRE_UNIT  # the role implies its unit (the district's hub)
    if role in STAFF_ROLES:
        if not unit:
            raise Unauthorized(f"a {role} token must carry its unit code")
        if unit not in units_by_role()[role]:
            raise Unauthorized(f"unit {unit!r} is not a {role} unit of the district")
    elif unit:
        raise Unauthorized("a resident token carries no unit")
    name = claims.get("name")
    try:
        return Principal(subject=subject, role=role, unit=unit, name=name if isinstance(name, str) else None)
    except ValidationError as exc:
        raise Unauthorized("token claims are malformed") from exc
