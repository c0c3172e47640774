"""Reads chalice.json (the project manifest) and the infra/ fragments it names."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def manifest() -> dict[str, Any]:
    return json.loads((ROOT / "chalice.json").read_text())


def services() -> dict[str, dict[str, Any]]:
    return manifest()["services"]


def fragment(service: str) -> dict[str, Any]:
    return json.loads((ROOT / services()[service]["template"]).read_text())


def resources(service: str) -> dict[str, Any]:
    return fragment(service)["Resources"]
