"""Names in the order a reader looks for them: pinyin, not code point."""

from __future__ import annotations

import pytest

from inspector.i18n.collation import sorted_names


def test_chinese_names_sort_by_pinyin() -> None:
    rivers = ["沁河", "黄河", "卫河", "丹河", "济河", "蟒河", "新蟒河", "共产主义渠", "滩区涝河"]
    assert sorted(rivers) != sorted_names(rivers)  # code point: radical and stroke order
    assert sorted_names(rivers) == [
        "丹河", "共产主义渠", "黄河", "济河", "蟒河", "沁河", "滩区涝河", "卫河", "新蟒河",
    ]  # fmt: skip


def test_mixed_names_numbers_and_case() -> None:
    assert sorted_names(["b", "A", "排口10#", "排口9#", "Wei River"]) == [
        "A",
        "b",
        "排口9#",
        "排口10#",
        "Wei River",
    ]


def test_the_progress_report_lists_rivers_by_name(
    demo_db, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    from inspector.cli import run

    capsys.readouterr()
    assert run(["--lang", "zh", "--db", str(demo_db.path), "report", "progress"]) == 0
    lines = capsys.readouterr().out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("受纳水体")) + 3
    rivers = [line.split()[0] for line in lines[start:] if line.strip()][:9]
    assert rivers == sorted_names(rivers)
    assert rivers[0] == "丹河"
