#!/usr/bin/env python3
"""Validate the demo data in shared/data.

    .venv/bin/python shared/data/validate_data.py      # exit 0 when everything is fine

Checks district.json (codes, references, polygon nesting and tiling, points inside their
polygons, centres), the catalogue in catalog/<department>.json (each item against
shared.catalogue.CatalogueItem, the model the services load it with; then what spans files:
unique codes, departments from departments.csv, every type and level present, required
topics), life-events.json (both-way agreement with the items), certificates.json (8 + 20)
and holidays.json. Prints one line per problem and exits 1 if there is any.
"""
from __future__ import annotations

import csv
import json
import re
import sys
from datetime import date
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
ERRORS: list[str] = []
if str(HERE.parent.parent) not in sys.path:  # run as a script: the repository root holds `shared`
    sys.path.insert(0, str(HERE.parent.parent))

TYPES = {"licence", "benefit", "confirmation", "levy", "reward", "adjudication", "other-power", "public-service"}
LEVELS = {"community", "street", "department"}
CENTRE_LEVELS = {"district", "street", "community"}
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
LON_RANGE = (113.0, 113.25)
LAT_RANGE = (40.9, 41.1)

# Topics the catalogue must cover: label -> (minimum count, regex on name_zh)
REQUIRED_TOPICS = {
    "minimum living allowance (application, review, cancellation)": (3, r"最低生活保障"),
    "dibao application": (1, r"最低生活保障申请"),
    "dibao annual review": (1, r"最低生活保障.*复核"),
    "dibao cancellation": (1, r"最低生活保障.*(停发|退出|注销)"),
    "temporary assistance": (1, r"临时救助"),
    "old-age allowance": (1, r"高龄津贴"),
    "home-care services": (1, r"居家养老"),
    "disability certificate new": (1, r"残疾人证.*(新办|首次)"),
    "disability certificate renewal": (1, r"残疾人证.*换"),
    "disability subsidies": (1, r"困难残疾人生活补贴|两项补贴"),
    "marriage registration": (1, r"结婚登记"),
    "birth registration (hukou)": (1, r"出生登记"),
    "childbirth registration": (1, r"生育登记"),
    "hukou move in": (1, r"户口迁入"),
    "hukou move out": (1, r"户口迁出"),
    "ID card first": (1, r"身份证.*首次"),
    "ID card renewal": (1, r"身份证.*换领"),
    "ID card lost": (1, r"身份证.*(挂失|补领)"),
    "residence permit": (1, r"居住证"),
    "residents' medical insurance enrolment": (1, r"城乡居民基本医疗保险参保"),
    "medical reimbursement": (1, r"医疗费用.*报销"),
    "out-of-town treatment filing": (1, r"异地就医备案"),
    "pension enrolment": (1, r"养老保险参保"),
    "pension claim": (1, r"养老(金|保险待遇)申领"),
    "unemployment benefit": (1, r"失业保险金"),
    "work-injury recognition": (1, r"工伤认定"),
    "employment registration": (1, r"^就业登记"),
    "unemployment registration": (1, r"失业登记"),
    "start-up loan": (1, r"创业担保贷款"),
    "primary school enrolment": (1, r"小学"),
    "junior middle school enrolment": (1, r"初中"),
    "veterans' benefits": (1, r"优抚|抚恤"),
    "veterans' services": (1, r"退役"),
    "legal aid": (1, r"法律援助"),
    "provident fund withdrawal": (1, r"公积金提取"),
    "provident fund loan": (1, r"公积金.*贷款"),
    "maintenance fund use": (1, r"维修资金使用"),
    "sole trader registration": (1, r"个体工商户.*登记"),
    "company registration": (1, r"企业设立登记"),
    "food business licence": (1, r"食品经营许可"),
    "community certificates": (3, r"证明"),
    "parking permit": (1, r"停车"),
    "dog registration": (1, r"养犬登记"),
    "heating subsidy": (1, r"取暖补贴"),
    "water account transfer": (1, r"用水.*过户"),
    "gas account transfer": (1, r"燃气.*过户"),
}


def err(msg: str) -> None:
    ERRORS.append(msg)


def load(name: str):
    path = HERE / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        err(f"{name}: missing")
    except json.JSONDecodeError as e:
        err(f"{name}: invalid JSON: {e}")
    return None


def nonempty_str(obj: dict, key: str, where: str) -> bool:
    v = obj.get(key)
    if not isinstance(v, str) or not v.strip():
        err(f"{where}: '{key}' must be a non-empty string")
        return False
    return True


def is_date(s) -> bool:
    try:
        date.fromisoformat(s)
        return True
    except (TypeError, ValueError):
        return False


# ------------------------------------------------------------------ geometry
def point_in_polygon(pt, ring) -> bool:
    x, y = pt
    inside = False
    for i in range(len(ring) - 1):
        (x1, y1), (x2, y2) = ring[i], ring[i + 1]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _cross(o, a, b) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def on_boundary(pt, ring, eps=1e-9) -> bool:
    for i in range(len(ring) - 1):
        a, b = ring[i], ring[i + 1]
        if abs(_cross(a, b, pt)) <= eps and min(a[0], b[0]) - eps <= pt[0] <= max(a[0], b[0]) + eps \
                and min(a[1], b[1]) - eps <= pt[1] <= max(a[1], b[1]) + eps:
            return True
    return False


def strictly_inside(pt, ring) -> bool:
    return point_in_polygon(pt, ring) and not on_boundary(pt, ring)


def inside_or_on(pt, ring) -> bool:
    return point_in_polygon(pt, ring) or on_boundary(pt, ring)


def area(ring) -> float:
    return sum(ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] for i in range(len(ring) - 1)) / 2.0


def proper_crossing(p1, p2, q1, q2, eps=1e-12) -> bool:
    d1, d2 = _cross(q1, q2, p1), _cross(q1, q2, p2)
    d3, d4 = _cross(p1, p2, q1), _cross(p1, p2, q2)
    return ((d1 > eps and d2 < -eps) or (d1 < -eps and d2 > eps)) and ((d3 > eps and d4 < -eps) or (d3 < -eps and d4 > eps))


def rings_overlap(r1, r2) -> bool:
    """True if the interiors of two simple polygons overlap (shared edges allowed)."""
    for i in range(len(r1) - 1):
        for j in range(len(r2) - 1):
            if proper_crossing(r1[i], r1[i + 1], r2[j], r2[j + 1]):
                return True
    if any(strictly_inside(p, r2) for p in r1[:-1]) or any(strictly_inside(p, r1) for p in r2[:-1]):
        return True
    return False


def interior_point(ring):
    """Centroid of the vertices (inside for the convex cells used here); checked by caller."""
    pts = ring[:-1]
    return [sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)]


def check_ring(ring, where: str) -> bool:
    if not isinstance(ring, list) or len(ring) < 4:
        err(f"{where}: polygon must be a closed ring of at least 4 positions")
        return False
    for p in ring:
        if not (isinstance(p, list) and len(p) == 2 and all(isinstance(v, (int, float)) for v in p)):
            err(f"{where}: bad position {p!r}")
            return False
        if not (LON_RANGE[0] <= p[0] <= LON_RANGE[1] and LAT_RANGE[0] <= p[1] <= LAT_RANGE[1]):
            err(f"{where}: position {p} is not [lon, lat] near Jining")
            return False
    if ring[0] != ring[-1]:
        err(f"{where}: ring is not closed")
        return False
    if abs(area(ring)) < 1e-9:
        err(f"{where}: polygon has no area")
        return False
    return True


def check_nesting(parent_ring, children, where: str) -> None:
    """Children lie inside the parent, do not overlap each other and tile it (areas add up)."""
    for ch in children:
        cw = ch["code"]
        for p in ch["polygon"]:
            if not inside_or_on(p, parent_ring):
                err(f"{cw}: vertex {p} is outside its parent {where}")
                break
        ip = interior_point(ch["polygon"])
        if not strictly_inside(ip, ch["polygon"]) or not point_in_polygon(ip, parent_ring):
            err(f"{cw}: interior is not inside its parent {where}")
    for a, b in combinations(children, 2):
        if rings_overlap(a["polygon"], b["polygon"]):
            err(f"{a['code']} and {b['code']} overlap")
    total = sum(abs(area(ch["polygon"])) for ch in children)
    pa = abs(area(parent_ring))
    if abs(total - pa) > 1e-9 + 1e-7 * pa:
        err(f"{where}: children do not tile it (areas {total:.10f} vs {pa:.10f})")


# ------------------------------------------------------------------ district
def check_district(d) -> dict:
    units: dict[str, dict] = {}
    if not isinstance(d, dict):
        return units
    dist = d.get("district", {})
    for k in ("code", "name_zh", "name_en"):
        nonempty_str(dist, k, "district")
    if not check_ring(dist.get("polygon"), "district"):
        return units
    units[dist["code"]] = dist
    streets, comms, grids = d.get("streets", []), d.get("communities", []), d.get("grids", [])
    if len(streets) < 3:
        err(f"district: {len(streets)} streets, need at least 3")
    if len(comms) < 9:
        err(f"district: {len(comms)} communities, need at least 9")
    if len(grids) < 30:
        err(f"district: {len(grids)} grids, need at least 30")
    ok_geom = True
    for level, lst, pattern in (("street", streets, r"JN-S\d{2}"), ("community", comms, r"JN-S\d{2}-C\d{2}"),
                                ("grid", grids, r"JN-S\d{2}-C\d{2}-G\d{2}")):
        for u in lst:
            code = u.get("code", "?")
            if not re.fullmatch(pattern, str(code)):
                err(f"{level} {code}: code does not match {pattern}")
            if code in units:
                err(f"{level} {code}: duplicate code")
            units[code] = u
            for k in ("name_zh", "name_en"):
                nonempty_str(u, k, code)
            ok_geom &= check_ring(u.get("polygon"), code)
    for s in streets:
        if not s["name_zh"].endswith("街道"):
            err(f"{s['code']}: name_zh should end with 街道")
    for c in comms:
        if c.get("street") not in units or not c["code"].startswith(str(c.get("street")) + "-"):
            err(f"{c['code']}: bad street reference {c.get('street')}")
        if not c["name_zh"].endswith("社区"):
            err(f"{c['code']}: name_zh should end with 社区")
    for s in streets:
        n = sum(1 for c in comms if c.get("street") == s["code"])
        if n < 3:
            err(f"{s['code']}: {n} communities, need at least 3")
    building_codes = set()
    phone_re = re.compile(r"0474-\d{7}")
    for g in grids:
        code = g["code"]
        if g.get("community") not in units or not code.startswith(str(g.get("community")) + "-"):
            err(f"{code}: bad community reference")
        elif units[g["community"]].get("street") != g.get("street"):
            err(f"{code}: street does not match its community")
        if not isinstance(g.get("households"), int) or g["households"] <= 0:
            err(f"{code}: households must be a positive integer")
        w = g.get("worker") or {}
        if w.get("id") != f"gw-{code}":
            err(f"{code}: worker id should be gw-{code}")
        nonempty_str(w, "name", f"{code} worker")
        if not phone_re.fullmatch(str(w.get("public_phone", ""))):
            err(f"{code}: worker public_phone should look like 0474-xxxxxxx")
        if ok_geom:
            if not (isinstance(g.get("point"), list) and strictly_inside(g["point"], g["polygon"])):
                err(f"{code}: point is not strictly inside the grid")
        bl = g.get("buildings", [])
        if not 2 <= len(bl) <= 5:
            err(f"{code}: {len(bl)} buildings, need 2-5")
        for b in bl:
            bc = b.get("code", "?")
            if not str(bc).startswith(code + "-B") or bc in building_codes:
                err(f"building {bc}: bad or duplicate code")
            building_codes.add(bc)
            for k in ("name_zh", "address_zh"):
                nonempty_str(b, k, bc)
            if ok_geom and not (isinstance(b.get("point"), list) and strictly_inside(b["point"], g["polygon"])):
                err(f"building {bc}: point is not inside grid {code}")
    if ok_geom:
        check_nesting(dist["polygon"], streets, dist["code"])
        for s in streets:
            check_nesting(s["polygon"], [c for c in comms if c.get("street") == s["code"]], s["code"])
        for c in comms:
            kids = [g for g in grids if g.get("community") == c["code"]]
            if not kids:
                err(f"{c['code']}: no grids")
            check_nesting(c["polygon"], kids, c["code"])
    check_centres(d.get("centres", []), units, dist["code"], streets, comms, ok_geom)
    return units


def check_hours(spec, where: str, full_week: bool) -> None:
    if not isinstance(spec, dict):
        err(f"{where}: must be an object of weekday -> intervals")
        return
    if full_week and set(spec) != set(DAYS):
        err(f"{where}: must have exactly the keys {DAYS}")
    for day, intervals in spec.items():
        if day not in DAYS:
            err(f"{where}: unknown day {day}")
            continue
        last = "00:00"
        for iv in intervals:
            if not (isinstance(iv, list) and len(iv) == 2 and all(re.fullmatch(r"[0-2]\d:[0-5]\d", str(t)) for t in iv)):
                err(f"{where}.{day}: bad interval {iv}")
                continue
            if not (last <= iv[0] < iv[1]):
                err(f"{where}.{day}: intervals must be ordered and non-overlapping ({iv})")
            last = iv[1]


def check_centres(centres, units, dcode, streets, comms, ok_geom) -> None:
    ids = set()
    by_level = {lvl: [] for lvl in CENTRE_LEVELS}
    for c in centres:
        cid = c.get("id", "?")
        if cid in ids:
            err(f"centre {cid}: duplicate id")
        ids.add(cid)
        for k in ("name_zh", "name_en", "address_zh", "address_en", "phone"):
            nonempty_str(c, k, f"centre {cid}")
        lvl = c.get("level")
        if lvl not in CENTRE_LEVELS:
            err(f"centre {cid}: bad level {lvl}")
            continue
        by_level[lvl].append(c)
        unit = units.get(c.get("unit"))
        if unit is None:
            err(f"centre {cid}: unknown unit {c.get('unit')}")
        else:
            expected = {"district": r"JN", "street": r"JN-S\d{2}", "community": r"JN-S\d{2}-C\d{2}"}[lvl]
            if not re.fullmatch(expected, c["unit"]):
                err(f"centre {cid}: a {lvl} centre must belong to a {lvl} unit")
            if ok_geom and not (isinstance(c.get("location"), list) and strictly_inside(c["location"], unit["polygon"])):
                err(f"centre {cid}: location is not inside {c['unit']}")
        if not isinstance(c.get("counters"), int) or not 2 <= c["counters"] <= 8:
            err(f"centre {cid}: counters must be an integer 2-8")
        if c.get("capacity_per_counter") != 1:
            err(f"centre {cid}: capacity_per_counter must be 1")
        check_hours(c.get("hours"), f"centre {cid} hours", True)
        check_hours(c.get("extended_hours", {}), f"centre {cid} extended_hours", False)
        for k in ("closures", "extra_days"):
            for day in c.get(k, []):
                if not is_date(day if isinstance(day, str) else (day or {}).get("date")):
                    err(f"centre {cid}: bad date in {k}: {day}")
    if len(by_level["district"]) != 1 or by_level["district"][0].get("unit") != dcode:
        err("centres: need exactly one district-level service hall for the district")
    for s in streets:
        if sum(1 for c in by_level["street"] if c.get("unit") == s["code"]) != 1:
            err(f"centres: {s['code']} needs exactly one street service centre")
    for cm in comms:
        if sum(1 for c in by_level["community"] if c.get("unit") == cm["code"]) != 1:
            err(f"centres: {cm['code']} needs exactly one community service centre")
    if len(by_level["street"]) + len(by_level["community"]) < 6:
        err("centres: need at least 6 street and community centres")


# ------------------------------------------------------------------ catalogue
def load_catalog() -> dict | None:
    """The catalogue's data files, each item validated by the services' own model."""
    from pydantic import ValidationError

    from shared.catalogue import catalogue_version, load_catalogue

    try:
        items = [item.model_dump(mode="json", exclude_unset=True) for item in load_catalogue()]
        return {"version": catalogue_version(), "items": items}
    except (ValidationError, ValueError, OSError) as exc:
        err(f"catalog: {exc}")
        return None


def check_catalog(cat, departments: set[str], events_by_code: dict) -> dict:
    """What no single item can say about itself: the model checked each item's shape."""
    items: dict[str, dict] = {}
    if not isinstance(cat, dict):
        return items
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}-\d+", str(cat.get("version", ""))) or not is_date(str(cat["version"])[:10]):
        err("catalog: version (catalog/index.json) must look like yyyy-mm-dd-n")
    lst = cat.get("items", [])
    if len(lst) < 125:
        err(f"catalog: {len(lst)} items, need at least 125")
    for it in lst:
        code = it["code"]
        where = f"item {code}"
        items[code] = it
        if it["department"] not in departments:
            err(f"{where}: department {it['department']} is not in departments.csv")
        for ev in it.get("life_events", []):
            if ev not in events_by_code:
                err(f"{where}: unknown life event {ev}")
            elif code not in events_by_code[ev].get("items", []):
                err(f"{where}: lists life event {ev} but the event does not list the item")
    types = {it.get("type") for it in lst}
    levels = {it.get("level") for it in lst}
    for t in sorted(TYPES - types):
        err(f"catalog: no item of type {t}")
    for lvl in sorted(LEVELS - levels):
        err(f"catalog: no item at level {lvl}")
    for label, (n, rx) in REQUIRED_TOPICS.items():
        found = [it for it in lst if re.search(rx, it.get("name_zh", ""))]
        if len(found) < n:
            err(f"catalog: required topic '{label}' has {len(found)} items (need {n}, /{rx}/ on name_zh)")
    return items


def check_events(ev, items: dict) -> dict:
    out: dict[str, dict] = {}
    if not isinstance(ev, dict):
        return out
    lst = ev.get("life_events", [])
    if len(lst) < 5:
        err(f"life-events: {len(lst)} events, need at least 5")
    for e in lst:
        code = e.get("code", "?")
        if code in out:
            err(f"life event {code}: duplicate code")
        out[code] = e
        for k in ("name_zh", "name_en", "summary_zh", "summary_en"):
            nonempty_str(e, k, f"life event {code}")
        refs = e.get("items", [])
        if not refs:
            err(f"life event {code}: no items")
        if len(refs) != len(set(refs)):
            err(f"life event {code}: an item is listed twice")
        for r in refs:
            if r not in items:
                err(f"life event {code}: unknown item {r}")
            elif code not in items[r].get("life_events", []):
                err(f"life event {code}: item {r} does not list it in its life_events")
    for need in ("birth", "school-start", "retirement", "death", "business-start"):
        if need not in out:
            err(f"life-events: missing {need}")
    return out


def check_certificates(c, items: dict) -> None:
    if not isinstance(c, dict):
        return
    may, mustnot = c.get("may_issue", []), c.get("must_not_issue", [])
    if len(may) != 8:
        err(f"certificates: may_issue has {len(may)} entries, need 8")
    if len(mustnot) != 20:
        err(f"certificates: must_not_issue has {len(mustnot)} entries, need 20")
    codes = set()
    for e in may + mustnot:
        code = e.get("code", "?")
        if code in codes:
            err(f"certificate {code}: duplicate code")
        codes.add(code)
        for k in ("name_zh", "name_en"):
            nonempty_str(e, k, f"certificate {code}")
        if not (isinstance(e.get("keywords"), list) and e["keywords"]):
            err(f"certificate {code}: keywords must be a non-empty list")
        if "item" in e and e["item"] not in items:
            err(f"certificate {code}: unknown item {e['item']}")
    for e in may:
        for k in ("notes_zh", "notes_en"):
            nonempty_str(e, k, f"certificate {e.get('code')}")
    for e in mustnot:
        if e.get("reason") not in ("not-needed", "other-authority"):
            err(f"certificate {e.get('code')}: reason must be not-needed or other-authority")
        for k in ("instead_zh", "instead_en"):
            nonempty_str(e, k, f"certificate {e.get('code')}")
    names = [e.get("name_zh") for e in may] + [e.get("name_zh") for e in mustnot]
    if len(names) != len(set(names)):
        err("certificates: a certificate name appears twice")


def check_holidays(h) -> None:
    if not isinstance(h, dict):
        return
    nonempty_str(h, "source_note", "holidays")
    years = h.get("years", {})
    for y in ("2026", "2027"):
        if y not in years:
            err(f"holidays: missing year {y}")
    for y, spec in years.items():
        hol, wd = spec.get("holidays", []), spec.get("workdays", [])
        for d in hol + wd:
            if not is_date(d) or not d.startswith(y):
                err(f"holidays {y}: bad date {d}")
        if set(hol) & set(wd):
            err(f"holidays {y}: a date is both holiday and workday")
        for d in wd:
            if is_date(d) and date.fromisoformat(d).weekday() < 5:
                err(f"holidays {y}: moved workday {d} is not a weekend day")
        if len(hol) < 20:
            err(f"holidays {y}: only {len(hol)} holiday dates")
    if years.get("2027", {}).get("estimated") is not True:
        err("holidays: 2027 must be marked estimated")


def main() -> int:
    with (HERE / "departments.csv").open(encoding="utf-8") as fh:
        departments = {row["code"] for row in csv.DictReader(fh)}
    district = load("district.json")
    catalog = load_catalog()
    events = load("life-events.json")
    certs = load("certificates.json")
    hols = load("holidays.json")
    check_district(district)
    ev_by_code = {e.get("code"): e for e in (events or {}).get("life_events", [])}
    items = check_catalog(catalog, departments, ev_by_code)
    check_events(events, items)
    check_certificates(certs, items)
    check_holidays(hols)
    if ERRORS:
        for e in ERRORS:
            print("ERROR:", e, file=sys.stderr)
        print(f"{len(ERRORS)} problem(s) in shared/data", file=sys.stderr)
        return 1
    n_b = sum(len(g["buildings"]) for g in district["grids"])
    print(f"shared/data OK: {len(district['streets'])} streets, {len(district['communities'])} communities, "
          f"{len(district['grids'])} grids, {n_b} buildings, {len(district['centres'])} centres; "
          f"{len(items)} items, {len(ev_by_code)} life events, "
          f"{len(certs['may_issue'])}+{len(certs['must_not_issue'])} certificates, holidays {sorted(hols['years'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
