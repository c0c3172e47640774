"""shared.aws.PerContainer: a composition root is built once per container, again only when
the table or the DynamoDB client changed, and forgotten on reset()."""

from __future__ import annotations

from typing import Any

import pytest


def test_built_once_then_again_for_another_table_or_client(monkeypatch: pytest.MonkeyPatch) -> None:
    from shared import aws
    from shared.settings import reset_settings

    builds: list[int] = []
    root: aws.PerContainer[Any] = aws.PerContainer(lambda: builds.append(1) or object())
    monkeypatch.setenv("TABLE_NAME", "govportal-a")
    reset_settings()
    first = root()
    assert root() is first and len(builds) == 1
    aws.reset_clients()  # a new client (tests do this for another mocked stack)
    assert root() is not first and len(builds) == 2
    monkeypatch.setenv("TABLE_NAME", "govportal-b")
    reset_settings()
    root()
    assert len(builds) == 3
    root.reset()
    root()
    assert len(builds) == 4
    reset_settings()
