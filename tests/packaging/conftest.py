from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from infra.manifest import ROOT, services

SERVICES = sorted(services())


@pytest.fixture(scope="session")
def packaged() -> dict[str, Path]:
    """`make package` once for the group (without cfn-lint: the tests run it)."""
    subprocess.run([sys.executable, "-m", "infra.package", "--no-lint", *SERVICES], cwd=ROOT, check=True)
    return {s: ROOT / "build" / s for s in SERVICES}
