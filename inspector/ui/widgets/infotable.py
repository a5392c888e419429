"""Read-only facts as aligned label/value pairs (wide characters measured properly)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text

from inspector.domain.printable import printable


def facts(pairs: Iterable[tuple[str, str | Text | None]], *, label_width: int = 18) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True, min_width=label_width)
    table.add_column(overflow="fold")
    for name, value in pairs:
        if value in (None, ""):
            table.add_row(name, Text("—", style="dim"))
        else:  # a value from the data, shown escaped (`domain.printable`)
            table.add_row(name, Text(printable(value)) if isinstance(value, str) else value)
    return table
