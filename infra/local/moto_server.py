"""moto in server mode, with DynamoDB requests applied one at a time.

DynamoDB applies each request atomically: a conditional write or a transaction either
sees the state before another or after it. moto serves requests on threads without that
isolation (a transaction snapshots and restores whole tables), so under concurrent load
it can confirm six bookings on a five-seat slot. One lock per DynamoDB request gives the
local stack DynamoDB's guarantee; other services are unaffected.

    python -m infra.local.moto_server -H 127.0.0.1 -p 4566
"""

from __future__ import annotations

import sys
import threading
from typing import Any

from moto.dynamodb.responses import DynamoHandler
from moto.server import main

_lock = threading.Lock()
_original = DynamoHandler.call_action


def _serialised(self: Any) -> Any:
    with _lock:
        return _original(self)


DynamoHandler.call_action = _serialised  # type: ignore[method-assign]

if __name__ == "__main__":
    main(sys.argv[1:])
