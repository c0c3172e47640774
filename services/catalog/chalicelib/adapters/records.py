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
    PINYIN        CHUNK#0000, ...      {text: [full pinyin, initials]} of names and keywords
    CATALOG       VERSION              value = content hash

Documents are stored as JSON strings: the catalogue is only ever read whole, and a string
is cheaper to load than a nested DynamoDB map (no Decimal conversion)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from chalicelib.domain.catalogue import Catalogue
from shared.keys import key

Rows = dict[str, list[tuple[str, dict[str, Any]]]]  # pk -> [(sk, document)]

VERSION_KEY = {"pk": "CATALOG", "sk": "VERSION"}
PARTITIONS = (
    "ITEM",
    "LIFE_EVENT",
    "CERTIFICATE",
    "CATEGORY",
    "CENTRE",
    "AREA",
    "DEPARTMENT",
    "PINYIN",
)
PINYIN_CHUNK = 1500  # entries per record: well under DynamoDB's 400 KB item limit
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


def pinyin_records(table: dict[str, list[str]]) -> list[dict[str, str]]:
    entries = sorted(table.items())
    return [
        record("PINYIN", key("CHUNK", f"{n:04d}"), dict(entries[start : start + PINYIN_CHUNK]))
        for n, start in enumerate(range(0, len(entries), PINYIN_CHUNK))
    ]


def rows_of(records: list[dict[str, str]]) -> Rows:
    rows: Rows = {pk: [] for pk in PARTITIONS}
    for rec in records:
        rows.setdefault(rec["pk"], []).append((rec["sk"], json.loads(rec["doc"])))
    return rows


def catalogue_from_rows(version: str, rows: Rows) -> Catalogue:
    """The snapshot from the documents of each partition (as loaded, or as about to be seeded)."""
    areas: dict[str, Any] = {"streets": [], "communities": [], "grids": []}
    for sk, doc in rows.get("AREA", []):
        kind = AREA_KINDS.get(sk.split("#", 1)[0])
        if kind == "district":
            areas["district"] = doc
        elif kind:
            areas[kind].append(doc)
    pinyin: dict[str, list[str]] = {}
    for _, chunk in rows.get("PINYIN", []):
        pinyin.update(chunk)

    def docs(pk: str) -> list[dict[str, Any]]:
        return [doc for _, doc in rows.get(pk, [])]

    return Catalogue(
        version=version,
        items=docs("ITEM"),
        life_events=docs("LIFE_EVENT"),
        certificates=docs("CERTIFICATE"),
        categories=docs("CATEGORY"),
        centres=docs("CENTRE"),
        areas=areas,
        departments=docs("DEPARTMENT"),
        pinyin=pinyin,
    )
