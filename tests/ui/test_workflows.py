"""The UI's workflows, driven with the keyboard through Pilot on a copy of the demo."""

from __future__ import annotations

from typing import Any

from inspector.i18n import t
from inspector.i18n.collation import sort_key
from tests.ui.conftest import (
    field,
    fill,
    open_outfall,
    outfall_in_state,
    paste_text,
    settle,
    state_of,
    type_text,
)

SIZE = (120, 40)


def modal_error(app: Any) -> str:
    return str(app.screen.query_one("#modal-error").render())


# -- creating an outfall ------------------------------------------------------------------


async def test_create_outfall_with_typed_dms_position(make_app: Any, ui_db: Any) -> None:
    from inspector.ui.screens.new_outfall import NewOutfallScreen
    from inspector.ui.screens.outfall import OutfallScreen

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NewOutfallScreen)
        await fill(pilot, screen, "name", "武陟县测试村沁河左岸1#城镇雨洪排口")
        field(screen, "county_code").set_raw("410823")
        field(screen, "river").set_raw("沁河")
        position = screen.query_one("#position-text")
        position.focus()
        # In Wuzhi County, far from every demo outfall (no duplicate warning), typed in
        # degrees-minutes-seconds.
        await type_text(pilot, "北纬35度13分30秒，东经113度35分30秒")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, OutfallScreen)
        with ui_db.read() as conn:
            row = conn.execute(
                "SELECT code, county_code, river, lat, lon, state FROM outfall WHERE name=?",
                ("武陟县测试村沁河左岸1#城镇雨洪排口",),
            ).fetchone()
        assert row is not None
        code, county, river, lat, lon, state = row
        assert code.startswith("410823QT-")  # generated: county, type, replica tag, number
        assert (county, river, state) == ("410823", "沁河", "suspected")
        assert abs(lat - (35 + 13.5 / 60)) < 1e-6
        assert abs(lon - (113 + 35.5 / 60)) < 1e-6


async def test_new_outfall_refuses_missing_fields_and_keeps_what_was_typed(
    make_app: Any, ui_db: Any
) -> None:
    from inspector.ui.screens.new_outfall import NewOutfallScreen

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        screen = app.screen
        await fill(pilot, screen, "name", "nameless test")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NewOutfallScreen)
        error = str(screen.query_one("#new-error").render())
        assert t("error.required", field=t("field.outfall.county_code")) in error
        assert t("error.required", field=t("field.outfall.river")) in error
        assert field(screen, "name").raw == "nameless test"
    with ui_db.read() as conn:
        assert conn.execute("SELECT 1 FROM outfall WHERE name='nameless test'").fetchone() is None


async def test_new_outfall_warns_of_a_neighbour_within_30_m_and_jumps_to_it(
    make_app: Any, ui_db: Any
) -> None:
    from inspector.ui.screens.outfall import OutfallScreen

    with ui_db.read() as conn:
        oid, lat, lon = conn.execute(
            "SELECT id, lat, lon FROM outfall WHERE deleted=0 ORDER BY code LIMIT 1"
        ).fetchone()
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        screen = app.screen
        screen.query_one("#position-text").focus()
        # About 10 m north of a registered outfall.
        await type_text(pilot, f"{lat + 0.00009:.6f}, {lon:.6f}")
        await settle(pilot)
        assert [n.id for n in screen.nearby][:1] == [oid]
        assert screen.query_one("#nearby").display
        screen.query_one("#nearby-list").focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, OutfallScreen)
        assert app.screen.outfall_id == oid


# -- inspecting ---------------------------------------------------------------------------


async def test_record_an_inspection_from_the_register(make_app: Any, ui_db: Any) -> None:
    from inspector.ui.screens.inspection import InspectionScreen

    app = make_app("zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        outfall_id = app.screen.outfalls.current_id
        await pilot.press("i")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, InspectionScreen)
        await fill(pilot, form, "inspectors", "张三、李四")
        field(form, "flow_present").control.focus()
        await pilot.press("1")  # 是
        field(form, "colour").control.focus()
        await pilot.press("2")  # 棕色
        field(form, "colour_severity").control.focus()
        await pilot.press("2")
        field(form, "sampled").control.focus()
        await pilot.press("1")
        await fill(pilot, form, "ph", "7.2")
        await fill(pilot, form, "cod_mg_l", "85")
        field(form, "suspicion").control.focus()
        await pilot.press("3")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, InspectionScreen)
    with ui_db.read() as conn:
        row = conn.execute(
            "SELECT inspectors, flow_present, colour, colour_severity, sampled, ph, cod_mg_l, "
            "suspicion, started_at FROM inspection WHERE outfall_id=? ORDER BY started_at DESC",
            (outfall_id,),
        ).fetchone()
        drafts = conn.execute("SELECT COUNT(*) FROM form_draft").fetchone()[0]
    assert row[:8] == ('["张三","李四"]', 1, "brown", 2, 1, 7.2, 85.0, "suspect")
    assert row[8] == "2026-11-23 02:30:00.000000"  # 10:30 in UTC+8, stored as UTC
    assert drafts == 0


async def test_refused_inspection_keeps_everything_typed(make_app: Any, ui_db: Any) -> None:
    outfall_id = outfall_in_state(ui_db, "in_service")
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_inspection(outfall_id)
        await settle(pilot)
        form = app.screen
        await fill(pilot, form, "inspectors", "Zhang")
        field(form, "sampled").control.focus()
        await pilot.press("1")
        await fill(pilot, form, "ph", "15")
        assert t("error.above_max", field=t("field.inspection.ph"), max=14) in str(
            field(form, "ph").query_one(".field-error").render()
        )
        await fill(pilot, form, "ph", "7.5")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # refused: still here
        error = str(form.query_one("#inspection-error").render())
        assert t("error.two_inspectors_to_sample") in error
        assert field(form, "inspectors").raw == "Zhang"
        assert field(form, "ph").raw == "7.5"
        assert field(form, "sampled").raw == "yes"
    with ui_db.read() as conn:
        assert conn.execute(
            "SELECT COUNT(*) FROM inspection WHERE outfall_id=? AND started_at > '2026-11-01'",
            (outfall_id,),
        ).fetchone() == (0,)
        saved = conn.execute(
            "SELECT fields FROM form_draft WHERE form='inspection' AND subject=?", (outfall_id,)
        ).fetchone()
    assert saved is not None
    assert '"ph": "7.5"' in saved[0]


async def test_a_draft_survives_a_crash_and_comes_back(make_app: Any, ui_db: Any) -> None:
    from inspector.ui.screens.inspection import InspectionScreen

    outfall_id = outfall_in_state(ui_db, "in_service")
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_inspection(outfall_id)
        await settle(pilot)
        form = app.screen
        await fill(pilot, form, "notes", "signboard bent by flood")
        # Leaving the field writes the draft at once.
        field(form, "inspectors").control.focus()
        await settle(pilot)
        assert form.draft_writes >= 1
    # The app is gone without a save, as after a crash; a new one finds the draft.
    again = make_app("en")
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        again.open_inspection(outfall_id)
        await settle(pilot)
        form = again.screen
        assert isinstance(form, InspectionScreen)
        assert field(form, "notes").raw == "signboard bent by flood"


# -- owner ---------------------------------------------------------------------------------


async def test_assign_an_owner_then_reassign_keeps_history(make_app: Any, ui_db: Any) -> None:
    outfall_id = outfall_in_state(ui_db, "confirmed", owner=False)
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_outfall(pilot, outfall_id, tab="owner")
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        await fill(pilot, dialog, "name", "武陟县宏达化工有限公司")
        await fill(pilot, dialog, "credit_code", "914403001922038216")
        await fill(pilot, dialog, "evidence", "溯源调查报告")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert screen.record.owner["name"] == "武陟县宏达化工有限公司"
        # 政府兜底 needs a tracing record that found no owner (国办函〔2022〕17号): refused
        # in words first, everything typed kept.
        await pilot.press("g")
        await settle(pilot)
        dialog = app.screen
        await fill(pilot, dialog, "evidence", "溯源未果")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog
        assert "needs tracing that found no owner" in modal_error(app)
        assert field(dialog, "evidence").raw == "溯源未果"
        await pilot.press("escape")  # leaving what was typed asks first
        await settle(pilot)
        await pilot.click("#leave-discard")
        await settle(pilot)
        # A trace record that found no owner, then the backstop replaces the owner; the
        # first stays in the history.
        await pilot.press("3")
        await pilot.press("r")
        await settle(pilot)
        trace = app.screen
        field(trace, "methods").set_raw(["visit", "pipe_survey"])
        field(trace, "result").set_raw("no_owner_found")
        await fill(pilot, trace, "conclusion", "走访和管网排查未能查明排放主体")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("2")
        await pilot.press("g")
        await settle(pilot)
        await fill(pilot, app.screen, "evidence", "溯源未果")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        county = screen.record.outfall["county_code"]
        assert screen.record.owner["name"] == app.ctx.reference.regions[county].backstop_body
        assert len(screen.record.assignments) == 2
        ended = [a for a in screen.record.assignments if a["valid_until"]]
        assert [a["owner_name"] for a in ended] == ["武陟县宏达化工有限公司"]


async def test_a_bad_credit_code_is_refused_in_words(make_app: Any, ui_db: Any) -> None:
    outfall_id = outfall_in_state(ui_db, "confirmed", owner=False)
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_outfall(pilot, outfall_id, tab="owner")
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        await fill(pilot, dialog, "name", "Some company")
        await fill(pilot, dialog, "credit_code", "914403001922038217")
        message = str(field(dialog, "credit_code").query_one(".field-error").render())
        assert "check character" in message
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog
        assert field(dialog, "name").raw == "Some company"


# -- lifecycle and remediation -------------------------------------------------------------


async def test_an_illegal_step_is_refused_naming_the_missing_precondition(
    make_app: Any, ui_db: Any
) -> None:
    outfall_id = outfall_in_state(ui_db, "confirmed", owner=False)
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_outfall(pilot, outfall_id)
        await pilot.press("t")
        await settle(pilot)
        dialog = app.screen
        field(dialog, "state").set_raw("traced")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog
        message = modal_error(app)
        assert "Cannot move from Confirmed to Traced" in message
        assert t("need.owner") in message
        # A step with no path at all names where it can go instead.
        field(dialog, "state").set_raw("closed")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Confirmed cannot become Closed" in modal_error(app)
    assert state_of(ui_db, outfall_id) == "confirmed"


async def test_remediation_from_plan_to_closed(make_app: Any, ui_db: Any) -> None:
    from inspector.ui.screens.outfall import OutfallScreen

    outfall_id = outfall_in_state(ui_db, "traced")
    with ui_db.read() as conn:
        has_plan = conn.execute(
            "SELECT 1 FROM remediation WHERE outfall_id=? AND deleted=0 AND status!='cancelled'",
            (outfall_id,),
        ).fetchone()
    app = make_app("zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_outfall(pilot, outfall_id, tab="remediation")

        async def step(key: str, **values: str) -> None:
            await pilot.press(key)
            await settle(pilot)
            dialog = app.screen
            for name, value in values.items():
                f = field(dialog, name)
                if f.control_kind == "input":
                    await fill(pilot, dialog, name, value)
                else:
                    f.set_raw(value)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.screen is screen, modal_error(app)

        # Starting works without a deadline is refused, in words.
        if not has_plan:
            await pilot.press("w")
            await settle(pilot)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert t("need.measure") in modal_error(app)
            await pilot.press("escape")
            await settle(pilot)
        await step(
            "p", measure="standardise", deadline="2027-06-30", plan_text="设置标志牌和采样井"
        )
        assert screen.record.remediation["deadline"] == "2027-06-30"
        await step("w")
        assert state_of(ui_db, outfall_id) == "in_remediation"
        await step("c", evidence="已设置规范化排放口及标志牌", retest_passed="yes")
        assert state_of(ui_db, outfall_id) == "remediated"
        await step("k")
        assert state_of(ui_db, outfall_id) == "pre_closed"
        await step("l")
        assert state_of(ui_db, outfall_id) == "closed"
        from inspector.domain.choices import Category
        from inspector.domain.lifecycle import needs_setting_approval

        if needs_setting_approval(Category.of(screen.record.outfall["category"])):
            # 部令第35号: kept only with a setting approval; a registration will not do.
            await pilot.press("s")
            await settle(pilot)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert "部令第35号" in modal_error(app)
            await pilot.press("escape")
            await settle(pilot)
            from inspector.models import Outfall

            with ui_db.write() as w:
                w.update(
                    Outfall,
                    outfall_id,
                    {"approval_no": "焦环审〔2026〕7号", "approval_kind": "approval"},
                )
        await step("s")
        assert state_of(ui_db, outfall_id) == "in_service"
        assert isinstance(app.screen, OutfallScreen)
        rem = screen.record.remediation
        assert rem["county_signoff_by"] == "tester"
        assert rem["city_signoff_on"] == "2026-11-23"
        # The history tab shows every step, oldest value to newest.
        await pilot.press("7")
        await settle(pilot)
        fields = [(e, c.field, c.new) for e, _, c in screen.record.history]
        assert ("outfall", "state", "in_service") in fields
        assert ("remediation", "evidence", "已设置规范化排放口及标志牌") in fields


async def test_details_are_validated_as_typed_and_saved(make_app: Any, ui_db: Any) -> None:
    from inspector.i18n.reasons import reason_text

    outfall_id = outfall_in_state(ui_db, "in_service")
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_outfall(pilot, outfall_id)
        await fill(pilot, screen, "accuracy_m", "ten")
        assert "must be a number" in str(
            field(screen, "accuracy_m").query_one(".field-error").render()
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert field(screen, "accuracy_m").raw == "ten"
        await fill(pilot, screen, "accuracy_m", "4.5")
        await fill(pilot, screen, "approval_no", "焦环审〔2026〕9号")
        await pilot.press("ctrl+s")
        await settle(pilot)
    with ui_db.read() as conn:
        row = conn.execute(
            "SELECT accuracy_m, approval_no FROM outfall WHERE id=?", (outfall_id,)
        ).fetchone()
        reason = conn.execute(
            "SELECT reason, actor FROM op WHERE row_id=? ORDER BY hlc DESC LIMIT 1", (outfall_id,)
        ).fetchone()
    assert row == (4.5, "焦环审〔2026〕9号")
    assert (reason_text(reason[0]), reason[1]) == (t("details.reason"), "tester")


# -- the register --------------------------------------------------------------------------


async def test_search_finds_two_chinese_characters_anywhere(make_app: Any, ui_db: Any) -> None:
    from inspector.data.search import match_expression

    app = make_app("zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "沁阳")
        await settle(pilot)
        outfalls = app.screen.outfalls
        with ui_db.read() as conn:
            expected = conn.execute(
                "SELECT COUNT(*) FROM outfall_search WHERE outfall_search MATCH ?",
                (match_expression("沁阳"),),
            ).fetchone()[0]
        assert outfalls.total == expected > 0
        shown = [outfalls.row_at(i) for i in range(min(30, expected))]
        assert all(r is not None and ("沁阳" in r.name or "沁阳" in r.code) for r in shown)
        # Results come in order of registration: the sort chip is greyed meanwhile, not
        # naming an order that is not shown, and comes back when the search is cleared.
        sort = app.screen.query_one("#sort")
        assert sort.disabled
        app.screen.filters.set_filter(search="")
        await settle(pilot)
        assert not sort.disabled
        app.screen.filters.set_filter(search="沁阳")
        await settle(pilot)
        assert sort.disabled
        # Enter in the search box moves to the list; enter again opens the outfall.
        await pilot.press("enter")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.outfall_id == shown[0].id


async def test_filters_and_sort_apply_at_once(make_app: Any, ui_db: Any) -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        screen = app.screen
        outfalls = screen.outfalls
        screen.filters.set_filter(county="410823", state="in_remediation")
        await settle(pilot)
        rows = [outfalls.row_at(i) for i in range(outfalls.total or 0)]
        with ui_db.read() as conn:
            expected = conn.execute(
                "SELECT code FROM outfall WHERE county_code='410823' AND state='in_remediation' "
                "AND deleted=0 ORDER BY code"
            ).fetchall()
        assert [r.code for r in rows if r] == [c for (c,) in expected]
        screen.filters.set_filter(county=None, state=None, overdue=True)
        await settle(pilot)
        assert outfalls.total
        assert outfalls.total > 0
        assert all(r.deadline < "2026-11-23" for r in (outfalls.row_at(i) for i in range(20)) if r)
        screen.filters.set_filter(overdue=False, sort="-name")
        await settle(pilot)
        with ui_db.read() as conn:
            names = [n for (n,) in conn.execute("SELECT name FROM outfall WHERE deleted=0")]
        # Reading order (pinyin), not code point: 中站区… is last by code point.
        assert outfalls.row_at(0).name == max(names, key=sort_key) != max(names)
        # Keys move the cursor; end goes to the last row.
        outfalls.focus()
        await pilot.press("end")
        await settle(pilot)
        assert outfalls.cursor == outfalls.total - 1


async def test_command_palette_reaches_sections_and_outfalls(make_app: Any, ui_db: Any) -> None:
    from inspector.ui.screens.outfall import OutfallScreen
    from inspector.ui.screens.register import RegisterScreen

    with ui_db.read() as conn:
        code, oid = conn.execute(
            "SELECT code, id FROM outfall WHERE deleted=0 ORDER BY code LIMIT 1"
        ).fetchone()
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "Go to: Register")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RegisterScreen)
        await pilot.press("ctrl+p")
        await type_text(pilot, code)
        await pilot.pause(0.8)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OutfallScreen)
        assert app.screen.outfall_id == oid


async def test_each_section_keeps_its_screens_when_you_come_back(make_app: Any, ui_db: Any) -> None:
    from inspector.ui.screens.dashboard import DashboardScreen
    from inspector.ui.screens.outfall import OutfallScreen
    from inspector.ui.screens.register import RegisterScreen

    with ui_db.read() as conn:
        (oid,) = conn.execute("SELECT id FROM outfall WHERE deleted=0 LIMIT 1").fetchone()
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, RegisterScreen)
        app.open_outfall(oid)
        await settle(pilot)
        # The first section (the app's default screen) is reached like the others...
        await pilot.press("f2")
        await settle(pilot)
        assert app.screen is dashboard
        # ...and a record opened in another section is still there when you return to it.
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, OutfallScreen)
        await pilot.press("f2")
        await settle(pilot)
        assert app.screen is dashboard


async def test_a_panel_loaded_behind_another_section_waits_for_its_width(make_app: Any) -> None:
    from inspector.ui.widgets.dashboard.overdue import OverduePanel

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dashboard = app.screen
        data = dashboard.query_one(OverduePanel)._data
        assert data is not None
        assert data.overdue
        await pilot.press("f3")
        await settle(pilot)
        # A panel that has never been laid out (its screen is behind the register) gets
        # its data: it must wait for a width, not ask again after every refresh.
        late = OverduePanel()
        await dashboard.query_one("#dash-side").mount(late)
        shows = 0
        show = late.show

        def counted(data: Any) -> None:
            nonlocal shows
            shows += 1
            show(data)

        late.show = counted  # type: ignore[method-assign]
        late._arrived(data)
        for _ in range(5):
            await pilot.pause(0.05)
        assert shows == 0
        await pilot.press("f2")
        await settle(pilot)
        assert shows >= 1
        assert len(late.query_one("#overdue-list").options) == len(data.overdue)


async def test_navigation_tabs_and_footer_keys_are_clickable(make_app: Any) -> None:
    from inspector.ui.screens.help import HelpScreen
    from inspector.ui.screens.register import RegisterScreen
    from inspector.ui.widgets.keybar import KeyBar
    from inspector.ui.widgets.navbar import NavBar

    def column(bar: Any, text: str) -> int:
        plain = bar.render().plain
        assert text in plain, plain
        return int(plain.index(text)) + 1

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        keys = app.screen.query_one(KeyBar).render().plain
        # The dashboard's own key first, the app's after, the palette's at the right end.
        assert keys.index("Reload") < keys.index("Help") < keys.index("Command palette")
        assert keys.rstrip().endswith("Command palette")
        assert "Register" not in keys  # sections are in the navigation bar, not here
        nav = app.screen.query_one(NavBar)
        await pilot.click(NavBar, offset=(column(nav, "F3 Register"), 0))
        await settle(pilot)
        assert isinstance(app.screen, RegisterScreen)
        bar = app.screen.query_one(KeyBar)
        await pilot.click(KeyBar, offset=(column(bar, "Help"), 0))
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


def test_no_screen_or_widget_takes_a_section_key() -> None:
    """A section's function key works everywhere: nothing binds it to something else (F5
    once reloaded Sync and Conflicts instead of opening Plans)."""
    import importlib
    import pkgutil

    from textual.dom import DOMNode

    import inspector.ui
    from inspector.ui import navigation

    for module in pkgutil.walk_packages(inspector.ui.__path__, "inspector.ui."):
        importlib.import_module(module.name)
    section_keys = {s.key for s in navigation.SECTIONS}

    def ours(cls: type) -> list[type]:
        found = [c for c in cls.__subclasses__() if c.__module__.startswith("inspector.ui.")]
        return found + [d for c in cls.__subclasses__() for d in ours(c)]

    classes = set(ours(DOMNode))
    assert len(classes) > 40
    for cls in classes:
        if cls.__name__ == "InspectorApp":
            continue
        for binding in cls.__dict__.get("BINDINGS", []):
            key = binding.key if hasattr(binding, "key") else binding[0]
            taken = {k.strip() for k in key.split(",")} & section_keys
            assert not taken, f"{cls.__name__} binds {taken}"


async def test_f5_opens_plans_from_sync(make_app: Any) -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert app.current_mode == "sync"
        await pilot.press("f5")
        await settle(pilot)
        assert app.current_mode == "plans"


async def test_the_key_bar_keeps_the_palette_when_keys_do_not_fit(make_app: Any) -> None:
    from inspector.ui.widgets.keybar import KeyBar

    app = make_app("en")
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f5")  # the Plans section has the most keys
        await settle(pilot)
        shown = app.screen.query_one(KeyBar).render().plain
        assert len(shown) == 60
        assert shown.rstrip().endswith("Command palette")
        # Whole keys, then an ellipsis: no key is cut in the middle of its name.
        keys = shown[: shown.index("…")]
        assert keys.rstrip().endswith(("Draw plan", "Cancel item", "Verify draw"))


async def test_help_lists_every_key(make_app: Any) -> None:
    from inspector.ui.screens.help import HelpScreen, key_name
    from inspector.ui.screens.outfall import OutfallScreen

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        keys = {key for _group, key, _text in app.screen.rows}
        for binding in OutfallScreen.BINDINGS:
            assert key_name(binding.key) in keys  # type: ignore[union-attr]
        for key in ("Ctrl+P", "F1", "Ctrl+Q", "/", "Enter", "Esc", "n", "i", "Ctrl+S", "F2", "F3"):
            assert key in keys
        # A letter pressed alone is shown as it is typed: an upper-case N means Shift+N.
        assert not {"N", "I"} & keys
        # A key shown by its own character, as the key bar shows it, not by its name.
        assert {"[", "]"} <= keys
        assert not any("square" in key.lower() for key in keys)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)


# -- first run and settings ---------------------------------------------------------------


async def test_first_run_offers_init_import_and_demo(make_app: Any, db: Any) -> None:
    from inspector.ui.screens.welcome import WelcomeScreen

    app = make_app("en", db=db, welcome=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("1")
        await settle(pilot)
        dialog = app.screen
        await fill(pilot, dialog, "name", "Wuzhi office laptop")
        field(dialog, "region_code").set_raw("410823")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, WelcomeScreen)
    from inspector.services.replica import identity

    ident = identity(db)
    assert (ident.name, ident.region_code, ident.role) == ("Wuzhi office laptop", "410823", "field")
    assert ident.public_key


async def test_welcome_imports_a_ledger(make_app: Any, db: Any, tmp_path: Any) -> None:
    from tests.conftest import ledger_row, write_ledger

    ledger = write_ledger(tmp_path / "台账.csv", [ledger_row(1), ledger_row(2)])
    app = make_app("zh", db=db, welcome=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await paste_text(pilot, str(ledger))
        await pilot.press("enter")
        await settle(pilot)
        result = str(app.screen.query_one("#import-result").render())
        assert "已导入 2 行" in result
    with db.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM outfall").fetchone() == (2,)


async def test_changing_language_restarts_in_it_and_remembers(make_app: Any) -> None:
    from inspector.ui import preferences
    from inspector.ui.app import RESTART

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        app.screen.query_one("#language").focus()
        await pilot.press("1")
        await settle(pilot)
    assert app.return_value == RESTART
    assert preferences.saved_language() == "zh"


def test_the_ui_needs_a_terminal(tmp_path: Any) -> None:
    from tests.conftest import run_inspector

    result = run_inspector("--db", str(tmp_path / "x.db"), "--lang", "en")
    assert result.returncode == 1
    assert "needs an interactive terminal" in result.stderr


async def test_the_plan_dialog_refuses_to_block_a_storm_outlet(make_app: Any, ui_db: Any) -> None:
    """严禁合并、封堵城镇雨洪排口 (焦作 plan), in the remediation plan dialog: refused in
    words naming the rule, everything typed kept."""
    with ui_db.read() as conn:
        (outfall_id,) = conn.execute(
            "SELECT id FROM outfall WHERE category='other.urban_storm' AND state='traced' "
            "AND deleted=0 ORDER BY code LIMIT 1"
        ).fetchone()
    app = make_app("zh")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_outfall(pilot, outfall_id, tab="remediation")
        await pilot.press("p")
        await settle(pilot)
        dialog = app.screen
        field(dialog, "measure").set_raw("ban")
        await fill(pilot, dialog, "deadline", "2027-06-30")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog
        assert "严禁合并、封堵城镇雨洪排口" in modal_error(app)
        assert field(dialog, "deadline").raw == "2027-06-30"


async def test_the_protected_area_is_a_field_of_the_details_form(make_app: Any, ui_db: Any) -> None:
    """依法取缔 in 饮用水水源保护区 and 自然保护地 (焦作 plan): the flag is on the form, and
    setting it on an outfall planned to be kept is refused naming the rule."""
    with ui_db.read() as conn:
        (outfall_id,) = conn.execute(
            "SELECT o.id FROM outfall o JOIN remediation r ON r.outfall_id = o.id "
            "WHERE o.state='in_remediation' AND r.measure='standardise' AND o.deleted=0 "
            "AND r.deleted=0 ORDER BY o.code LIMIT 1"
        ).fetchone()
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_outfall(pilot, outfall_id, tab="details")
        field(screen, "protected_area").set_raw("drinking_water")
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = str(screen.query_one("#details-error").render())
        assert "drinking-water source protection area" in error
        assert state_of(ui_db, outfall_id) == "in_remediation"


async def test_an_immediate_remediation_starts_without_an_owner(make_app: Any, ui_db: Any) -> None:
    """立行立改 (焦作 plan; issue 13): a confirmed outfall nobody answers for yet goes to
    remediation once the plan dialog's "immediate" is chosen, and is refused before."""
    outfall_id = outfall_in_state(ui_db, "confirmed", owner=False)
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_outfall(pilot, outfall_id, tab="remediation")
        await pilot.press("p")
        await settle(pilot)
        dialog = app.screen
        field(dialog, "measure").set_raw("ban")
        await fill(pilot, dialog, "deadline", "2027-06-30")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen, modal_error(app)
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "立行立改" in modal_error(app)  # no owner, and not immediate
        await pilot.press("escape")
        await settle(pilot)
        assert state_of(ui_db, outfall_id) == "confirmed"
        await pilot.press("p")
        await settle(pilot)
        dialog = app.screen
        immediate = field(dialog, "immediate")
        immediate.control.focus()
        await pilot.press("1")  # yes
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen, modal_error(app)
        assert screen.record.remediation["immediate"]
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen, modal_error(app)
    assert state_of(ui_db, outfall_id) == "in_remediation"
