"""Runs every test group in its own pytest process (each service has its own `chalicelib`
package, so two services cannot be imported into one interpreter), two at a time, and
prints one closing line for the whole suite."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "build" / "test-reports"


# Seconds each group took on a quiet 2-core machine, for a fresh clone's first run (packaging
# then installs every service's requirements for Lambda: chalice caches them per requirements); later
# runs use the times of the last run (build/test-reports). The longest start first, so the
# two workers finish together instead of one waiting on a long group started last.
TYPICAL_SECONDS = {"packaging": 150, "portal": 90, "workorders": 60, "booking": 40, "contract": 35, "rating": 30,
                   "webhooks": 30, "e2e": 26, "gateway": 25, "sms": 20, "foundation": 18, "catalog": 14, "open311": 3}


def last_seconds(group: str) -> float:
    report = REPORTS / f"{group}.xml"
    try:
        root = ET.parse(report).getroot()
        suite = root if root.tag == "testsuite" else root.find("testsuite")
        return float(suite.get("time", 0)) if suite is not None else 0.0
    except (OSError, ET.ParseError, ValueError):
        return float(TYPICAL_SECONDS.get(group, 60))


def groups() -> list[str]:
    names = [p.name for p in (ROOT / "tests").iterdir() if p.is_dir() and any(p.glob("test_*.py"))]
    if os.environ.get("TEST_GROUPS"):  # e.g. TEST_GROUPS=booking,catalog: only these
        names = [n for n in names if n in os.environ["TEST_GROUPS"].split(",")]
    return sorted(names, key=lambda g: (-last_seconds(g), g))


def run(group: str) -> tuple[str, int, str]:
    REPORTS.mkdir(parents=True, exist_ok=True)
    report = REPORTS / f"{group}.xml"
    report.unlink(missing_ok=True)
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={report}", f"tests/{group}", *sys.argv[1:]],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return group, proc.returncode, proc.stdout + proc.stderr


def counts(group: str) -> tuple[int, int, int]:
    report = REPORTS / f"{group}.xml"
    if not report.exists():
        return 0, 1, 0
    suite = ET.parse(report).getroot()
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")  # type: ignore[assignment]
    total = int(suite.get("tests", 0))
    failed = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    skipped = int(suite.get("skipped", 0))
    return total - failed - skipped, failed, skipped


def main() -> int:
    passed = failed = skipped = 0
    worst = 0
    workers = int(os.environ.get("TEST_WORKERS", "2"))  # the groups side by side
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for group, code, output in pool.map(run, groups()):
            print(f"===== tests/{group} (exit {code}) =====")
            print(output.rstrip())
            p, f, s = counts(group)
            if code not in (0, 5) and f == 0:
                f = 1  # a crash before any test ran
            passed, failed, skipped = passed + p, failed + f, skipped + s
            worst = worst or (code if code not in (0, 5) else 0)
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed or worst or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
