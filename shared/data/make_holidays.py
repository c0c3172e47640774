#!/usr/bin/env python3
"""Generate shared/data/holidays.json: the fallback holiday table read by shared/workdays.py
for years the chinese-calendar package does not know.

2026: the State Council's published schedule (国务院办公厅关于2026年部分节假日安排的通知,
2025-11-04). 2027: an estimate (not yet published when this was written), following the
2025 rules (New Year 1 day, Spring Festival 4 days incl. New Year's Eve, Labour Day 2 days,
other festivals 1 day) and recent practice for moving weekends. Lunar dates for 2027:
Spring Festival 2027-02-06, Dragon Boat 2027-06-09, Mid-Autumn 2027-09-15, Qingming 2027-04-05.
Replace the 2027 block when the official notice is published. Stdlib only.
"""
from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parent / "holidays.json"


def span(first: str, last: str) -> list[str]:
    d, end = date.fromisoformat(first), date.fromisoformat(last)
    out = []
    while d <= end:
        out.append(d.isoformat())
        d += timedelta(days=1)
    return out


YEARS = {
    "2026": {
        "estimated": False,
        "source": "国务院办公厅关于2026年部分节假日安排的通知(2025年11月4日)",
        "periods": [
            ("元旦", "New Year's Day", "2026-01-01", "2026-01-03"),
            ("春节", "Spring Festival", "2026-02-15", "2026-02-23"),
            ("清明节", "Qingming Festival", "2026-04-04", "2026-04-06"),
            ("劳动节", "Labour Day", "2026-05-01", "2026-05-05"),
            ("端午节", "Dragon Boat Festival", "2026-06-19", "2026-06-21"),
            ("中秋节", "Mid-Autumn Festival", "2026-09-25", "2026-09-27"),
            ("国庆节", "National Day", "2026-10-01", "2026-10-07"),
        ],
        "workdays": ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
    },
    "2027": {
        "estimated": True,
        "source": "估算:国务院尚未公布2027年安排,按2025年起施行的假日天数和近年调休惯例推定,公布后应替换",
        "periods": [
            ("元旦", "New Year's Day", "2027-01-01", "2027-01-03"),
            ("春节", "Spring Festival", "2027-02-05", "2027-02-13"),
            ("清明节", "Qingming Festival", "2027-04-03", "2027-04-05"),
            ("劳动节", "Labour Day", "2027-05-01", "2027-05-05"),
            ("端午节", "Dragon Boat Festival", "2027-06-09", "2027-06-09"),
            ("中秋节", "Mid-Autumn Festival", "2027-09-15", "2027-09-15"),
            ("国庆节", "National Day", "2027-10-01", "2027-10-07"),
        ],
        "workdays": ["2027-01-31", "2027-02-20", "2027-05-08", "2027-09-26", "2027-10-09"],
    },
}


def build() -> dict:
    years = {}
    for y, spec in YEARS.items():
        holidays = [d for p in spec["periods"] for d in span(p[2], p[3])]
        years[y] = {
            "estimated": spec["estimated"],
            "source": spec["source"],
            "holidays": holidays,
            "workdays": spec["workdays"],
            "periods": [{"name_zh": zh, "name_en": en, "first": a, "last": b} for zh, en, a, b in spec["periods"]],
        }
        assert not set(holidays) & set(spec["workdays"]), y
        for w in spec["workdays"]:
            assert date.fromisoformat(w).weekday() >= 5, f"moved workday {w} is not a weekend day"
    return {
        "source_note": ("Fallback table for years chinese-calendar does not know. 'holidays' lists every day off in a "
                        "holiday period (weekend days included); 'workdays' lists the weekend days that are working "
                        "days (调休). 2026 is official; 2027 is estimated and must be replaced when published."),
        "years": years,
    }


def main() -> None:
    text = json.dumps(build(), ensure_ascii=False, indent=1)
    # one line per list of dates
    text = re.sub(r"\[([^\[\]{}]*)\]", lambda m: "[" + re.sub(r"\s*\n\s*", " ", m.group(1)).strip() + "]", text)
    OUT.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {OUT.name}")


if __name__ == "__main__":
    main()
