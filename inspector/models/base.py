"""Building blocks shared by every table: synced-row columns and field metadata helpers.

Field metadata (`choice`, `check`, `personal`, `list_of`) is read by `inspector.models.spec`
to validate input, so a constraint is declared once, next to the column it guards.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import JSON, Field, SQLModel

from inspector.domain.ids import uuid7


def meta(**extra: Any) -> dict[str, Any]:
    return {"json_schema_extra": extra}


def choice(kind: str, default: Any = None, **kw: Any) -> Any:
    """A column holding a key of the `Choice` named `kind`."""
    return Field(default=default, schema_extra=meta(choice=kind), **kw)


def choices(kind: str, **kw: Any) -> Any:
    """A JSON list column holding keys of the `Choice` named `kind`."""
    return Field(default_factory=list, sa_type=JSON, schema_extra=meta(list_of=kind), **kw)


def text_list(**kw: Any) -> Any:
    """A JSON list of free-text strings (names of inspectors, for instance)."""
    return Field(default_factory=list, sa_type=JSON, schema_extra=meta(list_of="text"), **kw)


def personal(default: Any = None, **kw: Any) -> Any:
    """Personal data: left out of the public list and of public exports."""
    return Field(default=default, schema_extra=meta(personal=True), **kw)


class SyncedRow(SQLModel):
    """Columns of every row that travels in sync bundles.

    Rows are never hard-deleted: `deleted` is an ordinary last-writer-wins field, set by a
    tombstone operation, so a deletion syncs like any edit and can be reversed.
    """

    id: str = Field(default_factory=uuid7, primary_key=True, max_length=64)
    deleted: bool = Field(default=False)
