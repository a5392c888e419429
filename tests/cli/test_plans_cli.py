"""The plan, report, assess and incident commands: a clerk's year from the command line,
and every bad input refused in one line with exit status 1, changing nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from inspector.cli import run
from tests.conftest import run_inspector


@pytest.fixture(scope="module")
def county_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A register of twelve outfalls in 武陟县 along 沁河."""
    from inspector.data.db import open_database
    from inspector.domain.choices import State
    from inspector.services.replica import init_replica
    from tests.services.registers import outfalls

    path = tmp_path_factory.mktemp("cli") / "county.db"
    db = open_database(path)
    init_replica(db, name="武陟县分局", role="county", region="410823", user="王科长")
    with db.write() as w:
        outfalls(w, 12, state=State.TRACED)
    return path


def ops(path: Path) -> int:
    import sqlite3

    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM op").fetchone()[0])


BAD: list[tuple[list[str], str]] = [
    (
        [
            "plan",
            "draw",
            "--year",
            "2026",
            "--county",
            "不存在县",
            "--count",
            "3",
            "--inspectors",
            "甲,乙",
        ],
        "Unknown county",
    ),
    (
        [
            "plan",
            "draw",
            "--year",
            "2026",
            "--county",
            "武陟县",
            "--fraction",
            "0",
            "--inspectors",
            "甲,乙",
        ],
        "must be above 0",
    ),
    (
        [
            "plan",
            "draw",
            "--year",
            "2026",
            "--county",
            "武陟县",
            "--fraction",
            "1.5",
            "--inspectors",
            "甲,乙",
        ],
        "must be above 0 and at most 1",
    ),
    (
        [
            "plan",
            "draw",
            "--year",
            "2026",
            "--county",
            "武陟县",
            "--fraction",
            "abc",
            "--inspectors",
            "甲,乙",
        ],
        "is not a fraction",
    ),
    (
        [
            "plan",
            "draw",
            "--year",
            "2026",
            "--county",
            "武陟县",
            "--count",
            "3",
            "--fraction",
            "0.1",
            "--inspectors",
            "甲,乙",
        ],
        "not both",
    ),
    (
        ["plan", "draw", "--year", "2026", "--county", "武陟县", "--inspectors", "甲,乙"],
        "needs --count or --fraction",
    ),
    (
        [
            "plan",
            "draw",
            "--year",
            "2026",
            "--county",
            "修武县",
            "--count",
            "3",
            "--inspectors",
            "甲,乙",
        ],
        "has no outfalls to draw from",
    ),
    (
        [
            "plan",
            "draw",
            "--year",
            "2026",
            "--county",
            "武陟县",
            "--count",
            "3",
            "--inspectors",
            "甲",
        ],
        "two different inspectors",
    ),
    (
        [
            "plan",
            "draw",
            "--year",
            "2026",
            "--county",
            "武陟县",
            "--count",
            "3",
            "--inspectors",
            "甲, 甲 ",
        ],
        "two different inspectors",
    ),
    (
        [
            "plan",
            "draw",
            "--year",
            "2026",
            "--county",
            "武陟县",
            "--count",
            "13",
            "--inspectors",
            "甲,乙",
        ],
        "exceeds the 12 outfalls",
    ),
    (
        [
            "plan",
            "draw",
            "--year",
            "2026",
            "--county",
            "武陟县",
            "--count",
            "0",
            "--inspectors",
            "甲,乙",
        ],
        "at least 1",
    ),
    (
        [
            "plan",
            "draw",
            "--year",
            "2026",
            "--county",
            "武陟县",
            "--count",
            "3",
            "--method",
            "lottery",
            "--inspectors",
            "甲,乙",
        ],
        "Unknown method",
    ),
    (
        [
            "plan",
            "draw",
            "--year",
            "2026",
            "--county",
            "武陟县",
            "--count",
            "3",
            "--strata",
            "owner",
            "--inspectors",
            "甲,乙",
        ],
        "Unknown strata",
    ),
    (
        [
            "plan",
            "draw",
            "--year",
            "2026",
            "--county",
            "武陟县",
            "--count",
            "3",
            "--method",
            "full_coverage",
            "--inspectors",
            "甲,乙",
        ],
        "full-coverage",
    ),
    (
        [
            "plan",
            "draw",
            "--year",
            "2026",
            "--county",
            "武陟县",
            "--count",
            "3",
            "--inspectors",
            "@/no/such/file",
        ],
        "does not exist",
    ),
    (
        [
            "plan",
            "draw",
            "--year",
            "1999",
            "--county",
            "武陟县",
            "--count",
            "3",
            "--inspectors",
            "甲,乙",
        ],
        "not between 2000 and 2100",
    ),
    (
        [
            "plan",
            "draw",
            "--year",
            "2026",
            "--county",
            "武陟县",
            "--count",
            "3",
            "--start",
            "2026-12-25",
            "--inspectors",
            "甲,乙",
        ],
        "ends before it starts",
    ),
    (["plan", "show", "0000000000"], "No plan"),
    (["plan", "verify", "01"], "too short"),
    (["plan", "link", "--item", "x"], "--item needs --inspection"),
    (["plan", "link", "--inspection", "nope"], "No inspection"),
    (["plan", "recuse", "--inspector", "甲"], "one outfall or one owner"),
    (
        ["plan", "recuse", "--inspector", "甲", "--outfall", "410823T0001", "--owner", "某公司"],
        "one outfall or one owner",
    ),
    (["plan", "recuse", "--inspector", "甲", "--outfall", "NOPE"], "No outfall with code NOPE"),
    (["plan", "recuse", "--inspector", "甲" * 61, "--outfall", "410823T0001"], "too long"),
    (["plan", "withdraw", "nope"], "No declaration"),
    (["plan", "cancel-item", "nope", "--reason", "已取缔"], "No plan item"),
    (["plan", "publish", "0000000000", "out.csv"], "No plan"),
    (["report", "progress", "--city", "火星市"], "Unknown city"),
    (["report", "progress", "--window", "0"], "at least 1"),
    (["report", "annual", "--year", "2026", "--county", "火星县"], "Unknown county"),
    (["report", "self-inspection", "--year", "2026", "--half", "3"], "--half must be 1"),
    (["report", "public-list", "list.pdf"], "Cannot write list.pdf"),
    (["report", "public-list", "/no/such/dir/list.csv"], "does not exist"),
    (
        [
            "assess",
            "enter",
            "--county",
            "武陟县",
            "--year",
            "2026",
            "--month",
            "3",
            "--item",
            "water_quality",
            "--score",
            "101",
        ],
        "from 0 to 100",
    ),
    (
        [
            "assess",
            "enter",
            "--county",
            "武陟县",
            "--year",
            "2026",
            "--month",
            "13",
            "--item",
            "water_quality",
            "--score",
            "80",
        ],
        "must be 1 to 12",
    ),
    (
        ["assess", "enter", "--county", "武陟县", "--year", "2026", "--item", "falsification"],
        "needs its proof",
    ),
    (["assess", "card", "--year", "2026", "--month", "-1"], "must be 1 to 12"),
    (["assess", "export", "out.pdf", "--year", "2026"], "Cannot write out.pdf"),
    (
        [
            "incident",
            "record",
            "--river",
            "黄浦江",
            "--region",
            "武陟县",
            "--at",
            "2026-11-20 14:30",
            "--description",
            "x",
        ],
        "Unknown river",
    ),
    (
        ["incident", "record", "--outfall", "410823T0001", "--at", "昨天", "--description", "x"],
        "is not a date and time",
    ),
    (["incident", "show", "0000000000"], "No incident"),
]


@pytest.mark.parametrize(
    ("argv", "says"), BAD, ids=[" ".join(a[:2]) + f" #{i}" for i, (a, _) in enumerate(BAD)]
)
def test_bad_input_is_one_line_and_exit_1(
    county_db: Path,
    argv: list[str],
    says: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    before = ops(county_db)
    status = run(["--db", str(county_db), *argv])
    out, err = capsys.readouterr()
    assert status == 1
    assert out == ""
    assert err.count("\n") == 1, err
    assert says in err
    assert ops(county_db) == before


def test_a_missing_database_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = run(["--db", str(tmp_path / "none.db"), "plan", "list"])
    _, err = capsys.readouterr()
    assert status == 1
    assert err.strip().endswith("does not exist")
    assert not (tmp_path / "none.db").exists()


@pytest.mark.long
def test_a_clerks_year_from_the_command_line(county_db: Path, tmp_path: Path) -> None:
    """The real console entry point: draw, show, verify, report, publish."""
    db = ["--db", str(county_db)]
    names = tmp_path / "人员.txt"
    names.write_text("张伟\n王芳\n李娜\n", encoding="utf-8")
    drawn = run_inspector(
        *db, "plan", "draw", "--year", "2026", "--county", "武陟县", "--fraction", "25%",
        "--seed", "20260105", "--inspectors", f"@{names}", "--start", "2026-01-05", "--json",
    )  # fmt: skip
    assert drawn.returncode == 0, drawn.stderr
    plan = json.loads(drawn.stdout)
    assert plan["saved"]
    assert plan["inputs"]["seed"] == "20260105"
    assert plan["inputs"]["fraction"] == "25%"
    assert plan["inputs"]["candidate_count"] == 12
    assert len(plan["items"]) == 3  # ceil(0.25 x 12)
    assert plan["items"][0]["due_date"] == "2026-05-01"  # 5 January + 349 days // 3
    plan_id = plan["plan_id"]

    first_item = json.loads(run_inspector(*db, "plan", "show", plan_id, "--json").stdout)["items"][
        0
    ]
    cancelled = run_inspector(
        *db, "plan", "cancel-item", first_item["id"], "--reason", "排口已取缔"
    )
    assert cancelled.returncode == 0, cancelled.stderr
    shown = run_inspector(*db, "--lang", "zh", "plan", "show", plan_id[:13])
    assert shown.returncode == 0, shown.stderr
    assert "双随机抽查" in shown.stdout
    assert "待检查" in shown.stdout
    assert "已取消" in shown.stdout
    verified = run_inspector(*db, "plan", "verify", plan_id, "--json")
    assert json.loads(verified.stdout)["ok"] is True

    again = run_inspector(*db, "plan", "draw", "--year", "2026", "--county", "410823",
                          "--count", "3", "--inspectors", "甲,乙")  # fmt: skip
    assert again.returncode == 1
    assert "already has a 2026 plan" in again.stderr

    published = run_inspector(*db, "plan", "publish", plan_id[:13], str(tmp_path / "公开.xlsx"))
    assert published.returncode == 0, published.stderr
    book = load_workbook(tmp_path / "公开.xlsx")
    cells = [c for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row]
    assert plan["items"][0]["code"] in cells
    assert "张伟" not in cells

    progress = run_inspector(*db, "report", "progress", "--year", "2026", "--json")
    assert progress.returncode == 0, progress.stderr
    document = json.loads(progress.stdout)
    assert document["progress"]["by_county"]["410823"]["traced"] == 12
    assert document["pace"]["overall"]["remediated"]["target"] == 1.0

    annual = run_inspector(*db, "report", "annual", "--year", "2026", "--county", "武陟县",
                           "--out", str(tmp_path / "年报"))  # fmt: skip
    assert annual.returncode == 0, annual.stderr
    assert (tmp_path / "年报.md").exists()
    assert (tmp_path / "年报.xlsx").exists()
    half = run_inspector(*db, "report", "self-inspection", "--year", "2026", "--half", "1",
                         "--out", str(tmp_path / "半年"), "--json")  # fmt: skip
    assert half.returncode == 0, half.stderr
    assert json.loads(half.stdout)["files"][1].endswith("半年.xlsx")
