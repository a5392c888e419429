"""Spreadsheets import exactly what a person sees in them, or nothing (issue 11, item 1):
every row that holds data whatever `<dimension>` says, the active visible sheet, a
header below title rows, no expansion bombs, and the right row for a bad encoding."""

from __future__ import annotations

import io
import json
import re
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import pytest

from inspector.i18n import Problem
from inspector.services.ledger import import_ledger
from tests.conftest import LEDGER_HEADER, ledger_row, run_inspector, write_ledger


def _cells(n: int, **overrides: Any) -> list[Any]:
    row = ledger_row(n, **overrides)
    return [row[h] for h in LEDGER_HEADER]


def _rewrite_member(path: Path, member: str, edit: Any) -> None:
    """Byte-edit one member of a workbook, as another program might have written it."""
    with zipfile.ZipFile(path) as zf:
        parts = [(info, zf.read(info)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in parts:
            out.writestr(info.filename, edit(data) if info.filename == member else data)


def _codes(db: Any) -> set[str]:
    with db.read() as conn:
        return {r[0] for r in conn.execute("SELECT code FROM outfall WHERE deleted=0")}


# -- <dimension> ---------------------------------------------------------------------------


@pytest.mark.parametrize("declared", ["A1:Q5", "A1"])
def test_every_row_and_column_is_read_whatever_the_dimension_says(
    db: Any, tmp_path: Path, declared: str
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(LEDGER_HEADER)
    for n in range(1, 21):
        sheet.append(_cells(n))
    path = tmp_path / "台账.xlsx"
    book.save(path)
    _rewrite_member(
        path,
        "xl/worksheets/sheet1.xml",
        lambda data: re.sub(
            rb'<dimension ref="[^"]*"', f'<dimension ref="{declared}"'.encode(), data
        ),
    )
    report = import_ledger(db, path)
    assert report.ok, [p.render() for p in report.problems]
    assert (report.rows, report.created) == (20, 20)
    assert len(_codes(db)) == 20


# -- which sheet ---------------------------------------------------------------------------


def _two_sheet_book(path: Path) -> Path:
    """A hidden first sheet (last year's ledger) and the visible, active one."""
    from openpyxl import Workbook

    book = Workbook()
    old = book.active
    old.title = "旧台账"
    old.append(LEDGER_HEADER)
    old.append(_cells(90))
    old.sheet_state = "hidden"
    current = book.create_sheet("台账")
    current.append(LEDGER_HEADER)
    current.append(_cells(1))
    current.append(_cells(2))
    book.active = 1
    book.save(path)
    return path


def test_a_hidden_first_sheet_is_not_what_is_imported(db: Any, tmp_path: Path) -> None:
    path = _two_sheet_book(tmp_path / "台账.xlsx")
    report = import_ledger(db, path)
    assert report.ok, [p.render() for p in report.problems]
    assert _codes(db) == {"410823GY0001", "410823GY0002"}
    assert report.sheet == "台账"


def test_sheet_by_name_even_a_hidden_one(db: Any, tmp_path: Path) -> None:
    path = _two_sheet_book(tmp_path / "台账.xlsx")
    report = import_ledger(db, path, sheet="旧台账")
    assert (report.ok, report.sheet) == (True, "旧台账")
    assert _codes(db) == {"410823GY0090"}
    with pytest.raises(Problem, match="no sheet “2024”; its sheets are “旧台账”、“台账”"):
        import_ledger(db, path, sheet="2024")


def test_several_visible_sheets_and_a_hidden_active_one_is_refused_by_name(
    db: Any, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    for title in ("武陟县", "温县", "草稿"):
        sheet = book.create_sheet(title)
        sheet.append(LEDGER_HEADER)
        sheet.append(_cells(len(book.sheetnames)))
    book.remove(book["Sheet"])
    book["草稿"].sheet_state = "hidden"
    path = tmp_path / "台账.xlsx"
    book.save(path)
    # Made by a program that let the hidden sheet be the active one.
    _rewrite_member(
        path,
        "xl/workbook.xml",
        lambda data: (
            re.sub(rb'activeTab="\d+"', b'activeTab="2"', data)
            if b"activeTab" in data
            else data.replace(b"<workbookView", b'<workbookView activeTab="2"')
        ),
    )
    with pytest.raises(Problem, match="several visible sheets \\(“武陟县”、“温县”\\)"):
        import_ledger(db, path)
    assert _codes(db) == set()
    assert import_ledger(db, path, sheet="温县").created == 1


# -- title rows ----------------------------------------------------------------------------


def test_a_merged_title_row_above_the_header(db: Any, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["武陟县入河排污口排查整治台账（2025年）"])
    sheet.merge_cells("A1:Q1")
    sheet.append(["填报单位：武陟县生态环境分局", None, None, "填报日期：2025-06-30"])
    sheet.append([])
    sheet.append(LEDGER_HEADER)
    sheet.append(_cells(1))
    sheet.append(_cells(2, **{"县(市、区)": "不存在县"}))
    path = tmp_path / "台账.xlsx"
    book.save(path)
    report = import_ledger(db, path)
    assert report.header_row == 4
    # Rows are numbered as Excel shows them.
    assert [(p.row, p.column) for p in report.problems] == [(6, "县(市、区)")]
    sheet.delete_rows(6)
    book.save(path)
    report = import_ledger(db, path)
    assert (report.ok, report.rows, report.header_row) == (True, 1, 4)


def test_a_title_row_in_a_csv(db: Any, tmp_path: Path) -> None:
    path = tmp_path / "台账.csv"
    body = write_ledger(tmp_path / "body.csv", [ledger_row(1)]).read_text(encoding="utf-8-sig")
    path.write_text("温县入河排污口台账,,,\n" + body, encoding="utf-8-sig")
    report = import_ledger(db, path)
    assert (report.ok, report.header_row, report.created) == (True, 2, 1)


def test_header_far_down_needs_header_row(db: Any, tmp_path: Path) -> None:
    path = tmp_path / "台账.csv"
    body = write_ledger(tmp_path / "body.csv", [ledger_row(1)]).read_text(encoding="utf-8-sig")
    notes = "".join(f"说明第{n}条\n" for n in range(1, 25))
    path.write_text(notes + body, encoding="utf-8-sig")
    with pytest.raises(Problem, match=r"first 20 .*--header-row"):
        import_ledger(db, path)
    report = import_ledger(db, path, header_row=25)
    assert (report.ok, report.header_row, report.created) == (True, 25, 1)
    with pytest.raises(Problem, match=r"Row 3 of b\.csv is empty or missing"):
        import_ledger(db, write_ledger(tmp_path / "b.csv", []), header_row=3)


def test_cli_says_which_sheet_and_row_it_read(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "说明"
    book.active.append(["本工作簿的第二张表是台账"])
    sheet = book.create_sheet("台账")
    sheet.append(["武陟县入河排污口台账"])
    sheet.append(LEDGER_HEADER)
    sheet.append(_cells(1))
    path = tmp_path / "台账.xlsx"
    book.save(path)
    db = str(tmp_path / "c.db")
    result = run_inspector("--db", db, "ledger", "import", str(path), "--sheet", "台账")
    assert result.returncode == 0, result.stderr
    assert "Read the sheet “台账”, with the header in row 2" in result.stdout
    result = run_inspector("--db", db, "ledger", "import", str(path), "--json", "--sheet", "台账")
    document = json.loads(result.stdout)
    assert (document["sheet"], document["header_row"]) == ("台账", 2)
    # The active sheet is the explanation, which has no ledger header: that is said, with
    # the other sheet's name.
    result = run_inspector("--db", db, "ledger", "import", str(path))
    assert result.returncode == 1
    assert "“台账”" in result.stderr
    assert "--sheet" in result.stderr


# -- archives that expand too far ------------------------------------------------------


def _shared_strings_bomb(path: Path, megabytes: int) -> Path:
    """A valid workbook whose shared strings are `megabytes` of one repeated string:
    about a thousand times smaller compressed."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(LEDGER_HEADER)
    book.save(path)
    item = b"<si><t>" + "武陟县宏达化工有限公司".encode() * 8 + b"</t></si>"
    count = megabytes * 1_000_000 // len(item)
    body = io.BytesIO()
    body.write(
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (count, count)
    )
    body.write(item * count)
    body.write(b"</sst>")
    with zipfile.ZipFile(path) as zf:
        parts = [(i.filename, zf.read(i)) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for name, data in parts:
            if name == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            if name == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                    b"</Relationships>",
                )
            out.writestr(name, data)
        out.writestr("xl/sharedStrings.xml", body.getvalue())
    return path


def test_a_workbook_that_expands_too_far_is_refused_before_it_is_read(
    db: Any, tmp_path: Path
) -> None:
    path = _shared_strings_bomb(tmp_path / "台账.xlsx", 60)
    assert path.stat().st_size < 600_000
    tracemalloc.start()
    try:
        with pytest.raises(Problem, match=r"would expand .*sharedStrings\.xml"):
            import_ledger(db, path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Nothing was expanded: reading those strings costs several times their 60 MB.
    assert peak < 10_000_000
    assert _codes(db) == set()


def test_the_rule_is_the_bundles_rule() -> None:
    from inspector.services import zipcheck
    from inspector.services.sync import archive

    assert archive.expands_too_far is zipcheck.expands_too_far
    assert archive.check_layout is zipcheck.check_layout


# -- encodings -------------------------------------------------------------------------------


def test_a_bad_encoding_row_is_named_by_its_own_number(db: Any, tmp_path: Path) -> None:
    """Row 402 was reported as 389: the decoder reads ahead of the CSV reader."""
    rows = [ledger_row(n, 备注="巡查记录：水体清澈无异味。" * 3) for n in range(1, 500)]
    good = write_ledger(tmp_path / "good.csv", rows, encoding="utf-8").read_bytes()
    lines = good.split(b"\r\n")
    # Row 402 (the header is row 1) names its owner in GBK, as a clerk's old Excel wrote it.
    cells = lines[401].split(b",")
    cells[11] = "武陟县张庄养殖场".encode("gbk")
    lines[401] = b",".join(cells)
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"\r\n".join(lines))
    report = import_ledger(db, path)
    assert not report.applied
    assert [(p.row, p.column) for p in report.problems] == [(402, "责任主体")]
    assert "not utf-8" in report.problems[0].message.lower()
    assert _codes(db) == set()
