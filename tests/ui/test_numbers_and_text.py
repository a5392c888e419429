"""Issue 12b in the terminal: every number on screen right and agreeing, every text whole
and in the reader's language."""

from __future__ import annotations

import re
from typing import Any

from tests.ui.conftest import settle

SIZE = (120, 40)


def shown_text(static: Any, width: int = 100) -> str:
    """What a Static shows, as plain text, its lines joined by spaces where they wrap."""
    import io

    from rich.console import Console

    console = Console(width=width, record=True, file=io.StringIO())
    console.print(static.content)
    return console.export_text()


async def test_dashboard_targets_agree_and_its_total_says_why_it_differs(make_app: Any) -> None:
    from textual.widgets import Static

    from inspector.data.browse import RegisterQuery, count

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        targets = " ".join(shown_text(app.screen.query_one("#progress-targets", Static)).split())
        assert "Traced 80%" not in targets
        assert "Traced 100% (2025; set at 80%" in targets
        shown = shown_text(app.screen.query_one("#progress-counties", Static))
        with app.ctx.read() as conn:
            listed = count(conn, RegisterQuery())
            rejected = conn.execute(
                "SELECT COUNT(*) FROM outfall WHERE deleted=0 AND state='rejected'"
            ).fetchone()[0]
        assert f"{listed - rejected:,}" in shown.splitlines()[1]  # the whole city's row
        assert f"({listed:,} rows in all)" in " ".join(shown.split())
        assert f"{rejected:,} points found not to be outfalls" in " ".join(shown.split())


# -- drawing a plan where the county has one -----------------------------------------------


async def test_the_draw_dialog_says_up_front_that_a_plan_exists_and_offers_to_replace_it(
    make_app: Any, ui_db: Any
) -> None:
    """It failed only after the preview, naming `--replace`, a flag the dialog lacks."""
    from inspector.services.plans import DrawRequest, prepare_draw, save_plan
    from inspector.ui.modals.plans import DrawPlanModal
    from tests.ui.conftest import TODAY
    from tests.ui.test_plans import MENGZHOU, field, fill, open_plans

    wuzhi = "410823"  # the demo's plan there has items done: it cannot be replaced
    with ui_db.write() as w:
        draft = prepare_draw(
            w.conn,
            DrawRequest(
                year=TODAY.year, county=MENGZHOU, inspectors=["甲", "乙", "丙"], count=3, seed="a"
            ),
            today=TODAY,
        )
        old = save_plan(w, draft)
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_plans(pilot)
        await pilot.press("d")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, DrawPlanModal)
        notice = modal.query_one("#draw-existing")
        field(modal, "county_code").set_raw(wuzhi)
        await settle(pilot)
        assert notice.display
        assert "cannot be replaced" in str(notice.render())
        assert not field(modal, "replace").display
        await fill(pilot, modal, "sample_size", "3")
        await fill(pilot, modal, "inspectors", "张伟、李娜、王芳")
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = str(modal.query_one("#modal-error").render())
        assert "cannot be replaced" in error
        assert modal.draft is None  # refused before drawing anything
        # A county whose plan has nothing done yet: offered, refused until ticked.
        field(modal, "county_code").set_raw(MENGZHOU)
        await settle(pilot)
        assert "Replace the existing plan" in str(notice.render())
        assert field(modal, "replace").display
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = str(modal.query_one("#modal-error").render())
        assert "tick “Replace the existing plan”" in error
        assert "--replace" not in error
        assert modal.draft is None
        field(modal, "replace").set_raw(True)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert modal.draft is not None  # drawn and shown
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not modal
    with ui_db.read() as conn:
        live = conn.execute(
            "SELECT id FROM plan WHERE county_code=? AND deleted=0", (MENGZHOU,)
        ).fetchall()
    assert len(live) == 1
    assert live[0][0] != old


# -- change reasons --------------------------------------------------------------------------


async def test_a_change_made_in_chinese_reads_in_english_in_the_history(
    make_app: Any, ui_db: Any
) -> None:
    """The reason was stored as the saver's words ("修改基本信息"): an English reader saw
    Chinese. It is stored as a key and shown in each reader's language."""
    from textual.widgets import DataTable

    from inspector.i18n import set_language
    from tests.ui.conftest import outfall_in_state
    from tests.ui.test_workflows import field, fill, open_outfall

    outfall_id = outfall_in_state(ui_db, "in_service")
    app = make_app("zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_outfall(pilot, outfall_id)
        await fill(pilot, screen, "approval_no", "焦环审〔2026〕9号")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert field(screen, "approval_no").raw == "焦环审〔2026〕9号"
    with ui_db.read() as conn:
        (stored,) = conn.execute(
            "SELECT reason FROM op WHERE row_id=? ORDER BY hlc DESC LIMIT 1", (outfall_id,)
        ).fetchone()
    assert "修改" not in stored
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_outfall(pilot, outfall_id)
        screen.action_tab("history")
        await settle(pilot)
        table = screen.query_one("#history-table", DataTable)
        reasons = {str(table.get_row_at(i)[-1]).strip() for i in range(table.row_count)}
        assert "Details edited" in reasons
        assert "修改基本信息" not in reasons
    set_language("en")


# -- raw values --------------------------------------------------------------------------------


async def test_the_inspection_detail_shows_words_not_stored_values(
    make_app: Any, ui_db: Any
) -> None:
    """It read "Flow present 1": SQLite's 1 for yes."""
    from textual.widgets import Static

    from tests.ui.test_workflows import open_outfall

    with ui_db.read() as conn:
        (outfall_id,) = conn.execute(
            "SELECT outfall_id FROM inspection WHERE deleted=0 AND flow_present=1 "
            "AND colour_severity > 0 ORDER BY started_at DESC LIMIT 1"
        ).fetchone()
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_outfall(pilot, outfall_id)
        screen.action_tab("inspections")
        await settle(pilot)
        detail = " ".join(shown_text(screen.query_one("#inspection-detail", Static)).split())
    assert "Flow present Yes" in detail
    assert re.search(r"Colour severity \d of 3", detail)
    assert not re.search(
        r"\b(Flow present|Deposits or stains|Sampled|Follow-up needed) [01]\b", detail
    )


# -- the Chinese command palette ----------------------------------------------------------------


async def test_the_chinese_command_palette_has_no_english(make_app: Any) -> None:
    """Textual's own actions ("Focus Next", "Copy selected text") and its prompt ("Search
    for commands…") showed in English in a Chinese palette, with keys as "shift+tab"."""
    from textual.command import CommandInput

    allowed = {"English", "Shift", "Ctrl", "Enter", "Tab", "Esc"}
    app = make_app("zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for section in ("f2", "f3", "f5", "f6"):
            await pilot.press(section)
            await settle(pilot)
            for command in app.get_system_commands(app.screen):
                words = set(re.findall(r"[A-Za-z]{3,}", f"{command.title} {command.help}"))
                assert words <= allowed, (command.title, command.help)
        await pilot.press("ctrl+p")
        await settle(pilot)
        prompt = app.screen.query_one(CommandInput).placeholder
        assert not re.search(r"[A-Za-z]{3,}", prompt), prompt


# -- the change history ----------------------------------------------------------------------


async def test_the_history_lists_every_change_whole(make_app: Any, ui_db: Any) -> None:
    """It stopped at the first list-valued change (a trace record's methods: a list could
    not be looked up among owner names), and cut words without a mark ("Remediatio")."""
    from textual.widgets import DataTable

    from tests.ui.test_workflows import open_outfall

    with ui_db.read() as conn:
        (outfall_id,) = conn.execute(
            "SELECT o.id FROM outfall o WHERE o.state='in_remediation' AND EXISTS "
            "(SELECT 1 FROM trace_record r WHERE r.outfall_id=o.id) ORDER BY o.code LIMIT 1"
        ).fetchone()
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_outfall(pilot, outfall_id)
        screen.action_tab("history")
        await settle(pilot)
        table = screen.query_one("#history-table", DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
    fields = {row[3].strip() for row in rows}
    assert "Methods" in fields  # the trace record's list, and what comes after it
    assert "Deadline" in fields
    records = {row[2].strip() for row in rows}
    assert "Remediation" in records


# -- 80 x 24 -------------------------------------------------------------------------------------


async def test_at_80_by_24_the_sync_path_box_has_room_and_dialog_buttons_are_reachable(
    make_app: Any,
) -> None:
    """The export path box was 7 cells wide beside the target select, and a bundle
    preview's buttons sat below the bottom of the screen."""
    from textual.widgets import Button, Input

    from inspector.ui.modals.confirm import ConfirmModal

    app = make_app("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        # Room for a path (it was 7 cells), beside the folder browser's button.
        assert app.screen.query_one("#export-path", Input).size.width >= 36
        assert app.screen.query_one("#import-path", Input).size.width >= 36
        body = "\n".join(f"Line {n} of a long preview" for n in range(60))
        app.push_screen(ConfirmModal(title="Preview", body=body, confirm="Import"))
        await settle(pilot)
        for button in app.screen.query(Button):
            assert button.region.height > 0
            assert button.region.bottom <= 24, button.id


# -- placeholders -------------------------------------------------------------------------------


async def test_placeholders_do_not_look_like_values(make_app: Any) -> None:
    """An empty position box showed "35.0812, 113.3921 …" in the colour and style of a
    value. Placeholders (and a select's "Choose") are italic and dim."""
    from textual.widgets import Input
    from textual.widgets._select import SelectCurrent

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        box = app.screen.query_one("#position-text", Input)
        assert not box.value
        style = box.get_component_rich_style("input--placeholder")
        assert style.italic
        value_style = box.rich_style
        assert not value_style.italic
        empty = next(s for s in app.screen.query(SelectCurrent) if not s.has_value)
        assert empty.query_one("#label").rich_style.italic


async def test_at_80_columns_the_register_cuts_names_not_states(make_app: Any) -> None:
    """The state ran off the edge ("非排污" for 非排污口) with no mark; now the wide
    columns give up room first, and every cut cell ends in an ellipsis."""
    from inspector.domain.choices import State
    from inspector.ui.text import label

    for lang in ("zh", "en"):
        app = make_app(lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("f3")
            await settle(pilot)
            outfalls = app.screen.outfalls
            width = outfalls.size.width
            for i in range(10):
                row = outfalls.row_at(i)
                assert row is not None
                line = outfalls._line(row, width, selected=False).text
                assert label(State, row.state) in line, line
                if row.deadline:
                    assert row.deadline in line


# -- incidents at 120 columns; English names on the Plans section's lists -------------------

CJK = re.compile(r"[\u3400-\u9fff]")


def screen_text(app: Any, widget: Any) -> str:
    """What the terminal shows of `widget`, line by line."""
    strips = app.screen._compositor.render_strips()
    region = widget.region
    return "\n".join(
        strips[y].crop(region.x, region.right).text for y in range(region.y, region.bottom)
    )


async def test_incidents_show_whole_times_and_english_names_at_120_columns(
    make_app: Any, ui_db: Any
) -> None:
    """Notices lost the day at 120 columns, and in English county and river names showed
    in Chinese on some tabs: every time whole, every such name in English."""
    from textual.widgets import DataTable

    from inspector.ui.text import local_time
    from inspector.ui.widgets.plans.progress import ProgressTab
    from tests.ui.test_plans import open_plans

    with ui_db.read() as conn:
        rivers = {r for (r,) in conn.execute("SELECT DISTINCT river FROM outfall")}
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_plans(pilot)
        counties = list(screen.query_one("#plan-table", DataTable).get_column("county"))
        assert counties
        assert not [c for c in counties if CJK.search(str(c))], counties
        screen.show_tab("incidents")
        await settle(pilot)
        tab = screen.incidents_tab
        incidents = tab.query_one("#incident-table", DataTable)
        for key in ("river", "region"):
            cells = [str(c) for c in incidents.get_column(key)]
            assert cells
            assert not [c for c in cells if CJK.search(c)], (key, cells)
        row = next(n for n, v in enumerate(tab.incidents) if any(x.notified_at for x in v.notices))
        incidents.move_cursor(row=row)
        await settle(pilot)
        view = tab.incidents[row]
        shown = screen_text(app, incidents)
        assert local_time(view.occurred_at, app.ctx.tz) in shown
        notices = tab.query_one("#notice-table", DataTable)
        shown = screen_text(app, notices)
        for notice in view.notices:
            assert not CJK.search(notice.region_name), notice.region_name
            if notice.notified_at:
                when = local_time(notice.notified_at, app.ctx.tz)
                assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", when), when
                assert when in shown, shown
        screen.show_tab("progress")
        await settle(pilot)
        progress = screen_text(app, screen.query_one(ProgressTab))
        assert "Wuzhi" in progress or "Xiuwu" in progress
        assert not [r for r in rivers if r in progress], progress
