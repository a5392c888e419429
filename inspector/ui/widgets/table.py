"""The application's list table: Textual's DataTable, with text cells shown as typed.

DataTable reads a plain string cell as Rich markup: an owner named "某公司[/]" raised
MarkupError while the screen was drawn (a crash), and "[bold]X" showed as "X". Names,
evidence and notes come from people and other replicas, so every string cell here is
literal text, escaped (`domain.printable`), kept to one line and cut with an ellipsis
where its column ends, as the register and every `fit` cell are. A column's heading is cut
the same way: "Current value (from)" in a 16-cell column read "Current value (f", which
looks whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import CellType, ColumnKey, RowKey

if TYPE_CHECKING:
    from rich.text import TextType

from inspector.domain.printable import printable


def literal(value: Any) -> Any:
    """A string cell as plain text that ends in an ellipsis where cut; anything else
    (a Rich `Text` a screen styled itself, a number) as it is."""
    if isinstance(value, str):
        return Text(printable(value), no_wrap=True, overflow="ellipsis", end="")
    return value


def heading(label: TextType) -> Text:
    """A column's heading as plain text that ends in an ellipsis where cut."""
    if isinstance(label, Text):
        label = label.copy()
        label.no_wrap, label.overflow, label.end = True, "ellipsis", ""
        return label
    return Text(printable(label), no_wrap=True, overflow="ellipsis", end="")


class Table(DataTable[Any]):
    def add_column(
        self,
        label: TextType,
        *,
        width: int | None = None,
        key: str | None = None,
        default: CellType | None = None,
    ) -> ColumnKey:
        return super().add_column(heading(label), width=width, key=key, default=default)

    def add_row(
        self,
        *cells: CellType,
        height: int | None = 1,
        key: str | None = None,
        label: Any = None,
    ) -> RowKey:
        return super().add_row(*(literal(c) for c in cells), height=height, key=key, label=label)

    def update_cell(
        self,
        row_key: RowKey | str,
        column_key: ColumnKey | str,
        value: CellType,
        *,
        update_width: bool = False,
    ) -> None:
        super().update_cell(row_key, column_key, literal(value), update_width=update_width)
