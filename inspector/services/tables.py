"""Reading spreadsheets as a stream of rows: CSV in any encoding Excel saves in China,
and XLSX. Nothing is loaded whole: a 200 MB ledger is read one row at a time.

What is read is what a person sees in Excel: every row that holds data (whatever the
workbook's `<dimension>` claims), on the active visible sheet (a hidden sheet is never
read unless named), with row numbers as Excel shows them. A workbook is checked before
anything in it is expanded, by the rule sync bundles follow (`services.zipcheck`).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from inspector.i18n import Problem
from inspector.services.spreadsheet_cells import restore

SNIFF_BYTES = 64 * 1024
#: A header is looked for among this many rows at the top (title rows sit above it).
HEADER_SEARCH_ROWS = 20
#: What a workbook may expand to before it is refused unread. openpyxl holds a sheet's
#: shared strings in memory (about four times their XML size), so they get the tightest cap.
XLSX_MAX_MEMBERS = 10_000
XLSX_MAX_MEMBER = 2 << 30
XLSX_MAX_TOTAL = 4 << 30
XLSX_MAX_SHARED_STRINGS = 256 << 20


@dataclass
class TableRow:
    number: int
    """The row number a person sees in Excel (the header is row 1 in a plain CSV)."""
    cells: list[Any]
    undecodable: list[int] = field(default_factory=list)
    """Cells (0-based) holding bytes that are not text in the file's encoding (CSV)."""


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
    """Rows of a CSV or XLSX file. `find_header()` first, then iterate for `TableRow`s.

    `sheet` names the worksheet to read; without it, the active sheet if it is visible,
    else the only visible one (several visible and none active: refused, naming them).
    """

    def __init__(self, path: Path, *, sheet: str | None = None) -> None:
        self.path = path
        self.size = path.stat().st_size
        self.header: list[str] = []
        self.header_row = 1
        self.header_found = True
        """Whether `find_header()` found a row it accepted (else it gave the first row)."""
        self.encoding: str | None = None
        self.sheet: str | None = None
        """The worksheet read (XLSX)."""
        self.sheets: list[str] = []
        """Every visible worksheet of the workbook (XLSX)."""
        self._counter: _CountingReader | None = None
        self._rows: Iterator[TableRow] | None = None
        self._xlsx_total: int | None = None
        self._xlsx_done = 0
        suffix = path.suffix.lower()
        if suffix in (".csv", ".txt", ".tsv"):
            if sheet is not None:
                raise Problem("table.sheet_in_csv", file=path.name)
            self._open_csv()
        elif suffix in (".xlsx", ".xlsm"):
            self._open_xlsx(sheet)
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
        # Bytes that are not text in the encoding become lone surrogates, found row by
        # row below: a strict decoder fails a whole read-ahead block, rows before the
        # bad one, and so names the wrong row.
        text = io.TextIOWrapper(
            io.BufferedReader(counter),
            encoding=self.encoding,
            errors="surrogateescape",
            newline="",
        )
        sample = head.decode(self.encoding, errors="ignore").split("\n", 1)[0]
        delimiter = max(",\t;", key=sample.count) if any(c in sample for c in ",\t;") else ","
        reader = csv.reader(text, delimiter=delimiter)
        self._rows = self._csv_rows(reader, text)

    def _csv_rows(self, reader: Any, text: io.TextIOWrapper) -> Iterator[TableRow]:
        number = 0
        try:
            for cells in reader:
                number += 1
                bad = [i for i, cell in enumerate(cells) if _UNDECODABLE.search(cell)]
                if bad:
                    cells = [
                        _UNDECODABLE.sub("\ufffd", c) if i in bad else c
                        for i, c in enumerate(cells)
                    ]
                yield TableRow(number, [restore(c) for c in cells], bad)
        except csv.Error as exc:
            raise Problem(
                "table.bad_csv", file=self.path.name, row=number + 1, error=str(exc)
            ) from None
        finally:
            text.close()

    # -- XLSX ----------------------------------------------------------------------------

    def _open_xlsx(self, wanted: str | None) -> None:
        import zipfile

        self._check_archive()
        # openpyxl costs ~0.2 s to import; only spreadsheet imports pay for it.
        from openpyxl import load_workbook

        try:
            book = load_workbook(self.path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            raise Problem("table.bad_xlsx", file=self.path.name, error=type(exc).__name__) from None
        try:
            sheet = self._choose_sheet(book, wanted)
        except BaseException:
            book.close()
            raise
        self.sheet = sheet.title
        # The declared size is a guess for progress only: some writers under-declare it,
        # and openpyxl would stop reading where it says.
        self._xlsx_total = sheet.max_row
        sheet.reset_dimensions()
        self._rows = self._xlsx_rows(book, sheet)

    def _check_archive(self) -> None:
        import zipfile

        from inspector.services.zipcheck import UnsafeArchive, check_expansion

        try:
            with zipfile.ZipFile(self.path) as zf:
                check_expansion(
                    zf,
                    max_members=XLSX_MAX_MEMBERS,
                    max_member=XLSX_MAX_MEMBER,
                    max_total=XLSX_MAX_TOTAL,
                )
                for info in zf.infolist():
                    if (
                        info.filename.lower().endswith("sharedstrings.xml")
                        and info.file_size > XLSX_MAX_SHARED_STRINGS
                    ):
                        raise UnsafeArchive("too_big", info.filename)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
            raise Problem("table.bad_xlsx", file=self.path.name, error=type(exc).__name__) from None
        except UnsafeArchive as unsafe:
            if unsafe.reason == "damaged":
                raise Problem("table.bad_xlsx", file=self.path.name, error=unsafe.member) from None
            raise Problem(
                "table.unsafe_xlsx", file=self.path.name, member=unsafe.member or "*"
            ) from None

    def _choose_sheet(self, book: Any, wanted: str | None) -> Any:
        sheets = list(book.worksheets)
        visible = [s for s in sheets if getattr(s, "sheet_state", "visible") == "visible"]
        self.sheets = [s.title for s in visible]
        if wanted is not None:
            for match in (
                lambda s: s.title == wanted,
                lambda s: s.title.strip().casefold() == wanted.strip().casefold(),
            ):
                found = [s for s in sheets if match(s)]
                if found:
                    return found[0]
            raise Problem(
                "table.no_such_sheet",
                file=self.path.name,
                sheet=wanted,
                sheets=_names([s.title for s in sheets]),
            )
        try:
            active = book.active
        except (IndexError, AttributeError):
            active = None
        if active in visible:
            return active
        if len(visible) == 1:
            return visible[0]
        if not visible:
            raise Problem("table.no_visible_sheet", file=self.path.name)
        raise Problem("table.which_sheet", file=self.path.name, sheets=_names(self.sheets))

    def _xlsx_rows(self, book: Any, sheet: Any) -> Iterator[TableRow]:
        try:
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                self._xlsx_done = number
                yield TableRow(number, ["" if v is None else restore(v) for v in values])
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

    # -- common --------------------------------------------------------------------------

    def find_header(
        self,
        is_header: Callable[[list[str]], bool],
        *,
        row: int | None = None,
        within: int = HEADER_SEARCH_ROWS,
    ) -> list[str]:
        """Find the header row: row `row` when given, else the first of the top `within`
        rows that `is_header` accepts (title rows above it are skipped), else the first
        row that holds anything (for the caller to say what it lacks)."""
        assert self._rows is not None
        first: tuple[int, list[str]] | None = None
        for candidate in self._rows:
            if row is not None and candidate.number < row:
                continue
            cells = [str(c).strip() for c in candidate.cells]
            if row is not None:
                if candidate.number != row or not any(cells):
                    raise Problem("table.header_row_empty", file=self.path.name, row=row)
                return self._take_header(candidate.number, cells)
            if not any(cells):
                continue
            if first is None:
                first = (candidate.number, cells)
            if is_header(cells):
                return self._take_header(candidate.number, cells)
            if candidate.number >= first[0] + within - 1:
                break
        if row is not None:
            raise Problem("table.header_row_empty", file=self.path.name, row=row)
        if first is None:
            raise Problem("table.empty", file=self.path.name)
        # No header found: the caller says what the first row lacks.
        self.header_found = False
        return self._take_header(*first)

    def _take_header(self, number: int, cells: list[str]) -> list[str]:
        self.header_row = number
        self.header = cells
        return cells

    def __iter__(self) -> Iterator[TableRow]:
        assert self._rows is not None
        for row in self._rows:
            if row.undecodable or any(str(c).strip() for c in row.cells):
                yield row

    def close(self) -> None:
        if self._rows is not None and hasattr(self._rows, "close"):
            self._rows.close()


_UNDECODABLE = re.compile("[\udc80-\udcff]")


def _names(names: list[str]) -> str:
    return "、".join(f"“{n}”" for n in names)
