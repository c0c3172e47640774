"""Every benchmark still runs on the current code: `make bench` is run rarely, so a service
that moves on could leave a benchmark crashing unseen (rating's and workorders' did).

Each tests/bench/<name>_bench.py runs its `smoke()` (every step of main() at a tiny size, on
moto in-process) in a process of its own with its service's chalicelib, exactly as
tests/bench/run.py runs main(). The benchmarks that need the whole local stack are imported
only. The processes run side by side, so the module takes about as long as the slowest one."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bench.run import ROOT, bench_command, benches

# Nothing in these runs without the local stack (moto server, service hosts, gateway, browser).
LOCAL_STACK_ONLY = {"portal", "integrations"}
TIMEOUT = 120  # seconds; a smoke run takes a few


def _name(path: Path) -> str:
    return path.stem.removesuffix("_bench")


@pytest.fixture(scope="module")
def runs() -> Iterator[dict[str, subprocess.CompletedProcess[str]]]:
    env = {**os.environ, "POWERTOOLS_LOG_LEVEL": "WARNING"}
    env.pop("AWS_ENDPOINT_URL", None)
    started = {
        _name(path): (command := bench_command(path, None if _name(path) in LOCAL_STACK_ONLY else "smoke"),
                      subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                       text=True))
        for path in benches()
    }
    done: dict[str, subprocess.CompletedProcess[str]] = {}
    try:
        for name, (command, process) in started.items():
            out, err = process.communicate(timeout=TIMEOUT)
            done[name] = subprocess.CompletedProcess(command, process.returncode, out, err)
        yield done
    finally:
        for _, process in started.values():
            if process.poll() is None:
                process.kill()
                process.wait()


def test_the_local_stack_only_list_names_real_benchmarks() -> None:
    assert LOCAL_STACK_ONLY <= {_name(path) for path in benches()}


@pytest.mark.parametrize("name", [_name(path) for path in benches()])
def test_benchmark_runs_on_the_current_code(name: str, runs: dict[str, subprocess.CompletedProcess[str]]) -> None:
    run = runs[name]
    assert run.returncode == 0, f"tests/bench/{name}_bench.py:\n{run.stdout[-2000:]}\n{run.stderr[-4000:]}"
    if name not in LOCAL_STACK_ONLY:
        assert any(char.isdigit() for char in run.stdout), f"{name}: smoke() printed no figures:\n{run.stdout}"
