"""XLSX sheet names read as their titles do: no "_" for a colon, no word cut in two, no
" (2)" because the cover and the only table share one title."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from inspector.services.document import Table, _sheet_name, write_table


def test_a_single_table_book_names_its_sheets_cleanly(tmp_path: Path) -> None:
    table = Table(key="t", title="Bo'ai County 2026: results", columns=["a"], rows=[[1]])
    write_table(table, tmp_path / "r.xlsx")
    names = load_workbook(tmp_path / "r.xlsx").sheetnames
    assert names == ["Overview", "Bo'ai County 2026 - results"]


def test_sheet_names_keep_excel_rules_and_words() -> None:
    long = "Bo'ai County: outfall supervision work in 2026"
    name = _sheet_name(long, set())
    assert name == "Bo'ai County - outfall…"
    again = _sheet_name(long, {name})
    assert again.endswith(" (2)")
    assert len(again) <= 31
    assert "  " not in again
    for title in ("'a'", "x:y/z?*[w]", "B" * 40, "博爱县" * 20):
        got = _sheet_name(title, set())
        assert len(got) <= 31
        assert not set(got) & set("[]:*?/\\")
        assert not got.startswith("'")
        assert not got.endswith("'")
    assert _sheet_name("Summary", {"SUMMARY"}) == "Summary (2)"  # Excel ignores case
