"""Form drafts: kept per form and subject, replaced, removed; inspection drafts of older
databases move over when the schema is upgraded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inspector.data import migrate
from inspector.data.db import connect_file, open_database
from inspector.data.drafts import discard_draft, list_drafts, load_draft, save_draft
from tests.conftest import both_engines


@both_engines
def test_one_draft_per_form_and_subject(db: Any) -> None:
    conn = db.connect()
    try:
        save_draft(conn, form="new_outfall", fields={"name": "北岸"}, actor="张三")
        save_draft(conn, form="assign_owner", subject="o1", fields={"name": "甲"}, actor="张三")
        save_draft(conn, form="assign_owner", subject="o1", fields={"name": "乙"}, actor="李四")
        save_draft(
            conn, form="inspection", subject="o1", fields={"inspectors": ["张三"]}, actor="x"
        )
        drafts = list_drafts(conn)
        assert sorted((d.form, d.subject) for d in drafts) == [
            ("assign_owner", "o1"),
            ("inspection", "o1"),
            ("new_outfall", ""),
        ]
        kept = load_draft(conn, form="assign_owner", subject="o1")
        assert kept is not None
        assert (kept.fields, kept.actor) == ({"name": "乙"}, "李四")
        inspection = load_draft(conn, form="inspection", subject="o1")
        assert inspection is not None
        assert inspection.fields == {"inspectors": ["张三"]}
        discard_draft(conn, form="assign_owner", subject="o1")
        assert load_draft(conn, form="assign_owner", subject="o1") is None
        assert load_draft(conn, form="new_outfall") is not None
    finally:
        conn.close()


def test_inspection_drafts_move_to_form_drafts(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    connect_file(path).close()
    migrate.upgrade(path, target="0007")
    conn = connect_file(path)
    try:
        conn.execute(
            "INSERT INTO outfall (id, deleted, code, name, county_code, lat, lon, datum, "
            "position_source, river, category, state) VALUES ('o1', 0, 'C1', 'n', "
            "'410823', 35, 113, 'wgs84', 'typed', '沁河', 'undetermined', 'suspected')"
        )
        for draft_id, saved, text in (
            ("d1", "2026-11-20 10:00:00.000000", '{"notes": "old"}'),
            ("d2", "2026-11-21 10:00:00.000000", '{"notes": "new"}'),
        ):
            conn.execute(
                "INSERT INTO inspection_draft (id, outfall_id, fields, saved_at, actor) "
                "VALUES (?, 'o1', ?, ?, 'tester')",
                (draft_id, text, saved),
            )
        conn.commit()
    finally:
        conn.close()
    db = open_database(path)
    with db.read() as conn:
        drafts = list_drafts(conn)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert [(d.form, d.subject, d.fields) for d in drafts] == [
        ("inspection", "o1", {"notes": "new"})
    ]
    assert "inspection_draft" not in tables
