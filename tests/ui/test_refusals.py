"""Every refused save says why, next to the field (issue 12, item 8): in every dialog and
form with a required field, that field cleared and the form saved shows the field's own
message under it, with the focus on it, and the form stays open with what was typed.

The dialogs are opened directly, on ids of the demo where they need one: a refusal on a
blank field comes before anything is looked up or written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from inspector.i18n import t
from tests.ui.conftest import TODAY, outfall_in_state, settle

SIZE = (120, 40)


def _outfall(db: Any) -> str:
    return outfall_in_state(db, "confirmed", owner=False)


def _first(db: Any, sql: str) -> str:
    with db.read() as conn:
        return str(conn.execute(sql).fetchone()[0])


def _plan(db: Any) -> Any:
    from inspector.services.plans.views import list_plans

    with db.read() as conn:
        return list_plans(conn, today=TODAY)[0]


Opener = Callable[[Any, Any], None]


def _modal(cls: type, make: Callable[[Any], Any]) -> tuple[type, Opener]:
    """A dialog and how to open it: `make(db)` gives its arguments (args, kwargs)."""

    def open_it(app: Any, db: Any) -> None:
        args, kwargs = make(db)
        app.push_screen(cls(*args, **kwargs))

    return cls, open_it


def _dialogs() -> dict[str, tuple[type, Opener]]:
    from inspector.ui.modals import outfall as o
    from inspector.ui.modals import plans as p
    from inspector.ui.modals import reports as r
    from inspector.ui.modals.files import LedgerExportModal, StampModal
    from inspector.ui.modals.setup import InitModal
    from inspector.ui.screens.inspection import InspectionScreen
    from inspector.ui.screens.new_outfall import NewOutfallScreen
    from inspector.ui.screens.outfall import OutfallScreen

    def new_outfall(app: Any, db: Any) -> None:
        app.push_screen(NewOutfallScreen())

    def inspection(app: Any, db: Any) -> None:
        app.open_inspection(outfall_in_state(db, "in_service"))

    def details(app: Any, db: Any) -> None:
        app.open_outfall(outfall_in_state(db, "in_service"), tab="details")

    year = TODAY.year
    return {
        "transition": _modal(
            o.TransitionModal, lambda d: ((_outfall(d),), {"current": "confirmed"})
        ),
        "assign_owner": _modal(o.AssignOwnerModal, lambda d: ((_outfall(d),), {})),
        "backstop": _modal(o.BackstopModal, lambda d: ((_outfall(d),), {})),
        "trace": _modal(o.TraceModal, lambda d: ((_outfall(d),), {})),
        "completion": _modal(o.CompletionModal, lambda d: ((_outfall(d),), {})),
        "county_signoff": _modal(o.SignoffModal, lambda d: ((_outfall(d),), {"level": "county"})),
        "city_signoff": _modal(o.SignoffModal, lambda d: ((_outfall(d),), {"level": "city"})),
        "draw_plan": _modal(p.DrawPlanModal, lambda d: ((), {"year": year})),
        "cancel_item": _modal(
            p.CancelItemModal,
            lambda d: (
                (_first(d, "SELECT id FROM plan_item WHERE status='pending' AND deleted=0"),),
                {"label": "item"},
            ),
        ),
        "score": _modal(p.ScoreModal, lambda d: ((), {"year": year, "month": 10})),
        "department_score": _modal(
            p.DepartmentScoreModal, lambda d: ((), {"year": year, "city": "410800"})
        ),
        "complaint": _modal(p.ComplaintModal, lambda d: ((), {"days": 15})),
        "answer": _modal(
            p.AnswerModal,
            lambda d: ((_first(d, "SELECT id FROM complaint WHERE deleted=0"),), {"content": "x"}),
        ),
        "incident": _modal(p.IncidentModal, lambda d: ((), {})),
        "notice": _modal(
            p.NoticeModal,
            lambda d: (
                (_first(d, "SELECT id FROM incident WHERE deleted=0"),),
                {"regions": [("Wuzhi County", "410823")]},
            ),
        ),
        "recuse": _modal(p.RecuseModal, lambda d: ((), {})),
        "annual_report": _modal(r.AnnualReportModal, lambda d: ((), {"year": year})),
        "half_year_report": _modal(
            r.SelfInspectionReportModal, lambda d: ((), {"year": year, "half": 1})
        ),
        "public_list": _modal(r.PublicListModal, lambda d: ((), {"year": year})),
        "publish_results": _modal(r.PublishResultsModal, lambda d: ((_plan(d),), {})),
        "assessment_export": _modal(
            r.AssessmentExportModal, lambda d: ((), {"year": year, "city": "410800"})
        ),
        "ledger_export": _modal(LedgerExportModal, lambda d: ((), {"year": year})),
        "stamp": _modal(
            StampModal,
            lambda d: ((_first(d, "SELECT id FROM photo WHERE deleted=0"),), {"name": "x"}),
        ),
        "init": _modal(InitModal, lambda d: ((), {})),
        "new_outfall": (NewOutfallScreen, new_outfall),
        "inspection": (InspectionScreen, inspection),
        "outfall_details": (OutfallScreen, details),
    }


DIALOGS = sorted(_dialogs())

WITHOUT_REQUIRED = {"WithdrawRecusalModal", "SettleModal", "PlanModal"}
"""Dialogs with no field that must be filled: a reason that may be left out, a button, a
plan drafted a field at a time (starting works asks for its measure and deadline)."""


def test_every_dialog_with_a_form_is_tried() -> None:
    """A new dialog is added to the list above, or here with the reason it has none."""
    from inspector.ui.modals.form import FormModal

    def leaves(cls: type) -> set[type]:
        subs = set(cls.__subclasses__())
        return {s for s in subs if not s.__name__.startswith("_")} | {
            leaf for s in subs for leaf in leaves(s)
        }

    tried = {cls for cls, _ in _dialogs().values()}  # also imports every dialog's module
    import inspector.ui.modals.plans  # noqa: F401  (WithdrawRecusalModal, among them)

    every = {cls for cls in leaves(FormModal) if cls.__name__ not in WITHOUT_REQUIRED}
    assert every <= tried, sorted(c.__name__ for c in every - tried)


def required_fields(screen: Any) -> list[Any]:
    from inspector.ui.widgets.forms.fields import Field

    return [f for f in screen.query(Field) if f.required and f.display]


def clear(field: Any) -> None:
    from textual.widgets import Input

    from inspector.ui.widgets.forms.chips import Chips

    control = field.control
    if isinstance(control, Chips):
        control.action_clear()
    elif isinstance(control, Input):
        control.value = ""
    else:
        field.set_raw(None)


@pytest.mark.parametrize("name", DIALOGS)
async def test_a_cleared_required_field_is_named_beside_itself_with_the_focus(
    make_app: Any, ui_db: Any, name: str
) -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        _dialogs()[name][1](app, ui_db)
        await settle(pilot)
        screen = app.screen
        fields = required_fields(screen)
        assert fields, f"{name} has no required field"
        # The first required field in reading order: whatever else is blank, the focus
        # belongs on it.
        target = fields[0]
        clear(target)
        await pilot.pause()
        if not app.focused or app.focused is target.control:
            screen.focus_next()  # save from elsewhere, so the focus has to move
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen, f"{name}: saved with {target.name_} blank"
        error = str(target.query_one(".field-error").render())
        assert error == t("error.required", field=target.label), (name, target.name_, error)
        assert target.query_one(".field-error").display
        assert target.has_class("-invalid")
        assert app.focused is target.control or (
            app.focused is not None and target in app.focused.ancestors
        ), (name, target.name_, app.focused)
        # Every other field that shows a problem shows it beside itself, too.
        for other in required_fields(screen):
            if other.blank():
                assert other.has_class("-invalid"), (name, other.name_)
