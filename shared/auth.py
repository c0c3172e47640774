"""Bearer-token authentication and roles.

In AWS the tokens come from a Cognito user pool (RS256, checked against its JWKS); on the
local stack they are signed with a local key (`make token`). Claims used: `sub`,
`custom:role`, `custom:unit` (staff only: the unit code they work for), `name`.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from shared.errors import Unauthorized
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
    subject: str, role: Role | str, unit: str | None = None, *, name: str | None = None, ttl_seconds: int = 12 * 3600
) -> str:
    role = Role(role)
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
            token, signing_key, algorithms=["RS256"], issuer=settings.cognito_issuer, audience=settings.cognito_audience
        )
    return jwt.decode(token, settings.local_jwt_secret, algorithms=["HS256"], issuer=LOCAL_ISSUER, audience=AUDIENCE)


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
    if get_settings().auth_mode == "cognito":
        role_claim, unit = _from_groups(claims)
    else:  # our own local signature vouches for the custom claims
        role_claim, unit = claims.get("custom:role"), claims.get("custom:unit")
    try:
        role = Role(str(role_claim))
    except ValueError as exc:
        raise Unauthorized(f"token has no known role (got {role_claim!r})") from exc
    if role in STAFF_ROLES and not unit:
        raise Unauthorized(f"a {role} token must carry its unit code")
    return Principal(subject=str(claims["sub"]), role=role, unit=unit, name=claims.get("name"))
