"""Plain-text tables for the terminal, aligned for Chinese (wide) characters."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from inspector.domain.printable import printable


def width(text: str) -> int:
    """Columns a string takes in a terminal: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, size: int, *, right: bool = False) -> str:
    gap = " " * max(0, size - width(text))
    return gap + text if right else text + gap


def render(
    header: Sequence[str], rows: Sequence[Sequence[Any]], *, numeric: Sequence[int] = ()
) -> str:
    """Columns separated by two spaces; the columns in `numeric` right-aligned."""
    # One cell, one line: a newline or escape sequence in a name would break the table.
    cells = [[("" if v is None else printable(str(v))) for v in row] for row in rows]
    sizes = [width(h) for h in header]
    for row in cells:
        for i, value in enumerate(row):
            sizes[i] = max(sizes[i], width(value))
    lines = ["  ".join(pad(h, sizes[i], right=i in numeric) for i, h in enumerate(header))]
    lines.append("  ".join("-" * s for s in sizes))
    for row in cells:
        lines.append("  ".join(pad(v, sizes[i], right=i in numeric) for i, v in enumerate(row)))
    return "\n".join(line.rstrip() for line in lines)
