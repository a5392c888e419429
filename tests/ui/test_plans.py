"""The Plans section's workflows, driven through Pilot on a copy of the demo: drawing a
plan (and getting the service's list for the same seed), opening an item's outfall,
cancelling an item, verifying a draw, writing the annual report and the public list,
entering an assessment score, recording an incident and its notice, and the dashboard's
panel of plan items due this month."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from inspector.i18n import t
from tests.ui.conftest import TODAY, settle, type_text

SIZE = (120, 40)
MENGZHOU = "410883"  # a county without a plan in the demo
XIUWU = "410821"


async def open_plans(pilot: Any, tab: str = "plans") -> Any:
    from inspector.ui.screens.plans import PlansScreen

    await pilot.press("f5")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PlansScreen)
    if tab != "plans":
        screen.show_tab(tab)
        await settle(pilot)
    return screen


def field(screen: Any, name: str) -> Any:
    return screen.query_one(f"#field-{name}")


async def fill(pilot: Any, screen: Any, name: str, text: str) -> None:
    f = field(screen, name)
    f.control.focus()
    await pilot.pause()
    f.control.value = ""
    if name == "path":
        # A long path is pasted, as people enter one: typed key by key, each keystroke
        # would complete against the folder (tests/ui/test_forms.py types paths).
        await pilot.pause()
        f.control.insert_text_at_cursor(text)
    else:
        await type_text(pilot, text)
    await pilot.pause()


def modal_error(app: Any) -> str:
    return str(app.screen.query_one("#modal-error").render())


def shown_text(static: Any) -> str:
    """What a Static holding a Rich renderable shows, as plain text."""
    from rich.console import Console

    console = Console(width=100, record=True, file=io.StringIO())
    console.print(static.content)
    return console.export_text()


def notices(app: Any) -> list[str]:
    return [str(n.message) for n in app._notifications]


# -- drawing a plan ------------------------------------------------------------------------


async def fill_draw(pilot: Any, *, seed: str, count: str = "4") -> Any:
    from inspector.ui.modals.plans import DrawPlanModal

    await pilot.press("d")
    await settle(pilot)
    modal = pilot.app.screen
    assert isinstance(modal, DrawPlanModal)
    field(modal, "county_code").set_raw(MENGZHOU)
    await fill(pilot, modal, "sample_size", count)
    await fill(pilot, modal, "inspectors", "张伟、李娜、王芳、赵强")
    await fill(pilot, modal, "seed", seed)
    return modal


async def test_draw_a_plan_shows_the_list_then_saves_what_the_service_draws(
    make_app: Any, ui_db: Any
) -> None:
    from inspector.services.plans import DrawRequest, prepare_draw

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_plans(pilot)
        modal = await fill_draw(pilot, seed="ui-seed-7")
        await pilot.press("ctrl+s")
        await settle(pilot)
        # First save: the drawn list is shown, nothing is kept yet.
        assert app.screen is modal
        preview = shown_text(modal.query_one("#draw-preview"))
        assert "ui-seed-7" in preview
        assert modal.draft is not None
        assert len(modal.draft.items) == 4
        with ui_db.read() as conn:
            assert (
                conn.execute(
                    "SELECT count(*) FROM plan WHERE county_code=?", (MENGZHOU,)
                ).fetchone()[0]
                == 0
            )
        for item in modal.draft.items:
            assert modal.draft.codes[item.outfall_id][0] in preview
        # Second save keeps it.
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert any("ui-seed-7" in n for n in notices(app))
        assert screen.plans_tab.plan_id is not None
        assert {i.code for i in screen.plans_tab.items} == {
            modal.draft.codes[i.outfall_id][0] for i in modal.draft.items
        }

    with ui_db.read() as conn:
        (plan_id, seed) = conn.execute(
            "SELECT id, seed FROM plan WHERE county_code=? AND deleted=0", (MENGZHOU,)
        ).fetchone()
        saved = sorted(
            conn.execute(
                "SELECT outfall_id, inspector_a, inspector_b, due_date FROM plan_item "
                "WHERE plan_id=? AND deleted=0",
                (plan_id,),
            ).fetchall()
        )
        # The same inputs through the service (as `plan draw` runs it) give the same list.
        again = prepare_draw(
            conn,
            DrawRequest(
                year=TODAY.year,
                county=MENGZHOU,
                inspectors=["张伟", "李娜", "王芳", "赵强"],
                count=4,
                seed="ui-seed-7",
            ),
            today=TODAY,
        )
    assert seed == "ui-seed-7"
    assert saved == sorted(
        (i.outfall_id, i.inspector_a, i.inspector_b, i.due_date.isoformat()) for i in again.items
    )


async def test_draw_refusals_are_said_in_the_dialog(make_app: Any, ui_db: Any) -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_plans(pilot)
        await pilot.press("d")
        await settle(pilot)
        modal = app.screen
        await pilot.press("ctrl+s")  # nothing filled in
        await settle(pilot)
        assert app.screen is modal
        error = modal_error(app)
        assert "County" in error
        # A blank pool is the county's roster (执法人员名录库), not an error.
        assert "Inspector pool" not in error
        # One inspector only: the service's own sentence, and what was typed stays.
        field(modal, "county_code").set_raw(MENGZHOU)
        await fill(pilot, modal, "sample_size", "3")
        await fill(pilot, modal, "inspectors", "张伟")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is modal
        assert modal_error(app).strip()
        assert field(modal, "inspectors").raw == "张伟"
        assert modal.draft is None
        # A year out of range is refused by the field, as the plan model declares it.
        await fill(pilot, modal, "year", "1999")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Year" in modal_error(app)
    with ui_db.read() as conn:
        assert (
            conn.execute("SELECT count(*) FROM plan WHERE county_code=?", (MENGZHOU,)).fetchone()[0]
            == 0
        )


async def test_changed_inputs_after_the_preview_draw_again(make_app: Any, ui_db: Any) -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_plans(pilot)
        modal = await fill_draw(pilot, seed="s1", count="3")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert modal.draft is not None
        assert len(modal.draft.items) == 3
        await fill(pilot, modal, "sample_size", "5")
        await pilot.press("ctrl+s")  # a new preview, not a save of the old one
        await settle(pilot)
        assert app.screen is modal
        assert len(modal.draft.items) == 5
    with ui_db.read() as conn:
        assert (
            conn.execute("SELECT count(*) FROM plan WHERE county_code=?", (MENGZHOU,)).fetchone()[0]
            == 0
        )


# -- items ---------------------------------------------------------------------------------


async def test_enter_on_an_item_opens_its_outfall(make_app: Any) -> None:
    from inspector.ui.screens.outfall import OutfallScreen

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_plans(pilot)
        items = screen.plans_tab.items
        assert items
        screen.query_one("#item-table").focus()
        await pilot.press("down", "down")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OutfallScreen)
        assert app.screen.outfall_id == items[2].outfall_id
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen


async def test_cancel_an_item_with_a_reason(make_app: Any, ui_db: Any) -> None:
    from inspector.ui.modals.plans import CancelItemModal

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_plans(pilot)
        table = screen.query_one("#item-table")
        table.focus()
        pending = next(n for n, i in enumerate(screen.plans_tab.items) if i.status == "pending")
        done = next(n for n, i in enumerate(screen.plans_tab.items) if i.status == "done")
        table.move_cursor(row=done)
        await pilot.press("x")
        await settle(pilot)
        assert not isinstance(app.screen, CancelItemModal)  # a done item stays
        table.move_cursor(row=pending)
        item = screen.plans_tab.items[pending]
        await pilot.press("x")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, CancelItemModal)
        await pilot.press("ctrl+s")  # no reason
        await settle(pilot)
        assert app.screen is modal
        assert "Reason" in modal_error(app)
        await fill(pilot, modal, "reason", "outfall demolished")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert screen.plans_tab.items[pending].status == "cancelled"
    with ui_db.read() as conn:
        status = conn.execute("SELECT status FROM plan_item WHERE id=?", (item.id,)).fetchone()[0]
    assert status == "cancelled"


async def test_verify_says_the_draw_is_reproduced(make_app: Any) -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_plans(pilot)
        await pilot.press("v")
        await settle(pilot)
        count = screen.plans_tab.plans[0].items
        assert t("pui.verified", count=count) in notices(app)


# -- reports -------------------------------------------------------------------------------


async def test_write_the_annual_report_from_the_ui(
    make_app: Any, ui_db: Any, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    from inspector.services.reports import annual_report

    out = tmp_path / "out" / "annual-xiuwu"
    out.parent.mkdir()
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_plans(pilot)
        await pilot.press("a")
        await settle(pilot)
        modal = app.screen
        field(modal, "county_code").set_raw(XIUWU)
        await fill(pilot, modal, "path", str(tmp_path / "nowhere" / "x"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is modal
        assert "nowhere" in modal_error(app)
        await fill(pilot, modal, "path", str(out))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not modal
        md, xlsx = out.with_name("annual-xiuwu.md"), out.with_name("annual-xiuwu.xlsx")
        assert any(str(md) in n and str(xlsx) in n for n in notices(app))
    assert md.exists()
    with ui_db.read() as conn:
        doc = annual_report(conn, year=TODAY.year, county=XIUWU)
    summary = {r[0]: r[1] for r in doc.table("summary").rows}
    book = load_workbook(xlsx)
    found: dict[str, Any] = {}
    for ws in book.worksheets:
        for row in ws.iter_rows(values_only=True):
            if row and row[0] in summary and len(row) > 1 and row[1] is not None:
                found.setdefault(row[0], row[1])
    assert found["Inspections"] == summary["Inspections"] > 0
    assert found["Violations found"] == summary["Violations found"]


async def test_write_the_half_year_report_from_the_ui(
    make_app: Any, ui_db: Any, tmp_path: Path
) -> None:
    """`h` on the Plans section, the first half chosen: the report's figures are the
    county's inspections of January to June, counted here from the rows themselves."""
    import datetime as dt

    from openpyxl import load_workbook

    from inspector.ui.modals.reports import SelfInspectionReportModal

    out = tmp_path / "half-xiuwu"
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_plans(pilot)
        await pilot.press("h")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, SelfInspectionReportModal)
        assert field(modal, "half").raw == "2"  # November: the yearly one is due next
        field(modal, "half").control.focus()
        await pilot.press("1")
        field(modal, "county_code").set_raw(XIUWU)
        await fill(pilot, modal, "path", str(out))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not modal, modal_error(app)
        md, xlsx = out.with_name("half-xiuwu.md"), out.with_name("half-xiuwu.xlsx")
        assert any(str(md) in n and str(xlsx) in n for n in notices(app))

    china = dt.timezone(dt.timedelta(hours=8))
    with ui_db.read() as conn:
        stored = conn.execute(
            "SELECT i.started_at, i.violation FROM inspection i "
            "JOIN outfall o ON o.id = i.outfall_id "
            "WHERE i.deleted = 0 AND o.deleted = 0 AND o.county_code = ?",
            (XIUWU,),
        ).fetchall()
    first_half = [
        violation
        for started, violation in stored
        if dt.date(2026, 1, 1)
        <= dt.datetime.fromisoformat(started).replace(tzinfo=dt.UTC).astimezone(china).date()
        <= dt.date(2026, 6, 30)
    ]
    assert 0 < len(first_half) < len(stored)  # the second half's are left out
    found: dict[str, Any] = {}
    for ws in load_workbook(xlsx).worksheets:
        for row in ws.iter_rows(values_only=True):
            if row and isinstance(row[0], str) and len(row) > 1 and row[1] is not None:
                found.setdefault(row[0], row[1])
    assert found[t("report.k.inspections")] == len(first_half)
    assert found[t("report.k.violations")] == sum(1 for v in first_half if v)
    text = md.read_text(encoding="utf-8")
    assert "2026-01-01 – 2026-06-30" in text
    assert "Xiuwu County" in text


async def test_write_the_public_list_from_the_ui(make_app: Any, tmp_path: Path) -> None:
    import csv

    app = make_app("zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_plans(pilot)
        await pilot.press("l")
        await settle(pilot)
        modal = app.screen
        await fill(pilot, modal, "path", str(tmp_path / "public.txt"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is modal
        assert "public.txt" in modal_error(app)
        await fill(pilot, modal, "path", str(tmp_path / "public.csv"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not modal
        assert any("public.csv" in n for n in notices(app))
    with (tmp_path / "public.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert len(rows) > 100
    text = "\n".join(",".join(r) for r in rows)
    # Organisations only: none of the demo's inspectors, no mobile numbers.
    assert "谢杰" not in text
    assert not [c for r in rows for c in r if re.fullmatch(r"1[3-9]\d{9}", c)]


async def test_publish_a_plans_results(make_app: Any, ui_db: Any, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from inspector.ui.modals.reports import PublishResultsModal

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_plans(pilot)
        plan = next(p for p in screen.plans_tab.plans if not p.published_at)
        screen.plans_tab.reload(select=plan.id)
        await settle(pilot)
        items = list(screen.plans_tab.items)
        await pilot.press("p")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, PublishResultsModal)
        assert modal.plan.id == plan.id
        # Refused: a folder that is not there, then a format the list has not.
        await fill(pilot, modal, "path", str(tmp_path / "nowhere" / "results.xlsx"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is modal
        assert "nowhere" in modal_error(app)
        assert "\n" not in modal_error(app).strip()
        await fill(pilot, modal, "path", str(tmp_path / "results.txt"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is modal
        assert "results.txt" in modal_error(app)
        assert field(modal, "path").raw == str(tmp_path / "results.txt")  # kept as typed
        with ui_db.read() as conn:
            stamp = conn.execute("SELECT published_at FROM plan WHERE id=?", (plan.id,)).fetchone()
        assert stamp[0] is None  # nothing refused is recorded
        # A file already there is replaced only when the person says so.
        out = tmp_path / "results.xlsx"
        out.write_bytes(b"last year's list")
        await fill(pilot, modal, "path", str(out))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.id == "replace-dialog"
        assert str(out) in str(app.screen.query_one("#confirm-emphasis").render())
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is modal
        assert modal_error(app) == t("out.replace.kept")
        assert out.read_bytes() == b"last year's list"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.id == "replace-dialog"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert t("pui.publish.written", rows=len(items), file=str(out)) in notices(app)
        shown = next(p for p in screen.plans_tab.plans if p.id == plan.id)
        assert shown.published_at  # the table shows the date of publication
    with ui_db.read() as conn:
        stamp = conn.execute("SELECT published_at FROM plan WHERE id=?", (plan.id,)).fetchone()
    assert stamp[0] is not None
    cells = [
        str(c)
        for ws in load_workbook(out).worksheets
        for r in ws.iter_rows(values_only=True)
        for c in r
        if c is not None
    ]
    assert {i.code for i in items} <= set(cells)
    # Results, not people: no inspector of the plan is named.
    names = {n for i in items for n in (i.inspector_a, i.inspector_b) if n}
    assert names
    assert not [c for c in cells if any(n in c for n in names)]


async def test_publish_needs_a_plan_and_belongs_to_the_plans_tab(make_app: Any) -> None:
    from inspector.ui.commands import app_commands
    from inspector.ui.modals.reports import PublishResultsModal

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_plans(pilot, "progress")
        await pilot.press("p")  # not this tab's key
        await settle(pilot)
        assert app.screen is screen
        titles = {c.title for c in app_commands(app, screen)}
        assert {
            t(k)
            for k in (
                "pui.key.publish",
                "pui.key.recuse",
                "pui.key.withdraw",
                "pui.key.export_card",
            )
        } <= titles
        # From the palette: the plans tab is shown first, and the dialog opens on its plan.
        await screen.run_action("publish")
        await settle(pilot)
        assert screen.tab == "plans"
        assert isinstance(app.screen, PublishResultsModal)


# -- recusals ------------------------------------------------------------------------------


def live_recusals(db: Any) -> list[tuple[str, str | None, str | None, str | None, str]]:
    with db.read() as conn:
        return conn.execute(
            "SELECT id, inspector, outfall_id, reason, declared_on FROM recusal WHERE deleted=0 "
            "ORDER BY id"
        ).fetchall()


async def test_declare_list_and_withdraw_a_recusal(make_app: Any, ui_db: Any) -> None:
    from inspector.ui.modals.plans import RecuseModal, WithdrawRecusalModal

    before = live_recusals(ui_db)
    with ui_db.read() as conn:
        outfall_id, code = conn.execute(
            "SELECT id, code FROM outfall WHERE county_code=? AND deleted=0 ORDER BY code LIMIT 1",
            (XIUWU,),
        ).fetchone()
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_plans(pilot, "recusals")
        tab = screen.recusals_tab
        assert len(tab.recusals) == len(before)  # the demo's, as `plan recusals` lists them
        await pilot.press("c")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, RecuseModal)
        await pilot.press("ctrl+s")  # nobody named
        await settle(pilot)
        assert app.screen is modal
        assert "Person recused" in modal_error(app)
        await fill(pilot, modal, "inspector", "王芳")
        # A date is checked as it is typed.
        await fill(pilot, modal, "declared_on", "2026-13-40")
        assert field(modal, "declared_on").has_class("-invalid")
        await fill(pilot, modal, "declared_on", "2026-11-20")
        assert not field(modal, "declared_on").has_class("-invalid")
        # No such outfall: the service's sentence names the code.
        await fill(pilot, modal, "outfall", "NO-SUCH-CODE")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is modal
        assert "NO-SUCH-CODE" in modal_error(app)
        # An outfall and an owner at once: one or the other.
        await fill(pilot, modal, "outfall", code)
        await fill(pilot, modal, "owner", "温县丰源建材有限公司")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is modal
        assert t("plan.recusal_target") in modal_error(app)
        await fill(pilot, modal, "owner", "")
        await fill(pilot, modal, "reason", "spouse works for the owner")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert t("pui.recuse.recorded", name="王芳") in notices(app)
        assert len(tab.recusals) == len(before) + 1
        view = tab.recusal
        assert view is not None  # the new one is highlighted
        assert (view.inspector, view.outfall_code) == ("王芳", code)
        new = [r for r in live_recusals(ui_db) if r not in before]
        assert new == [(view.id, "王芳", outfall_id, "spouse works for the owner", "2026-11-20")]

        await pilot.press("w")
        await settle(pilot)
        withdraw = app.screen
        assert isinstance(withdraw, WithdrawRecusalModal)
        assert code in str(withdraw.query_one(".modal-intro").render())
        await fill(pilot, withdraw, "reason", "declared by mistake")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert len(tab.recusals) == len(before)
        assert view.id not in {r.id for r in tab.recusals}
    assert live_recusals(ui_db) == before
    with ui_db.read() as conn:
        deleted = conn.execute("SELECT deleted FROM recusal WHERE id=?", (view.id,)).fetchone()
    assert deleted[0] == 1  # withdrawn, not erased: the history stays


async def test_enter_on_a_recusal_opens_its_outfall(make_app: Any, ui_db: Any) -> None:
    from inspector.services.plans import declare_recusal
    from inspector.ui.screens.outfall import OutfallScreen

    with ui_db.read() as conn:
        outfall_id, code, name = conn.execute(
            "SELECT id, code, name FROM outfall WHERE county_code=? AND deleted=0 "
            "ORDER BY code LIMIT 1",
            (XIUWU,),
        ).fetchone()
    with ui_db.write(reason="test recusal") as w:
        rid = declare_recusal(w, inspector="赵强", outfall_code=code, declared_on=TODAY)
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_plans(pilot, "recusals")
        tab = screen.recusals_tab
        row = next(n for n, v in enumerate(tab.recusals) if v.id == rid)
        assert tab.target(tab.recusals[row]) == f"{code} {name}"  # the name beside the code
        tab.query_one("#recusal-table").move_cursor(row=row)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OutfallScreen)
        assert app.screen.outfall_id == outfall_id


async def test_withdraw_with_nothing_listed_says_so(make_app: Any, ui_db: Any) -> None:
    with ui_db.write(reason="test: no recusals") as w:
        for rid, *_rest in live_recusals(ui_db):
            w.delete(_recusal_model(), rid)
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_plans(pilot, "recusals")
        assert screen.recusals_tab.recusals == []
        await pilot.press("w")
        await settle(pilot)
        assert app.screen is screen
        assert t("pui.recusals.no_recusal") in notices(app)


def _recusal_model() -> Any:
    from inspector.models import Recusal

    return Recusal


async def test_export_the_assessment(make_app: Any, ui_db: Any, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from inspector.services.assessment_report import assessment_document
    from inspector.ui.modals.reports import AssessmentExportModal

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_plans(pilot, "assessment")
        await pilot.press("s")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, AssessmentExportModal)
        city = field(modal, "city").raw
        assert city == "410800"
        await fill(pilot, modal, "path", str(tmp_path / "assessment.csv"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is modal
        assert "assessment.csv" in modal_error(app)
        out = tmp_path / "assessment.xlsx"
        await fill(pilot, modal, "path", str(out))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert t("pui.report.written", files=str(out)) in notices(app)
    with ui_db.read() as conn:
        doc = assessment_document(conn, year=TODAY.year, city=city)
    year = doc.table("assessment_year")
    total = year.columns.index("Total")
    expected = {r[0]: r[total] for r in year.rows if r[total] is not None}
    assert expected
    sheet = load_workbook(out).worksheets[1]
    found = {
        r[0]: r[total]
        for r in sheet.iter_rows(values_only=True)
        if r and r[0] in expected and isinstance(r[total], (int, float))
    }
    assert found == {k: float(v) for k, v in expected.items()}


async def test_export_dialog_finds_the_city_itself(make_app: Any) -> None:
    """Opened before the assessment tab has loaded (from the palette, say), the dialog
    finds this replica's city in a worker rather than defaulting to every region."""
    from inspector.ui.modals.reports import AssessmentExportModal

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(AssessmentExportModal(year=TODAY.year))
        await settle(pilot)
        assert field(app.screen, "city").raw == "410800"


# -- assessment ----------------------------------------------------------------------------


async def test_enter_an_assessment_score(make_app: Any, ui_db: Any) -> None:
    from inspector.ui.modals.plans import ScoreModal

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_plans(pilot, "assessment")
        await pilot.press("e")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, ScoreModal)
        field(modal, "county_code").set_raw(XIUWU)
        field(modal, "item").set_raw("water_quality")
        await fill(pilot, modal, "score", "101")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is modal
        assert "100" in modal_error(app)
        await fill(pilot, modal, "score", "88.5")
        await fill(pilot, modal, "basis", "city monitoring bulletin")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert t("pui.assess.entered") in notices(app)
        tab = screen.query_one("#assessment-tab")
        assert tab.loaded is not None
        assert (tab.loaded.year, tab.loaded.month) == (2026, 10)
        row = next(r for r in tab.loaded.rows if r[0] == "Xiuwu County")
        assert row[1] == "88.50"
    with ui_db.read() as conn:
        entered = conn.execute(
            "SELECT score, entered_by, entered_at FROM assessment_entry "
            "WHERE county_code=? AND year=2026 AND month=10 AND item='water_quality'",
            (XIUWU,),
        ).fetchone()
    assert entered[0] == 88.5
    assert entered[1] == ui_db.user_name()
    assert entered[2].startswith("2026-11-23 02:30")  # 10:30 in China, kept in UTC


async def test_months_change_with_brackets(make_app: Any) -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_plans(pilot)
        await pilot.press("ctrl+right", "ctrl+right")  # plans -> progress -> assessment
        await settle(pilot)
        assert screen.tab == "assessment"
        await pilot.press("left_square_bracket")
        await settle(pilot)
        tab = screen.query_one("#assessment-tab")
        assert (tab.loaded.year, tab.loaded.month) == (2026, 9)
        assert tab.loaded.standings  # the year's tallies are there


# -- incidents -----------------------------------------------------------------------------


async def test_record_an_incident_and_a_notice(make_app: Any, ui_db: Any) -> None:
    from inspector.ui.modals.plans import IncidentModal, NoticeModal

    with ui_db.read() as conn:
        code = conn.execute(
            "SELECT code FROM outfall WHERE county_code=? AND river='沁河' AND deleted=0 LIMIT 1",
            ("410882",),
        ).fetchone()[0]
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_plans(pilot, "incidents")
        before = len(screen.incidents_tab.incidents)
        await pilot.press("r")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, IncidentModal)
        await fill(pilot, modal, "outfall", "NO-SUCH-CODE")
        await fill(pilot, modal, "description", "dark water seen at dawn")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is modal
        assert "NO-SUCH-CODE" in modal_error(app)
        await fill(pilot, modal, "outfall", code)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        tab = screen.incidents_tab
        assert len(tab.incidents) == before + 1
        view = tab.incident
        assert view is not None
        assert view.outfall_code == code
        pending = len(view.pending)
        assert pending >= 1
        await pilot.press("o")
        await settle(pilot)
        notice = app.screen
        assert isinstance(notice, NoticeModal)
        field(notice, "region_code").set_raw(view.pending[0].region_code)
        field(notice, "method").set_raw("phone")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert len(tab.incident.pending) == pending - 1


# -- the dashboard -------------------------------------------------------------------------


async def test_dashboard_panel_of_plan_items_due_this_month(make_app: Any, ui_db: Any) -> None:
    from inspector.services.plans import due_items
    from inspector.ui.screens.outfall import OutfallScreen
    from inspector.ui.widgets.dashboard.plan_items import SHOWN, PlanItemsPanel

    with ui_db.read() as conn:
        expected = due_items(conn, today=TODAY, within_days=7)  # to 30 November
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(PlanItemsPanel)
        overdue = sum(1 for i in expected if i.overdue)
        summary = str(panel.query_one("#plan-items-summary").render())
        assert summary == t("dash.plan_items.count", count=len(expected), overdue=overdue)
        options = panel.query_one("#plan-items-list")
        assert options.option_count >= min(len(expected), SHOWN)
        options.focus()
        options.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OutfallScreen)
        assert app.screen.outfall_id == expected[0].outfall_id
