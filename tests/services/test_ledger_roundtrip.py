"""Whatever the program exports, it imports again: every ledger format of the demo
register, through `ledger import` into a fresh database, exports the same again.

Some names begin as a spreadsheet formula would (`=`, `+`, `-`, `@`): whether an export
neutralises them or not, they must come back exactly as they were typed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from inspector.data.db import open_database
from inspector.services.ledger import export_ledger, import_ledger, is_ledger_header
from inspector.services.tables import Table

FORMULA_NAMES = ("=1+2 排口", "+86 雨水排口", "-1# 泵站排口", "@沁河 排口")


def _rows(path: Path) -> dict[str, dict[str, Any]]:
    """Rows of an exported ledger by outfall code (the row's internal id left out)."""
    table = Table(path)
    header = table.find_header(is_ledger_header)
    out = {}
    try:
        for row in table:
            cells = dict(zip(header, (str(c) for c in row.cells), strict=False))
            cells.pop("id", None)
            out[cells["排污口编码"]] = cells
    finally:
        table.close()
    return out


@pytest.fixture
def named(demo_db: Any) -> Any:
    from inspector.models import Outfall

    with demo_db.read() as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM outfall WHERE deleted=0 LIMIT 4")]
    with demo_db.write(reason="test: names like formulas") as w:
        for outfall_id, name in zip(ids, FORMULA_NAMES, strict=True):
            w.update(Outfall, outfall_id, {"name": name})
    return demo_db


@pytest.mark.parametrize(
    ("suffix", "public"),
    [(".csv", False), (".xlsx", False), (".geojson", False), (".kml", False), (".csv", True)],
)
def test_every_export_imports_again(named: Any, tmp_path: Path, suffix: str, public: bool) -> None:
    first = tmp_path / f"register{suffix}"
    export_ledger(named, first, public=public)
    fresh = open_database(tmp_path / "fresh.db")
    report = import_ledger(fresh, first)
    assert report.ok, [p.render() for p in report.problems[:5]]
    assert report.created == report.rows > 2000
    again = tmp_path / f"again{suffix}"
    export_ledger(fresh, again, public=public)
    before, after = _rows(first), _rows(again)
    assert before == after
    names = {row["排污口名称"] for row in after.values()}
    assert set(FORMULA_NAMES) <= names
