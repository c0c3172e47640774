"""infra.local.moto_fixes: moto's transactions copy each table once, and still roll back."""

from __future__ import annotations

import copy
from types import SimpleNamespace
from typing import Any

import pytest


@pytest.fixture
def table(aws_stack: Any) -> str:
    name = "fix-test"
    aws_stack.dynamodb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                                    KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                                    AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}])
    for n in range(50):
        aws_stack.dynamodb.put_item(TableName=name, Item={"pk": {"S": f"old-{n}"}})
    return name


def put(table: str, pk: str, condition: str | None = None) -> dict[str, Any]:
    entry: dict[str, Any] = {"TableName": table, "Item": {"pk": {"S": pk}}}
    if condition:
        entry["ConditionExpression"] = condition
    return {"Put": entry}


def test_a_transaction_copies_its_table_once(aws_stack: Any, table: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from moto.dynamodb.models.table import Table

    from infra.local import moto_fixes

    copied: list[Any] = []

    def counting(value: Any, memo: Any = None) -> Any:
        if isinstance(value, Table):
            copied.append(value.name)
        return copy.deepcopy(value, memo)

    monkeypatch.setattr(moto_fixes, "copy", SimpleNamespace(deepcopy=counting))
    aws_stack.dynamodb.transact_write_items(TransactItems=[put(table, f"new-{n}") for n in range(6)])
    assert copied == [table]  # moto alone: six copies of the same table


def test_a_failed_transaction_still_changes_nothing(aws_stack: Any, table: str) -> None:
    from botocore.exceptions import ClientError

    items = [put(table, "new-1"), put(table, "new-2"), put(table, "old-3", "attribute_not_exists(pk)")]
    with pytest.raises(ClientError) as failed:
        aws_stack.dynamodb.transact_write_items(TransactItems=items)
    assert failed.value.response["Error"]["Code"] == "TransactionCanceledException"
    keys = {item["pk"]["S"] for item in aws_stack.dynamodb.scan(TableName=table)["Items"]}
    assert keys == {f"old-{n}" for n in range(50)}
