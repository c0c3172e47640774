"""GeoReport v2 rules: services from the request taxonomy, how our statuses map to
open/closed, and the JSON/XML renderings the specification asks for."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import Any

from shared import catalogue

CHINA = timezone(timedelta(hours=8))
MAX_DESCRIPTION = 4000
MAX_RANGE_DAYS = 90
DEFAULT_LIMIT = 1000

# Every work-order status is "open" until the order is closed. Documented in README.md.
CLOSED_STATUSES = frozenset({"closed"})

STATUS_NOTES = {
    "submitted": "已受理,待派单",
    "created": "已受理,待派单",
    "dispatched": "已派单,待承办单位签收",
    "signed": "承办单位已签收",
    "in_progress": "正在处理",
    "extension_requested": "承办单位申请延期",
    "returned": "承办单位退回,指挥中心重新派单",
    "replied": "已答复,等待评价",
    "reopened": "群众不满意,已重新办理",
    "escalated": "处理超时,已督办",
    "closed": "已办结",
}


def open_or_closed(status: str | None) -> str:
    return "closed" if status in CLOSED_STATUSES else "open"


@cache
def _attributes() -> dict[str, list[dict[str, Any]]]:
    data = json.loads((Path(__file__).with_name("attributes.json")).read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if k != "description"}


@cache
def _units() -> dict[str, str]:
    return {d["code"]: d["name_zh"] for d in catalogue.departments()}


def agency_name(handler: dict[str, Any] | None) -> str | None:
    """The handling unit's Chinese name (its code when it is not a department)."""
    if not handler or not handler.get("code"):
        return None
    return _units().get(str(handler["code"]), str(handler["code"]))


@cache
def services() -> list[dict[str, Any]]:
    out = []
    for row in catalogue.categories():
        out.append({
            "service_code": row["code"],
            "service_name": row["name_zh"],
            "description": row["scope_zh"],
            "metadata": row["code"] in _attributes(),
            # Intake is asynchronous (a token first, the case number once the order exists).
            "type": "batch",
            "keywords": ",".join(k for k in (row["name_en"], row["code"]) if k),
            "group": row["group"],
        })
    return out


def service(code: str) -> dict[str, Any] | None:
    return next((s for s in services() if s["service_code"] == code), None)


def definition(code: str) -> dict[str, Any] | None:
    if service(code) is None:
        return None
    return {"service_code": code, "attributes": _attributes().get(code, [])}


def parse_datetime(value: str, field: str) -> datetime:
    """W3C datetimes; without an offset they are China time."""
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace(" ", "+"))
    except ValueError as exc:
        raise ValueError(f"{field}: not a W3C datetime such as 2026-11-01T00:00:00+08:00") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=CHINA)


def iso(moment: datetime) -> str:
    return moment.astimezone(CHINA).isoformat(timespec="seconds")


# --- XML -------------------------------------------------------------------------------
def _append(parent: ET.Element, name: str, value: Any) -> None:
    child = ET.SubElement(parent, name)
    if isinstance(value, list):
        singular = {"attributes": "attribute", "values": "value", "endpoints": "endpoint", "formats": "format"}.get(name, "item")
        for item in value:
            if isinstance(item, dict):
                node = ET.SubElement(child, singular)
                for key, inner in item.items():
                    _append(node, key, inner)
            else:
                ET.SubElement(child, singular).text = str(item)
    elif isinstance(value, dict):
        for key, inner in value.items():
            _append(child, key, inner)
    elif isinstance(value, bool):
        child.text = "true" if value else "false"
    elif value is not None:
        child.text = str(value)


def to_xml(root: str, item: str | None, body: Any) -> bytes:
    """A list becomes <root><item>..</item>...</root>; a dict becomes <root>...</root>."""
    top = ET.Element(root)
    if isinstance(body, list):
        for entry in body:
            node = ET.SubElement(top, item or "item")
            for key, value in entry.items():
                _append(node, key, value)
    else:
        for key, value in body.items():
            _append(top, key, value)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(top, encoding="utf-8")
