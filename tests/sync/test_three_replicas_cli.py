"""The issue's acceptance story, through the real `inspector` command in subprocesses.

Two field laptops and the city's central record edit the same register offline, exchange
bundles in an awkward order (one arrives before what it builds on and is refused with
exit 3), and end identical; the concurrent edits are listed as conflicts on every
replica, a person resolves them and merges the outfall registered twice, and after one
more round everyone is identical again with nothing left open.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from inspector.cli import run
from inspector.data.db import open_database
from tests.conftest import ledger_row, run_inspector, write_ledger
from tests.sync.conftest import synced_state


def row(n: int, **overrides: str) -> dict[str, Any]:
    """Ledger row n, a few hundred metres from the others along the river."""
    return ledger_row(n, **{"经度": f"{113.3 + n / 200:.3f}", **overrides})


class Console:
    """The `inspector` command: in this process (its `run` is what the console script
    calls) for speed, or in a subprocess for the steps that must prove the real thing."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys

    def __call__(self, db: Path, *args: str, code: int = 0, subprocess: bool = False) -> Any:
        argv = ["--db", str(db), *args, "--json"]
        if subprocess:
            done = run_inspector(*argv)
            status, out, err = done.returncode, done.stdout, done.stderr
        else:
            self.capsys.readouterr()
            status = run(argv)
            out, err = self.capsys.readouterr()
        assert status == code, (args, out, err)
        return json.loads(out) if code == 0 else err


def send(
    cli: Console, source: Path, target: Path, folder: Path, name: str, *, to: str | None
) -> Path:
    path = folder / f"{name}.bundle"
    cli(source, "bundle", "export", str(path), *(["--to", to] if to else ["--all"]))
    return path


def test_two_field_laptops_and_the_centre_end_identical(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Console(capsys)
    central, field1, field2 = (tmp_path / f"{n}.db" for n in ("central", "field1", "field2"))
    cli(
        central,
        "init",
        "--name",
        "焦作市局",
        "--role",
        "central",
        "--region",
        "410800",
        subprocess=True,
    )
    cli(field1, "init", "--name", "武陟一组", "--role", "field", "--region", "410823")
    cli(field2, "init", "--name", "武陟二组", "--role", "field", "--region", "410823")

    rows = [row(n) for n in (1, 2, 3)]
    cli(central, "ledger", "import", str(write_ledger(tmp_path / "register.csv", rows)))
    start = send(cli, central, field1, tmp_path, "start", to=None)
    for laptop in (field1, field2):
        done = cli(laptop, "bundle", "import", str(start), "--trust", subprocess=True)
        assert done["created"]["outfall"] == 3

    # Offline, each laptop edits the register: the same field of outfall 1 on both, and
    # each registers "new" outfall 4 under the same code.
    mine = [
        row(1, 排污口名称="武陟县大封镇1#排污口（一组核实）"),
        row(2, 备注="一组：雨后有黑水"),
        row(3),
        row(4, 排污口名称="老催庄东排口", 备注="一组发现"),
    ]
    theirs = [
        row(1, 排污口名称="武陟县大封镇1#排污口（二组核实）"),
        row(2),
        row(3, 备注="二组：标志牌缺失"),
        row(4, 排污口名称="老催庄村东侧排口", 备注="二组发现"),
    ]
    cli(field1, "ledger", "import", str(write_ledger(tmp_path / "f1.csv", mine)))
    cli(field2, "ledger", "import", str(write_ledger(tmp_path / "f2.csv", theirs)))

    # field2 reaches the centre first; field1 later.
    cli(
        central,
        "bundle",
        "import",
        str(send(cli, field2, central, tmp_path, "f2-c", to="焦作市局")),
        "--trust",
    )
    cli(
        central,
        "bundle",
        "import",
        str(send(cli, field1, central, tmp_path, "f1-c", to="焦作市局")),
        "--trust",
    )
    # The centre's bundle for field1 leaves out field1's own edits: field2, which has not
    # seen them, is told what to import first and nothing changes.
    for_field1 = send(cli, central, field1, tmp_path, "c-f1", to="武陟一组")
    before = synced_state(open_database(field2))
    refusal = cli(field2, "bundle", "import", str(for_field1), code=3, subprocess=True)
    assert "武陟一组" in refusal
    assert synced_state(open_database(field2)) == before
    cli(field1, "bundle", "import", str(for_field1))
    cli(
        field2, "bundle", "import", str(send(cli, central, field2, tmp_path, "c-f2", to="武陟二组"))
    )
    # Replaying a bundle is a no-op.
    assert cli(field2, "bundle", "import", str(for_field1).replace("c-f1", "c-f2"))["replay"]

    states = [synced_state(open_database(p)) for p in (central, field1, field2)]
    assert states[0] == states[1] == states[2]
    for replica in (central, field1, field2):
        conflicts = cli(replica, "conflicts", "list")
        names = {c["field"] for c in conflicts}
        assert "name" in names
        name_conflict = next(c for c in conflicts if c["field"] == "name")
        assert {name_conflict["current_value"], name_conflict["other_value"]} == {
            "武陟县大封镇1#排污口（一组核实）",
            "武陟县大封镇1#排污口（二组核实）",
        }
    (pair,) = cli(central, "duplicates", "list")
    assert pair["reason"] == "same_code"

    # A person at the centre settles it: reverse the name, keep the rest, merge the pair.
    conflicts = cli(central, "conflicts", "list")
    for conflict in conflicts:
        decision = "--reverse" if conflict["field"] == "name" else "--keep"
        cli(central, "conflicts", "resolve", conflict["id"][:8], decision, "--note", "与现场核对")
    cli(central, "duplicates", "merge", pair["id"][:8])
    assert cli(central, "conflicts", "list") == []

    for laptop, name in ((field1, "武陟一组"), (field2, "武陟二组")):
        cli(
            laptop,
            "bundle",
            "import",
            str(send(cli, central, laptop, tmp_path, f"c-{name}-2", to=name)),
        )
        cli(
            central,
            "bundle",
            "import",
            str(send(cli, laptop, central, tmp_path, f"{name}-c-2", to="焦作市局")),
        )
    for laptop, name in ((field1, "武陟一组"), (field2, "武陟二组")):
        cli(
            laptop,
            "bundle",
            "import",
            str(send(cli, central, laptop, tmp_path, f"c-{name}-3", to=name)),
        )

    states = [synced_state(open_database(p)) for p in (central, field1, field2)]
    assert states[0] == states[1] == states[2]
    for replica in (central, field1, field2):
        assert cli(replica, "conflicts", "list") == []
        assert cli(replica, "duplicates", "list") == []
        exported = cli(replica, "ledger", "export", str(tmp_path / f"{replica.stem}.csv"))
        assert exported["rows"] == 4  # the merged duplicate is hidden from the register
        status = cli(replica, "bundle", "status")
        if replica != central:
            assert status["pending_at_centre"] == 0
    texts = {
        (tmp_path / f"{r.stem}.csv").read_text(encoding="utf-8-sig")
        for r in (central, field1, field2)
    }
    assert len(texts) == 1
    history = cli(central, "bundle", "history")
    assert {h["direction"] for h in history} == {"sent", "received"}
