"""Rows read by column name into the dataclasses the layers exchange."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

import sqlite_utils

Row = TypeVar("Row")


def fetch_as(
    db: sqlite_utils.Database, cls: type[Row], sql: str, params: Iterable[Any] | Mapping[str, Any] = ()
) -> list[Row]:
    """Each row as `cls(**columns)`: a column added, moved or renamed fails loudly instead of shifting fields."""
    return [cls(**row) for row in db.query(sql, params)]
