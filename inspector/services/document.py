"""Reports as data: sections of paragraphs, tables and charts, rendered as Markdown,
XLSX (with native Excel charts through openpyxl), CSV or JSON.

A report is built once as a `Document` and every format is a rendering of it, so the
figures in the Markdown, the workbook and the terminal are the same figures. Charts carry
their own categories and series, so the UI can draw them in a terminal without reading
any table. Files are written under a temporary name and renamed when complete.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from inspector.i18n import Problem, language, t
from inspector.services.spreadsheet_cells import csv_cell, save_workbook, set_xlsx_cell, xlsx_row

#: How a column's numbers are shown: a share (0-1) as a percentage, a score with two
#: decimals, a count.
PERCENT = "percent"
SCORE = "score"
COUNT = "count"


@dataclass
class Table:
    key: str
    """Stable identifier (tests and the UI find tables by it)."""
    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    formats: dict[int, str] = field(default_factory=dict)
    """Column index -> PERCENT, SCORE or COUNT."""

    def column(self, name: str) -> list[Any]:
        i = self.columns.index(name)
        return [row[i] for row in self.rows]


@dataclass
class Series:
    name: str
    values: list[float]


@dataclass
class Chart:
    key: str
    title: str
    kind: str
    """"bar" (grouped columns) or "line"."""
    categories: list[str]
    series: list[Series]
    unit: str = ""
    """"%" when the values are shares (0-1) shown as percentages."""


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


@dataclass
class Document:
    key: str
    title: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    """Label/value lines under the title: period, scope, due date, when made."""
    sections: list[Section] = field(default_factory=list)

    def table(self, key: str) -> Table:
        for section in self.sections:
            for table in section.tables:
                if table.key == key:
                    return table
        raise KeyError(key)

    def chart(self, key: str) -> Chart:
        for section in self.sections:
            for chart in section.charts:
                if chart.key == key:
                    return chart
        raise KeyError(key)

    def as_json(self) -> dict[str, Any]:
        return _jsonable(asdict(self))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# -- cells ---------------------------------------------------------------------------------


def text_cell(value: Any, fmt: str | None = None) -> str:
    """A cell as Markdown/CSV text."""
    if value is None:
        return "—" if fmt else ""
    if fmt == PERCENT and isinstance(value, int | float | Decimal):
        return f"{float(value) * 100:.1f}%"
    if fmt == SCORE and isinstance(value, int | float | Decimal):
        return f"{Decimal(str(value)):.2f}"
    if isinstance(value, bool):
        return ("是" if value else "否") if language() == "zh" else ("yes" if value else "no")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


# -- Markdown ------------------------------------------------------------------------------


def render_markdown(doc: Document) -> str:
    out = [f"# {doc.title}", ""]
    for label, value in doc.facts:
        out.append(f"- {label}: {value}" if language() != "zh" else f"- {label}：{value}")
    if doc.facts:
        out.append("")
    for section in doc.sections:
        out += [f"## {section.title}", ""]
        for paragraph in section.paragraphs:
            out += [paragraph, ""]
        for table in section.tables:
            out += _markdown_table(table)
        for chart in section.charts:
            out += _markdown_chart(chart)
    return "\n".join(out).rstrip() + "\n"


def _markdown_table(table: Table) -> list[str]:
    lines = [f"**{table.title}**", ""]
    if not table.rows:
        return [*lines, "—", ""]
    lines.append("| " + " | ".join(_md_escape(c) for c in table.columns) + " |")
    lines.append("|" + "|".join(" --- " for _ in table.columns) + "|")
    for row in table.rows:
        cells = [_md_escape(text_cell(v, table.formats.get(i))) for i, v in enumerate(row)]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def _markdown_chart(chart: Chart) -> list[str]:
    """A chart in Markdown: a bar of block characters per value, readable anywhere."""
    lines = [f"**{chart.title}**", "", "```"]
    values = [v for s in chart.series for v in s.values]
    top = max([abs(v) for v in values] + [1e-9])
    scale = 1.0 if chart.unit == "%" and top <= 1 else top
    label_width = max((_width(c) for c in chart.categories), default=0)
    name_width = max((_width(s.name) for s in chart.series), default=0)
    for i, category in enumerate(chart.categories):
        for j, series in enumerate(chart.series):
            value = series.values[i]
            bar = "█" * round(30 * max(value, 0) / scale)
            shown = f"{value * 100:.1f}%" if chart.unit == "%" else _number(value)
            head = _pad(category if j == 0 else "", label_width)
            name = _pad(series.name, name_width) if len(chart.series) > 1 else ""
            lines.append(f"{head}  {name} {bar} {shown}".rstrip())
    return [*lines, "```", ""]


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


# -- XLSX ----------------------------------------------------------------------------------

_XLSX_FORMATS = {PERCENT: "0.0%", SCORE: "0.00", COUNT: "0"}


def write_xlsx(doc: Document, path: Path) -> None:
    """One sheet per section: its paragraphs, its tables, and its charts drawn from a
    data block written beside them."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, LineChart, Reference
    from openpyxl.styles import Font

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    # The cover holds the title and facts; a title too long for a sheet's name (or one
    # that a section repeats, as a single table's book does) names it "Overview".
    sections = {section.title for section in doc.sections}
    short = len(doc.title) <= _SHEET_MAX and doc.title not in sections
    cover = book.create_sheet(_sheet_name(doc.title if short else t("report.sheet.cover"), set()))
    # Every cell through xlsx_row/set_xlsx_cell: titles, labels and categories hold
    # names from the data too, and none of it may become a formula.
    cover.append(xlsx_row(cover, [doc.title]))
    cover["A1"].font = Font(bold=True, size=14)
    for label, value in doc.facts:
        cover.append(xlsx_row(cover, [label, value]))
    used = {cover.title}
    for section in doc.sections:
        sheet = book.create_sheet(_sheet_name(section.title, used))
        used.add(sheet.title)
        sheet.append(xlsx_row(sheet, [section.title]))
        sheet.cell(row=1, column=1).font = Font(bold=True, size=12)
        for paragraph in section.paragraphs:
            sheet.append(xlsx_row(sheet, [paragraph]))
        for table in section.tables:
            sheet.append([])
            sheet.append(xlsx_row(sheet, [table.title]))
            sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
            sheet.append(xlsx_row(sheet, table.columns))
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
            for row in table.rows:
                sheet.append(xlsx_row(sheet, [_xlsx_value(v) for v in row]))
                for i, fmt in table.formats.items():
                    sheet.cell(row=sheet.max_row, column=i + 1).number_format = _XLSX_FORMATS[fmt]
        anchor_col = max(2, max((len(t.columns) for t in section.tables), default=1) + 2)
        anchor_row = 2
        for chart in section.charts:
            if not chart.categories:
                continue
            # The chart's own data, to the right of everything else on the sheet.
            data_col = anchor_col + 10
            top = anchor_row
            set_xlsx_cell(sheet, top, data_col, chart.title)
            sheet.cell(row=top + 1, column=data_col, value="")
            for j, series in enumerate(chart.series):
                set_xlsx_cell(sheet, top + 1, data_col + 1 + j, series.name)
            for i, category in enumerate(chart.categories):
                set_xlsx_cell(sheet, top + 2 + i, data_col, category)
                for j, series in enumerate(chart.series):
                    c = sheet.cell(row=top + 2 + i, column=data_col + 1 + j, value=series.values[i])
                    if chart.unit == "%":
                        c.number_format = "0.0%"
            drawing = LineChart() if chart.kind == "line" else BarChart()
            drawing.title = chart.title
            data = Reference(
                sheet,
                min_col=data_col + 1,
                max_col=data_col + len(chart.series),
                min_row=top + 1,
                max_row=top + 1 + len(chart.categories),
            )
            cats = Reference(
                sheet,
                min_col=data_col,
                min_row=top + 2,
                max_row=top + 1 + len(chart.categories),
            )
            drawing.add_data(data, titles_from_data=True)
            drawing.set_categories(cats)
            if chart.unit == "%":
                drawing.y_axis.number_format = "0%"
            drawing.width, drawing.height = 18, 8
            sheet.add_chart(drawing, sheet.cell(row=anchor_row, column=anchor_col).coordinate)
            anchor_row += max(18, len(chart.categories) + 4)
        sheet.column_dimensions["A"].width = 28
    with atomic_file(path) as tmp:
        save_workbook(book, tmp)


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    return value


_SHEET_MAX = 31
_SHEET_SUBSTITUTES = {":": " - ", "/": "-", "\\": "-", "?": "", "*": "", "[": "(", "]": ")"}


def _sheet_name(title: str, used: set[str]) -> str:
    """Excel's rules (at most 31 characters, none of []:*?/\\, no apostrophe at either
    end, unique in the book, compared without case), kept readable: a colon becomes a
    dash rather than "_", and a long title is cut at a word with an ellipsis rather
    than in the middle of one."""
    text = "".join(_SHEET_SUBSTITUTES.get(ch, ch) for ch in title)
    text = " ".join(text.split()).strip("'") or "Sheet"

    def fit(value: str, room: int) -> str:
        if len(value) <= room:
            return value
        cut = value[: room - 1]
        # A word cut in two reads as a typing error: end at a space where there is one
        # (Chinese has none, and every character there is a word of its own).
        if " " in cut and value[room - 1] != " ":
            cut = cut[: cut.rindex(" ")]
        return cut.rstrip(" -,;(") + "…"

    taken = {u.casefold() for u in used}
    name, n = fit(text, _SHEET_MAX), 1
    while name.casefold() in taken:
        n += 1
        suffix = f" ({n})"
        name = fit(text, _SHEET_MAX - len(suffix)) + suffix
    return name


# -- CSV and single tables -----------------------------------------------------------------


def write_table(
    table: Table,
    path: Path,
    *,
    title: str | None = None,
    facts: Sequence[tuple[str, str]] = (),
) -> None:
    """One table as .csv, .xlsx or .md (by the file's suffix); `facts` head the .xlsx and
    .md (a CSV holds the table alone, so that it stays machine-readable)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with atomic_file(path) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            out = csv.writer(fh)
            out.writerow([csv_cell(c) for c in table.columns])
            for row in table.rows:
                out.writerow(
                    [
                        csv_cell(text_cell(v, table.formats.get(i)))
                        if isinstance(v, str)
                        else text_cell(v, table.formats.get(i))
                        for i, v in enumerate(row)
                    ]
                )
    elif suffix == ".xlsx":
        write_xlsx(
            Document(
                key=table.key,
                title=title or table.title,
                facts=list(facts),
                sections=[Section(title=table.title, tables=[table])],
            ),
            path,
        )
    elif suffix == ".md":
        doc = Document(key=table.key, title=title or table.title, facts=list(facts))
        text = render_markdown(doc) + "\n" + "\n".join(_markdown_table(table))
        with atomic_file(path) as tmp:
            tmp.write_text(text, encoding="utf-8")
    else:
        raise Problem("report.table_format", file=path.name, formats=".csv, .xlsx, .md")


def write_document(doc: Document, path: Path) -> None:
    """A document as .md or .xlsx (by suffix)."""
    suffix = path.suffix.lower()
    if suffix == ".md":
        with atomic_file(path) as tmp:
            tmp.write_text(render_markdown(doc), encoding="utf-8")
    elif suffix == ".xlsx":
        write_xlsx(doc, path)
    else:
        raise Problem("report.document_format", file=path.name, formats=".md, .xlsx")


@contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """A temporary path beside `path`, renamed onto it when the block succeeds."""
    if not path.parent.is_dir():
        raise Problem("out.no_directory", path=path.parent)
    fd, name = tempfile.mkstemp(prefix=path.name + ".", suffix=".part", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
