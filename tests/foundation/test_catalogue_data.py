"""The catalogue is data (shared/data/catalog/<department>.json) validated by the one model
the services load it with."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from shared.catalogue import CATALOG, load_catalogue


def test_every_department_file_validates() -> None:
    items = load_catalogue()
    assert len(items) >= 125
    assert len({item.code for item in items}) == len(items)


def _copy_with(tmp_path: Path, change: dict[str, object]) -> Path:
    folder = tmp_path / "catalog"
    shutil.copytree(CATALOG, folder)
    path = folder / "civil-affairs.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["items"][0].update(change)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "change",
    [{"promised_days": 99, "legal_days": 30}, {"type": "gift"}, {"duration_minutes": 5}, {"legal_basis_zh": "no citation"},
     {"conditions_en": []}, {"unknown_field": 1}, {"department": "housing"}],
)
def test_a_bad_item_is_refused_when_loaded(tmp_path: Path, change: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        load_catalogue(_copy_with(tmp_path, change))


def test_a_code_in_two_files_is_refused(tmp_path: Path) -> None:
    folder = _copy_with(tmp_path, {})
    first = json.loads((folder / "civil-affairs.json").read_text(encoding="utf-8"))["items"][0]
    housing = json.loads((folder / "housing.json").read_text(encoding="utf-8"))
    housing["items"].append({**first, "department": "housing"})
    (folder / "housing.json").write_text(json.dumps(housing, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValueError, match="also in another file"):
        load_catalogue(folder)
