"""Cells of the spreadsheets and CSV files the program writes: nothing from the data
becomes a formula in the program that opens them (OWASP, "CSV Injection").

A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is what
Excel, WPS and LibreOffice may take for a formula (`=HYPERLINK(...)`, `@SUM(...)`,
`-2+3+cmd|...`). In XLSX such a cell is stored as text (never as a formula) and marked
"quote prefix", so the value is unchanged and stays text even when someone edits the
cell. CSV has no types: the cell gets a leading apostrophe, which these programs show as
text, and which the program's own readers (`restore`) take off again, so exports still
round-trip through import. Characters XML cannot hold (C0 controls) are written as
their escapes (`printable`), where openpyxl would refuse the whole file.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

from inspector.domain.printable import printable

#: Text that a spreadsheet program could read as a formula: the triggers, after any
#: apostrophes (so that text already beginning with one also survives a round trip).
_RISKY = re.compile(r"^'*[=+\-@\t\r]")
#: What XML 1.0 cannot hold, and openpyxl refuses to write.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def risky(text: str) -> bool:
    return bool(_RISKY.match(text))


def csv_cell(value: Any) -> Any:
    """A value for a CSV cell: risky text gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and _RISKY.match(value):
        return "'" + value
    return value


def restore(value: Any) -> Any:
    """Undo `csv_cell`: what a reader of the program's own CSV (or of a workbook Excel
    made from it) hands on."""
    if isinstance(value, str) and value.startswith("'") and _RISKY.match(value[1:]):
        return value[1:]
    return value


def xlsx_cell(sheet: Any, value: Any) -> Any:
    """A value for `sheet.append()` (a normal or write-only openpyxl sheet): risky text as
    a text cell with the quote prefix set, anything else unchanged."""
    if not isinstance(value, str):
        return value
    if _NOT_XML.search(value):
        value = _NOT_XML.sub(lambda m: printable(m.group()), value)
    if not _RISKY.match(value):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def xlsx_row(sheet: Any, values: Any) -> list[Any]:
    return [xlsx_cell(sheet, v) for v in values]


def set_xlsx_cell(sheet: Any, row: int, column: int, value: Any) -> Any:
    """`sheet.cell(row, column, value)` for a normal sheet, by the same rule."""
    safe = xlsx_cell(sheet, value)
    cell = sheet.cell(row=row, column=column)
    if isinstance(safe, str | int | float) or safe is None or safe is value:
        cell.value = safe
        return cell
    cell.value = safe.value
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def save_workbook(book: Any, path: Any) -> None:
    """`book.save(path)`, but a failure (a full disk) leaves no half-closed archive
    behind: openpyxl would leave it to the garbage collector, whose second attempt to
    close it prints a traceback after the one clear sentence."""
    import datetime as dt
    import zipfile

    from openpyxl.writer.excel import ExcelWriter

    archive = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    try:
        book.properties.modified = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        ExcelWriter(book, archive).save()
    except BaseException:
        # Closing writes the directory and flushes: on a full disk that fails too, but
        # the archive is then closed for good; the first error is the one that counts.
        with contextlib.suppress(Exception):
            archive.close()
        raise
