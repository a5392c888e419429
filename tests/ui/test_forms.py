"""Nothing typed is lost, the keyboard goes where the user thinks: drafts of every form,
leaving a form asks, quitting keeps drafts first, refusals said next to their field with
the focus on the first, plain keys in a form are text, choices keep what is chosen, files
are never written over unasked, every section's actions in the palette, paths completed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inspector.i18n import t
from tests.ui.conftest import field, fill, outfall_in_state, settle, type_text

SIZE = (120, 40)


def drafts(db: Any) -> dict[tuple[str, str], str]:
    with db.read() as conn:
        return {
            (form, subject): fields
            for form, subject, fields in conn.execute(
                "SELECT form, subject, fields FROM form_draft"
            )
        }


def notices(app: Any) -> list[str]:
    return [str(n.message) for n in app._notifications]


# -- 1. drafts of every form, and leaving asks --------------------------------------------


async def test_leaving_a_new_outfall_asks_and_keeps_a_draft(make_app: Any, ui_db: Any) -> None:
    from inspector.ui.modals.leave import LeaveModal
    from inspector.ui.screens.new_outfall import NewOutfallScreen

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        await fill(pilot, form, "name", "half typed")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LeaveModal)  # asked, not thrown away
        await pilot.press("escape")  # stay
        await settle(pilot)
        assert app.screen is form
        assert field(form, "name").raw == "half typed"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.click("#leave-keep")
        await settle(pilot)
        assert not isinstance(app.screen, NewOutfallScreen)
        assert '"half typed"' in drafts(ui_db)[("new_outfall", "")]
        await pilot.press("n")
        await settle(pilot)
        assert field(app.screen, "name").raw == "half typed"  # it came back
        # Discarding, when asked, removes it.
        await pilot.press("escape")
        await settle(pilot)
        await pilot.click("#leave-discard")
        await settle(pilot)
        assert ("new_outfall", "") not in drafts(ui_db)


async def test_switching_section_from_unsaved_typing_asks(make_app: Any, ui_db: Any) -> None:
    from inspector.ui.modals.leave import LeaveModal

    outfall_id = outfall_in_state(ui_db, "in_service")
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_inspection(outfall_id)
        await settle(pilot)
        await fill(pilot, app.screen, "notes", "oil sheen at the mouth")
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, LeaveModal)
        await pilot.press("enter")  # keep as draft, the answer under the cursor
        await settle(pilot)
        assert app.current_mode == "plans"
    assert "oil sheen" in drafts(ui_db)[("inspection", outfall_id)]


async def test_a_dialog_keeps_its_draft_and_saving_removes_it(make_app: Any, ui_db: Any) -> None:
    from inspector.ui.modals.outfall import AssignOwnerModal

    outfall_id = outfall_in_state(ui_db, "confirmed", owner=False)
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(AssignOwnerModal(outfall_id))
        await settle(pilot)
        await fill(pilot, app.screen, "name", "焦作市某某化工有限公司")
        await fill(pilot, app.screen, "address", "武陟县北郊")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.click("#leave-keep")
        await settle(pilot)
        assert "某某化工" in drafts(ui_db)[("assign_owner", outfall_id)]
        app.push_screen(AssignOwnerModal(outfall_id))
        await settle(pilot)
        modal = app.screen
        assert field(modal, "address").raw == "武陟县北郊"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not modal
    assert ("assign_owner", outfall_id) not in drafts(ui_db)


# -- 1, 2. quitting -----------------------------------------------------------------------


async def test_quitting_keeps_the_last_keystroke_and_asks(make_app: Any, ui_db: Any) -> None:
    from inspector.ui.modals.leave import LeaveModal

    outfall_id = outfall_in_state(ui_db, "in_service")
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_inspection(outfall_id)
        await settle(pilot)
        form = app.screen
        field(form, "notes").control.focus()
        await pilot.pause()
        await pilot.press("x", "y", "z")  # no pause: the draft timer has not run
        await pilot.press("ctrl+q")
        # Before anything is answered, the draft holds the last key typed.
        assert '"notes": "xyz"' in drafts(ui_db)[("inspection", outfall_id)]
        await pilot.pause()
        assert isinstance(app.screen, LeaveModal)
        assert app.screen.quitting
        await pilot.press("ctrl+q")  # asked, and again: quit, drafts kept
        await pilot.pause()
    assert not app.is_running
    assert '"notes": "xyz"' in drafts(ui_db)[("inspection", outfall_id)]


async def test_quitting_with_nothing_unsaved_does_not_ask(make_app: Any) -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


# -- 3. discarding asks; lists never show as Python ----------------------------------------


async def test_discarding_an_inspection_draft_asks_and_lists_stay_readable(
    make_app: Any, ui_db: Any
) -> None:
    from inspector.ui.modals.confirm import ConfirmModal

    outfall_id = outfall_in_state(ui_db, "in_service")
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_inspection(outfall_id)
        await settle(pilot)
        form = app.screen
        await fill(pilot, form, "notes", "keep me")
        await pilot.press("ctrl+r")  # means reload elsewhere: here it discards nothing
        await settle(pilot)
        assert field(form, "notes").raw == "keep me"
        form.action_discard_draft()
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert field(form, "notes").raw == ""
        # The default inspector comes back as a person writes a name, not as `['tester']`.
        assert field(form, "inspectors").control.value == "tester"
        assert field(form, "inspectors").problem() is None


async def test_list_and_mapping_fields_round_trip_through_their_boxes() -> None:
    """Every list or mapping column of every model, shown in a text box and read back,
    is the value it was (a draft restores fields through the same path)."""
    from textual.app import App

    from inspector.models import SYNCED
    from inspector.models.spec import spec_for
    from inspector.ui.widgets.forms.fields import Field

    specs = [
        (model.__tablename__, spec)
        for model in SYNCED.values()
        for spec in spec_for(model).fields.values()
        if spec.kind in ("list", "json")
    ]
    assert len(specs) >= 3
    samples = {"list": ["张三", "李四"], "json": {"a": 1, "说明": "x"}}

    class Boxes(App[None]):
        def compose(self) -> Any:
            from textual.containers import Vertical

            # One box per model: a field name may be in several (an outfall's and an
            # inspection's position_fix), and a field's id is its name.
            for n, (entity, spec) in enumerate(specs):
                with Vertical(id=f"box-{n}"):
                    yield Field(entity, spec, control="input")

    app = Boxes()
    async with app.run_test() as pilot:
        for f in app.query(Field):
            value = samples[f.spec.kind]
            if f.spec.list_of and f.spec.list_of != "text":
                from inspector.domain.choices import CHOICES

                value = [m.value for m in list(CHOICES[f.spec.list_of])[:2]]
            f.set_raw(value)
            await pilot.pause()
            assert "[" not in f.raw, (f.name_, f.raw)
            assert "'" not in f.raw, (f.name_, f.raw)
            assert f.spec.clean(f.raw) == value, f.name_


# -- 5. focus after a refusal, plain keys in a form -----------------------------------------


async def test_a_refused_save_puts_the_focus_on_the_first_problem(make_app: Any) -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        await fill(pilot, form, "name", "nameless")
        await pilot.press("ctrl+s")
        await settle(pilot)
        # County is the first problem in reading order (river and position come later).
        assert app.focused is field(form, "county_code").control
        assert field(form, "river").has_class("-invalid")


async def test_plain_keys_in_a_form_are_never_commands(make_app: Any) -> None:
    from inspector.ui.screens.new_outfall import NewOutfallScreen

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        field(form, "bank").control.focus()  # a choice, not a text box
        await pilot.pause()
        await pilot.press("n", "i", "a")
        await settle(pilot)
        assert app.screen is form
        assert len([s for s in app.screen_stack if isinstance(s, NewOutfallScreen)]) == 1
        # The tabs of an outfall take digits; a choice of its details form keeps them.
        app.pop_screen()
        await settle(pilot)
    outfall = make_app("en")
    async with outfall.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = outfall.screen
        field(screen, "in_national_platform").control.focus()  # two options: 1 and 2
        await pilot.pause()
        await pilot.press("5", "a")
        await settle(pilot)
        assert screen.active_tab == "details"
        assert outfall.screen is screen


# -- 7. the ledger's rule for a new outfall --------------------------------------------------


async def test_a_new_outfall_far_outside_its_county_is_refused_as_a_ledger_row(
    make_app: Any, ui_db: Any
) -> None:
    from inspector.ui.screens.new_outfall import NewOutfallScreen

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        await fill(pilot, form, "name", "far away test")
        field(form, "county_code").set_raw("410823")
        field(form, "river").set_raw("沁河")
        form.query_one("#position-text").focus()
        await type_text(pilot, "30.5, 114.3")  # Wuhan: some 600 km away
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NewOutfallScreen)
        result = str(form.query_one("#position-result").render())
        assert "outside Jiaozuo" in result
        await pilot.press("ctrl+s")  # still refused: a typing slip, not a warning
        await settle(pilot)
        assert isinstance(app.screen, NewOutfallScreen)
        # In the city but outside Wuzhi County: a warning, saved when asked again.
        form.query_one("#position-text").value = ""
        form.query_one("#position-text").focus()
        await type_text(pilot, "35.4210, 112.9390")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NewOutfallScreen)
        assert "outside Wuzhi" in str(form.query_one("#new-error").render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, NewOutfallScreen)
    with ui_db.read() as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM outfall WHERE name='far away test'")]
    assert names == ["far away test"]


# -- 8. refusals said next to the field ------------------------------------------------------


async def test_assign_owner_with_a_cleared_choice_says_why(make_app: Any, ui_db: Any) -> None:
    from inspector.ui.modals.outfall import AssignOwnerModal

    outfall_id = outfall_in_state(ui_db, "confirmed", owner=False)
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(AssignOwnerModal(outfall_id))
        await settle(pilot)
        modal = app.screen
        await fill(pilot, modal, "name", "某某公司")
        role = field(modal, "role")
        role.control.focus()
        await pilot.press("backspace")  # the chosen role cleared
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is modal
        error = str(role.query_one(".field-error").render())
        assert error == t("error.required", field=role.label)
        assert app.focused is role.control


# -- 10. a digit never clears its choice -----------------------------------------------------


async def test_the_digit_of_the_chosen_option_keeps_it(make_app: Any) -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        level = field(app.screen, "investigation_level")
        assert level.raw == "2"
        level.control.focus()
        await pilot.press("2")  # pressed "to be sure"
        await pilot.pause()
        assert level.raw == "2"
        await pilot.press("space")  # the cursor starts on the option chosen
        await pilot.pause()
        assert level.raw == "2"
        await pilot.press("3")
        await pilot.pause()
        assert level.raw == "3"
        await pilot.press("backspace")  # only this clears
        await pilot.pause()
        assert level.raw is None


# -- 4. writing over a file asks -------------------------------------------------------------


async def test_sync_export_over_an_existing_file_asks(make_app: Any, tmp_path: Path) -> None:
    out = tmp_path / "today.bundle"
    out.write_bytes(b"yesterday's bundle")
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        box = app.screen.query_one("#export-path")
        box.focus()
        box.value = str(out)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert app.screen.id == "replace-dialog"
        await pilot.press("enter")  # the cursor starts on "cancel"
        await settle(pilot)
        assert out.read_bytes() == b"yesterday's bundle"
        assert t("out.replace.kept") in str(app.screen.query_one("#sync-message").render())
        await pilot.press("ctrl+t")
        await settle(pilot)
        await pilot.press("ctrl+s")  # replace
        await settle(pilot)
    assert out.read_bytes()[:2] == b"PK"


# -- 11. the palette reaches every section's actions -----------------------------------------


async def test_the_palette_runs_any_sections_actions_from_anywhere(make_app: Any) -> None:
    from inspector.ui.commands import app_commands
    from inspector.ui.modals.plans import DrawPlanModal
    from inspector.ui.modals.setup import ImportModal

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.current_mode == "dashboard"
        commands = {c.title: c for c in app_commands(app, app.screen)}
        for title in (
            "Plans: " + t("pui.key.draw"),
            "Photos: " + t("key.photos_accept_unflagged"),
            "Sync: " + t("key.export_bundle"),
            "Conflicts: " + t("key.keep"),
            "Register: " + t("key.import_ledger"),
            "Register: " + t("key.export_ledger"),
            "Plans: " + t("pui.key.annual"),
        ):
            assert title in commands, title
        commands["Plans: " + t("pui.key.draw")].callback()
        await settle(pilot)
        assert app.current_mode == "plans"
        assert isinstance(app.screen, DrawPlanModal)
        await pilot.press("escape")
        await settle(pilot)
        commands["Register: " + t("key.import_ledger")].callback()
        await settle(pilot)
        assert app.current_mode == "register"
        assert isinstance(app.screen, ImportModal)


async def test_a_ledger_is_imported_from_the_register(
    make_app: Any, ui_db: Any, tmp_path: Path
) -> None:
    from inspector.services.ledger import export_ledger

    out = tmp_path / "register.geojson"
    export_ledger(ui_db, out)
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        box = app.screen.query_one("#import-path")
        box.value = str(out)
        await pilot.press("enter")
        await settle(pilot, rounds=8)
        result = str(app.screen.query_one("#import-result").render())
        assert "rows imported" in result
        assert "0 new" in result  # the same register: nothing new, nothing lost


# -- 12. paths are completed and shown resolved ----------------------------------------------


def test_paths_complete_from_their_folder(tmp_path: Path) -> None:
    from inspector.ui.widgets.forms.path import PathKind, completion, resolved_text

    (tmp_path / "reports").mkdir()
    (tmp_path / "report-2025.xlsx").write_text("x")
    (tmp_path / "report-2026.xlsx").write_text("x")
    (tmp_path / "notes.txt").write_text("x")
    xlsx = PathKind(suffixes=(".xlsx",))
    base = str(tmp_path) + "/"
    assert completion(base + "rep", xlsx) == base + "report"  # what they share
    assert completion(base + "report-2026", xlsx) == base + "report-2026.xlsx"
    assert completion(base + "reports", xlsx) == base + "reports/"
    assert completion(base + "no", xlsx) is None  # notes.txt is not offered
    folder = PathKind(folder=True)
    assert completion(base + "r", folder) == base + "reports/"
    line, bad = resolved_text("report-2025.xlsx", xlsx)
    assert line.startswith("→ /")  # relative: shown where it really is
    assert not bad


async def test_a_relative_path_is_shown_resolved_before_writing(
    make_app: Any, tmp_path: Path
) -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        box = field(app.screen, "path")
        box.control.value = "out/register.csv"
        await pilot.pause()
        shown = str(box.query_one(".path-resolved").render())
        assert str(Path.cwd() / "out" / "register.csv") in shown
        assert "does not exist" in shown  # the folder is not there: said before writing


async def test_a_path_typed_on_after_tab_opens_nothing(make_app: Any) -> None:
    """Typing a path on the Sync screen once opened New outfall: `tab` had left the box
    for its button, and the `n` of `.bundle` was taken as a command."""
    from inspector.ui.screens.new_outfall import NewOutfallScreen

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        screen = app.screen
        screen.query_one("#export-path").focus()
        await pilot.press("tab")  # nothing to complete: on to the browse button
        await pilot.pause()
        await type_text(pilot, "x.bundle")
        await settle(pilot)
        assert app.screen is screen
        assert not any(isinstance(s, NewOutfallScreen) for s in app.screen_stack)


async def test_the_ledger_written_from_the_register_is_the_register(
    make_app: Any, tmp_path: Path
) -> None:
    """Ctrl+T on the register: an existing file is kept until the person says to replace
    it, and the file written holds the register's rows, as the register lists them."""
    from openpyxl import load_workbook

    from inspector.ui.modals.files import LedgerExportModal

    out = tmp_path / "ledger.xlsx"
    out.write_bytes(b"last month's ledger")
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        register = app.screen
        total = register._total
        shown = [register.outfalls.row_at(i) for i in (0, 1, 2)]
        await pilot.press("ctrl+t")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, LedgerExportModal)
        path = field(modal, "path").control
        path.value = ""
        path.insert_text_at_cursor(str(out))  # pasted (tests/ui/test_plans.py says why)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.id == "replace-dialog"
        assert str(out) in str(app.screen.query_one("#confirm-emphasis").render())
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is modal
        assert out.read_bytes() == b"last month's ledger"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+s")  # replace
        await settle(pilot, rounds=8)
        assert app.screen is register
        assert any(str(out) in n for n in notices(app))
    rows = list(load_workbook(out, read_only=True).worksheets[0].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    code, name = header.index("排污口编码"), header.index("排污口名称")
    assert len(body) == total
    names = {r[code]: r[name] for r in body}
    for row in shown:
        assert row is not None
        assert names[row.code] == row.name


def listed(tree: Any) -> set[str]:
    """The names a folder tree shows."""
    nodes = (tree.get_node_at_line(n) for n in range(tree.last_line + 1))
    return {node.data.path.name for node in nodes if node is not None and node.data}


async def until_listed(pilot: Any, tree: Any, name: str) -> None:
    """Wait for a folder tree to list `name`. (Not `settle`: the tree's loader is a worker
    that waits for the next folder as long as the tree is there.)"""
    for _ in range(500):
        if name in listed(tree):
            return
        await pilot.pause()
    raise AssertionError(f"{name} never listed: {sorted(listed(tree))}")


async def test_the_folder_picker_puts_the_folder_chosen_in_the_box(
    make_app: Any, tmp_path: Path
) -> None:
    """The browse button beside a path box: the tree walked with the keyboard to a folder,
    Ctrl+S, and the box holds that folder's whole path; Escape leaves the box as it was."""
    from inspector.ui.widgets.forms.path import PathPickerModal

    card = tmp_path / "cards" / "day-2"
    card.mkdir(parents=True)
    (tmp_path / "aaa").mkdir()  # folders before and after it in the tree
    (tmp_path / "zzz").mkdir()
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        screen = app.screen
        box = screen.query_one("#photos-folder")
        await pilot.click(".path-browse")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PathPickerModal)
        tree = picker.folders
        await until_listed(pilot, tree, "cards")
        assert app.focused is tree

        async def open_folder(name: str, then: str) -> None:
            for _ in range(tree.last_line + 1):
                node = tree.cursor_node
                if node is not None and node.data is not None and node.data.path.name == name:
                    break
                await pilot.press("down")
            else:
                raise AssertionError(f"{name} is not in the tree")
            await pilot.press("enter")  # opens it, and takes it as the folder chosen
            await until_listed(pilot, tree, then)

        (card / "inside").mkdir()
        await open_folder("cards", then="day-2")
        await open_folder("day-2", then="inside")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert box.value == str(card.resolve())
        assert app.focused is box
        # Browsing again and leaving with Escape changes nothing.
        await pilot.click(".path-browse")
        await pilot.pause()
        assert isinstance(app.screen, PathPickerModal)
        await until_listed(pilot, app.screen.folders, "inside")  # it opens where the box is
        await pilot.press("down", "enter")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert box.value == str(card.resolve())


async def test_the_state_dialog_opens_on_a_suspected_outfall(make_app: Any, ui_db: Any) -> None:
    """The state field's model default (suspected) is not among the steps offered from
    suspected: filled with it anyway, the dialog took the whole app down on opening."""
    from inspector.ui.modals.outfall import TransitionModal
    from tests.ui.conftest import open_outfall

    outfall_id = outfall_in_state(ui_db, "suspected")
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_outfall(pilot, outfall_id, "owner")
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TransitionModal)
        assert field(app.screen, "state").raw is None  # a step is chosen, never assumed
