"""The Photos section and the outfall's photos tab, driven through Pilot on a copy of the
demo: importing a camera card (made by the tests), reviewing proposals, previews."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from inspector import locations
from inspector.i18n import t
from tests.ui.conftest import paste_text, settle, type_text

SIZE = (120, 40)


async def open_photos(pilot: Any) -> Any:
    from inspector.ui.screens.photos import PhotosScreen

    await settle(pilot)
    await pilot.press("f4")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PhotosScreen)
    return pilot.app.screen


@pytest.fixture(autouse=True)
def photo_store(ui_db: Any, demo_template: Path) -> Path:
    """The demo's photo originals beside the copy (previews are made from them, lazily)."""
    store = locations.photo_store(ui_db.path.resolve())
    shutil.copytree(locations.photo_store(demo_template), store)
    return store


def text_of(screen: Any, selector: str) -> str:
    """What a Static shows, as plain text."""
    return str(screen.query_one(selector).content)


def pending(db: Any) -> dict[str, dict[str, Any]]:
    with db.read() as conn:
        return {
            r[0]: {"outfall_id": r[1], "flags": json.loads(r[2])}
            for r in conn.execute(
                "SELECT photo_id, outfall_id, flags FROM photo_match WHERE status='pending'"
            )
        }


def photo_link(db: Any, photo_id: str) -> tuple[Any, Any]:
    with db.read() as conn:
        return conn.execute(
            "SELECT outfall_id, inspection_id FROM photo WHERE id=?", (photo_id,)
        ).fetchone()


def bad_folder(photos: Path, folder: Path) -> dict[str, str]:
    """A camera card's photos and the broken files a card really holds."""
    for sub in ("gps", "orientation", "cameras"):
        shutil.copytree(photos / sub, folder / sub)
    # A phone's HEIC, under a name that would be markup if a table read it as such.
    shutil.copy(photos / "heic" / "IMG_5195.HEIC", folder / "IMG[b]1.HEIC")
    (folder / "empty.jpg").write_bytes(b"")
    (folder / "notes.jpg").write_text("not a photo at all")
    whole = (photos / "gps" / "DSCN0010.jpg").read_bytes()
    (folder / "cut.jpg").write_bytes(whole[: len(whole) // 3])
    return {"empty.jpg": "empty", "notes.jpg": "not_image", "cut.jpg": "truncated"}


async def test_import_a_card_lists_bad_files_and_proposals(
    make_app: Any, ui_db: Any, camera_card: Path, tmp_path: Path
) -> None:
    from inspector.ui.screens.photos import PhotosScreen

    folder = tmp_path / "card"
    expected_bad = bad_folder(camera_card, folder)
    good = sum(1 for p in folder.rglob("*.*") if p.name not in expected_bad)
    with ui_db.read() as conn:
        before = conn.execute("SELECT COUNT(*) FROM photo").fetchone()[0]
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_photos(pilot)
        assert len(screen.proposals) == 4  # the demo leaves four for review
        await pilot.press("o")
        await paste_text(pilot, str(folder))
        await pilot.press("enter")
        await settle(pilot, rounds=8)
        assert isinstance(app.screen, PhotosScreen)
        report = text_of(screen, "#photos-report-text")
        lines = report.splitlines()
        # One line per bad file, naming it and saying why, in file-name order.
        bad_lines = [
            t(f"photos.bad.{code}", file=name) for name, code in sorted(expected_bad.items())
        ]
        assert lines[-3:] == bad_lines
        assert lines[0] == t(
            "photos.summary", folder="card", found=good + 3, imported=good, known=0, bad=3
        )
        assert t("photos.bad_heading") in report
        # Every new photo is proposed for review (none is linked without a person).
        assert len(screen.proposals) == 4 + good
        assert screen.table.row_count == 4 + good
        assert not screen.query_one("#photos-progress-row").display
        names = [str(screen.table.get_row_at(n)[0]) for n in range(screen.table.row_count)]
        assert "IMG[b]1.HEIC" in names
    with ui_db.read() as conn:
        after = conn.execute("SELECT COUNT(*) FROM photo").fetchone()[0]
        gps = conn.execute(
            "SELECT lat, lon FROM photo WHERE original_name='DSCN0010.jpg'"
        ).fetchone()
        heic = conn.execute(
            "SELECT format, accuracy_m FROM photo WHERE original_name='IMG[b]1.HEIC'"
        ).fetchone()
    assert after - before == good
    assert abs(gps[0] - (43 + 28 / 60 + 2.814 / 3600)) < 1e-5
    assert abs(gps[1] - (11 + 53 / 60 + 6.456 / 3600)) < 1e-5
    assert heic[0] == "heif"
    assert abs(heic[1] - 38.8) < 0.1


async def test_a_folder_that_is_not_there_is_one_line(make_app: Any, tmp_path: Path) -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_photos(pilot)
        await pilot.press("o")
        await paste_text(pilot, str(tmp_path / "nowhere"))
        await pilot.press("enter")
        await settle(pilot)
        report = text_of(screen, "#photos-report-text")
        assert report == t("photos.no_folder", path=str(tmp_path / "nowhere"))
        assert screen.query_one("#photos-report").has_class("-error")
        await pilot.press("o", "ctrl+u", "enter")  # nothing typed
        await settle(pilot)
        assert text_of(screen, "#photos-report-text") == t("photos.folder.empty")


async def test_accept_one_then_all(make_app: Any, ui_db: Any) -> None:
    app = make_app("en")
    before = pending(ui_db)
    assert len(before) == 4
    assert all(p["flags"] for p in before.values())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_photos(pilot)
        first = screen.selected
        assert first.outfall_id is not None
        await pilot.press("y")
        await settle(pilot)
        assert photo_link(ui_db, first.photo_id) == (first.outfall_id, first.inspection_id)
        assert first.photo_id not in pending(ui_db)
        assert len(screen.proposals) == 3
        # Every one left is flagged: "accept unflagged" takes none of them.
        await pilot.press("u")
        await settle(pilot)
        assert len(pending(ui_db)) == 3
        # "Accept all" would take flagged ones: it asks first, and escape takes nothing.
        await pilot.press("a")
        await settle(pilot)
        assert app.screen.id == "accept-all-dialog"
        assert "3" in str(app.screen.query_one("#confirm-body").render())
        await pilot.press("escape")
        await settle(pilot)
        assert len(pending(ui_db)) == 3
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pending(ui_db) == {}
        assert screen.proposals == []
        assert text_of(screen, "#photos-review-head") == t("photos.review.none")
        for photo_id, proposal in before.items():
            assert photo_link(ui_db, photo_id)[0] == proposal["outfall_id"]


async def test_accept_unflagged_takes_only_unflagged(make_app: Any, ui_db: Any) -> None:
    # Clear one demo proposal's flags, as a clean match would have none.
    conn = ui_db.connect()
    with conn:
        photo_id = conn.execute(
            "SELECT photo_id FROM photo_match WHERE outfall_id IS NOT NULL ORDER BY photo_id"
        ).fetchone()[0]
        conn.execute("UPDATE photo_match SET flags='[]' WHERE photo_id=?", (photo_id,))
    conn.close()
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_photos(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert photo_id not in pending(ui_db)
        assert photo_link(ui_db, photo_id)[0] is not None
        assert len(screen.proposals) == 3


async def test_accept_all_without_flags_needs_no_question(make_app: Any, ui_db: Any) -> None:
    conn = ui_db.connect()
    with conn:
        conn.execute("UPDATE photo_match SET flags='[]' WHERE outfall_id IS NOT NULL")
    conn.close()
    proposed = {k for k, v in pending(ui_db).items() if v["outfall_id"] is not None}
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_photos(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert app.screen is screen
        assert not proposed & set(pending(ui_db))


async def test_change_one_proposals_outfall_by_code(make_app: Any, ui_db: Any) -> None:
    from inspector.ui.modals.photos import ChangeOutfallModal

    app = make_app("zh")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_photos(pilot)
        chosen = screen.selected
        with ui_db.read() as conn:
            other_id, other_code = conn.execute(
                "SELECT id, code FROM outfall WHERE id != ? AND deleted=0 ORDER BY code LIMIT 1",
                (chosen.outfall_id,),
            ).fetchone()
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, ChangeOutfallModal)
        # A code nobody has: one sentence, and the dialog stays.
        await type_text(pilot, "ZZ999")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ChangeOutfallModal)
        error = text_of(app.screen, "#modal-error")
        assert error == t("photos.change.unknown", text="ZZ999")
        app.screen.query_one("#change-code").value = ""
        await type_text(pilot, other_code)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert photo_link(ui_db, chosen.photo_id)[0] == other_id
        assert chosen.photo_id not in pending(ui_db)
        assert len(screen.proposals) == 3


async def test_reject_sets_a_proposal_aside(make_app: Any, ui_db: Any) -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_photos(pilot)
        chosen = screen.selected
        await pilot.press("x")
        await settle(pilot)
        with ui_db.read() as conn:
            status = conn.execute(
                "SELECT status FROM photo_match WHERE photo_id=?", (chosen.photo_id,)
            ).fetchone()[0]
        assert status == "dismissed"
        assert photo_link(ui_db, chosen.photo_id) == (None, None)
        assert chosen.photo_id not in [p.photo_id for p in screen.proposals]


async def test_review_preview_and_full_view(make_app: Any) -> None:
    from inspector.ui.screens.photo_view import PhotoViewScreen
    from inspector.ui.widgets.photos.preview import HalfBlockImage

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_photos(pilot)
        cells = screen.query_one("#photos-preview").query_one(HalfBlockImage)
        assert cells.sha256 == screen.selected.photo_id
        assert cells.blocks is not None
        assert cells.blocks.rows > 5
        await pilot.press("down")
        await settle(pilot)
        assert cells.sha256 == screen.proposals[1].photo_id
        assert cells.blocks is not None
        await pilot.press("enter")
        await settle(pilot)
        view = app.screen
        assert isinstance(view, PhotoViewScreen)
        big = view.query_one(HalfBlockImage)
        assert big.sha256 == screen.proposals[1].photo_id
        assert big.blocks is not None
        assert big.blocks.rows > cells.blocks.rows
        await pilot.press("right")
        await settle(pilot)
        assert big.sha256 == screen.proposals[2].photo_id
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen


async def test_review_keys_reach_the_command_palette(make_app: Any) -> None:
    from inspector.ui.commands import app_commands

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_photos(pilot)
        titles = {c.title for c in app_commands(app, screen)}
        for key in ("key.photos_accept_all", "key.photos_change", "key.photos_folder"):
            assert t(key) in titles


def outfall_with_photos(db: Any) -> str:
    with db.read() as conn:
        return str(
            conn.execute(
                "SELECT outfall_id FROM photo WHERE outfall_id IS NOT NULL AND deleted=0"
                " GROUP BY outfall_id ORDER BY COUNT(*) DESC, outfall_id LIMIT 1"
            ).fetchone()[0]
        )


async def test_outfall_photos_tab_shows_a_preview_and_opens_the_full_view(
    make_app: Any, ui_db: Any
) -> None:
    from inspector.ui.screens.photo_view import PhotoViewScreen
    from inspector.ui.widgets.outfall.photos import PhotosTab
    from inspector.ui.widgets.photos.preview import HalfBlockImage

    outfall_id = outfall_with_photos(ui_db)
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_outfall(outfall_id, tab="photos")
        await settle(pilot)
        tab = app.screen.query_one(PhotosTab)
        assert tab.photos
        cells = tab.query_one(HalfBlockImage)
        assert cells.sha256 == tab.photos[0]["id"]
        assert cells.blocks is not None
        assert cells.blocks.rows > 3
        findings = text_of(tab, "#photos-findings")
        assert findings.startswith((t("tab.photos.signage"), t("tab.photos.signage_none")))
        assert app.focused is tab.query_one("#photos-table")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PhotoViewScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one(PhotosTab) is tab


def test_previews_are_half_blocks_unless_a_protocol_was_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from inspector.ui import pixels

    monkeypatch.delenv("TMUX", raising=False)
    monkeypatch.setenv("TERM", "xterm-kitty")
    monkeypatch.setenv("INSPECTOR_PREVIEW", "halfblocks")
    assert pixels.probe() is None
    monkeypatch.delenv("INSPECTOR_PREVIEW")
    monkeypatch.setenv("TERM", "tmux-256color")
    assert pixels.probe() is None
    # A terminal not known to draw pictures is not asked (an unanswered question would
    # cost its timeout on every start).
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("TERM_PROGRAM", raising=False)
    monkeypatch.delenv("KITTY_WINDOW_ID", raising=False)
    assert not pixels._worth_asking()
    monkeypatch.setenv("INSPECTOR_PREVIEW", "pixels")
    assert pixels._worth_asking()
    monkeypatch.delenv("INSPECTOR_PREVIEW")
    monkeypatch.setenv("TERM", "xterm-kitty")
    assert pixels._worth_asking()
    # Not a terminal (as under test): textual-image falls back to text, so half-blocks.
    assert pixels.probe() is None
    assert pixels.protocol() is None


async def test_a_stamped_evidence_copy_is_written_from_the_outfalls_photos(
    make_app: Any, ui_db: Any, tmp_path: Path
) -> None:
    """`e` on an outfall's photos: a new image, the photo with its facts stamped on it;
    the stored original stays as it was."""
    from PIL import Image, ImageChops

    from inspector.data import photostore
    from inspector.ui.modals.files import StampModal
    from inspector.ui.widgets.outfall.photos import PhotosTab

    outfall_id = outfall_with_photos(ui_db)
    out = tmp_path / "evidence.jpg"
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_outfall(outfall_id, tab="photos")
        await settle(pilot)
        photo = app.screen.query_one(PhotosTab).selected
        assert photo is not None
        original = photostore.path_of(ui_db.path, photo["id"])
        before = original.read_bytes()
        await pilot.press("e")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, StampModal)
        box = modal.query_one("#field-path").control
        box.value = ""
        box.insert_text_at_cursor(str(out))  # pasted: typed, each key would complete
        await pilot.press("ctrl+s")
        await settle(pilot, rounds=6)
        assert app.screen is not modal
        assert any(str(out) in n for n in notices(app))
    assert original.read_bytes() == before
    with Image.open(out) as stamped, Image.open(original) as source:
        stamped.load()  # a whole image, not only a header
        assert stamped.format == "JPEG"
        picture = source.convert("RGB")
        copy = stamped.convert("RGB")
        # Not the original under another name: a band of facts, or facts drawn on it.
        assert copy.size != picture.size or ImageChops.difference(copy, picture).getbbox()


def notices(app: Any) -> list[str]:
    return [str(n.message) for n in app._notifications]
