"""The local stack's token issuer for the portal's sign-in page: `GET /_local/token` lists
the demo people, `POST /_local/token {"person": id}` returns a token for one of them.
Only on the local stack (the gateway serves it); in AWS people sign in through Cognito."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from shared.auth import issue_local_token

# The people a demo can be: a resident and one of each kind of staff (units from shared/data).
DEMO_PEOPLE: list[dict[str, Any]] = [
    {"id": "resident", "subject": "r-1001", "role": "resident", "unit": None,
     "label_zh": "居民 王阿姨", "label_en": "Resident Mrs Wang"},
    {"id": "grid-worker", "subject": "gw-JN-S01-C01-G01", "role": "grid-worker", "unit": "JN-S01-C01-G01",
     "label_zh": "网格员 闫永刚(北园社区第一网格)", "label_en": "Grid worker Yan (Beiyuan, grid 1)"},
    {"id": "department", "subject": "um-01", "role": "department", "unit": "urban-management",
     "label_zh": "城管局 办事员", "label_en": "Urban management clerk"},
    {"id": "street", "subject": "st-JN-S01", "role": "street", "unit": "JN-S01",
     "label_zh": "新体路街道 工作人员", "label_en": "Xintilu Street staff"},
    {"id": "community", "subject": "cm-JN-S01-C01", "role": "community", "unit": "JN-S01-C01",
     "label_zh": "北园社区 工作人员", "label_en": "Beiyuan Community staff"},
    {"id": "command-centre", "subject": "cc-01", "role": "command-centre", "unit": "command-center",
     "label_zh": "区指挥中心 值班员", "label_en": "Command centre duty officer"},
]
TTL_SECONDS = 8 * 3600


class TokenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    person: str


def people() -> dict[str, Any]:
    return {"people": [{k: v for k, v in p.items() if k != "subject"} | {"subject": p["subject"]} for p in DEMO_PEOPLE]}


def issue(body: bytes) -> tuple[int, dict[str, Any]]:
    try:
        request = TokenRequest.model_validate_json(body or b"{}")
    except ValidationError:
        return 400, {"error": {"code": "invalid_body", "message": "请求体应为 {\"person\": 演示身份编号}"}}
    person = next((p for p in DEMO_PEOPLE if p["id"] == request.person), None)
    if person is None:
        known = ", ".join(p["id"] for p in DEMO_PEOPLE)
        return 404, {"error": {"code": "not_found", "message": f"没有演示身份 {request.person!r}(可选: {known})"}}
    token = issue_local_token(person["subject"], person["role"], person["unit"], name=person["label_zh"],
                              ttl_seconds=TTL_SECONDS)
    return 200, {"token": token, "expires_in": TTL_SECONDS, "person": {k: v for k, v in person.items()}}
