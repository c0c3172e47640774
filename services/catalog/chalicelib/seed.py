"""Loads the demo catalogue from shared/data (via shared.catalogue) into the service's
table. Idempotent: records are overwritten by key, records no longer in the data are
deleted, and the version item is written last (only when the content changed), so a
reader never sees a new version before its data."""

from __future__ import annotations

import json
from typing import Any

from boto3.dynamodb.conditions import Key

from chalicelib.adapters.records import (
    AREA_KINDS,
    PARTITIONS,
    VERSION_KEY,
    area_key,
    catalogue_from_rows,
    content_hash,
    pinyin_records,
    record,
    rows_of,
)
from shared import aws, catalogue


def default_source() -> dict[str, Any]:
    return {
        "items": catalogue.items(),
        "life_events": catalogue.load_json("life-events.json")["life_events"],
        "certificates": catalogue.load_json("certificates.json"),
        "categories": catalogue.categories(),
        "departments": catalogue.departments(),
        "district": catalogue.district(),
    }


def build_records(source: dict[str, Any]) -> list[dict[str, str]]:
    district = source["district"]
    centres = district["centres"]
    records: list[dict[str, str]] = []
    offered: dict[str, list[str]] = {c["id"]: [] for c in centres}
    for item in source["items"]:
        item_centres = catalogue.centres_for(item, centres)
        for centre_id in item_centres:
            offered.setdefault(centre_id, []).append(item["code"])
        records.append(record("ITEM", item["code"], {**item, "centres": item_centres}))
    for centre in centres:
        records.append(
            record(
                "CENTRE",
                centre["id"],
                {**centre, "items": sorted(offered.get(centre["id"], []))},
            )
        )
    for event in source["life_events"]:
        records.append(record("LIFE_EVENT", event["code"], event))
    for may_issue, entries in (
        (True, source["certificates"].get("may_issue", [])),
        (False, source["certificates"].get("must_not_issue", [])),
    ):
        for entry in entries:
            records.append(record("CERTIFICATE", entry["code"], {**entry, "may_issue": may_issue}))
    for category in source["categories"]:
        doc = {
            "code": category["code"],
            "name_zh": category["name_zh"],
            "name_en": category["name_en"],
            "group": category.get("group"),
            "handler": category.get("default_handler") or category.get("handler"),
            "priority": category.get("priority"),
            "scope_zh": category.get("scope_zh"),
            "scope_en": category.get("scope_en"),
        }
        records.append(record("CATEGORY", category["code"], doc))
    for department in source["departments"]:
        records.append(record("DEPARTMENT", department["code"], dict(department)))
    whole = district["district"]
    records.append(
        record(
            "AREA",
            area_key("DISTRICT", whole["code"]),
            {k: v for k, v in whole.items() if k != "polygon"} | {"polygon": whole.get("polygon")},
        )
    )
    for prefix, name in AREA_KINDS.items():
        if prefix == "DISTRICT":
            continue
        for area in district[name]:
            records.append(record("AREA", area_key(prefix, area["code"]), area))
    return records


def _existing_keys(table: Any, pk: str) -> set[str]:
    keys: set[str] = set()
    kwargs: dict[str, Any] = {
        "KeyConditionExpression": Key("pk").eq(pk),
        "ProjectionExpression": "sk",
    }
    while True:
        page = table.query(**kwargs)
        keys.update(i["sk"] for i in page["Items"])
        if "LastEvaluatedKey" not in page:
            return keys
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def with_pinyin(records: list[dict[str, str]]) -> list[dict[str, str]]:
    """Adds the pinyin of every name and keyword the search index will ask for, computed
    here with pypinyin's phrase dictionary, so that containers need not load it."""
    snapshot = catalogue_from_rows("seeding", rows_of(records))
    return records + pinyin_records(snapshot.pinyin_used)


def load(source: dict[str, Any] | None = None) -> str:
    records = with_pinyin(build_records(source if source is not None else default_source()))
    version = content_hash(records)
    table = aws.table()
    current = table.get_item(Key=VERSION_KEY, ConsistentRead=True).get("Item")
    if current and current.get("value") == version:
        return f"catalog: unchanged (version {version}, {len(records)} records)"

    wanted = {(r["pk"], r["sk"]) for r in records}
    stale = [(pk, sk) for pk in PARTITIONS for sk in _existing_keys(table, pk) if (pk, sk) not in wanted]
    with table.batch_writer(overwrite_by_pkeys=["pk", "sk"]) as batch:
        for rec in records:
            batch.put_item(Item=rec)
        for pk, sk in stale:
            batch.delete_item(Key={"pk": pk, "sk": sk})
    counts: dict[str, int] = {}
    for rec in records:
        counts[rec["pk"]] = counts.get(rec["pk"], 0) + 1
    table.put_item(Item={**VERSION_KEY, "value": version, "counts": json.dumps(counts)})
    parts = ", ".join(f"{n} {pk.lower()}" for pk, n in sorted(counts.items()))
    return f"catalog: version {version}: {parts}; {len(stale)} stale removed"
