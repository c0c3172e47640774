#!/usr/bin/env python3
"""Generate shared/data/district.json: a fictional, Jining-like demo district.

The geometry is a warped 6 x 6 lattice of quadrilateral cells over roughly
lon 113.08-113.16, lat 40.97-41.05 (GeoJSON order: [lon, lat]).

* every cell is one grid (网格);
* three cells in a row or column form a community (社区);
* a 3 x 3 block of cells forms a street (街道); four streets tile the district.

Polygons are built by walking lattice vertices, so neighbours share their
edges exactly and every level tiles its parent. Output is deterministic
(fixed random seed, rounded coordinates). Run: python3 make_district.py
Stdlib only. The script ends with a self-check and exits non-zero on failure.

Names, phone numbers and addresses are invented for demonstration; the
street names echo real streets of Jining District, Ulanqab, but boundaries,
communities and people are fictional.
"""
from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "district.json"
SEED = 20260101
N = 6  # lattice cells per side

# Column / row lines (uneven on purpose; the city is denser in the middle).
XS = [113.0800, 113.0935, 113.1060, 113.1190, 113.1320, 113.1460, 113.1600]
YS = [40.9700, 40.9840, 40.9970, 41.0100, 41.0235, 41.0370, 41.0500]
JITTER = 0.0018  # max offset of a lattice vertex, well below half a cell

STREETS = [
    # code, zh, en, block (col0, row0), community orientation, road for addresses
    ("JN-S01", "新体路街道", "Xintilu Street", (0, 3), "cols", ("新体路", "Xinti Road")),
    ("JN-S02", "桥东街道", "Qiaodong Street", (3, 3), "rows", ("桥东路", "Qiaodong Road")),
    ("JN-S03", "虹桥街道", "Hongqiao Street", (0, 0), "rows", ("虹桥路", "Hongqiao Road")),
    ("JN-S04", "察哈尔街道", "Chahar Street", (3, 0), "cols", ("察哈尔大街", "Chahar Avenue")),
]

COMMUNITIES = {
    "JN-S01": [("北园社区", "Beiyuan Community", "北园路", "Beiyuan Road"),
               ("新华社区", "Xinhua Community", "新华街", "Xinhua Street Road"),
               ("恩和社区", "Enhe Community", "恩和路", "Enhe Road")],
    "JN-S02": [("福馨社区", "Fuxin Community", "福馨路", "Fuxin Road"),
               ("光明社区", "Guangming Community", "光明路", "Guangming Road"),
               ("东站社区", "Dongzhan Community", "站东路", "Zhandong Road")],
    "JN-S03": [("滨河社区", "Binhe Community", "滨河路", "Binhe Road"),
               ("建设社区", "Jianshe Community", "建设街", "Jianshe Street Road"),
               ("泉山社区", "Quanshan Community", "泉山路", "Quanshan Road")],
    "JN-S04": [("白泉社区", "Baiquan Community", "白泉路", "Baiquan Road"),
               ("霸王河社区", "Bawanghe Community", "霸王河路", "Bawanghe Road"),
               ("民建社区", "Minjian Community", "民建路", "Minjian Road")],
}

COMPOUNDS = [
    "恩和家园", "福馨苑", "锦绣华庭", "铁路小区", "电业小区", "粮食局家属院", "幸福里",
    "御景园", "阳光嘉园", "怡和小区", "泉山花园", "建设新村", "和谐家园", "民族小区",
    "金色家园", "康居小区", "北园小区", "滨河湾", "紫薇苑", "祥和苑", "东方花园",
    "光明里", "水岸名居", "杏林小区", "财政小区", "供销小区", "明珠花园", "天骄家园",
    "佳和苑", "书香门第", "草原明珠", "昌盛小区", "颐和园小区", "海德小区", "瑞景苑",
    "宏达小区", "丽都花园", "凤凰城", "中和苑", "青城小区", "万隆小区", "医院家属院",
    "教育小区", "兴业小区", "盛世华庭", "林荫小区", "安泰小区", "望湖苑",
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = ["丽", "敏", "静", "芳", "娜", "秀英", "桂兰", "海燕", "晓燕", "丽娟", "建军", "志强",
         "永刚", "海军", "俊", "磊", "伟", "婷婷", "雪", "慧", "文博", "振华", "春梅", "红梅",
         "玉兰", "凤英", "宇", "晓东", "鹏", "佳琪", "瑞", "欣怡", "乌云", "其其格", "巴特尔",
         "萨仁", "斯琴", "娜仁花", "宝音", "阿拉坦", "浩", "雅琴", "建华", "学军", "新宇", "淑珍"]
ZH_NUM = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

WEEKDAY_HOURS = [["08:30", "12:00"], ["14:30", "17:30"]]
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


# ---------------------------------------------------------------- geometry
def point_in_polygon(pt, ring) -> bool:
    """Ray casting (even-odd). ring is closed; points on the edge may go either way."""
    x, y = pt
    inside = False
    for i in range(len(ring) - 1):
        (x1, y1), (x2, y2) = ring[i], ring[i + 1]
        if (y1 > y) != (y2 > y):
            xi = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < xi:
                inside = not inside
    return inside


def on_boundary(pt, ring, eps=1e-9) -> bool:
    x, y = pt
    for i in range(len(ring) - 1):
        (x1, y1), (x2, y2) = ring[i], ring[i + 1]
        cross = (x2 - x1) * (y - y1) - (y2 - y1) * (x - x1)
        if abs(cross) > eps:
            continue
        if min(x1, x2) - eps <= x <= max(x1, x2) + eps and min(y1, y2) - eps <= y <= max(y1, y2) + eps:
            return True
    return False


def area(ring) -> float:
    s = 0.0
    for i in range(len(ring) - 1):
        s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1]
    return s / 2.0


def rnd(v: float) -> float:
    return round(v, 6)


def build_lattice(rng: random.Random):
    pts = {}
    for i in range(N + 1):
        for j in range(N + 1):
            x, y = XS[i], YS[j]
            dx = rng.uniform(-JITTER, JITTER)
            dy = rng.uniform(-JITTER, JITTER)
            # On the district edge only move inwards, so the outline stays in range.
            if i == 0:
                dx = abs(dx)
            if i == N:
                dx = -abs(dx)
            if j == 0:
                dy = abs(dy)
            if j == N:
                dy = -abs(dy)
            pts[(i, j)] = [rnd(x + dx), rnd(y + dy)]
    return pts


def block_ring(lat, c0, r0, c1, r1):
    """Counter-clockwise closed ring around cells [c0,c1) x [r0,r1)."""
    ring = []
    ring += [lat[(i, r0)] for i in range(c0, c1)]          # bottom, west -> east
    ring += [lat[(c1, j)] for j in range(r0, r1)]          # east side, south -> north
    ring += [lat[(i, r1)] for i in range(c1, c0, -1)]      # top, east -> west
    ring += [lat[(c0, j)] for j in range(r1, r0, -1)]      # west side, north -> south
    ring.append(ring[0])
    return [list(p) for p in ring]


def bilinear(lat, c, r, u, v):
    """Point at (u, v) in [0,1]^2 of cell (c, r); inside for 0<u,v<1 (cells are convex)."""
    p00, p10 = lat[(c, r)], lat[(c + 1, r)]
    p01, p11 = lat[(c, r + 1)], lat[(c + 1, r + 1)]
    x = (1 - u) * (1 - v) * p00[0] + u * (1 - v) * p10[0] + (1 - u) * v * p01[0] + u * v * p11[0]
    y = (1 - u) * (1 - v) * p00[1] + u * (1 - v) * p10[1] + (1 - u) * v * p01[1] + u * v * p11[1]
    return [rnd(x), rnd(y)]


# ---------------------------------------------------------------- build
def phone(rng: random.Random, prefix: str) -> str:
    return f"0474-{prefix}{rng.randint(0, 10 ** (7 - len(prefix)) - 1):0{7 - len(prefix)}d}"


def build():
    rng = random.Random(SEED)
    lat = build_lattice(rng)
    names_used: set[str] = set()
    compounds = list(COMPOUNDS)
    rng.shuffle(compounds)

    def person():
        while True:
            n = rng.choice(SURNAMES) + rng.choice(GIVEN)
            if n not in names_used:
                names_used.add(n)
                return n

    streets, communities, grids, centres = [], [], [], []
    # District-level government service hall (区政务服务大厅) for department items.
    centres.append({
        "id": "ctr-JN",
        "name_zh": "集宁区政务服务中心",
        "name_en": "Jining District Government Service Centre",
        "level": "district",
        "unit": "JN",
        "address_zh": "内蒙古自治区乌兰察布市集宁区察哈尔大街与工农大街交汇处政务服务中心一楼",
        "address_en": "1F Government Service Centre, Chahar Avenue at Gongnong Avenue, Jining District, Ulanqab, Inner Mongolia",
        "location": bilinear(lat, 3, 2, 0.3, 0.7),
        "phone": "0474-8123345",
        "counters": 8,
        "capacity_per_counter": 1,
        "hours": {d: ([["09:00", "12:00"], ["13:30", "17:30"]] if d in DAYS[:5] else []) for d in DAYS},
        "extended_hours": {"sat": [["09:00", "12:00"]], "wed": [["17:30", "19:00"]]},
        "closures": [],
        "extra_days": [],
    })

    for s_idx, (s_code, s_zh, s_en, (bc, br), orient, (road_zh, road_en)) in enumerate(STREETS):
        streets.append({"code": s_code, "name_zh": s_zh, "name_en": s_en,
                        "polygon": block_ring(lat, bc, br, bc + 3, br + 3)})
        counters = [5, 4, 6, 4][s_idx]
        ext = [{"tue": [["17:30", "19:30"]], "sat": [["09:00", "12:00"]]},
               {"thu": [["17:30", "19:00"]]},
               {"sat": [["09:00", "12:00"]]},
               {"mon": [["17:30", "19:00"]], "sat": [["09:00", "11:30"]]}][s_idx]
        centres.append({
            "id": f"ctr-{s_code}",
            "name_zh": f"{s_zh}便民服务中心",
            "name_en": f"{s_en} Service Centre",
            "level": "street",
            "unit": s_code,
            "address_zh": f"内蒙古自治区乌兰察布市集宁区{road_zh}{18 + 21 * s_idx}号",
            "address_en": f"{18 + 21 * s_idx} {road_en}, Jining District, Ulanqab, Inner Mongolia",
            "location": bilinear(lat, bc + 1, br + 1, 0.45, 0.55),
            "phone": phone(rng, "82"),
            "counters": counters,
            "capacity_per_counter": 1,
            "hours": {d: (WEEKDAY_HOURS if d in DAYS[:5] else []) for d in DAYS},
            "extended_hours": ext,
            "closures": ["2026-12-30"] if s_idx == 1 else [],
            "extra_days": [],
        })
        for c_idx, (c_zh, c_en, croad_zh, croad_en) in enumerate(COMMUNITIES[s_code]):
            c_code = f"{s_code}-C{c_idx + 1:02d}"
            if orient == "cols":   # community = one column of three cells
                cells = [(bc + c_idx, br + 2 - k) for k in range(3)]  # north to south
                ring = block_ring(lat, bc + c_idx, br, bc + c_idx + 1, br + 3)
            else:                  # community = one row of three cells, north row first
                row = br + 2 - c_idx
                cells = [(bc + k, row) for k in range(3)]             # west to east
                ring = block_ring(lat, bc, row, bc + 3, row + 1)
            communities.append({"code": c_code, "street": s_code, "name_zh": c_zh,
                                "name_en": c_en, "polygon": ring})
            c_cell = cells[1]
            centres.append({
                "id": f"ctr-{c_code}",
                "name_zh": f"{c_zh}党群服务中心(便民服务站)",
                "name_en": f"{c_en} Service Station",
                "level": "community",
                "unit": c_code,
                "address_zh": f"内蒙古自治区乌兰察布市集宁区{croad_zh}{5 + 7 * c_idx + s_idx}号{c_zh}党群服务中心",
                "address_en": f"{c_en} Service Station, {5 + 7 * c_idx + s_idx} {croad_en}, Jining District, Ulanqab",
                "location": bilinear(lat, c_cell[0], c_cell[1], 0.55, 0.4),
                "phone": phone(rng, "83"),
                "counters": 2 + (s_idx + c_idx) % 2,
                "capacity_per_counter": 1,
                "hours": {d: ([["08:30", "12:00"], ["14:30", "18:00"]] if d in DAYS[:5] else []) for d in DAYS},
                "extended_hours": ({"wed": [["18:00", "20:00"]], "sat": [["09:00", "11:30"]]}
                                   if (s_idx + c_idx) % 2 == 0 else {"sat": [["09:00", "12:00"]]}),
                "closures": ["2026-07-15"] if (s_code, c_idx) == ("JN-S03", 1) else [],
                "extra_days": [],
            })
            for g_idx, (cc, cr) in enumerate(cells):
                g_code = f"{c_code}-G{g_idx + 1:02d}"
                g_ring = block_ring(lat, cc, cr, cc + 1, cr + 1)
                n_b = rng.randint(2, 5)
                compound = compounds.pop()
                buildings = []
                used_uv = set()
                for b in range(n_b):
                    while True:
                        u = round(rng.uniform(0.15, 0.85), 2)
                        v = round(rng.uniform(0.15, 0.85), 2)
                        if (u, v) not in used_uv:
                            used_uv.add((u, v))
                            break
                    bno = b + 1 + rng.choice([0, 0, 2, 5])
                    bname = f"{compound}{bno}号楼"
                    if any(x["name_zh"] == bname for x in buildings):
                        bno = 10 + b
                        bname = f"{compound}{bno}号楼"
                    buildings.append({
                        "code": f"{g_code}-B{b + 1:02d}",
                        "name_zh": bname,
                        "address_zh": f"内蒙古自治区乌兰察布市集宁区{croad_zh}{30 + 12 * g_idx + 2 * b}号{bname}",
                        "point": bilinear(lat, cc, cr, u, v),
                    })
                grids.append({
                    "code": g_code,
                    "community": c_code,
                    "street": s_code,
                    "name_zh": f"第{ZH_NUM[g_idx]}网格",
                    "name_en": f"Grid {g_idx + 1}",
                    "polygon": g_ring,
                    "point": bilinear(lat, cc, cr, 0.5, 0.5),
                    "households": rng.randint(28, 65) * 10 + rng.randint(0, 9),
                    "worker": {"id": f"gw-{g_code}", "name": person(),
                               "public_phone": phone(rng, "83")},
                    "buildings": buildings,
                })

    district = {"code": "JN", "name_zh": "集宁区", "name_en": "Jining District",
                "city_zh": "乌兰察布市", "city_en": "Ulanqab",
                "province_zh": "内蒙古自治区", "province_en": "Inner Mongolia Autonomous Region",
                "polygon": block_ring(lat, 0, 0, N, N)}
    return {"_note": "Fictional demo data generated by make_district.py; coordinates are [lon, lat].",
            "district": district, "streets": streets, "communities": communities,
            "grids": grids, "centres": centres}


# ---------------------------------------------------------------- self-check
def self_check(data) -> list[str]:
    errs = []
    by_code = {}
    for level in ("streets", "communities", "grids"):
        for u in data[level]:
            by_code[u["code"]] = u
    by_code["JN"] = data["district"]

    def inside_or_on(pt, ring):
        return point_in_polygon(pt, ring) or on_boundary(pt, ring)

    for g in data["grids"]:
        ring = g["polygon"]
        if not point_in_polygon(g["point"], ring) or on_boundary(g["point"], ring):
            errs.append(f"grid {g['code']}: point not strictly inside")
        for b in g["buildings"]:
            if not point_in_polygon(b["point"], ring):
                errs.append(f"building {b['code']}: not inside grid")
        parent = by_code[g["community"]]["polygon"]
        if not point_in_polygon(g["point"], parent):
            errs.append(f"grid {g['code']}: point not inside community")
        for p in ring:
            if not inside_or_on(p, parent):
                errs.append(f"grid {g['code']}: vertex {p} outside community")
    for c in data["communities"]:
        parent = by_code[c["street"]]["polygon"]
        for p in c["polygon"]:
            if not inside_or_on(p, parent):
                errs.append(f"community {c['code']}: vertex outside street")
    for s in data["streets"]:
        for p in s["polygon"]:
            if not inside_or_on(p, data["district"]["polygon"]):
                errs.append(f"street {s['code']}: vertex outside district")
    # Tiling: children's areas add up to the parent's.
    def check_sum(parent_ring, children, label):
        a = area(parent_ring)
        s = sum(area(ch["polygon"]) for ch in children)
        if abs(a - s) > 1e-9 * max(1.0, abs(a)) + 1e-12:
            errs.append(f"{label}: children area {s} != parent area {a}")
    check_sum(data["district"]["polygon"], data["streets"], "district")
    for s in data["streets"]:
        check_sum(s["polygon"], [c for c in data["communities"] if c["street"] == s["code"]], s["code"])
    for c in data["communities"]:
        check_sum(c["polygon"], [g for g in data["grids"] if g["community"] == c["code"]], c["code"])
    for ctr in data["centres"]:
        unit = by_code[ctr["unit"]]
        if not point_in_polygon(ctr["location"], unit["polygon"]):
            errs.append(f"centre {ctr['id']}: location outside {ctr['unit']}")
    for lon, lat in data["district"]["polygon"]:
        if not (113.08 <= lon <= 113.16 and 40.97 <= lat <= 41.05):
            errs.append(f"district vertex {lon},{lat} out of range")
    return errs


_FLAT = re.compile(r"\[([^\[\]{}]*)\]")


def dumps(data) -> str:
    """indent=1 JSON, with innermost arrays of scalars ([lon, lat], ["08:30", "12:00"]) on one line."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = _FLAT.sub(lambda m: "[" + re.sub(r"\s*\n\s*", " ", m.group(1)).strip() + "]", text)
    return text + "\n"


def main() -> int:
    data = build()
    errs = self_check(data)
    if errs:
        for e in errs:
            print("ERROR:", e, file=sys.stderr)
        return 1
    OUT.write_text(dumps(data), encoding="utf-8")
    nb = sum(len(g["buildings"]) for g in data["grids"])
    print(f"wrote {OUT.name}: {len(data['streets'])} streets, {len(data['communities'])} communities, "
          f"{len(data['grids'])} grids, {nb} buildings, {len(data['centres'])} centres; self-check ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
