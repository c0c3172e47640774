"""Names for texts (units, categories, centres from shared/data) and the units' duty
phones (chalicelib/data/duty_phones.json, validated on load)."""

from __future__ import annotations

import csv
import json
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

import shared
from chalicelib.domain.phone import mobile_e164

SHARED_DATA = Path(shared.__file__).resolve().parent / "data"
DUTY_PHONES = Path(__file__).resolve().parent.parent / "data" / "duty_phones.json"


class DutyUnit(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    unit: str = Field(min_length=1)
    phones: list[str] = Field(min_length=1)

    @field_validator("phones")
    @classmethod
    def _mobile_e164(cls, phones: list[str]) -> list[str]:
        for phone in phones:
            if mobile_e164(phone) != phone:
                raise ValueError("every duty phone is a mobile number in E.164 form (+86…)")
        return phones


class DutyPhones(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    note: str = Field("", alias="_note")
    units: list[DutyUnit]

    @field_validator("units")
    @classmethod
    def _one_entry_per_unit(cls, units: list[DutyUnit]) -> list[DutyUnit]:
        codes = [u.unit for u in units]
        if len(codes) != len(set(codes)):
            raise ValueError("a unit is listed twice")
        return units


class FileDirectory:
    def __init__(self, duty_phones: Path = DUTY_PHONES) -> None:
        self._duty_path = duty_phones

    @cached_property
    def _units(self) -> dict[str, str]:
        names = {}
        with (SHARED_DATA / "departments.csv").open(encoding="utf-8") as f:
            names.update({row["code"]: row["name_zh"] for row in csv.DictReader(f)})
        district = json.loads((SHARED_DATA / "district.json").read_text(encoding="utf-8"))
        for kind in ("streets", "communities", "grids"):
            names.update({area["code"]: area["name_zh"] for area in district.get(kind, []) if "name_zh" in area})
        return names

    @cached_property
    def _categories(self) -> dict[str, str]:
        with (SHARED_DATA / "request-categories.csv").open(encoding="utf-8") as f:
            return {row["code"]: row["name_zh"] for row in csv.DictReader(f)}

    @cached_property
    def _centres(self) -> dict[str, str]:
        district = json.loads((SHARED_DATA / "district.json").read_text(encoding="utf-8"))
        return {c["id"]: c["name_zh"] for c in district["centres"]}

    @cached_property
    def _duty(self) -> dict[str, list[str]]:
        data = DutyPhones.model_validate_json(self._duty_path.read_text(encoding="utf-8"))
        return {u.unit: list(u.phones) for u in data.units}

    def unit_name(self, code: str) -> str:
        return self._units.get(code, code)

    def category_name(self, code: str | None) -> str:
        return self._categories.get(code or "", code or "诉求")

    def centre_name(self, centre_id: str) -> str:
        return self._centres.get(centre_id, centre_id)

    def duty_phones(self, unit: str) -> list[str]:
        return self._duty.get(unit, [])
