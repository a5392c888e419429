"""Ledger import and export: every bad input named, nothing half-written, round trips exact."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from inspector.i18n import Problem
from inspector.services.ledger import export_ledger, import_ledger
from tests.conftest import LEDGER_HEADER, ledger_row, write_ledger


def counts(db) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with db.read() as conn:
        return {
            t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("outfall", "owner", "owner_assignment", "remediation", "op", "ledger_import")
        }


def problems(report) -> list[tuple[int | None, str | None]]:  # type: ignore[no-untyped-def]
    return [(p.row, p.column) for p in report.problems]


# -- good files --------------------------------------------------------------------------------


def test_imports_a_good_ledger_with_owners_and_remediation(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_ledger(
        tmp_path / "台账.csv",
        [
            ledger_row(1),
            ledger_row(
                2,
                责任主体="政府兜底",
                统一社会信用代码="",
                状态="整治中",
                整治类型="取缔",
                整治时限="2026/6/30",
            ),
            ledger_row(
                3, 责任主体="", 统一社会信用代码="", 状态="疑似", 排污口类型="", 坐标系="GCJ-02"
            ),
        ],
    )
    report = import_ledger(db, path)
    assert report.ok, [p.render() for p in report.problems]
    assert (report.rows, report.created, report.applied) == (3, 3, True)
    with db.read() as conn:
        rows = dict(conn.execute("SELECT code, state FROM outfall").fetchall())
        assert rows == {
            "410823GY0001": "traced",
            "410823GY0002": "in_remediation",
            "410823GY0003": "suspected",
        }
        owner = conn.execute(
            "SELECT o.name, a.basis FROM owner_assignment a JOIN owner o ON o.id=a.owner_id "
            "JOIN outfall f ON f.id=a.outfall_id WHERE f.code='410823GY0002'"
        ).fetchone()
        assert owner == ("武陟县人民政府", "government_backstop")
        assert conn.execute("SELECT measure, deadline FROM remediation").fetchone() == (
            "ban",
            "2026-06-30",
        )
        # GCJ-02 input is stored as WGS-84, a few hundred metres away, and remembers its datum.
        _lat, lon, datum = conn.execute(
            "SELECT lat, lon, datum FROM outfall WHERE code='410823GY0003'"
        ).fetchone()
        assert datum == "gcj02"
        assert 0.001 < abs(lon - 113.3) < 0.01
        assert (
            conn.execute("SELECT category FROM outfall WHERE code='410823GY0003'").fetchone()[0]
            == "undetermined"
        )
        assert conn.execute("SELECT COUNT(*) FROM ledger_import").fetchone()[0] == 1


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_encodings_excel_saves_in_china(db, tmp_path: Path, encoding: str) -> None:  # type: ignore[no-untyped-def]
    path = write_ledger(tmp_path / "ledger.csv", [ledger_row(1), ledger_row(2)], encoding=encoding)
    report = import_ledger(db, path)
    assert report.ok
    assert report.created == 2
    with db.read() as conn:
        assert (
            conn.execute("SELECT name FROM outfall ORDER BY code")
            .fetchone()[0]
            .startswith("武陟县大封镇")
        )


def test_english_headers_and_tab_separated(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    english = [
        "Outfall code",
        "Outfall name",
        "County",
        "Longitude",
        "Latitude",
        "Receiving water",
        "State",
        "Owner",
        "credit_code",
    ]
    chinese = [
        "排污口编码",
        "排污口名称",
        "县(市、区)",
        "经度",
        "纬度",
        "受纳水体",
        "状态",
        "责任主体",
        "统一社会信用代码",
    ]
    row = ledger_row(1)
    path = tmp_path / "ledger.tsv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, delimiter="\t")
        out.writerow(english)
        out.writerow([row[c] for c in chinese])
    report = import_ledger(db, path)
    assert report.ok, [p.render() for p in report.problems]
    assert report.created == 1


def test_xlsx_in_and_out(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import Workbook, load_workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["排污口台账(2025年)"])  # a title row above the header, as counties do
    sheet.append(LEDGER_HEADER)
    row = ledger_row(1)
    sheet.append([row[h] for h in LEDGER_HEADER])
    row = ledger_row(2)
    cells = [row[h] for h in LEDGER_HEADER]
    cells[4], cells[5] = 113.31, 35.01  # numbers, not text
    sheet.append(cells)
    src = tmp_path / "ledger.xlsx"
    book.save(src)
    report = import_ledger(db, src)
    assert report.ok, [p.render() for p in report.problems]
    assert (report.header_row, report.rows) == (2, 2)
    out = tmp_path / "out.xlsx"
    export_ledger(db, out)
    back = load_workbook(out, read_only=True)
    rows = list(back.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:3] == ("排污口编码", "排污口名称", "县(市、区)")
    assert {r[0] for r in rows[1:]} == {"410823GY0001", "410823GY0002"}
    assert import_ledger(db, out).operations == 0


# -- upsert by code --------------------------------------------------------------------------


def test_reimport_of_an_edited_ledger_records_only_the_changed_fields(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = [ledger_row(n) for n in range(1, 6)]
    import_ledger(db, write_ledger(tmp_path / "v1.csv", rows))
    before = counts(db)["op"]
    rows[1]["备注"] = "2025年复核:排口已加装闸门"
    rows[3]["排放方式"] = "连续排放"
    rows[3]["乡镇"] = "乔庙镇"
    report = import_ledger(db, write_ledger(tmp_path / "v2.csv", rows))
    assert (report.updated, report.unchanged, report.created) == (2, 3, 0)
    with db.read() as conn:
        new_ops = [
            json.loads(f)
            for (f,) in conn.execute("SELECT fields FROM op WHERE seq > ? ORDER BY seq", (before,))
        ]
    assert sorted(new_ops, key=len) == [
        {"notes": "2025年复核:排口已加装闸门"},
        {"discharge_pattern": "continuous", "township": "乔庙镇"},
    ]


def test_owner_change_in_ledger_reassigns_and_keeps_history(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import_ledger(db, write_ledger(tmp_path / "v1.csv", [ledger_row(1)]))
    report = import_ledger(
        db,
        write_ledger(
            tmp_path / "v2.csv", [ledger_row(1, 责任主体="武陟县另一家公司", 统一社会信用代码="")]
        ),
    )
    assert report.ok
    with db.read() as conn:
        history = conn.execute(
            "SELECT o.name, a.valid_until FROM owner_assignment a JOIN owner o ON o.id=a.owner_id ORDER BY a.id"
        ).fetchall()
    assert [h[0] for h in history] == ["武陟县宏达化工有限公司", "武陟县另一家公司"]
    assert history[0][1] is not None
    assert history[1][1] is None


def test_rows_without_code_match_by_name_and_county(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = [ledger_row(1, 排污口编码=""), ledger_row(2, 排污口编码="")]
    import_ledger(db, write_ledger(tmp_path / "v1.csv", rows))
    rows[0]["备注"] = "更新"
    report = import_ledger(db, write_ledger(tmp_path / "v2.csv", rows))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    with db.read() as conn:
        codes = [c for (c,) in conn.execute("SELECT code FROM outfall ORDER BY code")]
    assert len(codes) == 2
    assert all(c.startswith("410823GY-") for c in codes)


def test_dry_run_writes_nothing(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    empty = counts(db)
    report = import_ledger(
        db, write_ledger(tmp_path / "l.csv", [ledger_row(1), ledger_row(2)]), dry_run=True
    )
    assert report.ok
    assert report.created == 2
    assert report.operations > 0
    assert not report.applied
    assert counts(db) == empty


# -- bad input: all or nothing, every bad row named ------------------------------------------------


def assert_nothing_written(db, before: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    assert counts(db) == before


@pytest.mark.parametrize(
    ("overrides", "column", "needle"),
    [
        ({"纬度": "95.5"}, "纬度", "out of range"),
        ({"纬度": "113.3", "经度": "35.0"}, "纬度", "swapped"),
        ({"经度": "约113.3"}, "经度", "not a coordinate"),
        ({"经度": "-113.3 E"}, "经度", "ambiguous"),
        ({"纬度": "31.2", "经度": "121.5"}, "纬度", "outside Jiaozuo"),  # Shanghai
        ({"统一社会信用代码": "914403001922038217"}, "统一社会信用代码", "should be “6”"),
        ({"统一社会信用代码": "91440300192203821"}, "统一社会信用代码", "18 characters"),
        ({"受纳水体": "长江"}, "受纳水体", "Unknown receiving water “长江”"),
        ({"县(市、区)": "海淀区"}, "县(市、区)", "Unknown county “海淀区”"),
        ({"排污口名称": ""}, "排污口名称", "required"),
        ({"排污口类型": "工厂"}, "排污口类型", "cannot be “工厂”"),
        ({"状态": "已溯源", "责任主体": "", "统一社会信用代码": ""}, "状态", "owner assignment"),
        ({"状态": "整治中"}, "状态", "remediation measure"),
        ({"整治时限": "明年"}, "整治时限", "must be a date"),
        ({"坐标系": "北京54"}, "坐标系", "cannot be"),
    ],
)
def test_each_bad_cell_is_named_and_nothing_is_written(
    db, tmp_path: Path, overrides: dict[str, Any], column: str, needle: str
) -> None:  # type: ignore[no-untyped-def]
    before = counts(db)
    rows = [ledger_row(1), ledger_row(2, **overrides), ledger_row(3)]
    report = import_ledger(db, write_ledger(tmp_path / "bad.csv", rows))
    assert not report.ok
    assert not report.applied
    assert problems(report) == [(3, column)]  # spreadsheet row 3: the header is row 1
    assert needle in report.problems[0].render()
    assert_nothing_written(db, before)


def test_every_bad_row_is_listed_not_just_the_first(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = [ledger_row(n) for n in range(1, 9)]
    rows[1]["纬度"] = "x"
    rows[4]["受纳水体"] = "长江"
    rows[6]["统一社会信用代码"] = "123"
    report = import_ledger(db, write_ledger(tmp_path / "bad.csv", rows))
    assert [p.row for p in report.problems] == [3, 6, 8]


def test_duplicate_codes_within_one_file(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = [ledger_row(1), ledger_row(2), ledger_row(1, 排污口名称="另一个排口")]
    report = import_ledger(db, write_ledger(tmp_path / "dup.csv", rows))
    assert problems(report) == [(4, "排污口编码")]
    assert "already appears in row 2" in report.problems[0].render()
    assert counts(db)["outfall"] == 0


def test_duplicate_codes_across_batches(
    db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from inspector.services import ledger

    monkeypatch.setattr(ledger, "BATCH", 3)
    rows = [ledger_row(n) for n in range(1, 8)] + [ledger_row(2)]
    report = import_ledger(db, write_ledger(tmp_path / "dup.csv", rows))
    assert problems(report) == [(9, "排污口编码")]


def test_outside_the_county_but_inside_the_city_is_a_warning(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # 武陟县 in the ledger, position in 孟州市: suspicious, but possible at a border.
    report = import_ledger(
        db, write_ledger(tmp_path / "w.csv", [ledger_row(1, 纬度="34.9", 经度="112.7")])
    )
    assert report.ok
    assert report.applied
    assert "outside Wuzhi County" in report.warnings[0].render()


def test_missing_required_columns(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    header = [h for h in LEDGER_HEADER if h not in ("纬度", "受纳水体")]
    path = write_ledger(tmp_path / "m.csv", [ledger_row(1)], header=header)
    with pytest.raises(Problem) as caught:
        import_ledger(db, path)
    assert "纬度 (Latitude)" in str(caught.value)
    assert "受纳水体 (Receiving water)" in str(caught.value)
    assert counts(db)["outfall"] == 0


def test_unknown_columns_are_refused_unless_ignored(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    header = [*LEDGER_HEADER, "受纳水休", "序号"]  # a typo; and a running number, which is fine
    path = write_ledger(tmp_path / "u.csv", [ledger_row(1)], header=header)
    with pytest.raises(Problem, match="受纳水休"):
        import_ledger(db, path)
    assert counts(db)["outfall"] == 0
    assert import_ledger(db, path, ignore_unknown=True).created == 1


def test_empty_file_and_header_only(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(Problem, match="is empty"):
        import_ledger(db, empty)
    blank = tmp_path / "blank.csv"
    blank.write_text("\n\n  \n", encoding="utf-8")
    with pytest.raises(Problem, match="is empty"):
        import_ledger(db, blank)
    header_only = write_ledger(tmp_path / "header.csv", [])
    with pytest.raises(Problem, match="no data rows"):
        import_ledger(db, header_only)
    assert counts(db)["op"] == 0


def test_not_a_spreadsheet(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fake = tmp_path / "ledger.xlsx"
    fake.write_text("this is not a zip", encoding="utf-8")
    with pytest.raises(Problem, match=r"not a valid \.xlsx"):
        import_ledger(db, fake)
    old = tmp_path / "ledger.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(Problem, match="old Excel file"):
        import_ledger(db, old)
    with pytest.raises(Problem, match="No ledger file"):
        import_ledger(db, tmp_path / "missing.csv")


def test_mixed_encoding_names_the_row(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "mixed.csv"
    good = write_ledger(
        tmp_path / "a.csv", [ledger_row(n) for n in range(1, 3000)], encoding="utf-8"
    ).read_bytes()
    path.write_bytes(good + "410823GY9999,武陟县排口".encode("gbk") + b"\n")
    report = import_ledger(db, path)
    assert not report.applied
    bad = [p for p in report.problems if p.column == "排污口名称"]
    assert [p.row for p in bad] == [3001]
    assert "UTF-8" in bad[0].message
    assert counts(db)["op"] == 0


@pytest.mark.slow
@pytest.mark.long
def test_a_200_megabyte_ledger_is_streamed(tmp_path: Path) -> None:
    """A 200 MB file goes through in bounded memory (checked in a fresh process)."""
    path = tmp_path / "big.csv"
    notes = "巡查记录:" + "水体清澈无异味,标志牌完好。" * 260  # about 4,000 characters
    row = ledger_row(1, 备注=notes)
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(LEDGER_HEADER)
        n = 0
        while fh.tell() < 200 * 1024 * 1024:
            n += 1
            row["排污口编码"] = f"410823GY{n:06d}"
            out.writerow([row[h] for h in LEDGER_HEADER])
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from inspector.data.db import open_database\n"
        "from inspector.services.ledger import import_ledger\n"
        f"db = open_database(Path({str(tmp_path / 'big.db')!r}))\n"
        f"r = import_ledger(db, Path({str(path)!r}), dry_run=True)\n"
        # VmHWM, not ru_maxrss: ru_maxrss survives exec and would report the test worker's peak.
        "peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
        "print(r.rows, r.created, r.problem_count, peak)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    rows, created, problem_count, max_rss_kb = map(int, out.stdout.split())
    assert rows == n
    assert created == n
    assert problem_count == 0
    assert max_rss_kb < 250 * 1024, f"peak memory {max_rss_kb // 1024} MB for a 200 MB file"


# -- export ---------------------------------------------------------------------------------


def live_outfalls(db) -> int:  # type: ignore[no-untyped-def]
    """The demo's register size (the field laptop's bundle adds a few to the 2,200)."""
    with db.read() as conn:
        n = int(conn.execute("SELECT COUNT(*) FROM outfall WHERE deleted=0").fetchone()[0])
    assert n >= 2200
    return n


def test_export_import_round_trip_changes_nothing(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "all.csv"
    export_ledger(demo_db, path)
    ops_before = counts(demo_db)["op"]
    report = import_ledger(demo_db, path)
    assert report.ok
    assert report.operations == 0
    assert report.unchanged == report.rows == live_outfalls(demo_db)
    assert counts(demo_db)["op"] == ops_before


def test_public_export_has_no_personal_data(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "public.csv"
    report = export_ledger(demo_db, path, public=True)
    text = path.read_text(encoding="utf-8-sig")
    header = text.splitlines()[0].split(",")
    assert "联系人" not in header
    assert "联系电话" not in header
    assert "备注" not in header
    with demo_db.read() as conn:
        phones = [p for (p,) in conn.execute("SELECT phone FROM owner WHERE phone IS NOT NULL")]
        people = [n for (n,) in conn.execute("SELECT name FROM owner WHERE kind='individual'")]
        contacts = [
            c for (c,) in conn.execute("SELECT contact FROM owner WHERE contact IS NOT NULL")
        ]
    assert phones
    assert people
    assert not any(p in text for p in phones)
    assert not any(n in text for n in people)
    assert not any(f",{c}," in text for c in contacts)
    assert report.rows == live_outfalls(demo_db)


def test_geojson_and_kml(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import xml.etree.ElementTree as ET

    export_ledger(demo_db, tmp_path / "r.geojson", county="武陟县")
    doc = json.loads((tmp_path / "r.geojson").read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    assert doc["features"]
    assert all(f["properties"]["县(市、区)"] == "武陟县" for f in doc["features"])
    lon, lat = doc["features"][0]["geometry"]["coordinates"]
    assert 112 < lon < 114
    assert 34 < lat < 36
    export_ledger(demo_db, tmp_path / "r.kml")
    root = ET.parse(tmp_path / "r.kml").getroot()  # noqa: S314 (our own output)
    assert len(root.findall(".//{http://www.opengis.net/kml/2.2}Placemark")) == live_outfalls(
        demo_db
    )


def test_export_refuses_unknown_format_and_leaves_no_partial_file(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Problem, match="formats"):
        export_ledger(demo_db, tmp_path / "r.pdf")
    assert list(tmp_path.glob("r.*")) == []


@pytest.mark.long
def test_ledger_import_survives_a_killed_process(tmp_path: Path) -> None:
    """kill -9 in the middle of an import: the database is intact and holds nothing of it."""
    from inspector.data.db import open_database

    db = open_database(tmp_path / "k.db")
    path = write_ledger(tmp_path / "l.csv", [ledger_row(n) for n in range(1, 30_001)])
    proc = subprocess.Popen(
        [sys.executable, "-m", "inspector", "--db", str(db.path), "ledger", "import", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ},
    )
    # Wait until the import has begun writing (its transaction holds the write lock).
    import time

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        wal = Path(str(db.path) + "-wal")
        if wal.exists() and wal.stat().st_size > 1_000_000:
            break
        time.sleep(0.02)
    proc.kill()
    proc.wait()
    with sqlite3.connect(db.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM outfall").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM op").fetchone()[0] == 0
    report = import_ledger(open_database(db.path), path)
    assert report.created == 30_000
