"""Typed local time becomes stored UTC in one place (`inspector.domain.moments`), tried
in two zones: China (UTC+8) and New York (UTC-5 in November)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from inspector.domain import moments
from tests.conftest import run_inspector

CST = dt.timezone(dt.timedelta(hours=8))


def test_typed_text_is_read_in_the_given_zone() -> None:
    assert moments.typed_to_stored("2026-11-20 15:36", CST) == "2026-11-20 07:36:00.000000"
    assert moments.typed_to_stored("2026年11月20日15时36分", CST) == "2026-11-20 07:36:00.000000"
    assert moments.typed_to_stored("2026-11-20T15:36+08:00") == "2026-11-20 07:36:00.000000"
    assert moments.shown("2026-11-20 07:36:00.000000", CST) == "2026-11-20 15:36"


def test_a_stored_value_handed_back_is_not_converted_again() -> None:
    """A conflict's other value restored, a value re-validated: already UTC."""
    stored = "2026-11-20 07:36:00.000000"
    assert moments.typed_to_stored(stored, CST) == stored


def test_a_naive_datetime_object_is_refused() -> None:
    with pytest.raises(moments.NaiveMoment):
        moments.to_stored(dt.datetime(2026, 11, 20, 7, 36))


@pytest.mark.parametrize(
    ("zone", "stored"),
    [
        ("Asia/Shanghai", "2026-11-20 07:36:00.000000"),
        ("America/New_York", "2026-11-20 20:36:00.000000"),
    ],
)
def test_incident_times_from_the_command_line(tmp_path: Path, zone: str, stored: str) -> None:
    """An incident typed as 15:36 on a laptop in `zone` is stored once converted and
    shown as 15:36 again by `incident show` and `incident list`."""
    db = str(tmp_path / "c.db")
    env = {"TZ": zone}
    assert run_inspector("--db", db, "init", "--name", "县局", "--role", "county",
                         "--region", "410823", env=env).returncode == 0  # fmt: skip
    result = run_inspector(
        "--db", db, "incident", "record", "--river", "沁河", "--region", "武陟县",
        "--at", "2026-11-20 15:36", "--description", "黑水", "--json", env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(db) as conn:
        ((incident_id, at),) = conn.execute("SELECT id, occurred_at FROM incident").fetchall()
    assert at == stored
    shown = run_inspector("--db", db, "incident", "show", incident_id, env=env)
    assert "2026-11-20 15:36" in shown.stdout
    listed = run_inspector("--db", db, "incident", "list", env=env)
    assert "2026-11-20 15:36" in listed.stdout, listed.stdout
