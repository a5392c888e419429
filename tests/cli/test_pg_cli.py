"""Commands on a PostgreSQL replica (issue 14 part 2) that once reached for a SQLite file
or named the folder its key is kept in instead of the database."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspector.cli import run


@pytest.fixture
def pg_demo(demo_db, pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:  # type: ignore[no-untyped-def]
    """The demo moved onto PostgreSQL, its photos on the city's share."""
    monkeypatch.setenv("INSPECTOR_PHOTOS", str(tmp_path / "share"))
    source = str(demo_db.path)
    demo_db.dispose()
    assert run(["db", "copy", source, pg_url]) == 0
    return pg_url


def test_photo_prefixes_and_doctor_on_postgresql(pg_demo: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Photo prefixes resolve through the replica's own connection (they opened a SQLite
    file that is not there), and doctor names the database, not the key's folder."""
    from inspector.data.db import open_database

    db = open_database(pg_demo, create=False)
    try:
        with db.read() as conn:
            photo = conn.execute("SELECT id FROM photo ORDER BY id LIMIT 1").fetchone()[0]
    finally:
        db.dispose()
    capsys.readouterr()
    out = tmp_path / "evidence.jpg"
    assert run(["--db", pg_demo, "photos", "stamp", photo[:10], str(out)]) == 0, (
        capsys.readouterr().err
    )
    assert out.stat().st_size > 0
    assert run(["--db", pg_demo, "photos", "accept", photo[:10]]) == 0, capsys.readouterr().err

    capsys.readouterr()
    assert run(["--db", pg_demo, "doctor", "--no-backup"]) == 0
    said = capsys.readouterr().out
    assert "SQLite" not in said
    assert said.rstrip().splitlines()[-1].endswith(pg_demo), said
