"""The Plans section (f5): self-inspection plans and their items, progress against the
year's targets, the county assessment, cross-boundary incidents, public complaints,
recusals; and the reports.

Six tabs. Keys act on the tab they belong to (`d` draws a plan, `x` cancels the item
under the cursor, `p` publishes a plan's results, `e` enters a score, `g` a department's,
`k` shows the assessment card, `s` exports the year's assessment, `m` records a
complaint and `b` answers one, `c` and `w` declare and withdraw a recusal...), and the
reports (`a` annual, `h` half-year, `l` public list) can be written from any of them.
Every dialog calls the service the command line calls.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import TabbedContent, TabPane

from inspector.i18n import Problem, t
from inspector.ui.screens.base import InspectorScreen
from inspector.ui.widgets.keybar import KeyBar
from inspector.ui.widgets.navbar import NavBar
from inspector.ui.widgets.plans.assessment import AssessmentTab
from inspector.ui.widgets.plans.complaints import ComplaintsTab
from inspector.ui.widgets.plans.incidents import IncidentsTab
from inspector.ui.widgets.plans.plan_list import PlansTab
from inspector.ui.widgets.plans.progress import ProgressTab
from inspector.ui.widgets.plans.recusals import RecusalsTab

TAB_ACTIONS = {
    "draw": "plans",
    "cancel_item": "plans",
    "verify": "plans",
    "publish": "plans",
    "enter_score": "assessment",
    "department_score": "assessment",
    "show_scheme": "assessment",
    "month": "assessment",
    "export_assessment": "assessment",
    "record_incident": "incidents",
    "record_notice": "incidents",
    "record_complaint": "complaints",
    "answer_complaint": "complaints",
    "recuse": "recusals",
    "withdraw_recusal": "recusals",
}
"""Actions that belong to one tab."""
FOCUS = {
    "plans": "#plan-table",
    "progress": "ProgressTab",
    "assessment": "#card-table",
    "incidents": "#incident-table",
    "complaints": "#complaint-table",
    "recusals": "#recusal-table",
}
"""What has the focus when a tab is shown."""


class PlansScreen(InspectorScreen):
    CSS_PATH: ClassVar = "../styles/plans.tcss"
    SECTION: ClassVar[str | None] = "plans"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "draw", "pui.key.draw"),
        Binding("x", "cancel_item", "pui.key.cancel_item"),
        Binding("v", "verify", "pui.key.verify"),
        Binding("p", "publish", "pui.key.publish"),
        Binding("c", "recuse", "pui.key.recuse"),
        Binding("w", "withdraw_recusal", "pui.key.withdraw"),
        Binding("a", "annual", "pui.key.annual"),
        Binding("h", "half_year", "pui.key.half"),
        Binding("l", "public_list", "pui.key.public"),
        Binding("e", "enter_score", "pui.key.score"),
        Binding("g", "department_score", "pui.key.dept_score"),
        Binding("k", "show_scheme", "pui.key.scheme"),
        Binding("s", "export_assessment", "pui.key.export_card"),
        Binding("left_square_bracket", "month(-1)", "pui.key.prev_month", key_display="["),
        Binding("right_square_bracket", "month(1)", "pui.key.next_month", key_display="]"),
        Binding("r", "record_incident", "pui.key.incident"),
        Binding("o", "record_notice", "pui.key.notify"),
        Binding("m", "record_complaint", "pui.key.complaint"),
        Binding("b", "answer_complaint", "pui.key.answer"),
        Binding("ctrl+right", "next_tab(1)", "pui.key.next_tab", show=False),
        Binding("ctrl+left", "next_tab(-1)", "pui.key.prev_tab", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        today = self.ctx.today()
        self.year = today.year
        # The month whose scores are in: the one before this.
        self.card_year, self.card_month = (
            (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
        )
        self._started = False

    def compose(self) -> ComposeResult:
        yield NavBar(current="plans")
        with TabbedContent(id="plans-tabs"):
            with TabPane(t("pui.tab.plans"), id="plans"):
                yield PlansTab()
            with TabPane(t("pui.tab.progress"), id="progress"):
                yield ProgressTab()
            with TabPane(t("pui.tab.assessment"), id="assessment"):
                yield AssessmentTab()
            with TabPane(t("pui.tab.incidents"), id="incidents"):
                yield IncidentsTab()
            with TabPane(t("pui.tab.complaints"), id="complaints"):
                yield ComplaintsTab()
            with TabPane(t("pui.tab.recusals"), id="recusals"):
                yield RecusalsTab()
        yield KeyBar()

    # -- tabs ------------------------------------------------------------------------------

    @property
    def tab(self) -> str:
        return self.query_one(TabbedContent).active or "plans"

    def show_tab(self, name: str) -> None:
        self.query_one(TabbedContent).active = name

    def action_next_tab(self, step: int) -> None:
        tabs = list(FOCUS)
        self.show_tab(tabs[(tabs.index(self.tab) + step) % len(tabs)])

    @property
    def plans_tab(self) -> PlansTab:
        return self.query_one(PlansTab)

    @property
    def incidents_tab(self) -> IncidentsTab:
        return self.query_one(IncidentsTab)

    @property
    def complaints_tab(self) -> ComplaintsTab:
        return self.query_one(ComplaintsTab)

    @property
    def recusals_tab(self) -> RecusalsTab:
        return self.query_one(RecusalsTab)

    def on_mount(self) -> None:
        self.plans_tab.reload()
        self.query_one("#plan-table").focus()

    def on_screen_resume(self) -> None:
        # Back from an outfall: an inspection saved there may have fulfilled an item.
        if self._started:
            self._reload(self.tab)
        self._started = True

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        tab = event.pane.id or "plans"
        # Focus follows the tab: a table left focused in a hidden pane would take the
        # tabs back to its own pane.
        self.query_one(FOCUS[tab]).focus()
        self._reload(tab)

    def _reload(self, tab: str) -> None:
        if tab == "plans":
            self.plans_tab.reload()
        elif tab == "progress":
            self.query_one(ProgressTab).reload()
        elif tab == "assessment":
            self.query_one(AssessmentTab).reload(year=self.card_year, month=self.card_month)
        elif tab == "incidents":
            self.incidents_tab.reload()
        elif tab == "complaints":
            self.complaints_tab.reload()
        elif tab == "recusals":
            self.recusals_tab.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A tab's own keys work, and show in the footer, on that tab only (the footer
        has no room for all of them); the palette reaches them from anywhere (see
        `run_action`)."""
        owner = TAB_ACTIONS.get(action)
        if owner is None or not self.is_mounted:
            return True
        return self.tab == owner

    async def run_action(self, action: str, namespaces: Any = None) -> None:
        # From the command palette: go to the action's tab first, so it can run.
        owner = TAB_ACTIONS.get(action.partition("(")[0])
        if owner is not None and self.is_mounted and self.tab != owner:
            self.show_tab(owner)
        await super().run_action(action, namespaces)

    @on(TabbedContent.TabActivated)
    def _refresh_keys(self) -> None:
        self.refresh_bindings()

    # -- plans -----------------------------------------------------------------------------

    @on(PlansTab.OpenOutfall)
    @on(ComplaintsTab.OpenOutfall)
    def _open_outfall(self, event: PlansTab.OpenOutfall | ComplaintsTab.OpenOutfall) -> None:
        self.app.open_outfall(event.outfall_id)  # type: ignore[attr-defined]

    def action_draw(self) -> None:
        from inspector.ui.modals.plans import DrawPlanModal

        def drawn(plan_id: Any) -> None:
            if plan_id:
                self.plans_tab.reload(select=str(plan_id))
                self._announce_plan(str(plan_id))

        self.app.push_screen(DrawPlanModal(year=self.year), drawn)

    @work(thread=True, exit_on_error=False, group="announce")
    def _announce_plan(self, plan_id: str) -> None:
        from inspector.services.plans import plan_summary

        with self.ctx.read() as conn:
            summary = plan_summary(conn, plan_id, today=self.ctx.today())
        self.app.call_from_thread(
            self.notify, t("pui.drawn", count=summary.items, seed=summary.seed or "—")
        )

    def action_cancel_item(self) -> None:
        from inspector.domain.choices import PlanItemStatus
        from inspector.i18n import language
        from inspector.ui.modals.plans import CancelItemModal

        item = self.plans_tab.item
        if item is None:
            self.notify(t("pui.no_item"), severity="warning")
            return
        if item.status != "pending":
            status = PlanItemStatus.of(item.status).label(language())
            self.notify(t("pui.item_not_pending", status=status), severity="warning")
            return

        def cancelled(result: Any) -> None:
            if result:
                self.notify(t("pui.cancelled", code=item.code))
                self.plans_tab.reload()

        label = f"{item.code} {item.name}"
        self.app.push_screen(CancelItemModal(item.id, label=label), cancelled)

    def action_verify(self) -> None:
        plan_id = self.plans_tab.plan_id
        if plan_id is None:
            self.notify(t("pui.no_plan"), severity="warning")
            return
        self._verify(plan_id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="verify")
    def _verify(self, plan_id: str) -> None:
        from inspector.services.plans import verify_plan

        try:
            with self.ctx.read() as conn:
                result = verify_plan(conn, plan_id)
        except Problem as problem:
            self.app.call_from_thread(self.notify, str(problem), severity="error")
            return
        if result.ok:
            text = t("pui.verified", count=result.matching)
        else:
            text = t(
                "pui.verify_differs",
                matching=result.matching,
                expected=result.expected,
                missing=len(result.missing),
                extra=len(result.extra),
                changed=len(result.changed),
            )
        self.app.call_from_thread(
            self.notify, text, severity="information" if result.ok else "warning", timeout=10
        )

    def action_publish(self) -> None:
        from inspector.ui.modals.reports import PublishResultsModal

        plan_id = self.plans_tab.plan_id
        plan = next((p for p in self.plans_tab.plans if p.id == plan_id), None)
        if plan is None:
            self.notify(t("pui.no_plan"), severity="warning")
            return

        def published(message: Any) -> None:
            if message:
                self.notify(str(message), timeout=15)
                self.plans_tab.reload()  # its date of publication

        self.app.push_screen(PublishResultsModal(plan), published)

    # -- reports ---------------------------------------------------------------------------

    def _written(self, message: Any) -> None:
        if message:
            self.notify(str(message), timeout=15)

    def action_annual(self) -> None:
        from inspector.ui.modals.reports import AnnualReportModal

        # In the first weeks of a year the report due is last year's (10 January).
        today = self.ctx.today()
        year = today.year - 1 if today.month == 1 else today.year
        self.app.push_screen(AnnualReportModal(year=year), self._written)

    def action_half_year(self) -> None:
        from inspector.ui.modals.reports import SelfInspectionReportModal

        today = self.ctx.today()
        half = 1 if today.month <= 6 else 2
        self.app.push_screen(SelfInspectionReportModal(year=today.year, half=half), self._written)

    def action_public_list(self) -> None:
        from inspector.ui.modals.reports import PublicListModal

        self.app.push_screen(PublicListModal(year=self.year), self._written)

    # -- assessment ------------------------------------------------------------------------

    def action_month(self, step: int) -> None:
        month = self.card_month + step
        year = self.card_year
        if month < 1:
            year, month = year - 1, 12
        elif month > 12:
            year, month = year + 1, 1
        self.card_year, self.card_month = year, month
        self.query_one(AssessmentTab).reload(year=year, month=month)

    def _assessment_entered(self, result: Any) -> None:
        if result:
            self.notify(t("pui.assess.entered"))
            self.query_one(AssessmentTab).reload(year=self.card_year, month=self.card_month)

    def action_enter_score(self) -> None:
        from inspector.ui.modals.plans import ScoreModal

        loaded = self.query_one(AssessmentTab).loaded
        scheme = loaded.scheme if loaded is not None else None
        modal = ScoreModal(year=self.card_year, month=self.card_month, scheme=scheme)
        self.app.push_screen(modal, self._assessment_entered)

    def action_department_score(self) -> None:
        from inspector.ui.modals.plans import DepartmentScoreModal

        loaded = self.query_one(AssessmentTab).loaded
        if loaded is None:
            self.notify(t("pui.assess.loading"), severity="warning")
            return
        modal = DepartmentScoreModal(year=self.card_year, city=loaded.city, scheme=loaded.scheme)
        self.app.push_screen(modal, self._assessment_entered)

    def action_show_scheme(self) -> None:
        from inspector.ui.modals.scheme import SchemeModal

        loaded = self.query_one(AssessmentTab).loaded
        if loaded is None or loaded.scheme is None:
            self.notify(t("pui.assess.loading"), severity="warning")
            return
        self.app.push_screen(SchemeModal(loaded.scheme))

    def action_export_assessment(self) -> None:
        from inspector.ui.modals.reports import AssessmentExportModal

        loaded = self.query_one(AssessmentTab).loaded
        city = loaded.city if loaded is not None else None
        self.app.push_screen(AssessmentExportModal(year=self.card_year, city=city), self._written)

    # -- incidents -------------------------------------------------------------------------

    def action_record_incident(self) -> None:
        from inspector.ui.modals.plans import IncidentModal

        def recorded(incident_id: Any) -> None:
            if incident_id:
                self.incidents_tab.reload(select=str(incident_id))
                self._announce_incident(str(incident_id))

        self.app.push_screen(IncidentModal(), recorded)

    @work(thread=True, exit_on_error=False, group="announce")
    def _announce_incident(self, incident_id: str) -> None:
        from inspector.services.incidents import incident

        with self.ctx.read() as conn:
            view = incident(conn, incident_id)
        names = t("ui.list_sep").join(n.region_name for n in view.pending)
        text = (
            t("pui.incident.recorded", regions=names) if names else t("pui.incident.recorded_none")
        )
        self.app.call_from_thread(self.notify, text, timeout=10)

    def action_record_notice(self) -> None:
        from inspector.ui.modals.plans import NoticeModal

        view = self.incidents_tab.incident
        if view is None:
            self.notify(t("pui.incidents.no_incident"), severity="warning")
            return
        regions = [(n.region_name, n.region_code) for n in view.pending]
        if not regions:
            self.notify(t("pui.incidents.all_notified"))
            return

        def recorded(result: Any) -> None:
            if result:
                self.notify(t("pui.notice.recorded"))
                self.incidents_tab.reload(select=view.id)

        self.app.push_screen(NoticeModal(view.id, regions=regions), recorded)

    # -- complaints ------------------------------------------------------------------------

    def action_record_complaint(self) -> None:
        from inspector.ui.modals.plans import ComplaintModal

        loaded = self.query_one(AssessmentTab).loaded
        days = loaded.scheme.complaint_days if loaded and loaded.scheme else None
        if days is None:
            from inspector.services.assessment import shipped_scheme

            days = shipped_scheme().complaint_days

        def recorded(result: Any) -> None:
            if result:
                complaint_id, due = result
                self.complaints_tab.reload(select=str(complaint_id))
                self.notify(t("pui.complaint.recorded", due=due.isoformat()))

        self.app.push_screen(ComplaintModal(days=days), recorded)

    def action_answer_complaint(self) -> None:
        from inspector.ui.modals.plans import AnswerModal

        view = self.complaints_tab.complaint
        if view is None:
            self.notify(t("pui.complaints.no_complaint"), severity="warning")
            return
        if view.answered_on is not None:
            self.notify(
                t("complaint.already_answered", date=view.answered_on.isoformat()),
                severity="warning",
            )
            return

        def answered(result: Any) -> None:
            if result:
                self.notify(t("pui.complaint.answered"))
                self.complaints_tab.reload(select=view.id)

        self.app.push_screen(AnswerModal(view.id, content=view.content), answered)

    # -- recusals --------------------------------------------------------------------------

    def action_recuse(self) -> None:
        from inspector.ui.modals.plans import RecuseModal

        def recorded(result: Any) -> None:
            if result:
                recusal_id, name = result
                self.recusals_tab.reload(select=recusal_id)
                self.notify(t("pui.recuse.recorded", name=name))

        self.app.push_screen(RecuseModal(), recorded)

    def action_withdraw_recusal(self) -> None:
        from inspector.ui.modals.plans import WithdrawRecusalModal

        view = self.recusals_tab.recusal
        if view is None:
            self.notify(t("pui.recusals.no_recusal"), severity="warning")
            return

        def withdrawn(result: Any) -> None:
            if result:
                self.notify(t("pui.withdraw.done", name=view.inspector))
                self.recusals_tab.reload()

        modal = WithdrawRecusalModal(
            view.id, name=view.inspector, target=self.recusals_tab.target(view)
        )
        self.app.push_screen(modal, withdrawn)
