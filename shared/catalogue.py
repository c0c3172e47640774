"""Reference data of the demo district shipped in shared/data, read once per container.
Services seed their own tables from it (chalicelib/seed.py); the rule for which centres
offer an item lives here so that catalog and booking agree.

The catalogue's source of truth is data: shared/data/catalog/<department>.json, one file
per department, each item validated by `CatalogueItem` when it is loaded (by the catalog
and booking services' seeds, and by shared/data/validate_data.py)."""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import Field, StringConstraints, model_validator

from shared.models import StrictModel

DATA = Path(__file__).parent / "data"
CATALOG = DATA / "catalog"
VERSION_FILE = "index.json"

# The kinds of item and the levels that handle them, in one place.
ItemType = Literal["licence", "benefit", "confirmation", "levy", "reward", "adjudication", "other-power", "public-service"]
Level = Literal["community", "street", "department"]
ITEM_TYPES: tuple[str, ...] = get_args(ItemType)
LEVELS: tuple[str, ...] = get_args(Level)

Text = Annotated[str, StringConstraints(min_length=1)]


class Material(StrictModel):
    name_zh: Text
    name_en: Text
    copies: int = Field(ge=1)
    original: bool


class Fee(StrictModel):
    amount_cny: int | float = Field(ge=0)
    note_zh: Text
    note_en: Text


class CatalogueItem(StrictModel):
    """One 政务服务事项 as the data files hold it."""

    code: Annotated[str, StringConstraints(pattern=r"^JN-[A-Z]{2,4}-\d{3}$")]
    name_zh: Text
    name_en: Text
    type: ItemType
    department: Text
    level: Level
    summary_zh: Text
    summary_en: Text
    conditions_zh: list[Text] = Field(min_length=1)
    conditions_en: list[Text] = Field(min_length=1)
    materials: list[Material] = Field(min_length=1)
    fee: Fee
    promised_days: int = Field(ge=0)
    legal_days: int = Field(ge=0)
    visits: Literal[0, 1, 2]
    online: bool
    appointment: bool
    duration_minutes: int = Field(ge=10, le=60)
    home_visit: bool
    legal_basis_zh: Annotated[str, StringConstraints(pattern=r"^《")]
    keywords: list[Text] = Field(min_length=1)
    life_events: list[str] = Field(default_factory=list)
    centres: list[str] | None = None  # explicit centres; otherwise the level decides (centres_for)

    @model_validator(mode="after")
    def _consistent(self) -> CatalogueItem:
        if len(self.conditions_zh) != len(self.conditions_en):
            raise ValueError("conditions_zh and conditions_en must list the same conditions")
        if self.promised_days > self.legal_days:
            raise ValueError(f"promised_days ({self.promised_days}) exceeds legal_days ({self.legal_days})")
        return self


class DepartmentCatalogue(StrictModel):
    """One data file: a department's items."""

    department: Text
    items: list[CatalogueItem]

    @model_validator(mode="after")
    def _own_items(self) -> DepartmentCatalogue:
        strangers = [i.code for i in self.items if i.department != self.department]
        if strangers:
            raise ValueError(f"items of another department in {self.department}.json: {strangers}")
        return self


def load_catalogue(folder: Path = CATALOG) -> list[CatalogueItem]:
    """Every item of every department file, validated, by code; a duplicate code is refused."""
    found: dict[str, CatalogueItem] = {}
    for path in sorted(folder.glob("*.json")):
        if path.name == VERSION_FILE:
            continue
        department = DepartmentCatalogue.model_validate_json(path.read_text(encoding="utf-8"))
        for item in department.items:
            if item.code in found:
                raise ValueError(f"{path.name}: item {item.code} is also in another file")
            found[item.code] = item
    return [found[code] for code in sorted(found)]


def catalogue_version(folder: Path = CATALOG) -> str:
    return str(json.loads((folder / VERSION_FILE).read_text(encoding="utf-8"))["version"])

# The lowest level that accepts an item decides where it can be done: community items at
# every community and street centre, street items at street centres, department items at
# the district government service hall.
_LEVEL_CENTRES = {"community": {"community", "street"}, "street": {"street"}, "department": {"district"}}


def load_json(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def district() -> dict[str, Any]:
    return load_json("district.json")  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def items() -> list[dict[str, Any]]:
    """The catalogue's items as plain data (only the fields the files give)."""
    return [item.model_dump(mode="json", exclude_unset=True) for item in load_catalogue()]


@lru_cache(maxsize=1)
def categories() -> list[dict[str, str]]:
    with (DATA / "request-categories.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=1)
def departments() -> list[dict[str, str]]:
    with (DATA / "departments.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def centres_for(item: dict[str, Any], centres: list[dict[str, Any]] | None = None) -> list[str]:
    """Ids of the centres that offer the item (an explicit "centres" list wins)."""
    if item.get("centres"):
        return list(item["centres"])
    levels = _LEVEL_CENTRES.get(item.get("level", ""), set())
    return [c["id"] for c in (centres if centres is not None else district()["centres"]) if c["level"] in levels]
