"""The packaging group builds once and runs each linter once: `make package` for every
service and both site stacks (side by side), then cfn-lint over all nine templates in one
process and checkov over all nine in one process (each takes seconds just to start)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from infra.manifest import ROOT, services

SERVICES = sorted(services())
SITE_STACKS = {"auth": ROOT / "build" / "auth" / "auth.json", "portal": ROOT / "build" / "portal" / "portal.json"}
CHECKOV_VENV = ROOT / ".venv-checkov"


@pytest.fixture(scope="session")
def built() -> dict[str, Path]:
    """Every template by name: build/<service>/sam.json and the two site stacks."""
    subprocess.run([sys.executable, "-m", "infra.package", "--no-lint", *SERVICES, *SITE_STACKS], cwd=ROOT, check=True)
    return {**{s: ROOT / "build" / s / "sam.json" for s in SERVICES}, **SITE_STACKS}


@pytest.fixture(scope="session")
def packaged(built: dict[str, Path]) -> dict[str, Path]:
    """build/<service>/: sam.json, deployment.zip, openapi.json."""
    return {s: built[s].parent for s in SERVICES}


@pytest.fixture(scope="session")
def stacks(built: dict[str, Path]) -> dict[str, Path]:
    return {name: built[name] for name in SITE_STACKS}


@pytest.fixture(scope="session")
def cfn_lint_findings(built: dict[str, Path]) -> dict[str, list[str]]:
    """What cfn-lint finds in each template (infra.package.lint: one run for all)."""
    from infra.package import lint

    findings = lint([path.resolve() for path in built.values()])
    return {name: findings[path.resolve()] for name, path in built.items()}


def checkov() -> Path:
    """checkov's own venv (it pins an older boto3), made by `make test`; by the same Makefile
    rule when the group runs alone."""
    subprocess.run(["make", "-s", ".venv-checkov/.installed-stamp"], cwd=ROOT, check=True)
    return CHECKOV_VENV / "bin" / "checkov"


@pytest.fixture(scope="session")
def checkov_results(built: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """checkov over every template with infra/checkov.yaml (which lists failures only):
    the failed checks per template as (check id, resource), and the run's summary."""
    folder = tmp_path_factory.mktemp("checkov")
    for name, path in built.items():
        (folder / f"{name}.json").write_text(path.read_text())
    result = subprocess.run(
        [str(checkov()), "-d", str(folder), "--config-file", str(ROOT / "infra" / "checkov.yaml"), "-o", "json", "--skip-download"],
        capture_output=True, text=True, timeout=600,
    )
    reports = json.loads(result.stdout)
    reports = reports if isinstance(reports, list) else [reports]
    failed: dict[str, list[tuple[str, str]]] = {name: [] for name in built}
    for report in reports:
        for check in report["results"].get("failed_checks", []):
            failed[Path(check["file_path"]).stem].append((check["check_id"], check["resource"]))
    (summary,) = [r["summary"] for r in reports if r["check_type"] == "cloudformation"]
    return {"failed": failed, "summary": summary}
