"""A fix to moto applied wherever it runs here: the local stack's server, the tests and the
in-process benchmarks, so they all measure the same moto.

moto 5's DynamoDB `transact_write_items` keeps a deep copy of each table it touches to roll
back a failed transaction, but takes it once per *item* of the transaction: a six-item
transaction on a service's table copies the whole table six times, the same copy each time
(nothing is written before the last one). With a few thousand orders on the local stack
every intake then costs a fraction of a second. Here the copy is taken once per table per
call; the rollback is the same.
"""

from __future__ import annotations

import copy
import threading
from typing import Any

_call = threading.local()  # the copies of the running transaction, per thread (moto serves on threads)


class _CopyTablesOnce:
    """Stands in for the `copy` module inside moto.dynamodb.models: while a transaction runs
    on this thread, a second deep copy of the same Table object is the first one; anything
    else (an item's copy in update_item, say) is copied as before."""

    def __init__(self, table_type: type) -> None:
        self._table_type = table_type

    def deepcopy(self, value: Any, memo: dict[int, Any] | None = None) -> Any:
        copies: dict[int, Any] | None = getattr(_call, "copies", None)
        if copies is None or not isinstance(value, self._table_type):
            return copy.deepcopy(value, memo)
        if id(value) not in copies:  # tables live in the backend for the whole call: ids stay theirs
            copies[id(value)] = copy.deepcopy(value, memo)
        return copies[id(value)]

    def __getattr__(self, name: str) -> Any:
        return getattr(copy, name)


def apply() -> None:
    from moto.dynamodb import models
    from moto.dynamodb.models.table import Table

    backend = models.DynamoDBBackend
    if getattr(backend.transact_write_items, "copies_tables_once", False):
        return
    original = backend.transact_write_items
    models.copy = _CopyTablesOnce(Table)  # type: ignore[assignment]

    def transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> None:
        _call.copies = {}
        try:
            return original(self, transact_items)  # type: ignore[no-any-return]
        finally:
            _call.copies = None

    transact_write_items.copies_tables_once = True  # type: ignore[attr-defined]
    backend.transact_write_items = transact_write_items  # type: ignore[method-assign]
