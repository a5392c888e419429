"""The whole lifecycle from the command line (issue 13): every step, owner, tracing,
remediation and sign-off, inspections one by one or from a file, `--json`, and the
same one-line refusals as the dialogs (the services say them both)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from inspector.cli import run
from tests.conftest import ledger_row, write_ledger

SOON = "2030-06-30"


@pytest.fixture
def county(tmp_path: Path) -> Path:
    """A county database with a small ledger: an industrial outfall (GY0001), a town
    storm outlet (GY0002 by code, 城镇雨洪排口 by category), a plant (GY0003)."""
    db = tmp_path / "county.db"
    assert run(["--db", str(db), "init", "--name", "武陟县分局", "--role", "county",
                "--region", "410823"]) == 0  # fmt: skip
    rows = [
        ledger_row(1, 状态="已核实", 责任主体="", 统一社会信用代码=""),
        ledger_row(2, 排污口类型="城镇雨洪排口", 状态="已核实", 责任主体="", 统一社会信用代码=""),
        ledger_row(3, 排污口类型="城镇污水处理厂排污口", 状态="已核实", 责任主体="",
                   统一社会信用代码=""),
    ]  # fmt: skip
    assert (
        run(["--db", str(db), "ledger", "import", str(write_ledger(tmp_path / "t.csv", rows))]) == 0
    )
    return db


def cli(db: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = run(["--db", str(db), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_an_outfall_from_confirmed_to_in_service_by_command(
    county: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = "410823GY0001"

    def ok(*args: str) -> dict[str, object]:
        status, out, err = cli(county, *args, "--json", capsys=capsys)
        assert status == 0, err
        return dict(json.loads(out))

    # Refused first, as the dialog refuses: the missing precondition named.
    status, _, err = cli(county, "outfall", "step", code, "--to", "traced", capsys=capsys)
    assert status == 1
    assert "an owner assignment" in one_line(err)
    ok("outfall", "trace", code, "--methods", "visit,pipe_survey", "--conclusion", "查明",
       "--result", "owner_found")  # fmt: skip
    doc = ok("outfall", "owner", code, "--name", "武陟县宏达化工有限公司",
             "--credit-code", "914403001922038216")  # fmt: skip
    assert doc["warnings"] == []
    assert ok("outfall", "step", code, "--to", "已溯源")["state"] == "traced"
    ok("outfall", "plan", code, "--measure", "规范整治", "--deadline", SOON)
    assert ok("outfall", "step", code, "--to", "in_remediation")["state"] == "in_remediation"
    ok("outfall", "complete", code, "--evidence", "标志牌、采样井", "--retest-passed", "yes")
    ok("outfall", "signoff", code, "--level", "county", "--by", "县局")
    # The closing is the city's: the county's own database refuses to sign it...
    status, _, err = cli(county, "outfall", "signoff", code, "--level", "city", "--by", "市局",
                         capsys=capsys)  # fmt: skip
    assert status == 1
    assert "only the city's central record may sign the closing" in one_line(err)
    # ...so the county's work travels to the central record, which signs.
    central = county.parent / "central.db"
    assert run(["--db", str(central), "init", "--name", "焦作市局", "--role", "central",
                "--region", "410800"]) == 0  # fmt: skip
    bundle = county.parent / "up.bundle"
    assert run(["--db", str(county), "bundle", "export", str(bundle), "--all"]) == 0
    assert run(["--db", str(central), "bundle", "import", str(bundle), "--trust"]) == 0
    capsys.readouterr()

    def city(*args: str) -> dict[str, object]:
        status, out, err = cli(central, *args, "--json", capsys=capsys)
        assert status == 0, err
        return dict(json.loads(out))

    assert city("outfall", "signoff", code, "--level", "city", "--by", "市局")["state"] == "closed"
    # 部令第35号: an industrial outfall is kept only with a setting approval.
    status, _, err = cli(central, "outfall", "settle", code, capsys=capsys)
    assert status == 1
    assert "部令第35号" in one_line(err)
    city("outfall", "edit", code, "--set", "approval_no=焦环审〔2026〕1号", "--set",
         "approval_kind=审批")  # fmt: skip
    doc = city("outfall", "settle", code)
    assert doc["state"] == "in_service"
    shown = city("outfall", "show", code)
    assert shown["remediation"]["city_signoff_by"] == "市局"  # type: ignore[index]
    assert [s["state"] for s in shown["next"]] == ["in_remediation"]  # type: ignore[union-attr]


def test_refusals_are_the_services_sentences(
    county: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command line and the dialogs say the same sentence: the service's."""
    from inspector.data.db import open_database
    from inspector.data.outfalls import find_outfall
    from inspector.services import register as reg

    status, _, err = cli(county, "outfall", "backstop", "410823GY0002", "--evidence", "未果",
                         capsys=capsys)  # fmt: skip
    assert status == 1
    assert "严禁" not in err
    assert "needs tracing that found no owner" in one_line(err)
    cli(county, "outfall", "trace", "410823GY0002", "--methods", "走访", "--conclusion", "未查明",
        "--result", "未查明", capsys=capsys)  # fmt: skip
    status, out, err = cli(county, "outfall", "backstop", "410823GY0002", "--evidence", "未果",
                           "--json", capsys=capsys)  # fmt: skip
    assert status == 0, err
    assert json.loads(out)["owner"] == "武陟县人民政府"
    cli(county, "outfall", "step", "410823GY0002", "--to", "traced", capsys=capsys)
    status, _, err = cli(county, "outfall", "plan", "410823GY0002", "--measure", "ban",
                         "--deadline", SOON, capsys=capsys)  # fmt: skip
    assert status == 1
    line = one_line(err)
    assert "严禁合并、封堵城镇雨洪排口" in line
    db = open_database(county)
    with db.write() as w:
        ref = find_outfall(w.conn, code="410823GY0002")
        with pytest.raises(reg.RuleBroken) as caught:
            reg.plan_remediation(w, ref.id, {"measure": "ban", "deadline": SOON})
    assert str(caught.value) == line
    # Merging into the storm outlet, from the command line.
    status, _, err = cli(county, "outfall", "plan", "410823GY0001", "--measure", "merge",
                         "--deadline", SOON, "--merge-into", "410823GY0002", capsys=capsys)  # fmt: skip
    assert status == 1
    assert "merged into an urban storm outlet" in one_line(err)
    status, _, err = cli(county, "outfall", "show", "410823GY", capsys=capsys)
    assert status == 1
    assert "No outfall with code 410823GY" in one_line(err)


def test_details_given_for_an_owner_already_registered_fill_blanks_and_never_vanish(
    county: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`outfall owner` naming a registered owner: a detail the register lacks is filled
    in; one that differs from the registered one is refused, with both values, and nothing
    is saved (the command used to drop it without a word and report success)."""
    firm = ("--name", "武陟县宏达化工有限公司", "--credit-code", "914403001922038216")

    def assign(code: str, *details: str) -> tuple[int, str]:
        status, _, err = cli(county, "outfall", "owner", code, *firm, *details, capsys=capsys)
        return status, err

    def owner_of(code: str) -> object:
        status, out, err = cli(county, "outfall", "show", code, "--json", capsys=capsys)
        assert status == 0, err
        return json.loads(out)["owner"]

    assert assign("410823GY0001", "--phone", "13900000001", "--kind", "individual") == (0, "")
    status, err = assign("410823GY0002", "--phone", "13900000002")
    assert status == 1
    line = one_line(err)
    assert "is already registered" in line
    assert "13900000001" in line
    assert "13900000002" in line
    assert "you saw" not in line  # a command shows nothing before it saves
    assert owner_of("410823GY0002") is None  # nothing saved, the assignment neither
    # A blank is filled, what is registered stays, and no --kind keeps its kind.
    assert assign("410823GY0002", "--contact", "王五", "--phone", "13900000001") == (0, "")
    owner = owner_of("410823GY0002")
    assert isinstance(owner, dict)
    assert (owner["contact"], owner["phone"], owner["kind"]) == (
        "王五", "13900000001", "individual",
    )  # fmt: skip


def test_立行立改_from_the_command_line(county: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = "410823GY0003"
    status, _, err = cli(county, "outfall", "plan", code, "--measure", "standardise",
                         "--deadline", SOON, capsys=capsys)  # fmt: skip
    assert status == 0, err
    status, _, err = cli(county, "outfall", "step", code, "--to", "in_remediation", capsys=capsys)
    assert "立行立改" in one_line(err)
    cli(county, "outfall", "plan", code, "--immediate", capsys=capsys)
    status, out, err = cli(county, "outfall", "step", code, "--to", "in_remediation", "--json",
                           capsys=capsys)  # fmt: skip
    assert status == 0, err
    assert json.loads(out)["state"] == "in_remediation"


def test_inspections_one_by_one_and_from_files_all_or_none(
    county: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = cli(county, "inspection", "record", "410823GY0001", "--at",
                           "2026-11-20 10:00", "--inspectors", "张伟、王芳", "--set", "sampled=是",
                           "--set", "ph=7.2", "--json", capsys=capsys)  # fmt: skip
    assert status == 0, err
    # The form's own cross-field rule: sampling needs two inspectors.
    status, _, err = cli(county, "inspection", "record", "410823GY0001", "--at",
                         "2026-11-20 10:00", "--inspectors", "张伟", "--set", "sampled=yes",
                         capsys=capsys)  # fmt: skip
    assert status == 1
    assert "two" in one_line(err)
    good = [
        {"outfall": "410823GY0002", "started_at": "2026-11-21 09:30", "inspectors": ["李娜", "刘洋"],
         "suspicion": "unlikely"},
        {"排污口编码": "410823GY0003", "开始时间": "2026-11-21 10:30", "检查人员": "李娜、刘洋",
         "综合判断": "疑似"},
    ]  # fmt: skip
    bad = [*good, {"outfall": "NOPE", "started_at": "2026-11-21"}, {"outfall": "410823GY0001"}]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    status, _, err = cli(county, "inspection", "import", str(path), capsys=capsys)
    assert status == 1
    assert "Record 3" in err
    assert "Record 4" in err
    status, out, _ = cli(county, "inspection", "list", "410823GY0002", "--json", capsys=capsys)
    assert json.loads(out)["inspections"] == []  # nothing of the bad file was kept
    path = tmp_path / "good.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out_csv = csv.writer(fh)
        out_csv.writerow(["排污口编码", "开始时间", "检查人员", "综合判断"])
        out_csv.writerow(["410823GY0002", "2026-11-21 09:30", "李娜、刘洋", "不太可能"])
        out_csv.writerow(["410823GY0003", "2026/11/21 10:30", "李娜,刘洋", "疑似"])
    status, out, err = cli(county, "inspection", "import", str(path), "--json", capsys=capsys)
    assert status == 0, err
    assert json.loads(out)["created"] == 2
    status, out, _ = cli(county, "inspection", "list", "410823GY0003", "--json", capsys=capsys)
    (item,) = json.loads(out)["inspections"]
    assert item["suspicion"] == "suspect"


def test_the_roster_from_the_command_line(county: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = cli(county, "roster", "add", "--county", "武陟县", "张伟,王芳", "李娜",
                           "--json", capsys=capsys)  # fmt: skip
    assert status == 0, err
    assert len(json.loads(out)["added"]) == 3
    status, out, _ = cli(county, "roster", "list", "--county", "410823", "--json", capsys=capsys)
    assert sorted(m["name"] for m in json.loads(out)) == ["张伟", "李娜", "王芳"]
    status, out, err = cli(county, "plan", "draw", "--year", "2026", "--county", "武陟县",
                           "--method", "full_coverage", "--seed", "1", "--json", capsys=capsys)  # fmt: skip
    assert status == 0, err
    doc = json.loads(out)
    assert doc["inputs"]["inspectors_from"] == "roster"
    assert doc["inputs"]["algorithm"] == "sha256-rank/2"
