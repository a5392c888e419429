"""The inspection form: every field of DESIGN §4, typed fast, kept safe.

`tab` moves from field to field; choices take one digit (severities 0-3); `ctrl+s` saves.
Each field is checked as it is typed, against the same declarations the write path uses;
the rules across fields (two inspectors to sample...) are checked on save by
`inspector.services.inspections`. A refused save leaves everything in place.

What is typed is kept as a draft in the database (`inspector.ui.drafts`): when a field is
left, half a second after the last keystroke, and at once when the form is left or the
app quits, so a crash or a flat battery loses at most the field being typed. The draft
comes back the next time the form is opened for the same outfall, and is removed in the
same transaction that records the inspection. Discarding it always asks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from inspector.i18n import Problem, t
from inspector.i18n.reasons import keyed
from inspector.ui.drafts import DraftedForm
from inspector.ui.screens.base import RecordScreen
from inspector.ui.widgets.forms.fields import Field, FieldForm, focus_first_problem, model_spec
from inspector.ui.widgets.keybar import KeyBar
from inspector.ui.widgets.navbar import NavBar

LEFT = (
    "started_at", "ended_at", "inspectors", "task_source", "flow_present", "flow_level",
    "colour", "colour_severity", "odour", "odour_severity", "turbidity_severity",
    "oil_film_severity", "floatables", "floatables_severity", "deposits",
    "abnormal_vegetation",
)  # fmt: skip
RIGHT = (
    "signage", "signage_items", "sampled", "no_sample_reason", "water_temp_c", "ph",
    "conductivity_us_cm", "cod_mg_l", "nh3n_mg_l", "tp_mg_l", "tn_mg_l", "suspicion",
    "violation", "violation_desc", "follow_up", "notes",
)  # fmt: skip
FIELDS = LEFT + RIGHT


def local_moment(raw: Any, tz: dt.tzinfo | None) -> Any:
    """A time typed without a zone, read in `tz` (the user's) by `moments.read_typed`;
    anything else unchanged (the model's converter reports what it cannot read)."""
    from inspector.domain.moments import read_typed

    if not isinstance(raw, str) or not raw.strip():
        return raw
    try:
        return read_typed(raw, tz)
    except ValueError:
        return raw


def severity_options() -> list[tuple[str, str]]:
    return [(t(f"insp.severity.{n}"), str(n)) for n in range(4)]


class InspectionScreen(DraftedForm, RecordScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "key.back"),
        Binding("ctrl+s", "save", "key.save", priority=True),
        Binding("ctrl+g", "use_receiver", "key.gnss.take"),
    ]
    DRAFT_FORM: ClassVar[str | None] = "inspection"

    def __init__(self, outfall_id: str) -> None:
        super().__init__()
        self.outfall_id = outfall_id
        self.draft_subject = outfall_id
        self.code = ""
        self.saving = False
        self._after_save: Callable[[], object] | None = None
        self.receiver: Any = None
        """Where the inspector stood, from the receiver (None: not taken)."""
        self._head = ""

    def compose(self) -> ComposeResult:
        yield NavBar(current=self.app.current_mode, title=t("insp.title"))
        yield Static("", id="inspection-head", markup=False)
        with VerticalScroll(id="inspection-body"), Horizontal(id="inspection-columns"):
            with Vertical(classes="inspection-column"):
                yield Static(t("insp.group.scene"), classes="section-title")
                yield FieldForm(*self._fields(LEFT), id="inspection-left")
            with Vertical(classes="inspection-column"):
                yield Static(t("insp.group.sign_sample"), classes="section-title")
                yield FieldForm(*self._fields(RIGHT), id="inspection-right")
        yield Static("", id="inspection-error", classes="error-text", markup=False)
        yield KeyBar()

    def _fields(self, names: tuple[str, ...]) -> list[Field]:
        from inspector.models import Inspection

        specs = model_spec(Inspection).fields
        defaults = self._defaults()
        out = []
        for name in names:
            kwargs: dict[str, Any] = {"value": defaults.get(name)}
            if name.endswith("_severity"):
                kwargs |= {"options": severity_options(), "control": "chips", "digits": "0123"}
            if name in ("started_at", "ended_at"):
                kwargs["placeholder"] = "2025-06-30 14:05"
            if name == "inspectors":
                kwargs["placeholder"] = t("insp.inspectors.placeholder")
            if name == "started_at":
                kwargs["required"] = True
            out.append(Field("inspection", specs[name], **kwargs))
        return out

    def _defaults(self) -> dict[str, Any]:
        now = self.ctx.now()
        return {
            "started_at": now.strftime("%Y-%m-%d %H:%M"),
            "inspectors": [self.ctx.user_name()],
            "task_source": "routine",
        }

    def on_mount(self) -> None:
        self.query_one("#inspection-error", Static).display = False
        self._load()
        self.query(Field).first().focus_control()
        self.draft_opened()

    def on_unmount(self) -> None:
        self.draft_closed()

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def _load(self) -> None:
        from inspector.data.outfalls import outfall_ref

        with self.ctx.read() as conn:
            ref = outfall_ref(conn, outfall_id=self.outfall_id)
        self.app.call_from_thread(self._loaded, (ref.code, ref.name) if ref else None)

    def _loaded(self, row: tuple[str, str] | None) -> None:
        if row is None:
            self.notify(t("outfall.missing"), severity="error")
            self.discard_draft_now()
            self.dismiss(None)
            return
        self.code = row[0]
        self._head = f"{row[0]}  {row[1]}"
        self.query_one("#inspection-head", Static).update(self._head)

    # -- values --------------------------------------------------------------------------

    @property
    def forms(self) -> list[FieldForm]:
        return list(self.query(FieldForm))

    def values(self) -> dict[str, Any]:
        """What was typed, as typed (drafts keep exactly this)."""
        out: dict[str, Any] = {}
        for form in self.forms:
            out |= form.values()
        return out

    def record_values(self) -> dict[str, Any]:
        """What was typed, with times read in the user's time zone."""
        values = self.values()
        for name in ("started_at", "ended_at"):
            values[name] = local_moment(values.get(name), self.ctx.tz)
        taken = self.receiver
        if taken is not None:
            values |= {
                "lat": taken.lat,
                "lon": taken.lon,
                "accuracy_m": taken.accuracy_m,
                "position_source": "gnss",
                "position_fix": taken.evidence,
            }
        return values

    def action_use_receiver(self) -> None:
        """Record where the inspector stands, from the receiver (gated: a poor or stale
        fix is refused with the reason)."""
        from inspector.ui.gnss import take_or_say

        taken = take_or_say(self)
        if taken is not None:
            self.receiver = taken
            self.draft_edited()
            head = self.query_one("#inspection-head", Static)
            head.update(f"{self._head}\n" + t("insp.position", lat=f"{taken.lat:.6f}",
                        lon=f"{taken.lon:.6f}", accuracy=f"{taken.accuracy_m:.1f}"))  # fmt: skip

    def field(self, name: str) -> Field:
        return self.query_one(f"#field-{name}", Field)

    # -- drafts --------------------------------------------------------------------------

    def form_values(self) -> dict[str, Any]:
        return self.values()

    def restore_values(self, values: dict[str, Any]) -> None:
        for form in self.forms:
            form.restore({k: v for k, v in values.items() if k in FIELDS})

    def restore(self, fields: dict[str, Any]) -> None:
        self.restore_values(fields)

    def form_modified(self) -> bool:
        return self.receiver is not None or any(f.modified for f in self.query(Field))

    def form_title(self) -> str:
        return t("form.inspection_of", code=self.code or "…")

    def save_form(self, then: Callable[[], object] | None = None) -> None:
        self._after_save = then
        self.action_save()

    @on(Field.Edited)
    def _edited(self, event: Field.Edited) -> None:
        self.draft_edited()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        # Leaving a field: what it holds is kept now, not half a second from now.
        self.keep_draft_soon()

    def keep_draft(self) -> None:
        self.keep_draft_soon()

    def action_discard_draft(self) -> None:
        """Start again from the defaults, removing the draft: asked first."""
        from inspector.ui.modals.confirm import ConfirmModal

        def answered(yes: Any) -> None:
            if not yes:
                return
            defaults = self._defaults()
            for name in FIELDS:
                field = self.field(name)
                field.reset(defaults.get(name))
            self.discard_draft_now()
            self._draft_closed = False  # the form stays open: typing goes on being kept
            self.notify(t("draft.discarded"))

        self.app.push_screen(
            ConfirmModal(
                title=t("draft.discard.title"),
                body=t("draft.discard.body", form=self.form_title()),
                confirm=t("draft.discard.confirm"),
                dialog_id="discard-dialog",
                safe_default=True,
            ),
            answered,
        )

    def palette_commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        return [(t("key.discard_draft_ask"), t("draft.discard.title"), self.action_discard_draft)]

    # -- saving --------------------------------------------------------------------------

    def action_save(self) -> None:
        if self.saving:
            return
        problems: list[str] = []
        for form in self.forms:
            problems += form.check()
        if problems:
            self._refuse(problems)
            return
        self.saving = True
        self._error([])
        self._save(self.record_values())

    def _refuse(self, problems: list[str]) -> None:
        self._after_save = None
        self._error(problems)
        focus_first_problem(self)

    def _error(self, problems: list[str]) -> None:
        error = self.query_one("#inspection-error", Static)
        error.update("\n".join(problems))
        error.display = bool(problems)

    @work(thread=True, exclusive=True, exit_on_error=False, group="save")
    def _save(self, values: dict[str, Any]) -> None:
        from inspector.data.drafts import discard_draft
        from inspector.models.spec import ValidationFailed
        from inspector.services.inspections import record_inspection

        try:
            with self.ctx.write(reason=keyed("insp.reason")) as w:
                record_inspection(w, self.outfall_id, values)
                discard_draft(w.conn, form="inspection", subject=self.outfall_id)
        except ValidationFailed as failure:
            self.app.call_from_thread(self._refused, failure)
        except Problem as problem:
            self.app.call_from_thread(self._refuse, [str(problem)])
        else:
            self.app.call_from_thread(self._saved)
        finally:
            self.saving = False

    def _refused(self, failure: Any) -> None:
        # Keep the draft too: the form may be closed before the problem is fixed.
        self.keep_as_draft()
        messages: list[str] = []
        for form in self.forms:
            names = {f.name_ for f in form.fields}
            mine = [e for e in failure.errors if e.field in names]
            if mine:
                failure_part = type(failure)(failure.entity, mine)
                messages += form.show_failure(failure_part)
        self._refuse(messages or failure.messages())

    def _saved(self) -> None:
        self.draft_saved()
        then, self._after_save = self._after_save, None
        self.notify(t("insp.saved"))
        self.dismiss(True)
        if then is not None:
            then()

    def action_back(self) -> None:
        self.leave(lambda: None, close=lambda: self.dismiss(None))
