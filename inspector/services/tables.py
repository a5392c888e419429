"""Reading spreadsheets as a stream of rows: CSV in any encoding Excel saves in China,
and XLSX. Nothing is loaded whole: a 200 MB ledger is read one row at a time.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from inspector.i18n import Problem

SNIFF_BYTES = 64 * 1024


@dataclass
class TableRow:
    number: int
    """The row number a person sees in Excel (the header is row 1 in a plain CSV)."""
    cells: list[Any]


class _CountingReader(io.RawIOBase):
    """Counts bytes read from a binary file, for progress on a file read as text."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.count += n
        return n

    def close(self) -> None:
        self.raw.close()
        super().close()


def detect_encoding(head: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text"), else GB18030.

    GB18030 is a superset of GBK and GB2312, which is what Excel writes for "CSV" on a
    Chinese Windows. A sample that is valid UTF-8 is taken as UTF-8: GBK text is almost
    never also valid UTF-8.
    """
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=False)  # a character cut at the sample's end is fine
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"


class Table:
    """Rows of a CSV or XLSX file. Iterate for `TableRow`s; `header` is read first."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.size = path.stat().st_size
        self.header: list[str] = []
        self.header_row = 1
        self.encoding: str | None = None
        self._counter: _CountingReader | None = None
        self._rows: Iterator[TableRow] | None = None
        self._xlsx_total: int | None = None
        self._xlsx_done = 0
        suffix = path.suffix.lower()
        if suffix in (".csv", ".txt", ".tsv"):
            self._open_csv()
        elif suffix in (".xlsx", ".xlsm"):
            self._open_xlsx()
        elif suffix in (".geojson", ".json", ".kml"):
            self._open_geo(suffix)
        elif suffix == ".xls":
            raise Problem("table.xls_unsupported", file=path.name)
        else:
            raise Problem("table.unknown_format", file=path.name)

    # -- progress ------------------------------------------------------------------------

    @property
    def fraction_done(self) -> float:
        if self._counter is not None and self.size:
            return min(1.0, self._counter.count / self.size)
        if self._xlsx_total:
            return min(1.0, self._xlsx_done / self._xlsx_total)
        return 0.0

    # -- CSV -----------------------------------------------------------------------------

    def _open_csv(self) -> None:
        with self.path.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
        if not head.strip():
            raise Problem("table.empty", file=self.path.name)
        self.encoding = detect_encoding(head)
        counter = _CountingReader(self.path.open("rb"))
        self._counter = counter
        text = io.TextIOWrapper(io.BufferedReader(counter), encoding=self.encoding, newline="")
        sample = head.decode(self.encoding, errors="ignore").split("\n", 1)[0]
        delimiter = max(",\t;", key=sample.count) if any(c in sample for c in ",\t;") else ","
        reader = csv.reader(text, delimiter=delimiter)
        self._rows = self._csv_rows(reader, text)
        self.header = self._first_nonblank()

    def _csv_rows(self, reader: Any, text: io.TextIOWrapper) -> Iterator[TableRow]:
        number = 0
        try:
            for cells in reader:
                number += 1
                yield TableRow(number, cells)
        except UnicodeDecodeError:
            raise Problem(
                "table.bad_encoding", file=self.path.name, row=number + 1, encoding=self.encoding
            ) from None
        except csv.Error as exc:
            raise Problem(
                "table.bad_csv", file=self.path.name, row=number + 1, error=str(exc)
            ) from None
        finally:
            text.close()

    # -- XLSX ----------------------------------------------------------------------------

    def _open_xlsx(self) -> None:
        import zipfile

        # openpyxl costs ~0.2 s to import; only spreadsheet imports pay for it.
        from openpyxl import load_workbook

        try:
            book = load_workbook(self.path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            raise Problem("table.bad_xlsx", file=self.path.name, error=type(exc).__name__) from None
        sheet = book.worksheets[0]
        self._xlsx_total = sheet.max_row
        self._rows = self._xlsx_rows(book, sheet)
        self.header = self._first_nonblank()

    def _xlsx_rows(self, book: Any, sheet: Any) -> Iterator[TableRow]:
        try:
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                self._xlsx_done = number
                yield TableRow(number, ["" if v is None else v for v in values])
        except Exception as exc:  # openpyxl raises many kinds on a damaged sheet
            raise Problem("table.bad_xlsx", file=self.path.name, error=type(exc).__name__) from None
        finally:
            book.close()

    # -- GeoJSON and KML (what `ledger export` also writes) ---------------------------------

    def _open_geo(self, suffix: str) -> None:
        from inspector.services.tables_geo import read_geojson, read_kml

        header, cells = (read_kml if suffix == ".kml" else read_geojson)(self.path)

        def rows() -> Iterator[TableRow]:
            # Row numbers as a person counts features: the header is row 1.
            yield TableRow(1, list(header))
            for number, row in enumerate(cells, start=2):
                yield TableRow(number, row)

        self._rows = rows()
        self.header = self._first_nonblank()

    # -- common --------------------------------------------------------------------------

    def _first_nonblank(self) -> list[str]:
        assert self._rows is not None
        for row in self._rows:
            if any(str(c).strip() for c in row.cells):
                self.header_row = row.number
                return [str(c).strip() for c in row.cells]
        raise Problem("table.empty", file=self.path.name)

    def __iter__(self) -> Iterator[TableRow]:
        assert self._rows is not None
        for row in self._rows:
            if any(str(c).strip() for c in row.cells):
                yield row

    def close(self) -> None:
        if self._rows is not None and hasattr(self._rows, "close"):
            self._rows.close()
