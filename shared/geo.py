"""The district's geography from shared/data/district.json: point in polygon to find the
grid, community and street of a point, and building lookup. Loaded once per container."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

DISTRICT_FILE = Path(__file__).parent / "data" / "district.json"

Ring = list[tuple[float, float]]


def point_in_ring(lon: float, lat: float, ring: Ring) -> bool:
    """Ray casting; points on an edge count as inside one of the neighbours."""
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _bbox(ring: Ring) -> tuple[float, float, float, float]:
    xs = [p[0] for p in ring]
    ys = [p[1] for p in ring]
    return min(xs), min(ys), max(xs), max(ys)


def lat_lon(point: Any) -> dict[str, float] | None:
    """A point as {"lat", "lon"}, as the channels show it: the work-order events carry [lon, lat]
    (GeoJSON order); a {"lat", "lon"} object is taken as it is; anything else is None."""
    if isinstance(point, dict) and isinstance(point.get("lat"), int | float) and isinstance(point.get("lon"), int | float):
        return {"lat": float(point["lat"]), "lon": float(point["lon"])}
    if isinstance(point, list | tuple) and len(point) == 2 and all(isinstance(v, int | float) for v in point):
        return {"lat": float(point[1]), "lon": float(point[0])}
    return None


@dataclass(frozen=True)
class Location:
    grid: str
    community: str
    street: str


class District:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.grids = data["grids"]
        self._rings = [(g, [tuple(p) for p in g["polygon"]]) for g in self.grids]
        self._boxes = [_bbox(r) for _, r in self._rings]
        self.buildings = {b["code"]: (b, g) for g in self.grids for b in g.get("buildings", [])}
        self.grid_by_code = {g["code"]: g for g in self.grids}
        self.community_by_code = {c["code"]: c for c in data["communities"]}
        self.street_by_code = {s["code"]: s for s in data["streets"]}

    def locate(self, lon: float, lat: float) -> Location | None:
        for (grid, ring), (x0, y0, x1, y1) in zip(self._rings, self._boxes, strict=True):
            if x0 <= lon <= x1 and y0 <= lat <= y1 and point_in_ring(lon, lat, ring):  # type: ignore[arg-type]
                return Location(grid["code"], grid["community"], grid["street"])
        return None

    def locate_grid(self, code: str) -> Location | None:
        grid = self.grid_by_code.get(code)
        return Location(grid["code"], grid["community"], grid["street"]) if grid else None

    def locate_building(self, code: str) -> tuple[Location, tuple[float, float]] | None:
        found = self.buildings.get(code)
        if not found:
            return None
        building, grid = found
        return Location(grid["code"], grid["community"], grid["street"]), tuple(building["point"])  # type: ignore[return-value]


@lru_cache(maxsize=1)
def district() -> District:
    return District(json.loads(DISTRICT_FILE.read_text()))
