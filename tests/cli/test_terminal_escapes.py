"""Names are data, and data never drives the terminal (issue 11, item 2): escape
sequences, other control characters and bidirectional overrides in names, file names
and replica names are shown as their escapes in every line the command line writes."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from pathlib import Path

import pytest

from inspector.cli import run
from inspector.domain.printable import is_printable, printable
from tests.conftest import ledger_row, run_inspector, write_ledger

#: Clear the screen, set the window title, colour, and read right-to-left from here.
EVIL = "\x1b[2J\x1b]0;pwned\x07\x1b[31m\u202e\x9b"
#: Anything a terminal would act on (see domain.printable), the newline aside.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def test_the_rule() -> None:
    shown = printable("排口" + EVIL + "\n")
    assert shown == "排口\\x1b[2J\\x1b]0;pwned\\x07\\x1b[31m\\u202e\\x9b\\x0a"
    assert is_printable(shown)
    assert printable(shown) == shown  # escaping twice changes nothing
    assert printable("武陟县 1#排口 (A-1) 50%") == "武陟县 1#排口 (A-1) 50%"


class Cli:
    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys
        self.seen: list[str] = []

    def __call__(self, db: Path, *args: str, code: int = 0) -> str:
        self.capsys.readouterr()
        status = run(["--db", str(db), *args])
        out, err = self.capsys.readouterr()
        assert status == code, (args, out, err)
        self.seen.append(out + err)
        return out + err


def test_names_reach_the_terminal_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from inspector.services.photos import synthetic

    cli = Cli(capsys)
    central, field = tmp_path / "central.db", tmp_path / "field.db"
    cli(central, "init", "--name", "市局" + EVIL, "--role", "central", "--region", "410800")
    cli(field, "init", "--name", "一组" + EVIL, "--role", "field", "--region", "410823")
    rows = [ledger_row(1, 排污口名称="排口" + EVIL, 责任主体="宏达" + EVIL + "有限公司")]
    cli(central, "ledger", "import", str(write_ledger(tmp_path / "a.csv", rows)))

    # A photo whose file name carries the sequence, waiting for review.
    folder = tmp_path / "card"
    folder.mkdir()
    image = synthetic.river_scene(random.Random(1), (160, 120))
    tags = synthetic.Tags(taken=dt.datetime(2025, 6, 3, 10, tzinfo=dt.UTC), lat=35.0, lon=113.3)
    synthetic.write_photo(folder / ("IMG" + EVIL + ".jpg"), image, tags)
    cli(central, "photos", "import", str(folder))
    pending = cli(central, "photos", "pending")
    assert "IMG\\x1b[2J" in pending

    # The bundle summary names its source; the conflict list shows both values.
    bundle = tmp_path / "start.bundle"
    cli(central, "bundle", "export", str(bundle), "--all")
    verified = cli(field, "bundle", "verify", str(bundle))
    assert "市局\\x1b[2J" in verified
    imported = cli(field, "bundle", "import", str(bundle), "--trust")
    assert "市局\\x1b[2J" in imported
    mine = [
        ledger_row(1, 排污口名称="排口" + EVIL + "（一组）", 责任主体="宏达" + EVIL + "有限公司")
    ]
    theirs = [
        ledger_row(1, 排污口名称="排口" + EVIL + "（市局）", 责任主体="宏达" + EVIL + "有限公司")
    ]
    cli(field, "ledger", "import", str(write_ledger(tmp_path / "f.csv", mine)))
    cli(central, "ledger", "import", str(write_ledger(tmp_path / "c.csv", theirs)))
    back = tmp_path / "back.bundle"
    cli(field, "bundle", "export", str(back), "--to", "市局" + EVIL)
    cli(central, "bundle", "import", str(back), "--trust")
    listed = cli(central, "conflicts", "list")
    assert "（一组）" in listed
    assert "（市局）" in listed
    assert "排口\\x1b[2J" in listed
    cli(central, "bundle", "history")
    cli(central, "bundle", "status")

    for text in cli.seen:
        assert UNSAFE.search(text) is None, text


def test_json_output_holds_the_same_values_without_raw_controls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(capsys)
    db = tmp_path / "a.db"
    rows = [ledger_row(1, 排污口名称="排口" + EVIL)]
    cli(db, "ledger", "import", str(write_ledger(tmp_path / "a.csv", rows)))
    out = cli(db, "ledger", "import", str(write_ledger(tmp_path / "b.csv", rows)), "--json")
    assert UNSAFE.search(out) is None
    assert json.loads(out)["unchanged"] == 1
    cli(db, "init", "--name", "名" + EVIL, "--role", "field", "--region", "410823")
    out = cli(db, "bundle", "status", "--json")
    assert UNSAFE.search(out) is None
    assert json.loads(out)["replica"]["name"] == "名" + EVIL


def test_what_was_typed_is_escaped_in_usage_errors() -> None:
    result = run_inspector("ledger", "import", "a.csv", "--bogus" + EVIL)
    assert result.returncode == 1
    assert UNSAFE.search(result.stderr) is None
    assert "--bogus\\x1b[2J" in result.stderr
