"""Coarse geocells for finding near-duplicates with one index query.

Cells are at least 2 x 250 m on a side, and an order is indexed in the 2 x 2 block of cells
nearest to it, so any later point within 250 m falls in one of those four cells: the new
report looks up only its own cell."""

from __future__ import annotations

import math

NEAR_METRES = 250.0
CELL_DEGREES_LAT = 0.005  # about 556 m
# One fixed width so neighbouring rows line up; 0.0088 degrees is at least 500 m wide up to
# 55 degrees north, which covers China.
CELL_DEGREES_LON = 0.0088
EARTH_RADIUS_M = 6_371_000.0


def _cell_size(lat: float) -> tuple[float, float]:
    return CELL_DEGREES_LON, CELL_DEGREES_LAT


def cell_of(lon: float, lat: float) -> str:
    width, height = _cell_size(lat)
    return f"{math.floor(lon / width)}:{math.floor(lat / height)}"


def nearest_block(lon: float, lat: float) -> list[str]:
    """The point's own cell and the three neighbours toward its nearest edges."""
    width, height = _cell_size(lat)
    x, y = lon / width, lat / height
    cx, cy = math.floor(x), math.floor(y)
    dx = 1 if x - cx >= 0.5 else -1
    dy = 1 if y - cy >= 0.5 else -1
    return [f"{cx + a}:{cy + b}" for a in (0, dx) for b in (0, dy)]


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Haversine distance between two (lon, lat) points in metres."""
    lon1, lat1, lon2, lat2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(h))
