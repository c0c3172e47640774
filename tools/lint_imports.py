"""The architecture's import rules, checked with import-linter (`make lint` runs this).

Every service has its own top-level `chalicelib` package, so the contracts are checked once
per service from the service's folder (like the per-service mypy loop), plus once for
shared/ from the repository root. The rules (docs/ARCHITECTURE.md):

- the rooms that hold the service's logic (chalicelib/api, chalicelib/service(.py),
  chalicelib/domain) import no AWS SDK (boto3, botocore): storage and messaging reach
  them through ports, implemented in chalicelib/adapters with shared.storage;
- chalicelib/domain is pure: it imports none of the service's other rooms;
- chalicelib/service(.py) imports neither the routes nor the adapters (wiring.py joins them);
- no service imports another (they talk by events or by the owner's HTTP API);
- shared/ imports no service.

    python tools/lint_imports.py                 # every service in services/ and shared/
    python tools/lint_imports.py --root <copy>   # the same rules on another tree (tests)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SDK = ("boto3", "botocore")
ROOMS = ("api", "service", "domain", "adapters", "models", "wiring", "handlers")

# Imports that break a rule today in services another change is restructuring; each entry is
# a debt to pay, not a rule (import-linter's ignore_imports; unmatched entries are fine).
# Empty: every service keeps the rules.
KNOWN_DEBT: dict[str, dict[str, list[str]]] = {}


def _room_exists(service_dir: Path, room: str) -> bool:
    base = service_dir / "chalicelib" / room
    return base.is_dir() or base.with_suffix(".py").is_file()


def _contract(name: str, title: str, source: list[str], forbidden: list[str], *, indirect_ok: bool,
              ignore: list[str] | None = None) -> str:
    lines = [f"[importlinter:contract:{name}]", f"name = {title}", "type = forbidden", "source_modules ="]
    lines += [f"    {m}" for m in source]
    lines.append("forbidden_modules =")
    lines += [f"    {m}" for m in forbidden]
    if indirect_ok:
        lines.append("allow_indirect_imports = true")
    if ignore:
        lines.append("ignore_imports =")
        lines += [f"    {m}" for m in ignore]
        lines.append("unmatched_ignore_imports_alerting = none")
    return "\n".join(lines) + "\n"


def service_config(service_dir: Path) -> str:
    service = service_dir.name
    debt = KNOWN_DEBT.get(service, {})
    present = [room for room in ROOMS if _room_exists(service_dir, room)]
    core = [f"chalicelib.{room}" for room in ("api", "service", "domain") if room in present]
    parts = [
        "[importlinter]\nroot_packages =\n    chalicelib\ninclude_external_packages = true\n",
        # Only direct imports: shared/ (the kit) may use botocore on a room's behalf.
        _contract("core-no-aws-sdk", f"{service}: api, service and domain import no AWS SDK", core, list(SDK),
                  indirect_ok=True, ignore=debt.get("core-no-aws-sdk")),
        _contract("no-other-service", f"{service}: imports no other service", ["chalicelib"], ["services"],
                  indirect_ok=False),
    ]
    if "domain" in present:
        others = [f"chalicelib.{room}" for room in present if room != "domain"]
        if others:
            parts.append(_contract("pure-domain", f"{service}: domain imports no other room", ["chalicelib.domain"],
                                   others, indirect_ok=False, ignore=debt.get("pure-domain")))
    if "service" in present:
        outer = [f"chalicelib.{room}" for room in ("api", "adapters", "wiring", "handlers") if room in present]
        if outer:
            parts.append(_contract("service-over-ports", f"{service}: service imports no routes and no adapters",
                                   ["chalicelib.service"], outer, indirect_ok=True, ignore=debt.get("service-over-ports")))
    return "\n".join(parts)


def shared_config() -> str:
    return "[importlinter]\nroot_packages =\n    shared\ninclude_external_packages = true\n\n" + _contract(
        "shared-no-service", "shared imports no service", ["shared"], ["chalicelib", "app", "services"], indirect_ok=False
    )


def _run(config: str, cwd: Path, pythonpath: Path) -> int:
    with tempfile.NamedTemporaryFile("w", suffix=".ini", delete=False) as fh:
        fh.write(config)
    try:
        env = {**os.environ, "PYTHONPATH": str(pythonpath)}
        lint = Path(sys.executable).with_name("lint-imports")
        command = [str(lint)] if lint.exists() else [sys.executable, "-m", "importlinter.cli"]
        return subprocess.run([*command, "--no-cache", "--no-logo", fh.name], cwd=cwd, env=env).returncode
    finally:
        os.unlink(fh.name)


def services(root: Path) -> list[Path]:
    return sorted(p for p in (root / "services").iterdir() if (p / "chalicelib").is_dir())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--services-only", action="store_true")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    failed = []
    for service_dir in services(root):
        print(f"import contracts: services/{service_dir.name}", flush=True)
        if _run(service_config(service_dir), service_dir, root):
            failed.append(service_dir.name)
    if not args.services_only and (root / "shared").is_dir():
        print("import contracts: shared", flush=True)
        if _run(shared_config(), root, root):
            failed.append("shared")
    if failed:
        print(f"import contracts broken in: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
