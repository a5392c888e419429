"""The Sync and Conflicts screens and the open-conflicts panel, driven through Pilot.

The demo database is the city's central record; a field laptop's bundle has brought it
conflicts and a possible duplicate (`inspector.services.demo_sync`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inspector.i18n import t
from tests.sync.conftest import full_state
from tests.ui.conftest import settle

SIZE = (120, 40)


def fresh_replica(folder: Path, name: str = "温县巡查终端") -> Any:
    from inspector.data.db import open_database
    from inspector.services.replica import init_replica

    db = open_database(folder / "field.db")
    init_replica(db, name=name, role="field", region="410825", user="李明")
    return db


async def open_section(pilot: Any, key: str) -> Any:
    await pilot.press(key)
    await settle(pilot)
    return pilot.app.screen


async def enter_path(pilot: Any, field: str, path: Path | str, key: str) -> None:
    screen = pilot.app.screen
    box = screen.query_one(f"#{field}")
    box.focus()
    box.value = str(path)
    await pilot.press(key)
    await settle(pilot, rounds=6)


def message(screen: Any) -> str:
    return str(screen.query_one("#sync-message").render())


def count(db: Any, sql: str) -> int:
    with db.read() as conn:
        return int(conn.execute(sql).fetchone()[0])


# -- export and import ----------------------------------------------------------------------


async def test_export_then_import_into_a_second_database_trusted_previewed_applied(
    make_app: Any, ui_db: Any, tmp_path: Path
) -> None:
    from inspector.services.replica import fingerprint, identity
    from inspector.ui.modals.confirm import ConfirmModal
    from inspector.ui.screens.sync import SyncScreen

    bundle = tmp_path / "centre.bundle"
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_section(pilot, "f6")
        assert isinstance(screen, SyncScreen)
        await enter_path(pilot, "export-path", bundle, "ctrl+t")
        assert bundle.is_file()
        assert "centre.bundle" in message(screen)
        assert screen.query_one("#sync-message").has_class("sync-ok")
        history = screen.query_one("#sync-history")
        assert "centre.bundle" in str(history.get_row_at(0))

    (tmp_path / "laptop").mkdir()
    field = fresh_replica(tmp_path / "laptop")
    outfalls = count(ui_db, "SELECT COUNT(*) FROM outfall")
    app = make_app("en", db=field)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_section(pilot, "f6")
        await enter_path(pilot, "import-path", bundle, "ctrl+o")
        # First contact: the source's fingerprint, and a question.
        trust = app.screen
        assert isinstance(trust, ConfirmModal)
        assert trust.id == "trust-dialog"
        expected = fingerprint(identity(ui_db).public_key)
        assert str(trust.query_one("#confirm-emphasis").render()) == expected
        assert count(field, "SELECT COUNT(*) FROM replica WHERE trusted=1 AND is_self=0") == 0
        await pilot.press("ctrl+s")
        await settle(pilot, rounds=6)
        # The preview: what would change, nothing changed yet.
        preview = app.screen
        assert preview.id == "preview-dialog"
        body = str(preview.query_one("#confirm-body").render())
        assert t("syncui.preview.conflicts", count=5) in body
        assert t("syncui.preview.duplicates", count=1) in body
        assert count(field, "SELECT COUNT(*) FROM outfall") == 0
        await pilot.press("ctrl+s")
        await settle(pilot, rounds=8)
        assert app.screen is screen
        assert "centre.bundle" in message(screen)
        assert not screen.query_one("#sync-message").has_class("error-text")
    assert count(field, "SELECT COUNT(*) FROM outfall") == outfalls
    # The centre, accepted by the person here; the demo's field laptop, whose work the
    # centre relays, learned from the centre's signed registration of it.
    assert count(field, "SELECT COUNT(*) FROM replica WHERE authority='person'") == 1
    assert count(field, "SELECT COUNT(*) FROM replica WHERE trusted=1 AND is_self=0") == 2
    assert count(field, "SELECT COUNT(*) FROM replica WHERE authority='central'") == 1
    assert count(field, "SELECT COUNT(*) FROM conflict WHERE status='open'") == 5


async def test_an_untrusted_key_or_a_declined_preview_imports_nothing(
    make_app: Any, ui_db: Any, tmp_path: Path
) -> None:
    from inspector.services.sync.exchange import export_bundle

    bundle = tmp_path / "centre.bundle"
    export_bundle(ui_db, bundle, everything=True)
    (tmp_path / "laptop").mkdir()
    field = fresh_replica(tmp_path / "laptop")
    before = full_state(field)
    app = make_app("en", db=field)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_section(pilot, "f6")
        await enter_path(pilot, "import-path", bundle, "ctrl+o")
        assert app.screen.id == "trust-dialog"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert message(screen) == t(
            "syncui.trust.refused", name="焦作市生态环境局(演示)", file="centre.bundle"
        )
        await enter_path(pilot, "import-path", bundle, "enter")
        await pilot.press("ctrl+s")  # trust
        await settle(pilot, rounds=6)
        assert app.screen.id == "preview-dialog"
        await pilot.press("escape")
        await settle(pilot)
        assert message(screen) == t("syncui.not_imported", file="centre.bundle")
    assert full_state(field) == before


async def test_damaged_and_foreign_files_are_refused_with_one_sentence(
    make_app: Any, ui_db: Any, tmp_path: Path
) -> None:
    from inspector.services.sync.exchange import export_bundle

    real = tmp_path / "real.bundle"
    export_bundle(ui_db, real, everything=True)
    truncated = tmp_path / "truncated.bundle"
    truncated.write_bytes(real.read_bytes()[: real.stat().st_size // 2])
    not_zip = tmp_path / "notes.bundle"
    not_zip.write_text("这不是同步包", encoding="utf-8")
    missing = tmp_path / "nowhere.bundle"
    before = full_state(ui_db)
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_section(pilot, "f6")
        for path in (truncated, not_zip, missing):
            await enter_path(pilot, "import-path", path, "ctrl+o")
            assert app.screen is screen, path  # no dialog: refused before any question
            text = message(screen)
            assert path.name in text
            assert "Traceback" not in text
            assert screen.query_one("#sync-message").has_class("error-text")
            assert not screen.query_one("#sync-progress-row").display
        await enter_path(pilot, "import-path", "", "ctrl+o")
        assert message(screen) == t("syncui.file_required")
    assert full_state(ui_db) == before


async def test_a_bundle_whose_prerequisites_are_missing_names_what_to_import_first(
    make_app: Any, ui_db: Any, tmp_path: Path
) -> None:
    """The centre's reply to the field laptop builds on the laptop's own changes: another
    replica is told what is missing, and is not asked to trust anyone for nothing."""
    from inspector.services.sync.exchange import export_bundle

    reply = tmp_path / "reply.bundle"
    export_bundle(ui_db, reply, to="武陟县巡查终端（演示）")
    (tmp_path / "other").mkdir()
    field = fresh_replica(tmp_path / "other")
    app = make_app("en", db=field)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_section(pilot, "f6")
        await enter_path(pilot, "import-path", reply, "ctrl+o")
        assert app.screen is screen
        text = message(screen)
        assert "reply.bundle" in text
        assert "焦作市生态环境局(演示)" in text
    assert count(field, "SELECT COUNT(*) FROM op") == 0


# -- conflicts and duplicates ---------------------------------------------------------------


async def test_reversing_a_conflict_from_the_keyboard_restores_the_other_value(
    make_app: Any, ui_db: Any
) -> None:
    from inspector.ui.screens.conflicts import ConflictsScreen

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_section(pilot, "f7")
        assert isinstance(screen, ConflictsScreen)
        table = screen.query_one("#conflict-table")
        assert table.row_count == 5
        chosen = screen.selected_conflict()
        assert chosen.other_origin == "武陟县巡查终端（演示）"
        assert chosen.other_value in str(screen.query_one("#conflict-detail").render())
        await pilot.press("r")
        await settle(pilot)
        assert app.screen.id == "resolve-dialog"
        app.screen.query_one("#confirm-note").value = "现场实测为准"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert chosen.id not in screen.conflicts
        assert table.row_count == 4
    with ui_db.read() as conn:
        status = conn.execute("SELECT status FROM conflict WHERE id=?", (chosen.id,)).fetchone()
        value = conn.execute(
            f"SELECT {chosen.field} FROM {chosen.entity} WHERE id=?", (chosen.row_id,)
        ).fetchone()[0]
        resolution = conn.execute(
            "SELECT reason FROM op WHERE entity='conflict_resolution' ORDER BY seq DESC LIMIT 1"
        ).fetchone()
    assert status == ("reversed",)
    assert value == chosen.other_value
    assert resolution == ("现场实测为准",)  # an operation: it syncs


async def test_keeping_a_conflict_and_cancelling_one(make_app: Any, ui_db: Any) -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_section(pilot, "f7")
        await pilot.press("down")
        chosen = screen.selected_conflict()
        await pilot.press("k")
        await settle(pilot)
        await pilot.press("escape")  # changed my mind
        await settle(pilot)
        assert chosen.id in screen.conflicts
        await pilot.press("k")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert chosen.id not in screen.conflicts
    with ui_db.read() as conn:
        status = conn.execute("SELECT status FROM conflict WHERE id=?", (chosen.id,)).fetchone()
        value = conn.execute(
            f"SELECT {chosen.field} FROM {chosen.entity} WHERE id=?", (chosen.row_id,)
        ).fetchone()[0]
    assert status == ("kept",)
    assert value == chosen.current_value


async def test_merging_the_duplicate_keeps_the_first_registered(make_app: Any, ui_db: Any) -> None:
    app = make_app("zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_section(pilot, "f7")
        assert screen.query_one("#duplicate-table").row_count == 1
        await pilot.press("m")
        await settle(pilot)
        assert app.screen.id == "merge-dialog"
        assert "410823QT90001" in str(app.screen.query_one("#confirm-body").render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.duplicates == {}
    with ui_db.read() as conn:
        rows = dict(
            conn.execute(
                "SELECT code, merged_into IS NOT NULL FROM outfall WHERE code LIKE '410823QT9000%'"
            ).fetchall()
        )
    assert rows == {"410823QT90001": 0, "410823QT90002": 1}


async def test_the_dashboard_counts_open_conflicts_and_leads_to_them(
    make_app: Any, ui_db: Any
) -> None:
    from inspector.services.sync.conflicts import list_conflicts, resolve_conflict
    from inspector.ui.screens.conflicts import ConflictsScreen

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        summary = app.screen.query_one("#conflicts-summary")
        assert t("dash.conflicts.count", count=5) in str(summary.render())
        assert t("dash.conflicts.duplicates", count=1) in str(summary.render())
        assert app.screen.query_one("#conflicts-latest").option_count == 3
        resolve_conflict(ui_db, list_conflicts(ui_db)[0].id, decision="keep")
        await pilot.press("ctrl+r")  # reload
        await settle(pilot)
        assert t("dash.conflicts.count", count=4) in str(summary.render())
        latest = app.screen.query_one("#conflicts-latest")
        latest.focus()
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConflictsScreen)


async def test_sync_and_conflict_actions_are_in_the_palette(make_app: Any) -> None:
    from inspector.ui.commands import app_commands

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = {c.title for c in app_commands(app, app.screen)}
        assert t("cmd.go", section=t("nav.sync")) in titles
        assert t("cmd.go", section=t("nav.conflicts")) in titles
        for key, wanted in (
            ("f6", ("key.export_bundle", "key.import_bundle")),
            ("f7", ("key.keep", "key.reverse", "key.merge", "key.dismiss")),
        ):
            screen = await open_section(pilot, key)
            titles = {c.title for c in app_commands(app, screen)}
            assert {t(k) for k in wanted} <= titles


async def test_escape_stops_an_import_under_way(
    make_app: Any, ui_db: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """The services stop at their next check of the cancel event; the screen must pass it
    and say that nothing changed. (A stand-in check waits for it, so the test does not race
    the real one.)"""
    import threading

    import inspector.services.sync.exchange as exchange
    from inspector.services.sync.errors import Cancelled

    started = threading.Event()

    def slow_verify(db: Any, path: Path, *, progress: Any, cancel: Any) -> Any:
        started.set()
        while not cancel.wait(0.01):
            pass
        raise Cancelled()

    monkeypatch.setattr(exchange, "verify_bundle", slow_verify)
    bundle = tmp_path / "some.bundle"
    bundle.write_bytes(b"PK")
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_section(pilot, "f6")
        box = screen.query_one("#import-path")
        box.focus()
        box.value = str(bundle)
        await pilot.press("ctrl+o")
        started.wait(10)
        assert screen.busy
        await pilot.press("escape")
        await settle(pilot)
        assert message(screen) == t("sync.cancelled")
        assert not screen.busy
