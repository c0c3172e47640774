"""moto in server mode, with DynamoDB requests applied one at a time and, when
MOTO_STATE_DIR is set, its state kept across restarts.

DynamoDB applies each request atomically: a conditional write or a transaction either
sees the state before another or after it. moto serves requests on threads without that
isolation (a transaction snapshots and restores whole tables), so under concurrent load
it can confirm six bookings on a five-seat slot. One lock per DynamoDB request gives the
local stack DynamoDB's guarantee; other services are unaffected.

State: moto keeps everything in memory. Every `MOTO_SNAPSHOT_SECONDS` (default 2) after a
write, and on SIGTERM, the DynamoDB tables and SQS queues (with their messages) are
pickled to MOTO_STATE_DIR/moto-state.pickle (written aside, then renamed: a snapshot is
whole or absent); on start it is loaded back. A moto killed with SIGKILL loses at most
the last interval's writes. SNS topics and subscriptions hold no data and are recreated
from infra/ by infra.local.run. `make reset` deletes the folder.

    python -m infra.local.moto_server -H 127.0.0.1 -p 4566
"""

from __future__ import annotations

import copyreg
import os
import pickle
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

from moto.dynamodb.models import dynamodb_backends
from moto.dynamodb.responses import DynamoHandler
from moto.server import main
from moto.sqs.models import sqs_backends
from moto.sqs.responses import SQSResponse

from infra.local import moto_fixes

moto_fixes.apply()

_lock = threading.Lock()
_original = DynamoHandler.call_action
_original_sqs = SQSResponse.call_action
_dirty = threading.Event()
_READS = ("Get", "Query", "Scan", "BatchGet", "TransactGet", "Describe", "List", "Receive")


def _is_write(action: str) -> bool:
    return not action.startswith(_READS)


def _serialised(self: Any) -> Any:
    with _lock:
        if _is_write((self.headers.get("X-Amz-Target") or "").rsplit(".", 1)[-1]):
            _dirty.set()
        return _original(self)


def _sqs_tracked(self: Any) -> Any:
    result = _original_sqs(self)
    target = (self.headers.get("X-Amz-Target") or self._get_param("Action") or "").rsplit(".", 1)[-1]
    if _is_write(target):
        _dirty.set()
    return result


DynamoHandler.call_action = _serialised  # type: ignore[method-assign]
SQSResponse.call_action = _sqs_tracked  # type: ignore[method-assign]

# Locks in moto's objects are pickled as fresh locks.
copyreg.pickle(type(threading.RLock()), lambda _: (threading.RLock, ()))
copyreg.pickle(type(threading.Lock()), lambda _: (threading.Lock, ()))


def _backends() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for kind, registry in (("dynamodb", dynamodb_backends), ("sqs", sqs_backends)):
        for account, regions in registry.items():
            for region in list(regions.keys()):
                found[f"{kind}/{account}/{region}"] = regions[region]
    return found


def snapshot(path: Path) -> float:
    """Writes the state; returns the seconds it took."""
    started = time.perf_counter()
    for attempt in range(5):
        try:
            with _lock:  # no DynamoDB request half applied
                data = pickle.dumps({key: vars(backend) for key, backend in _backends().items()}, protocol=pickle.HIGHEST_PROTOCOL)
            break
        except RuntimeError:  # an SQS queue changed while it was being read: try again
            if attempt == 4:
                raise
            time.sleep(0.05)
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return time.perf_counter() - started


def restore(path: Path) -> int:
    """Loads a snapshot into moto's (empty) backends; returns how many backends."""
    if not path.is_file():
        return 0
    state: dict[str, dict[str, Any]] = pickle.loads(path.read_bytes())
    for key, attributes in state.items():
        kind, account, region = key.split("/")
        registry = dynamodb_backends if kind == "dynamodb" else sqs_backends
        vars(registry[account][region]).update(attributes)
    return len(state)


def _keep_state(path: Path, every: float) -> None:
    def loop() -> None:
        while True:
            time.sleep(every)
            if _dirty.is_set():
                _dirty.clear()
                try:
                    snapshot(path)
                except Exception as exc:  # keep serving; say why the state was not kept
                    print(f"moto: snapshot failed: {exc!r}", file=sys.stderr, flush=True)

    threading.Thread(target=loop, name="moto-snapshot", daemon=True).start()

    def final_snapshot(*_: Any) -> None:
        snapshot(path)
        os._exit(0)

    signal.signal(signal.SIGTERM, final_snapshot)
    signal.signal(signal.SIGINT, final_snapshot)


if __name__ == "__main__":
    state_dir = os.environ.get("MOTO_STATE_DIR")
    if state_dir:
        Path(state_dir).mkdir(parents=True, exist_ok=True)
        state_file = Path(state_dir) / "moto-state.pickle"
        started = time.perf_counter()
        loaded = restore(state_file)
        if loaded:
            size = state_file.stat().st_size
            print(f"moto: state restored from {state_file} ({size / 1e6:.1f} MB) in {time.perf_counter() - started:.2f}s", flush=True)
        _keep_state(state_file, float(os.environ.get("MOTO_SNAPSHOT_SECONDS", "2")))
    main(sys.argv[1:])
