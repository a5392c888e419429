"""The assessment, complaint and progress-report commands: each rule reachable from the
command line with --json, the same refusals as the UI (one line, exit 1, nothing
changed)."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest

from inspector.cli import run
from inspector.domain.periods import today


@pytest.fixture
def city_db(tmp_path: Path) -> Path:
    """A 焦作 register: three outfalls in 武陟县 and one inspection of the first."""
    from inspector.data.db import open_database
    from inspector.domain.choices import State
    from inspector.services.replica import init_replica
    from tests.services.registers import inspect, outfalls

    path = tmp_path / "city.db"
    db = open_database(path)
    init_replica(db, name="市局", role="central", region="410800", user="考核办")
    with db.write() as w:
        ids = outfalls(w, 3, state=State.TRACED)
        inspect(w, ids[0], on=today() - dt.timedelta(days=1))
    return path


def cli(db: Path, *argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = run(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return status, out, err


def ops(path: Path) -> int:
    import sqlite3

    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM op").fetchone()[0])


def shipped() -> dict:  # type: ignore[type-arg]
    from inspector.locations import package_resource

    return json.loads((package_resource("db") / "reference" / "scorecard.json").read_text("utf-8"))


def test_the_card_in_force_is_shown_with_what_the_sources_do_not_say(city_db, capsys) -> None:  # type: ignore[no-untyped-def]
    status, out, _ = cli(city_db, "assess", "scheme", "show", capsys=capsys)
    assert status == 0
    assert "kw_b1" in out
    assert "not in the sources" in out
    assert "(assumed)" in out
    status, out, _ = cli(city_db, "assess", "scheme", "show", "--json", capsys=capsys)
    document = json.loads(out)
    assert document["origin"] == "shipped"
    assert [i["points"] for i in document["scheme"]["water_quality"]["items"]] == [60, 20, 10, 10]


def test_a_card_that_does_not_add_up_is_refused_naming_the_item(city_db, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    """A city's own card is validated: points must sum correctly."""
    card = shipped()
    card["key_work"]["items"][1]["items"][0]["points"] = 9  # 18 != 9 + 5 + 5
    path = tmp_path / "细则.json"
    path.write_text(json.dumps(card, ensure_ascii=False), encoding="utf-8")
    status, out, err = cli(city_db, "assess", "scheme", "load", str(path), capsys=capsys)
    assert status == 1
    assert out == ""
    assert err.count("\n") == 1
    assert "细则.json" in err
    assert "“kw_b” is worth 18 points but its parts add up to 19" in err
    status, out, _ = cli(city_db, "assess", "scheme", "show", "--json", capsys=capsys)
    assert json.loads(out)["origin"] == "shipped"


def test_a_citys_own_card_replaces_the_shipped_one(city_db, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    card = shipped()
    enforcement = card["key_work"]["items"][2]
    enforcement["points"], enforcement["per_case"] = 10, 2
    card["key_work"]["items"][3]["points"] = 59
    path = tmp_path / "own.json"
    path.write_text(json.dumps(card, ensure_ascii=False), encoding="utf-8")
    assert cli(city_db, "assess", "scheme", "load", str(path), capsys=capsys)[0] == 0
    for item, score in (("water_quality", "90"), ("key_work_other", "80")):
        status, _, err = cli(city_db, "assess", "enter", "--county", "武陟县", "--year", "2026",
                             "--month", "3", "--item", item, "--score", score, capsys=capsys)  # fmt: skip
        assert status == 0, err
    status, out, _ = cli(city_db, "assess", "card", "--year", "2026", "--month", "3", "--json",
                         capsys=capsys)  # fmt: skip
    wz = next(c for c in json.loads(out)["cards"] if c["county"] == "410823")
    # key work 80 + 10 = 90; total 54 + 36 = 90
    assert (wz["enforcement"], wz["key_work"], wz["total"], wz["grade"]) == (
        10,
        90,
        90,
        "excellent",
    )
    assert cli(city_db, "assess", "scheme", "reset", capsys=capsys)[0] == 0
    status, out, _ = cli(city_db, "assess", "card", "--year", "2026", "--month", "3", "--json",
                         capsys=capsys)  # fmt: skip
    wz = next(c for c in json.loads(out)["cards"] if c["county"] == "410823")
    assert wz["total"] == 88.0  # 54 + 0.4 x (80 + 5)


def test_items_entered_one_by_one_with_their_basis_are_summed(city_db, capsys) -> None:  # type: ignore[no-untyped-def]
    """附件1: each item entered with its basis; the program sums them."""
    scores = {"wq1": "55", "wq2": "18", "wq3": "9.5", "wq4": "8", "kw_a1": "7", "kw_a2": "5",
              "kw_b1": "8", "kw_b2": "4", "kw_b3": "5", "kw_rest": "60"}  # fmt: skip
    for item, score in scores.items():
        status, _, err = cli(city_db, "assess", "enter", "--county", "410823", "--year", "2026",
                             "--month", "4", "--item", item, "--score", score,
                             "--basis", f"{item} 依据", capsys=capsys)  # fmt: skip
        assert status == 0, err
        if item == "wq4":
            _, out, _ = cli(city_db, "assess", "card", "--year", "2026", "--month", "4", "--json",
                            capsys=capsys)  # fmt: skip
            wz = next(c for c in json.loads(out)["cards"] if c["county"] == "410823")
            assert wz["water_quality"] == 90.5
            assert wz["missing"] == ["key_work"]
    _, out, _ = cli(city_db, "assess", "card", "--year", "2026", "--month", "4", "--json",
                    capsys=capsys)  # fmt: skip
    wz = next(c for c in json.loads(out)["cards"] if c["county"] == "410823")
    # water 90.5; key work 89 + 5 = 94; total 54.3 + 37.6 = 91.9
    assert (wz["water_quality"], wz["key_work_manual"], wz["key_work"]) == (90.5, 89, 94)
    assert wz["total"] == 91.9
    assert next(i for i in wz["items"] if i["key"] == "kw_b2")["score"] == 4


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--item", "falsification"], "needs its proof"),
        (["--item", "falsification", "--basis", " "], "needs its proof"),
        (["--item", "exclusion"], "needs the reason"),
        (["--item", "adjustment", "--score", "2", "--basis", "洪水"], "needs its cause"),
        (
            ["--item", "adjustment", "--score", "2", "--cause", "natural_disaster"],
            "no adjustment is made silently",
        ),
        (["--item", "kw_b", "--score", "10"], "is not entered by hand"),
        (["--item", "enforcement", "--score", "5"], "is not entered by hand"),
        (["--item", "wq2", "--score", "21"], "from 0 to 20"),
    ],
)
def test_refusals_are_one_line_and_change_nothing(city_db, capsys, argv, says) -> None:  # type: ignore[no-untyped-def]
    before = ops(city_db)
    status, out, err = cli(city_db, "assess", "enter", "--county", "武陟县", "--year", "2026",
                           "--month", "5", *argv, capsys=capsys)  # fmt: skip
    assert status == 1
    assert out == ""
    assert err.count("\n") == 1, err
    assert says in err
    assert ops(city_db) == before


def test_rank_export_and_the_public_version(city_db, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    for county, score in (("410823", "90"), ("410825", "70")):
        for item in ("water_quality", "key_work_other"):
            cli(city_db, "assess", "enter", "--county", county, "--year", "2026", "--month", "1",
                "--item", item, "--score", score, "--basis", "1月通报", capsys=capsys)  # fmt: skip
    _status, out, _ = cli(city_db, "assess", "rank", "--year", "2026", "--json", capsys=capsys)
    ranked = json.loads(out)
    assert ranked["due"] == "2027-01-31"
    assert [r["county"] for r in ranked["months"]["1"]["ranked"]] == ["410823", "410825"]
    assert "410821" in ranked["months"]["1"]["missing"]
    public = tmp_path / "公开.md"
    assert cli(city_db, "assess", "export", str(public), "--year", "2026", "--public",
               capsys=capsys)[0] == 0  # fmt: skip
    text = public.read_text("utf-8")
    assert "public version" in text
    assert "tester" not in text  # who entered the scores
    assert "1月通报" not in text
    full = tmp_path / "full.md"
    cli(city_db, "assess", "export", str(full), "--year", "2026", capsys=capsys)
    assert "tester" in full.read_text("utf-8")


def test_departments_from_the_command_line(city_db, capsys) -> None:  # type: ignore[no-untyped-def]
    for name, a, b in (("市水利局", "25", "60"), ("市住建局", "30", "68")):
        for part, score in (("dept_a", a), ("dept_b", b)):
            status, _, err = cli(city_db, "assess", "dept", "enter", "--department", name,
                                 "--year", "2026", "--part", part, "--score", score,
                                 capsys=capsys)  # fmt: skip
            assert status == 0, err
    status, _, err = cli(city_db, "assess", "dept", "enter", "--department", "市水利局",
                         "--year", "2026", "--part", "dept_a", "--score", "31", capsys=capsys)  # fmt: skip
    assert status == 1
    assert "from 0 to 30" in err
    status, out, _ = cli(
        city_db, "assess", "dept", "list", "--year", "2026", "--json", capsys=capsys
    )
    ranked = json.loads(out)["ranked"]
    assert [(r["department"], r["total"], r["advanced"]) for r in ranked] == [
        ("市住建局", 98.0, True),
        ("市水利局", 85.0, True),
    ]


def test_complaints_from_the_command_line(city_db, capsys) -> None:  # type: ignore[no-untyped-def]
    """公众举报: recorded with its deadline (60 days, assumed), answered with the
    inspection that checked it; the overdue ones listed. Days are counted on the city's
    calendar, as the command counts them."""
    on = today()
    old = (on - dt.timedelta(days=70)).isoformat()
    status, out, err = cli(city_db, "complaint", "record", "--content", "排口冒黑水",
                           "--outfall", "410823T0001", "--received", old, "--json",
                           capsys=capsys)  # fmt: skip
    assert status == 0, err
    first = json.loads(out)
    assert first["due_on"] == (on - dt.timedelta(days=10)).isoformat()
    recent = (on - dt.timedelta(days=3)).isoformat()
    status, out, _ = cli(city_db, "complaint", "record", "--content", "河面泡沫", "--county",
                         "武陟县", "--channel", "online", "--received", recent, "--json",
                         capsys=capsys)  # fmt: skip
    second = json.loads(out)
    status, out, _ = cli(city_db, "complaint", "list", "--overdue", "--json", capsys=capsys)
    assert [c["id"] for c in json.loads(out)["complaints"]] == [first["id"]]
    assert json.loads(out)["complaints"][0]["overdue_days"] == 10

    import sqlite3

    with sqlite3.connect(city_db) as conn:
        inspection = conn.execute("SELECT id FROM inspection").fetchone()[0]
    status, _, err = cli(city_db, "complaint", "answer", second["id"], "--answer", "已核查",
                         "--by", "王芳", "--inspection", inspection, capsys=capsys)  # fmt: skip
    assert status == 0, err
    status, out, _ = cli(city_db, "complaint", "list", "--json", capsys=capsys)
    answered = next(c for c in json.loads(out)["complaints"] if c["id"] == second["id"])
    assert answered["inspection_id"] == inspection
    assert answered["outfall"] == "410823T0001"  # the outfall its inspection found
    before = ops(city_db)
    for argv, says in (
        (["record", "--content", " ", "--county", "武陟县"], "Say what the complaint says"),
        (["record", "--content", "x"], "Say which outfall"),
        (["record", "--content", "x", "--outfall", "NOPE"], "No outfall has the code NOPE"),
        (
            ["record", "--content", "x", "--county", "武陟县", "--channel", "pigeon"],
            "Unknown channel",
        ),
        (
            ["record", "--content", "x", "--county", "武陟县", "--received", "2999-01-01"],
            "after today",
        ),
        (["answer", second["id"], "--answer", "x", "--by", "y"], "was answered on"),
        (["answer", "nope", "--answer", "x", "--by", "y"], "No complaint has the id nope"),
    ):
        status, out, err = cli(city_db, "complaint", *argv, capsys=capsys)
        assert status == 1, argv
        assert err.count("\n") == 1, err
        assert says in err, err
    assert ops(city_db) == before


def test_a_complaint_names_its_outfall_as_every_command_does(city_db, capsys) -> None:  # type: ignore[no-untyped-def]
    """By local or national code, through `find_outfall`: a code two outfalls answer to
    is refused with both listed, not given to either."""
    from inspector.data.db import open_database
    from inspector.data.outfalls import find_outfall
    from inspector.models import Outfall

    db = open_database(city_db)
    with db.write() as w:
        first = find_outfall(w.conn, code="410823T0001").id
        third = find_outfall(w.conn, code="410823T0003").id
        w.update(Outfall, first, {"national_code": "HH410823T0000001"})
        w.update(Outfall, third, {"national_code": "410823T0002"})
    status, out, err = cli(city_db, "complaint", "record", "--content", "排口冒黑水",
                           "--outfall", "hh410823t0000001", "--json", capsys=capsys)  # fmt: skip
    assert status == 0, err
    status, out, _ = cli(city_db, "complaint", "list", "--json", capsys=capsys)
    assert [c["outfall"] for c in json.loads(out)["complaints"]] == ["410823T0001"]
    before = ops(city_db)
    status, _, err = cli(city_db, "complaint", "record", "--content", "x",
                         "--outfall", "410823T0002", capsys=capsys)  # fmt: skip
    assert status == 1
    assert "410823T0002" in err, err
    assert "410823T0003" in err, err
    assert ops(city_db) == before


def test_quarterly_reports_and_the_half_year_publication(city_db, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    status, _, err = cli(city_db, "progress-report", "record", "--unit", "武陟县人民政府",
                           "--county", "武陟县", "--year", "2026", "--quarter", "1",
                           "--summary", "完成整治3处", "--projects", "5/3", "--funds", "120/80",
                           "--submitted", "2026-04-08", capsys=capsys)  # fmt: skip
    assert status == 0, err
    status, _, err = cli(city_db, "progress-report", "record", "--unit", "x", "--year", "2026",
                         "--quarter", "1", "--summary", "y", "--projects", "3/5", capsys=capsys)  # fmt: skip
    assert status == 1
    assert "3 planned" in err
    status, _out, _ = cli(city_db, "report", "quarterly", "--year", "2026", "--quarter", "1",
                         "--out", str(tmp_path / "q1"), "--json", capsys=capsys)  # fmt: skip
    assert status == 0
    text = (tmp_path / "q1.md").read_text("utf-8")
    assert "2026-04-10" in text  # due 10 days after the quarter (assumed)
    assert "| 武陟县人民政府 | 2026-04-08 | 5 | 3 | 120.00 | 80.00 | 完成整治3处 | yes |" in text
    assert "Wen County" in text  # has not reported
    status, _, _ = cli(city_db, "report", "half-year-public", "--year", "2026",
                       "--out", str(tmp_path / "h1"), capsys=capsys)  # fmt: skip
    assert status == 0
    assert "tester" not in (tmp_path / "h1.md").read_text("utf-8")
    status, _, _ = cli(city_db, "report", "self-inspection", "--year", "2026", "--half", "1",
                       "--county", "武陟县", "--out", str(tmp_path / "self"), capsys=capsys)  # fmt: skip
    self_report = (tmp_path / "self.md").read_text("utf-8")
    for section in ("5. Water quality", "6. Remediation projects", "7. Funding"):
        assert section in self_report
    assert "| 武陟县人民政府 | 2026-04-08 | 5 | 3 | 120.00 | 80.00 | 完成整治3处 |" in self_report


def test_a_copy_of_the_card_is_a_valid_card() -> None:
    from inspector.domain.scheme import parse_scheme

    assert parse_scheme(copy.deepcopy(shipped())).key_work.manual_points == 95
