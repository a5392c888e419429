"""The command line as users and scripts meet it: exit status, one-line errors, JSON."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import ledger_row, run_inspector, write_ledger


def one_clear_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def test_help_in_both_languages() -> None:
    en = run_inspector("--help")
    assert en.returncode == 0
    assert "ledger" in en.stdout
    assert "offline tool" in en.stdout
    zh = run_inspector("--lang", "zh", "ledger", "import", "--help")
    assert zh.returncode == 0
    assert "用法" in zh.stdout
    assert "试运行" in zh.stdout or "只检查" in zh.stdout


def test_usage_errors_exit_1_not_2() -> None:
    """Exit 2 means a rejected bundle in this program; a typo is a usage error (1)."""
    result = run_inspector("ledger", "import")
    assert result.returncode == 1
    assert "FILE" in result.stderr
    result = run_inspector("no-such-command")
    assert result.returncode == 1


def test_init_then_import_then_export(tmp_path: Path) -> None:
    db = str(tmp_path / "county.db")
    result = run_inspector(
        "--db",
        db,
        "init",
        "--name",
        "武陟县分局",
        "--role",
        "county",
        "--region",
        "410823",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["role"] == "county"
    assert len(info["fingerprint"].split()) == 8
    key = Path(db + ".key")
    assert key.exists()
    if os.name == "posix":
        assert key.stat().st_mode & 0o077 == 0
    again = run_inspector(
        "--db",
        db,
        "init",
        "--name",
        "武陟县分局",
        "--role",
        "county",
        "--region",
        "410823",
        "--json",
    )
    assert json.loads(again.stdout)["public_key"] == info["public_key"]  # identity kept

    ledger = write_ledger(tmp_path / "台账.csv", [ledger_row(1), ledger_row(2)])
    result = run_inspector("--db", db, "ledger", "import", str(ledger), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["created"] == 2
    assert report["applied"]

    result = run_inspector("--db", db, "ledger", "export", str(tmp_path / "out.csv"))
    assert result.returncode == 0
    assert "2" in result.stdout


def test_bad_ledger_exits_1_listing_rows_and_changes_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    ledger = write_ledger(
        tmp_path / "bad.csv", [ledger_row(1, 纬度="x"), ledger_row(2, 受纳水体="长江")]
    )
    result = run_inspector("--db", db, "ledger", "import", str(ledger))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert "2 problem(s)" in lines[0]
    assert "Row 2, 纬度" in lines[1]
    assert "Row 3, 受纳水体" in lines[2]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM op").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["ledger", "import", "/nonexistent/ledger.csv"], "No ledger file"),
        (["ledger", "export", "out.pdf"], "formats"),
        (
            ["init", "--name", "x", "--role", "field", "--region", "999999"],
            "Unknown region code 999999",
        ),
    ],
)
def test_bad_input_is_one_sentence(tmp_path: Path, args: list[str], needle: str) -> None:
    from inspector.data.db import open_database

    open_database(tmp_path / "c.db")
    result = run_inspector("--db", str(tmp_path / "c.db"), *args)
    assert result.returncode == 1
    assert needle in one_clear_line(result.stderr)


def test_database_in_a_missing_folder(tmp_path: Path) -> None:
    result = run_inspector("--db", str(tmp_path / "no" / "such" / "x.db"), "doctor")
    assert result.returncode == 1
    assert "does not exist" in one_clear_line(result.stderr)
    assert not (tmp_path / "no").exists()


def test_database_that_is_not_a_database(tmp_path: Path) -> None:
    fake = tmp_path / "x.db"
    fake.write_text("hello", encoding="utf-8")
    result = run_inspector("--db", str(fake), "doctor")
    assert result.returncode == 1
    assert "not a SQLite database" in one_clear_line(result.stderr)


def test_read_only_database(tmp_path: Path) -> None:
    import subprocess
    import sys

    from inspector.data.db import open_database
    from tests.conftest import read_only_command

    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "ro.db"
    open_database(path)
    ledger = write_ledger(tmp_path / "l.csv", [ledger_row(1)])
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        base = [sys.executable, "-m", "inspector", "--db", str(path)]
        importing = read_only_command(folder, [*base, "ledger", "import", str(ledger)])
        if importing is None:
            pytest.skip(
                "running as root with neither mount namespaces nor setpriv: nothing is read-only for root"
            )
        result = subprocess.run(importing, capture_output=True, text=True, check=False)
        assert result.returncode == 1
        assert "read-only" in one_clear_line(result.stderr)
        # Reading is still possible.
        exporting = read_only_command(folder, [*base, "ledger", "export", str(tmp_path / "x.csv")])
        assert exporting is not None
        result = subprocess.run(exporting, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM op").fetchone()[0] == 0


def test_doctor_reports_and_backs_up(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_inspector("--db", str(demo_db.path), "doctor", "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["ok"]
    assert {c["check"] for c in report["checks"]} >= {
        "integrity",
        "foreign_keys",
        "rows_vs_log",
        "search_index",
        "key",
    }
    assert Path(report["backup"]).exists()
    # Damage the search index (derived data): doctor repairs it.
    with sqlite3.connect(demo_db.path) as conn:
        conn.execute(
            "DELETE FROM outfall_search_doc WHERE num IN (SELECT num FROM outfall_search_doc LIMIT 5)"
        )
    result = run_inspector("--db", str(demo_db.path), "doctor", "--no-backup", "--json")
    checks = {c["check"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks["search_index"]["ok"]
    assert "5 outfalls" in checks["search_index"]["details"][0]
    # Damage a row behind the log's back: doctor says so and exits 1.
    with sqlite3.connect(demo_db.path) as conn:
        conn.execute(
            "UPDATE outfall SET name='篡改' WHERE rowid IN (SELECT rowid FROM outfall LIMIT 1)"
        )
    result = run_inspector("--db", str(demo_db.path), "doctor", "--no-backup", "--full")
    assert result.returncode == 1
    assert "differs from the log" in result.stdout


@pytest.mark.long
def test_demo_builds_without_ui(tmp_path: Path) -> None:
    result = run_inspector("--db", str(tmp_path / "d.db"), "demo", "--no-tui")
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(tmp_path / "d.db") as conn:
        states = {s for (s,) in conn.execute("SELECT DISTINCT state FROM outfall")}
        assert conn.execute("SELECT COUNT(*) FROM outfall").fetchone()[0] >= 2000
        statuses = {s for (s,) in conn.execute("SELECT DISTINCT status FROM remediation")}
    from inspector.domain.choices import RemediationStatus, State

    assert states == {s.value for s in State}
    assert statuses == {s.value for s in RemediationStatus}
    assert not (tmp_path / "d.db.building").exists()


def test_reference_export_import_round_trip(tmp_path: Path) -> None:
    from inspector.data.db import open_database

    db = str(open_database(tmp_path / "r.db").path)
    out = tmp_path / "jz.json"
    assert (
        run_inspector("--db", db, "reference", "export", str(out), "--city", "410800").returncode
        == 0
    )
    doc = json.loads(out.read_text(encoding="utf-8"))
    doc["rivers"].append(
        {
            "name": "大沙河",
            "name_en": "Dasha River",
            "basin": "海河",
            "regions": ["410822", "410821"],
        }
    )
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = run_inspector("--db", db, "reference", "import", str(out), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["rivers"] == 10
    ledger = write_ledger(tmp_path / "l.csv", [ledger_row(1, 受纳水体="大沙河", 县="修武县")])
    assert run_inspector("--db", db, "ledger", "import", str(ledger)).returncode == 0
    doc["rivers"][-1]["regions"] = ["999999"]
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = run_inspector("--db", db, "reference", "import", str(out))
    assert result.returncode == 1
    assert "999999" in one_clear_line(result.stderr)


def test_no_command_writes_over_a_file_without_force(demo_db, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Every command that writes a file refuses one already there, naming it, unless
    --force is given: the same rule as the UI's question."""
    from inspector.cli import run

    with demo_db.read() as conn:
        photo = conn.execute("SELECT id FROM photo LIMIT 1").fetchone()[0]
        plan = conn.execute("SELECT id FROM plan LIMIT 1").fetchone()[0]
    db = ["--db", str(demo_db.path)]
    out = tmp_path / "out"
    commands = [
        (["ledger", "export", "{f}.xlsx"], ["{f}.xlsx"]),
        (["reference", "export", "{f}.json", "--city", "410800"], ["{f}.json"]),
        (["photos", "stamp", photo, "{f}.jpg"], ["{f}.jpg"]),
        (["bundle", "export", "{f}.bundle", "--all"], ["{f}.bundle"]),
        (["plan", "publish", plan, "{f}.xlsx"], ["{f}.xlsx"]),
        (["report", "annual", "--year", "2026", "--out", "{f}"], ["{f}.md", "{f}.xlsx"]),
        (
            ["report", "self-inspection", "--year", "2026", "--half", "2", "--out", "{f}"],
            ["{f}.xlsx"],
        ),
        (["report", "public-list", "{f}.csv"], ["{f}.csv"]),
        (["assess", "export", "{f}.md", "--year", "2026"], ["{f}.md"]),
    ]
    for n, (args, files) in enumerate(commands):
        stem = str(out) + str(n)
        argv = [a.format(f=stem) for a in args]
        there = Path(files[-1].format(f=stem))
        there.write_bytes(b"keep me")
        assert run([*db, *argv]) == 1, argv
        err = capsys.readouterr().err
        assert str(there) in err, (argv, err)
        assert "--force" in err
        assert there.read_bytes() == b"keep me", argv
        assert run([*db, *argv, "--force"]) == 0, (argv, capsys.readouterr().err)
        assert there.read_bytes() != b"keep me", argv
        capsys.readouterr()
