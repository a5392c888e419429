"""Statements made from the schema of record (the models say which columns a table
has; the statement that fills them is SQL, and SQL lives here)."""

from __future__ import annotations

import functools

from inspector.models.spec import ModelSpec


def insert_statement(spec: ModelSpec, extra: tuple[str, ...] = ()) -> str:
    """The INSERT of a whole row of `spec`'s table, columns in the spec's order, then
    `extra` columns kept beside the record (an outfall's sort keys)."""
    return _insert(spec.entity, spec.columns + extra)


def insert_columns(table: str, columns: tuple[str, ...]) -> str:
    """The INSERT of `columns` of one row of `table`."""
    return _insert(table, columns)


@functools.cache
def _insert(entity: str, columns: tuple[str, ...]) -> str:
    # Cached per table: the writer and the merge ask once per row.
    return f"INSERT INTO {entity} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
