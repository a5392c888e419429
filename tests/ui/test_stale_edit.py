"""The stale-edit rule in the UI: a save over a value someone else stored since the form
was filled is refused with a dialog showing both values; keep theirs, save mine over
theirs, or go back, and nothing typed is lost in any of them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inspector.data.db import open_database
from inspector.i18n import t
from inspector.models import Outfall
from inspector.services import register as reg
from tests.ui.conftest import field, fill, open_outfall, outfall_in_state, settle

SIZE = (120, 40)


async def open_details(pilot: Any, outfall_id: str) -> Any:
    return await open_outfall(pilot, outfall_id, "details")


def someone_else_saves(oid: str, changes: dict[str, Any]) -> None:
    """李四, in an `inspector` of his own on the same database, saves `changes`."""
    other = open_database(Path("demo.db"))
    with other.write(actor="李四") as w:
        reg.update_outfall(w, oid, changes)


def stored(db: Any, oid: str) -> dict[str, Any]:
    with db.write() as w:
        row = w.get(Outfall, oid)
    assert row is not None
    return row


def shown(app: Any, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def open_plan(pilot: Any, oid: str) -> Any:
    """The remediation plan dialog, opened on the outfall as it is stored now."""
    pilot.app.open_outfall(oid, tab="remediation")
    await settle(pilot)
    await pilot.press("p")
    await settle(pilot)
    return pilot.app.screen


def someone_else_plans(oid: str, values: dict[str, Any]) -> str:
    """李四, in his own `inspector`, records the outfall's remediation plan."""
    other = open_database(Path("demo.db"))
    with other.write(actor="李四") as w:
        return reg.plan_remediation(w, oid, values)


async def saved_with_their_deadline(pilot: Any, ui_db: Any, rem_id: str) -> None:
    """Save the plan dialog: it closes, and the plan has 李四's deadline and 张三's
    responsible unit."""
    from inspector.models import Remediation
    from inspector.ui.modals.outfall import PlanModal

    await pilot.press("ctrl+s")
    await settle(pilot)
    assert not isinstance(pilot.app.screen, PlanModal)
    with ui_db.write() as w:
        rem = w.get(Remediation, rem_id)
    assert rem is not None
    assert (rem["deadline"], rem["responsible"]) == ("2027-09-30", "张三的单位")


async def keep_as_draft(pilot: Any) -> None:
    """Leave the form with Esc and keep what was typed as a draft."""
    from inspector.ui.drafts import KEEP

    await pilot.press("escape")
    await settle(pilot)
    pilot.app.screen.dismiss(KEEP)
    await settle(pilot)


async def typed_over_their_name(pilot: Any, ui_db: Any) -> tuple[Any, str, str]:
    """张三 opens an outfall, 李四 renames it, 张三 (whose form still shows the old name)
    types a name and notes and saves: the dialog is up. Returns (screen, id, old name)."""
    oid = outfall_in_state(ui_db, "confirmed")
    old_name = stored(ui_db, oid)["name"]
    screen = await open_details(pilot, oid)
    someone_else_saves(oid, {"name": "李四改的名称"})
    await fill(pilot, screen, "name", "张三改的名称")
    await fill(pilot, screen, "notes", "张三的备注")
    await pilot.press("ctrl+s")
    await settle(pilot)
    return screen, oid, old_name


async def test_the_dialog_shows_both_values_and_keep_theirs_keeps_the_rest(
    make_app: Any, ui_db: Any
) -> None:
    from inspector.ui.modals.stale import StaleModal

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen, oid, old_name = await typed_over_their_name(pilot, ui_db)
        assert isinstance(app.screen, StaleModal)
        text = shown(app, "#stale-field-0")
        for part in (
            t("field.outfall.name"),
            t("stale.seen"),
            old_name,
            t("stale.stored"),
            "李四改的名称",
            "李四",
            t("stale.saving"),
            "张三改的名称",
        ):
            assert part in text
        assert app.focused is not None
        assert app.focused.id == "stale-theirs"
        # Nothing was saved, not even the notes nobody disputes.
        notes_before = stored(ui_db, oid)["notes"]
        assert stored(ui_db, oid)["name"] == "李四改的名称"

        await pilot.press("t")
        await settle(pilot)
        assert app.screen is screen
        assert field(screen, "name").raw == "李四改的名称"
        assert not field(screen, "name").modified
        assert field(screen, "notes").raw == "张三的备注"  # the other typing stays
        assert "张三改的名称" in shown(app, "#details-note")  # what was typed is shown
        assert stored(ui_db, oid)["notes"] == notes_before

        await pilot.press("ctrl+s")
        await settle(pilot)
        row = stored(ui_db, oid)
        assert (row["name"], row["notes"]) == ("李四改的名称", "张三的备注")


async def test_save_mine_over_theirs_saves_mine(make_app: Any, ui_db: Any) -> None:
    from inspector.ui.modals.stale import StaleModal

    app = make_app("zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen, oid, _old = await typed_over_their_name(pilot, ui_db)
        assert isinstance(app.screen, StaleModal)
        assert "你看到的" in shown(app, "#stale-field-0")
        assert t("stale.save_mine", lang="zh") in str(app.screen.query_one("#stale-mine").label)

        await pilot.press("m")
        await settle(pilot)
        assert app.screen is screen
        row = stored(ui_db, oid)
        assert (row["name"], row["notes"]) == ("张三改的名称", "张三的备注")
        assert not screen.details.dirty


async def test_back_to_the_form_changes_nothing(make_app: Any, ui_db: Any) -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen, oid, _old = await typed_over_their_name(pilot, ui_db)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert field(screen, "name").raw == "张三改的名称"
        assert field(screen, "notes").raw == "张三的备注"
        assert "李四改的名称" in shown(app, "#details-error")
        assert stored(ui_db, oid)["name"] == "李四改的名称"


async def test_a_draft_taken_up_later_keeps_their_change(make_app: Any, ui_db: Any) -> None:
    """A draft holds every field of the form; the ones the person did not type come back
    as stored now, so taking up a draft never puts back a value someone replaced."""

    oid = outfall_in_state(ui_db, "confirmed")
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_details(pilot, oid)
        await fill(pilot, screen, "notes", "张三的备注")
        await keep_as_draft(pilot)

        someone_else_saves(oid, {"name": "李四改的名称"})
        screen = await open_details(pilot, oid)
        await settle(pilot)
        assert field(screen, "notes").raw == "张三的备注"
        assert field(screen, "name").raw == "李四改的名称"
        await pilot.press("ctrl+s")
        await settle(pilot)
        row = stored(ui_db, oid)
        assert (row["name"], row["notes"]) == ("李四改的名称", "张三的备注")


async def test_a_remediation_plan_dialog_keeps_theirs_and_the_rest(
    make_app: Any, ui_db: Any
) -> None:
    from inspector.ui.modals.outfall import PlanModal
    from inspector.ui.modals.stale import StaleModal

    oid = outfall_in_state(ui_db, "in_remediation")
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_plan(pilot, oid)
        assert isinstance(dialog, PlanModal)
        rem_id = someone_else_plans(oid, {"deadline": "2027-09-30"})
        await fill(pilot, dialog, "deadline", "2027-06-30")
        await fill(pilot, dialog, "responsible", "张三的单位")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, StaleModal)
        assert "2027-09-30" in shown(app, "#stale-field-0")

        await pilot.press("t")
        await settle(pilot)
        assert app.screen is dialog
        assert field(dialog, "deadline").raw == "2027-09-30"
        assert field(dialog, "responsible").raw == "张三的单位"
        assert "2027-06-30" in shown(app, "#modal-error")

        await saved_with_their_deadline(pilot, ui_db, rem_id)


# -- who answers for the outfall -------------------------------------------------------------

THEIRS = {"name": "李四认定的公司", "credit_code": "91410822MA45BBBB25", "kind": "enterprise"}


def someone_else_assigns(oid: str, values: dict[str, Any]) -> None:
    """李四, in his own `inspector`, assigns another main owner to the outfall."""
    other = open_database(Path("demo.db"))
    with other.write(actor="李四") as w:
        reg.assign_owner(w, oid, reg.find_or_create_owner(w, values))


def main_owner_name(db: Any, oid: str) -> str | None:
    with db.read() as conn:
        current = reg.current_main_assignment(conn, oid)
    return None if current is None else str(current["owner_name"])


async def assigning_over_their_owner(pilot: Any, ui_db: Any) -> tuple[Any, Any, str, str]:
    """张三 opens "assign owner" on an outfall that has one, 李四 assigns another main
    owner meanwhile, 张三 types his and saves: the stale dialog is up.
    Returns (outfall screen, assign dialog, outfall id, the owner 张三 saw)."""
    oid = outfall_in_state(ui_db, "traced", owner=True)
    seen = main_owner_name(ui_db, oid)
    assert seen is not None
    screen = await open_outfall(pilot, oid, "owner")
    await pilot.press("a")
    await settle(pilot)
    dialog = pilot.app.screen
    someone_else_assigns(oid, THEIRS)
    await fill(pilot, dialog, "name", "张三认定的公司")
    await fill(pilot, dialog, "evidence", "张三的溯源报告")
    await pilot.press("ctrl+s")
    await settle(pilot)
    return screen, dialog, oid, seen


async def test_an_owner_assigned_meanwhile_asks_and_keep_theirs_keeps_the_typing(
    make_app: Any, ui_db: Any
) -> None:
    from inspector.ui.modals.outfall import AssignOwnerModal
    from inspector.ui.modals.stale import StaleModal

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen, dialog, oid, seen = await assigning_over_their_owner(pilot, ui_db)
        assert isinstance(dialog, AssignOwnerModal)
        assert isinstance(app.screen, StaleModal)
        text = shown(app, "#stale-field-0")
        for part in (
            t("stale.main_owner"),
            t("stale.seen"),
            seen,
            t("stale.stored"),
            THEIRS["name"],
            THEIRS["credit_code"],
            "李四",
            t("stale.saving"),
            "张三认定的公司",
        ):
            assert part in text
        # No field of the form holds the main owner: the answers say what they do to it.
        assert t("stale.hint_choice") in str(app.screen.query_one(".hint").render())
        assert app.focused is not None
        assert app.focused.id == "stale-theirs"
        assert main_owner_name(ui_db, oid) == THEIRS["name"]

        await pilot.press("t")
        await settle(pilot)
        assert app.screen is dialog
        assert field(dialog, "name").raw == "张三认定的公司"
        assert field(dialog, "evidence").raw == "张三的溯源报告"
        note = shown(app, "#modal-error")
        assert THEIRS["name"] in note
        # The outfall behind the dialog shows who answers now, not who did.
        assert THEIRS["name"] in str(screen.query_one("#outfall-head").render())
        assert main_owner_name(ui_db, oid) == THEIRS["name"]

        # Saving the same again is asked again: only "save mine" replaces theirs.
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, StaleModal)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is dialog
        assert main_owner_name(ui_db, oid) == THEIRS["name"]


async def test_save_mine_over_their_owner_assigns_mine(make_app: Any, ui_db: Any) -> None:
    from inspector.ui.modals.stale import StaleModal

    app = make_app("zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen, _dialog, oid, _seen = await assigning_over_their_owner(pilot, ui_db)
        assert isinstance(app.screen, StaleModal)
        text = shown(app, "#stale-field-0")
        assert "主要责任主体" in text
        assert "你看到的" in text
        assert THEIRS["name"] in text

        await pilot.press("m")
        await settle(pilot)
        assert app.screen is screen
        assert main_owner_name(ui_db, oid) == "张三认定的公司"
        ended = [a["owner_name"] for a in screen.record.assignments if a["valid_until"]]
        assert THEIRS["name"] in ended  # 李四's assignment is in the history


async def test_the_backstop_over_an_owner_assigned_meanwhile_asks(
    make_app: Any, ui_db: Any
) -> None:
    from inspector.ui.modals.stale import StaleModal

    oid = outfall_in_state(ui_db, "confirmed", owner=False)
    with ui_db.write(actor="登记员") as w:
        reg.add_trace_record(
            w, oid, {"methods": ["visit"], "conclusion": "走访未查明", "result": "no_owner_found"}
        )
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_outfall(pilot, oid, "owner")
        await pilot.press("g")
        await settle(pilot)
        dialog = app.screen
        someone_else_assigns(oid, THEIRS)
        await fill(pilot, dialog, "evidence", "溯源未果")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, StaleModal)
        text = shown(app, "#stale-field-0")
        assert t("owner.none.short") in text
        assert THEIRS["name"] in text
        await pilot.press("t")
        await settle(pilot)
        assert app.screen is dialog
        assert field(dialog, "evidence").raw == "溯源未果"
        assert main_owner_name(ui_db, oid) == THEIRS["name"]


async def test_a_step_chosen_from_a_state_someone_left_since_asks(
    make_app: Any, ui_db: Any
) -> None:
    from inspector.domain.choices import State
    from inspector.ui.modals.outfall import TransitionModal
    from inspector.ui.modals.stale import StaleModal

    oid = outfall_in_state(ui_db, "suspected")
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_outfall(pilot, oid, "owner")
        await pilot.press("t")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, TransitionModal)
        other = open_database(Path("demo.db"))
        with other.write(actor="李四") as w:
            reg.transition(w, oid, State.CONFIRMED)
        field(dialog, "state").set_raw("rejected")
        await fill(pilot, dialog, "evidence", "不是排污口")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, StaleModal)
        text = shown(app, "#stale-field-0")
        for part in (
            State.SUSPECTED.label("en"),
            State.CONFIRMED.label("en"),
            State.REJECTED.label("en"),
            "李四",
        ):
            assert part in text
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is dialog
        assert field(dialog, "evidence").raw == "不是排污口"
        assert stored(ui_db, oid)["state"] == "confirmed"

        # Keep theirs: the step now starts from 李四's state, which the dialog says, and
        # its target is chosen again; the reason typed stays.
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert app.screen is dialog
        now = shown(app, ".modal-intro").split(".")[0]
        assert State.CONFIRMED.label("en") in now
        assert State.SUSPECTED.label("en") not in now
        target = field(dialog, "state")
        assert target.raw is None
        assert "confirmed" not in [value for _label, value in target.control._options]
        assert field(dialog, "evidence").raw == "不是排污口"
        target.set_raw("rejected")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not dialog
        assert stored(ui_db, oid)["state"] == "rejected"


# -- the details of an owner already registered ---------------------------------------------

REGISTERED = {
    "name": "温县某某食品有限公司",
    "credit_code": "91410825MA46CCCC3U",
    "kind": "enterprise",
}


def someone_else_registers(values: dict[str, Any]) -> str:
    other = open_database(Path("demo.db"))
    with other.write(actor="李四") as w:
        return reg.find_or_create_owner(w, values)


def owner_phone(db: Any, owner_id: str) -> str | None:
    from inspector.models import Owner

    with db.write() as w:
        row = w.get(Owner, owner_id)
    assert row is not None
    return row["phone"]


async def assigning_the_registered_owner(pilot: Any, ui_db: Any, phone: str) -> tuple[Any, str]:
    """张三 assigns the registered owner to an outfall that has none, typing its name,
    credit code and `phone`, and saves. Returns (assign dialog, outfall id)."""
    oid = outfall_in_state(ui_db, "confirmed", owner=False)
    await open_outfall(pilot, oid, "owner")
    await pilot.press("a")
    await settle(pilot)
    dialog = pilot.app.screen
    await fill(pilot, dialog, "name", REGISTERED["name"])
    await fill(pilot, dialog, "credit_code", REGISTERED["credit_code"])
    await fill(pilot, dialog, "phone", phone)
    await pilot.press("ctrl+s")
    await settle(pilot)
    return dialog, oid


async def test_a_phone_typed_for_a_registered_owner_is_saved(make_app: Any, ui_db: Any) -> None:
    owner = someone_else_registers(REGISTERED)
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog, oid = await assigning_the_registered_owner(pilot, ui_db, "13703910788")
        assert app.screen is not dialog
        assert main_owner_name(ui_db, oid) == REGISTERED["name"]
        assert owner_phone(ui_db, owner) == "13703910788"


async def test_a_phone_someone_else_stored_is_asked_about_and_theirs_can_stay(
    make_app: Any, ui_db: Any
) -> None:
    from inspector.ui.modals.stale import StaleModal

    owner = someone_else_registers({**REGISTERED, "phone": "13937120456"})
    app = make_app("zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog, oid = await assigning_the_registered_owner(pilot, ui_db, "13703910788")
        assert isinstance(app.screen, StaleModal)
        assert t("stale.registered.title") in shown(app, ".modal-title")
        text = shown(app, "#stale-field-0")
        for part in ("13937120456", "李四", "13703910788"):
            assert part in text
        assert t("stale.seen") not in text  # the form started blank: nothing was seen
        assert main_owner_name(ui_db, oid) is None  # nothing saved yet

        # Keep theirs: the phone field shows theirs, the rest of the typing stays, and
        # saving again assigns the owner with 李四's phone.
        await pilot.press("t")
        await settle(pilot)
        assert app.screen is dialog
        assert field(dialog, "phone").raw == "13937120456"
        assert field(dialog, "name").raw == REGISTERED["name"]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not dialog
        assert main_owner_name(ui_db, oid) == REGISTERED["name"]
        assert owner_phone(ui_db, owner) == "13937120456"


# -- drafts of dialogs, taken up later ------------------------------------------------------


async def test_a_plan_draft_taken_up_later_keeps_their_deadline(make_app: Any, ui_db: Any) -> None:
    """A dialog's draft holds every field; putting back the ones the person did not type
    undid what someone stored there since, without a word. Only what was typed comes
    back, and the rest shows what is stored now."""
    from inspector.ui.modals.outfall import PlanModal

    oid = outfall_in_state(ui_db, "in_remediation")
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await fill(pilot, await open_plan(pilot, oid), "responsible", "张三的单位")
        await keep_as_draft(pilot)

        rem_id = someone_else_plans(oid, {"deadline": "2027-09-30"})
        dialog = await open_plan(pilot, oid)
        assert isinstance(dialog, PlanModal)
        assert field(dialog, "responsible").raw == "张三的单位"
        assert field(dialog, "deadline").raw == "2027-09-30"
        await saved_with_their_deadline(pilot, ui_db, rem_id)


async def test_an_owner_draft_taken_up_after_someone_assigned_one_asks(
    make_app: Any, ui_db: Any
) -> None:
    """The draft remembers the main owner the person saw when typing it: taken up after
    someone else assigned another, saving it asks before replacing theirs."""
    from inspector.ui.modals.stale import StaleModal

    oid = outfall_in_state(ui_db, "traced", owner=True)
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_outfall(pilot, oid, "owner")
        await pilot.press("a")
        await settle(pilot)
        await fill(pilot, app.screen, "name", "张三认定的公司")
        await keep_as_draft(pilot)

        someone_else_assigns(oid, THEIRS)
        await open_outfall(pilot, oid, "owner")
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert field(dialog, "name").raw == "张三认定的公司"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, StaleModal)
        assert THEIRS["name"] in shown(app, "#stale-field-0")
        assert main_owner_name(ui_db, oid) == THEIRS["name"]
