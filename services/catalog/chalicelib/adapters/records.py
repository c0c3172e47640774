"""How the catalogue lives in the service's table: one partition per kind, so the whole
catalogue is read with a few paginated Queries (never a Scan), and one version item whose
value is a hash of everything else.

    pk            sk                   doc
    ITEM          <item code>          the item as JSON (with its centres)
    LIFE_EVENT    <event code>         ...
    CERTIFICATE   <certificate code>   entry with may_issue true/false
    CATEGORY      <category code>
    CENTRE        <centre id>          centre with the items it offers
    AREA          DISTRICT#JN, STREET#<code>, COMMUNITY#<code>, GRID#<code>
    DEPARTMENT    <department code>
    CATALOG       VERSION              value = content hash

Documents are stored as JSON strings: the catalogue is only ever read whole, and a string
is cheaper to load than a nested DynamoDB map (no Decimal conversion)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from shared.keys import key

VERSION_KEY = {"pk": "CATALOG", "sk": "VERSION"}
PARTITIONS = (
    "ITEM",
    "LIFE_EVENT",
    "CERTIFICATE",
    "CATEGORY",
    "CENTRE",
    "AREA",
    "DEPARTMENT",
)
AREA_KINDS = {
    "DISTRICT": "district",
    "STREET": "streets",
    "COMMUNITY": "communities",
    "GRID": "grids",
}


def record(pk: str, sk: str, doc: dict[str, Any]) -> dict[str, str]:
    return {
        "pk": pk,
        "sk": sk,
        "doc": json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
    }


def area_key(kind: str, code: str) -> str:
    return key(kind, code)


def content_hash(records: list[dict[str, str]]) -> str:
    digest = hashlib.sha256()
    for rec in sorted(records, key=lambda r: (r["pk"], r["sk"])):
        digest.update(f"{rec['pk']}\x1f{rec['sk']}\x1f{rec['doc']}\x1e".encode())
    return digest.hexdigest()[:32]
