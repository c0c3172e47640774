"""The architecture's import rules (tools/lint_imports.py, run by `make lint`) hold on the
tree, and a route that imports boto3 breaks them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "lint_imports.py"


def lint(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(TOOL), "--root", str(root), "--services-only"],
                          capture_output=True, text=True, timeout=120)


def copy_service(tmp_path: Path, service: str) -> Path:
    target = tmp_path / "services" / service
    shutil.copytree(ROOT / "services" / service, target, ignore=shutil.ignore_patterns("vendor", "__pycache__", "*.json", "*.txt"))
    return target


def test_the_services_keep_their_import_contracts(tmp_path: Path) -> None:
    copy_service(tmp_path, "catalog")
    copy_service(tmp_path, "booking")
    result = lint(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_route_that_imports_boto3_fails_the_lint(tmp_path: Path) -> None:
    service = copy_service(tmp_path, "booking")
    routes = service / "chalicelib" / "api" / "routes.py"
    routes.write_text(routes.read_text() + "\nimport boto3  # noqa: E402\n")
    result = lint(tmp_path)
    assert result.returncode == 1
    assert "chalicelib.api.routes -> boto3" in result.stdout


def test_a_domain_module_that_imports_an_adapter_fails_the_lint(tmp_path: Path) -> None:
    service = copy_service(tmp_path, "booking")
    (service / "chalicelib" / "domain" / "leak.py").write_text("from chalicelib.adapters import repository  # noqa: F401\n")
    result = lint(tmp_path)
    assert result.returncode == 1
    assert "chalicelib.domain.leak -> chalicelib.adapters.repository" in result.stdout


def test_shared_importing_a_service_fails_the_lint(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "shared", tmp_path / "shared", ignore=shutil.ignore_patterns("data", "__pycache__"))
    (tmp_path / "services").mkdir()
    (tmp_path / "shared" / "leak.py").write_text("import chalicelib.wiring  # noqa: F401\n")
    result = subprocess.run([sys.executable, str(TOOL), "--root", str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "shared.leak -> chalicelib" in result.stdout
