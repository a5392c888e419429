"""One outfall: details, owner, tracing, inspections, remediation, photos, history.

Opened from the register (`enter`), the dashboard, the command palette or a duplicate
warning. Everything is read in one thread worker and shown tab by tab; after any change
the whole record is read again, so every tab shows the same moment.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static, TabbedContent, TabPane

from inspector.data.outfall_record import OutfallRecord, load_record
from inspector.domain.choices import Category, State
from inspector.domain.printable import printable
from inspector.i18n import language, t
from inspector.ui.drafts import DraftedForm
from inspector.ui.screens.base import RecordScreen
from inspector.ui.text import label
from inspector.ui.widgets.forms.fields import Field
from inspector.ui.widgets.forms.position import PositionField
from inspector.ui.widgets.keybar import KeyBar
from inspector.ui.widgets.navbar import NavBar
from inspector.ui.widgets.outfall.base import OutfallTab
from inspector.ui.widgets.outfall.details import DRAFT_FORM, DetailsTab
from inspector.ui.widgets.outfall.history import HistoryTab
from inspector.ui.widgets.outfall.inspections import InspectionsTab
from inspector.ui.widgets.outfall.owner import OwnerTab
from inspector.ui.widgets.outfall.photos import PhotosTab
from inspector.ui.widgets.outfall.remediation import RemediationTab
from inspector.ui.widgets.outfall.trace import TraceTab

TABS: tuple[tuple[str, str, type[OutfallTab]], ...] = (
    ("details", "tab.details", DetailsTab),
    ("owner", "tab.owner", OwnerTab),
    ("trace", "tab.trace", TraceTab),
    ("inspections", "tab.inspections", InspectionsTab),
    ("remediation", "tab.remediation", RemediationTab),
    ("photos", "tab.photos", PhotosTab),
    ("history", "tab.history", HistoryTab),
)

#: Which tab each contextual action belongs to (shown in the footer only there).
_TAB_OF = {
    "save": "details",
    "assign_owner": "owner",
    "backstop": "owner",
    "add_trace": "trace",
    "plan": "remediation",
    "start_works": "remediation",
    "complete": "remediation",
    "county_signoff": "remediation",
    "city_signoff": "remediation",
    "settle": "remediation",
    "stamp": "photos",
}


class OutfallScreen(DraftedForm, RecordScreen):
    """One outfall; its details tab is a form (its typing kept as a draft)."""

    CSS_PATH: ClassVar = "../styles/photos.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "key.back"),
        Binding("ctrl+s", "save", "key.save", priority=True),
        Binding("t", "change_state", "key.change_state"),
        Binding("i", "inspect", "key.inspect"),
        Binding("a", "assign_owner", "key.assign_owner"),
        Binding("g", "backstop", "key.backstop"),
        Binding("r", "add_trace", "key.add_trace"),
        Binding("p", "plan", "key.plan"),
        Binding("w", "start_works", "key.start_works"),
        Binding("c", "complete", "key.complete"),
        Binding("k", "county_signoff", "key.county_signoff"),
        Binding("l", "city_signoff", "key.city_signoff"),
        Binding("s", "settle", "key.settle"),
        Binding("e", "stamp", "key.stamp"),
        *[
            Binding(str(n), f"tab('{name}')", key, show=False)
            for n, (name, key, _cls) in enumerate(TABS, 1)
        ],
    ]
    DRAFT_FORM: ClassVar[str | None] = DRAFT_FORM

    def __init__(self, outfall_id: str, *, tab: str | None = None) -> None:
        super().__init__()
        self.outfall_id = outfall_id
        self.draft_subject = outfall_id
        self._initial_tab = tab or "details"
        self.record: OutfallRecord | None = None

    def compose(self) -> ComposeResult:
        yield NavBar(current=self.app.current_mode)
        yield Static(id="outfall-head")
        with TabbedContent(initial=self._initial_tab, id="outfall-tabs"):
            for n, (name, key, cls) in enumerate(TABS, 1):
                with TabPane(f"{n} {t(key)}", id=name):
                    yield cls(self.outfall_id, id=f"tab-{name}")
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()

    def on_unmount(self) -> None:
        self.draft_closed()

    def on_screen_resume(self) -> None:
        if self.record is not None:
            self.reload()  # back from the inspection form

    # -- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def _load(self) -> None:
        ctx = self.ctx
        with ctx.read() as conn:
            record = load_record(conn, outfall_id=self.outfall_id, today=ctx.today())
        steps = next_steps(ctx, self.outfall_id) if record is not None else []
        self.app.call_from_thread(self._show, record, steps)

    def _show(self, record: OutfallRecord | None, steps: list[tuple[str, list[str]]]) -> None:
        if record is None:
            self.notify(t("outfall.missing"), severity="error")
            self.dismiss(None)
            return
        first = self.record is None
        self.record = record
        self._head(record)
        mounting: list[Any] = []
        for tab in self.query(OutfallTab):
            mounting.append(tab.show(record))
        self.query_one(RemediationTab).show_next(steps)
        self.refresh_bindings()
        if first:
            self.call_later(self._details_ready, [m for m in mounting if m is not None])

    async def _details_ready(self, mounting: list[Any]) -> None:
        for pending in mounting:
            await pending
        self.draft_opened()  # the details form is there now: a draft can come back

    def _head(self, record: OutfallRecord) -> None:
        o = record.outfall
        ctx = self.ctx
        text = Text()
        text.append(printable(o["code"]), style="bold")
        text.append("  ")
        text.append(printable(o["name"]), style="bold")
        text.append("\n")
        state = label(State, o["state"])
        text.append(f" {state} ", style="reverse bold")
        owner = printable(record.owner["name"]) if record.owner else t("owner.none.short")
        place = ctx.county_name(o["county_code"])
        if o.get("township"):
            place += ("" if language() == "zh" else " ") + printable(o["township"])
        for part in (
            place,
            ctx.river_name(o["river"]),
            label(Category, o["category"]),
            t("head.owner", owner=owner),
        ):
            text.append(" · " + part if text.plain[-1] != " " else " " + part)
        self.query_one("#outfall-head", Static).update(text)

    # -- actions -------------------------------------------------------------------------

    @property
    def active_tab(self) -> str:
        return self.query_one(TabbedContent).active or "details"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        tab = _TAB_OF.get(action)
        return not (tab is not None and tab != self.active_tab)

    def on_tabbed_content_tab_activated(self) -> None:
        self.refresh_bindings()

    def action_tab(self, name: str) -> None:
        self.query_one(TabbedContent).active = name

    def action_back(self) -> None:
        self.leave(lambda: None, close=lambda: self.dismiss(None))

    def action_save(self) -> None:
        self.query_one(DetailsTab).save()

    # -- the details form, for drafts ------------------------------------------------------

    @property
    def details(self) -> DetailsTab:
        return self.query_one(DetailsTab)

    def form_values(self) -> dict[str, Any]:
        return self.details.values()

    def restore_values(self, values: dict[str, Any]) -> None:
        self.details.restore(values)

    def form_modified(self) -> bool:
        return self.details.dirty

    def form_title(self) -> str:
        code = self.record.outfall["code"] if self.record is not None else "…"
        return t("form.details_of", code=code)

    def save_form(self, then: Callable[[], object] | None = None) -> None:
        self.action_tab("details")
        self.details.save(then)

    def details_saved(self) -> None:
        """The details were saved (and their draft removed with them)."""
        self._draft_dirty = False

    @on(Field.Edited)
    @on(PositionField.Changed)
    def _details_edited(self) -> None:
        self.draft_edited()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self.keep_draft_soon()

    def action_inspect(self) -> None:
        self.app.open_inspection(self.outfall_id)  # type: ignore[attr-defined]

    def _dialog(self, modal: Any) -> None:
        def done(result: Any) -> None:
            if result:
                self.notify(t("outfall.saved"))
                self.reload()

        self.app.push_screen(modal, done)

    def action_change_state(self) -> None:
        from inspector.ui.modals.outfall import TransitionModal

        if self.record is not None:
            self._dialog(TransitionModal(self.outfall_id, current=self.record.outfall["state"]))

    def action_assign_owner(self) -> None:
        from inspector.ui.modals.outfall import AssignOwnerModal

        self._dialog(AssignOwnerModal(self.outfall_id, record=self.record))

    def action_backstop(self) -> None:
        from inspector.ui.modals.outfall import BackstopModal

        self._dialog(BackstopModal(self.outfall_id, record=self.record))

    def action_add_trace(self) -> None:
        from inspector.ui.modals.outfall import TraceModal

        self._dialog(TraceModal(self.outfall_id, record=self.record))

    def action_plan(self) -> None:
        from inspector.ui.modals.outfall import PlanModal

        self._dialog(PlanModal(self.outfall_id, record=self.record))

    def action_start_works(self) -> None:
        from inspector.ui.modals.outfall import TransitionModal

        if self.record is not None:
            self._dialog(
                TransitionModal(
                    self.outfall_id,
                    current=self.record.outfall["state"],
                    target=State.IN_REMEDIATION.value,
                )
            )

    def action_complete(self) -> None:
        from inspector.ui.modals.outfall import CompletionModal

        self._dialog(CompletionModal(self.outfall_id, record=self.record))

    def action_county_signoff(self) -> None:
        from inspector.ui.modals.outfall import SignoffModal

        self._dialog(SignoffModal(self.outfall_id, level="county", record=self.record))

    def action_city_signoff(self) -> None:
        from inspector.ui.modals.outfall import SignoffModal

        self._dialog(SignoffModal(self.outfall_id, level="city", record=self.record))

    def action_stamp(self) -> None:
        from inspector.ui.modals.files import StampModal

        photo = self.query_one(PhotosTab).selected
        if photo is None:
            self.notify(t("files.stamp.none"), severity="warning")
            return
        code = self.record.outfall["code"] if self.record is not None else ""

        def written(message: Any) -> None:
            if message:
                self.notify(str(message), timeout=15)

        self.app.push_screen(
            StampModal(photo["id"], name=photo.get("original_name") or "", code=code), written
        )

    def action_settle(self) -> None:
        from inspector.ui.modals.outfall import SettleModal

        self._dialog(SettleModal(self.outfall_id, record=self.record))


def next_steps(ctx: Any, outfall_id: str) -> list[tuple[str, list[str]]]:
    """Each state the outfall may move to now, with what it still lacks
    (`services.register.next_steps`: the lifecycle rules, nothing written)."""
    from inspector.services import register as reg

    lang = language()
    return [
        (step.state.label(lang), list(step.problems)) for step in reg.next_steps(ctx.db, outfall_id)
    ]
