"""A city's central record on PostgreSQL (issue 14 part 2): the command line opens a
`postgresql://` URL as it opens a file, and bundles go between a PostgreSQL central
record and SQLite replicas both ways."""

from __future__ import annotations

import json
from pathlib import Path

from inspector import locations
from tests.conftest import ledger_row, run_inspector, write_ledger


def test_init_central_on_postgresql_then_import_a_ledger_and_list_it(
    pg_url: str, tmp_path: Path
) -> None:
    init = ["--db", pg_url, "init", "--name", "焦作市局", "--role", "central", "--region", "410800"]
    result = run_inspector(*init, "--json")
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["role"] == "central"
    # The key lives beside the database's home on this computer, owner-only.
    key = locations.key_file(locations.url_home(pg_url))
    assert key.exists()
    assert key.stat().st_mode & 0o077 == 0
    again = run_inspector(*init, "--json")
    assert json.loads(again.stdout)["public_key"] == info["public_key"]

    ledger = write_ledger(tmp_path / "台账.csv", [ledger_row(1), ledger_row(2)])
    result = run_inspector("--db", pg_url, "ledger", "import", str(ledger), "--json")
    assert result.returncode == 0, result.stderr


def test_inspector_db_names_the_url_too(pg_url: str) -> None:
    env = {"INSPECTOR_DB": pg_url}
    result = run_inspector(
        "init", "--name", "焦作市局", "--role", "central", "--region", "410800", "--json", env=env
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["role"] == "central"
