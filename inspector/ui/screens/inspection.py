"""The inspection form: every field of DESIGN §4, typed fast, kept safe.

`tab` moves from field to field; choices take one digit (severities 0-3); `ctrl+s` saves.
Each field is checked as it is typed, against the same declarations the write path uses;
the rules across fields (two inspectors to sample...) are checked on save by
`inspector.services.inspections`. A refused save leaves everything in place.

What is typed is kept as a draft in the database: when a field is left and half a second
after the last keystroke, so a crash or a flat battery loses at most the field being
typed. The draft comes back the next time the form is opened for the same outfall, and is
removed in the same transaction that records the inspection.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Static

from inspector.i18n import Problem, t
from inspector.ui.screens.base import RecordScreen
from inspector.ui.text import local_time
from inspector.ui.widgets.forms.fields import Field, FieldForm, model_spec
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
DRAFT_DELAY = 0.5
"""Seconds after the last keystroke before the draft is written."""


def local_moment(raw: Any, tz: dt.tzinfo | None) -> Any:
    """A time typed without a zone, read in `tz` (the user's); anything else unchanged
    (the model's converter reports what it cannot read)."""
    if not isinstance(raw, str) or not raw.strip():
        return raw
    text = raw.strip().replace("/", "-")
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return raw
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz) if tz is not None else moment.astimezone()
    return moment


def severity_options() -> list[tuple[str, str]]:
    return [(t(f"insp.severity.{n}"), str(n)) for n in range(4)]


class InspectionScreen(RecordScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "key.back_keep_draft"),
        Binding("ctrl+s", "save", "key.save", priority=True),
        Binding("ctrl+r", "discard_draft", "key.discard_draft"),
        Binding("ctrl+g", "use_receiver", "key.gnss.take"),
    ]

    def __init__(self, outfall_id: str) -> None:
        super().__init__()
        self.outfall_id = outfall_id
        self.receiver: Any = None
        """Where the inspector stood, from the receiver (None: not taken)."""
        self._timer: Timer | None = None
        self._dirty = False
        self.saving = False
        self._head = ""
        self.draft_writes = 0
        """Drafts written so far (tests wait on it)."""

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

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def _load(self) -> None:
        from inspector.data.drafts import load_draft

        with self.ctx.read() as conn:
            row = conn.execute(
                "SELECT code, name FROM outfall WHERE id=?", (self.outfall_id,)
            ).fetchone()
            draft = load_draft(conn, self.outfall_id)
        self.app.call_from_thread(self._loaded, row, draft)

    def _loaded(self, row: tuple[str, str] | None, draft: Any) -> None:
        if row is None:
            self.notify(t("outfall.missing"), severity="error")
            self.dismiss(None)
            return
        self._head = f"{row[0]}  {row[1]}"
        self.query_one("#inspection-head", Static).update(self._head)
        if draft is not None:
            self.restore(draft.fields)
            self.notify(t("insp.draft_restored", at=local_time(draft.saved_at, self.ctx.tz)))

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
            self._dirty = True
            head = self.query_one("#inspection-head", Static)
            head.update(f"{self._head}\n" + t("insp.position", lat=f"{taken.lat:.6f}",
                        lon=f"{taken.lon:.6f}", accuracy=f"{taken.accuracy_m:.1f}"))  # fmt: skip

    def field(self, name: str) -> Field:
        return self.query_one(f"#field-{name}", Field)

    def restore(self, fields: dict[str, Any]) -> None:
        for name, raw in fields.items():
            if name in FIELDS:
                self.field(name).set_raw(raw)
        self._dirty = False

    # -- drafts --------------------------------------------------------------------------

    @on(Field.Edited)
    def _edited(self, event: Field.Edited) -> None:
        self._dirty = True
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DRAFT_DELAY, self.keep_draft)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        # Leaving a field: what it holds is kept now, not half a second from now.
        self.keep_draft()

    def keep_draft(self) -> None:
        if not self._dirty or self.saving:
            return
        self._dirty = False
        self._write_draft(self.values())

    @work(thread=True, exclusive=True, exit_on_error=False, group="draft")
    def _write_draft(self, values: dict[str, Any]) -> None:
        from inspector.data.drafts import save_draft

        conn = self.ctx.db.connect()
        try:
            save_draft(conn, self.outfall_id, values, actor=self.ctx.user_name())
        finally:
            conn.close()
        self.draft_writes += 1

    def action_discard_draft(self) -> None:
        defaults = self._defaults()
        for name in FIELDS:
            field = self.field(name)
            field.set_raw(defaults.get(name))
            field.show_problem(None)
        self._dirty = False
        self._remove_draft()
        self.notify(t("insp.draft_discarded"))

    @work(thread=True, exclusive=True, exit_on_error=False, group="draft")
    def _remove_draft(self) -> None:
        from inspector.data.drafts import discard_draft

        conn = self.ctx.db.connect()
        try:
            discard_draft(conn, self.outfall_id)
        finally:
            conn.close()

    # -- saving --------------------------------------------------------------------------

    def action_save(self) -> None:
        if self.saving:
            return
        problems: list[str] = []
        for form in self.forms:
            problems += form.check()
        if problems:
            self._error(problems)
            return
        self.saving = True
        self._error([])
        self._save(self.values(), self.record_values())

    def _error(self, problems: list[str]) -> None:
        error = self.query_one("#inspection-error", Static)
        error.update("\n".join(problems))
        error.display = bool(problems)

    @work(thread=True, exclusive=True, exit_on_error=False, group="save")
    def _save(self, typed: dict[str, Any], values: dict[str, Any]) -> None:
        from inspector.data.drafts import discard_draft, save_draft
        from inspector.models.spec import ValidationFailed
        from inspector.services.inspections import record_inspection

        try:
            with self.ctx.write(reason=t("insp.reason")) as w:
                record_inspection(w, self.outfall_id, values)
                discard_draft(w.conn, self.outfall_id)
        except ValidationFailed as failure:
            # Keep the draft too: the form may be closed before the problem is fixed.
            conn = self.ctx.db.connect()
            try:
                save_draft(conn, self.outfall_id, typed, actor=self.ctx.user_name())
            finally:
                conn.close()
            self.app.call_from_thread(self._refused, failure)
        except Problem as problem:
            self.app.call_from_thread(self._error, [str(problem)])
        else:
            self.app.call_from_thread(self._saved)
        finally:
            self.saving = False

    def _refused(self, failure: Any) -> None:
        messages: list[str] = []
        for form in self.forms:
            names = {f.name_ for f in form.fields}
            mine = [e for e in failure.errors if e.field in names]
            if mine:
                failure_part = type(failure)(failure.entity, mine)
                messages += form.show_failure(failure_part)
        self._error(messages or failure.messages())
        first = failure.errors[0].field if failure.errors else None
        if first in FIELDS:
            self.field(first).focus_control()

    def _saved(self) -> None:
        self._dirty = False
        if self._timer is not None:
            self._timer.stop()
        self.notify(t("insp.saved"))
        self.dismiss(True)

    def action_back(self) -> None:
        if self._dirty and not self.saving:
            # Written here and now: a worker could be cancelled with the screen.
            from inspector.data.drafts import save_draft

            conn = self.ctx.db.connect()
            try:
                save_draft(conn, self.outfall_id, self.values(), actor=self.ctx.user_name())
            finally:
                conn.close()
            self._dirty = False
            self.notify(t("insp.draft_kept"))
        self.dismiss(None)
