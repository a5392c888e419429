"""一公开: a draw anyone can check. Candidates are ranked by the outfall's public code, the
candidate list is published with the result, and the draw re-runs from the published
file alone, in a process that never opens a database. Plans drawn by the old algorithm
still verify. Draws take the county's inspector roster (执法人员名录库) unless given one."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from inspector.data.db import open_database
from inspector.domain.choices import State
from inspector.i18n import Problem
from inspector.services import plans
from inspector.services.ledger import import_ledger
from inspector.services.plans import DrawRequest
from inspector.services.plans.draw import compute, verify_record
from inspector.services.plans.publish import read_record
from inspector.services.plans.roster import add_members, remove_member
from tests.conftest import ledger_row, run_inspector, write_ledger
from tests.services.registers import outfalls

TODAY = dt.date(2026, 3, 2)
POOL = ["张伟", "王芳", "李娜", "刘洋"]


def request(**kw):  # type: ignore[no-untyped-def]
    base = {"year": 2026, "county": "武陟县", "inspectors": POOL, "count": 6, "seed": "s1"}
    return DrawRequest(**{**base, **kw})


@pytest.fixture
def register(db):  # type: ignore[no-untyped-def]
    with db.write() as w:
        outfalls(w, 30, state=State.TRACED)
    return db


def drawn_codes(db, **kw) -> list[str]:  # type: ignore[no-untyped-def]
    with db.read() as conn:
        draft = plans.prepare_draw(conn, request(**kw), today=TODAY)
    return [draft.codes[i.outfall_id][0] for i in draft.items]


def test_two_databases_that_imported_one_ledger_draw_the_same_list(tmp_path: Path) -> None:
    """双随机一公开: the same ledger and seed give the same draw anywhere (today's draw
    ranked by internal ids, which differ between databases)."""
    rows = [ledger_row(n) for n in range(1, 31)]
    ledger = write_ledger(tmp_path / "台账.csv", rows)
    lists = []
    for name in ("county.db", "city.db"):
        db = open_database(tmp_path / name)
        assert import_ledger(db, ledger).ok
        lists.append(drawn_codes(db))
    assert lists[0] == lists[1]
    assert len(lists[0]) == 6


def publish(db, tmp_path: Path, suffix: str, **kw) -> tuple[str, Path]:  # type: ignore[no-untyped-def]
    with db.write() as w:
        draft = plans.prepare_draw(w.conn, request(**kw), today=TODAY)
        plan_id = plans.save_plan(w, draft)
    path = tmp_path / f"公开{suffix}"
    plans.publish_results(db, plan_id, path)
    return plan_id, path


@pytest.mark.parametrize("suffix", [".xlsx", ".md"])
def test_the_published_file_alone_re_runs_the_draw_without_a_database(
    register, tmp_path: Path, suffix: str
) -> None:  # type: ignore[no-untyped-def]
    """`inspector plan verify --published FILE` on a machine that never saw the database:
    a fresh process, no --db, an empty home; no database is made."""
    _plan_id, path = publish(register, tmp_path, suffix, strata="river")
    record = read_record(path)
    assert record["algorithm"] == "sha256-rank/2"
    assert record["candidate_count"] == 30
    assert "inspectors" not in record
    assert "ids" not in record
    text = path.read_bytes().decode("utf-8", "replace") if suffix == ".md" else ""
    for name in POOL:
        assert name not in text
    home = tmp_path / "stranger"
    home.mkdir()
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "INSPECTOR_DB": ""}
    result = run_inspector("plan", "verify", "--published", str(path), "--json", env=env)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["ok"]
    assert doc["expected"] == 6
    made = [p for p in home.rglob("*") if p.is_file()]
    assert made == [], made


def test_a_tampered_publication_is_caught(register, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _plan_id, path = publish(register, tmp_path, ".md")
    record = read_record(path)
    # Swap one drawn outfall for a candidate that was not drawn.
    drawn = {d["code"] for d in record["drawn"]}
    spare = next(c for codes in record["candidates"].values() for c in codes if c not in drawn)
    swapped = record["drawn"][2]["code"]
    record["drawn"][2]["code"] = spare
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    result = verify_record(read_record(forged))
    assert not result.ok
    assert result.missing == [swapped]
    assert result.extra == [spare]
    cli = run_inspector("plan", "verify", "--published", str(forged))
    assert cli.returncode == 1
    assert swapped in cli.stderr


def test_a_csv_publication_puts_the_record_beside_it(register, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _plan_id, path = publish(register, tmp_path, ".csv")
    beside = path.with_name(path.stem + ".draw.json")
    assert verify_record(read_record(beside)).ok
    with pytest.raises(Problem, match=r"\.draw\.json"):
        read_record(path)


def test_a_plan_drawn_by_the_old_algorithm_still_verifies(register) -> None:  # type: ignore[no-untyped-def]
    """Plans drawn before issue 13 (sha256-rank/1, candidates by internal id) keep
    verifying by their own algorithm."""
    with register.write() as w:
        draft = plans.prepare_draw(w.conn, request(), today=TODAY)
        inputs = dict(draft.inputs)
        ids = inputs.pop("ids")
        # The inputs as version 1 stored them: every key an internal id.
        inputs.update(
            version=1,
            algorithm="sha256-rank/1",
            candidates={h: [ids[c] for c in cs] for h, cs in inputs["candidates"].items()},
            excluded={ids[c]: n for c, n in inputs["excluded"].items()},
        )
        inputs.pop("inspectors_from")
        old_items, seats = compute(inputs)
        old = plans.Draft(inputs=inputs, items=old_items, seats=seats, codes=draft.codes)
        plan_id = plans.save_plan(w, old)
    with register.read() as conn:
        assert plans.verify_plan(conn, plan_id).ok


def test_draws_take_the_county_roster_unless_given_a_pool(register) -> None:  # type: ignore[no-untyped-def]
    """执法人员名录库: without --inspectors the county's roster is the pool."""
    with register.write() as w:
        with pytest.raises(Problem, match="roster of 武陟县 has 0 people"):
            plans.prepare_draw(w.conn, request(inspectors=None), today=TODAY)
        add_members(w, "武陟县", ["赵一", "钱二", "孙三", "钱 二"])
        add_members(w, "温县", ["周四", "吴五"])
        w.flush()
        draft = plans.prepare_draw(w.conn, request(inspectors=None), today=TODAY)
        assert sorted(draft.inputs["inspectors"]) == sorted(["赵一", "钱二", "孙三"])
        assert draft.inputs["inspectors_from"] == "roster"
        people = {p for i in draft.items for p in (i.inspector_a, i.inspector_b)}
        assert people <= {"赵一", "钱二", "孙三"}
        remove_member(w, "武陟县", "孙三")
        remove_member(w, "武陟县", "钱二")
        w.flush()
        with pytest.raises(Problem, match="roster"):
            plans.prepare_draw(w.conn, request(inspectors=None), today=TODAY)
        given = plans.prepare_draw(w.conn, request(), today=TODAY)
        assert given.inputs["inspectors_from"] == "given"


def test_a_code_shared_by_two_outfalls_stops_the_draw(register) -> None:  # type: ignore[no-untyped-def]
    from inspector.models import Outfall

    with register.write() as w:
        a, b = w.conn.execute("SELECT id FROM outfall ORDER BY code LIMIT 2").fetchall()
        code = w.get(Outfall, a[0])["code"]  # type: ignore[index]
        w.update(Outfall, b[0], {"code": code})
        w.flush()
        with pytest.raises(Problem, match="share the code"):
            plans.prepare_draw(w.conn, request(), today=TODAY)


def test_verify_needs_no_database_even_by_default(tmp_path: Path) -> None:
    """No INSPECTOR_DB, no default database folder: `--published` still runs."""
    result = run_inspector("plan", "verify", "--published", str(tmp_path / "missing.xlsx"))
    assert result.returncode == 1
    assert "missing.xlsx" in result.stderr
