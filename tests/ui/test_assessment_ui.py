"""The assessment's rules in the Plans section, driven through Pilot on a copy of the
demo: a falsification finding refused without its proof (第十二条) and kept with it, an
adjustment refused without its reason, a department's score, the card in force, the
complaints register (recorded, answered) and the dashboard's overdue complaints."""

from __future__ import annotations

from typing import Any

from inspector.i18n import t
from tests.ui.conftest import TODAY, settle
from tests.ui.test_plans import SIZE, XIUWU, field, fill, modal_error, notices, open_plans


async def test_a_falsification_finding_needs_its_proof_in_the_ui(make_app: Any, ui_db: Any) -> None:
    """第十二条: a finding that a county's assessment data was forged needs a recorded
    basis (查实) wherever it is entered; then the county fails that month."""
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
        field(modal, "item").set_raw("falsification")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is modal
        assert "needs its proof" in modal_error(app)
        field(modal, "item").set_raw("adjustment")
        await fill(pilot, modal, "score", "3")
        field(modal, "cause").set_raw("natural_disaster")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "no adjustment is made silently" in modal_error(app)
        field(modal, "item").set_raw("falsification")
        await fill(pilot, modal, "score", "")
        await fill(pilot, modal, "basis", "Finding 2026-7: section data forged")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        tab = screen.query_one("#assessment-tab")
        row = next(r for r in tab.loaded.rows if r[0] == "Xiuwu County")
        assert row[9] == "Fail"
        assert "Finding 2026-7" in row[10]


async def test_a_departments_score_and_the_card_in_force(make_app: Any, ui_db: Any) -> None:
    from inspector.ui.modals.plans import DepartmentScoreModal
    from inspector.ui.modals.scheme import SchemeModal

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_plans(pilot, "assessment")
        await pilot.press("k")
        await settle(pilot)
        assert isinstance(app.screen, SchemeModal)
        table = app.screen.query_one("#scheme-table")
        keys = [str(table.get_row_at(i)[0]).strip() for i in range(table.row_count)]
        assert "kw_b3" in keys
        assert "enforcement" in keys
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, DepartmentScoreModal)
        await fill(pilot, modal, "department", "市气象局")
        field(modal, "part").set_raw("dept_a")
        await fill(pilot, modal, "score", "31")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "from 0 to 30" in modal_error(app)
        await fill(pilot, modal, "score", "29")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        departments = screen.query_one("#assessment-tab").loaded.departments
        assert any(row[1] == "市气象局" and row[0] == "missing" for row in departments[1:])


async def test_record_and_answer_a_complaint(make_app: Any, ui_db: Any) -> None:
    """公众举报: recorded with its deadline, answered; the register shows both."""
    from inspector.ui.modals.plans import AnswerModal, ComplaintModal

    with ui_db.read() as conn:
        code = conn.execute(
            "SELECT code FROM outfall WHERE county_code=? AND deleted=0 ORDER BY code LIMIT 1",
            (XIUWU,),
        ).fetchone()[0]
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_plans(pilot, "complaints")
        before = len(screen.complaints_tab.complaints)
        await pilot.press("m")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, ComplaintModal)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is modal  # nothing said
        await fill(pilot, modal, "outfall", code)
        await fill(pilot, modal, "content", "Black water at night")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert any("due 2027-01-22" in n for n in notices(app))  # 23 November + 60 days
        views = screen.complaints_tab.complaints
        assert len(views) == before + 1
        mine = screen.complaints_tab.complaint
        assert mine is not None
        assert mine.content == "Black water at night"
        await pilot.press("b")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, AnswerModal)
        await fill(pilot, modal, "answer", "Checked: a burst pipe, repaired")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert t("pui.complaint.answered") in notices(app)
        answered = next(v for v in screen.complaints_tab.complaints if v.id == mine.id)
        assert answered.answered_on == TODAY


async def test_overdue_complaints_on_the_dashboard(make_app: Any) -> None:
    from inspector.ui.widgets.dashboard.complaints import ComplaintsPanel

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, rounds=6)
        panel = app.screen.query_one(ComplaintsPanel)
        found, _today = panel._data
        assert found.count == 1  # the demo's complaint received 75 days ago
        summary = str(panel.query_one("#complaints-summary").render())
        assert "1 complaint(s) past their deadline" in summary
