"""The outfall's own fields, editable; validated as you type, saved with `ctrl+s`.

The lifecycle state is not edited here: it changes only by a workflow step (`t`, or the
remediation tab), which checks its preconditions. What is typed is kept as a draft by the
outfall screen (`inspector.ui.drafts`); a save removes it in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static

from inspector.data.outfall_record import OutfallRecord
from inspector.i18n import Problem, t
from inspector.i18n.reasons import keyed
from inspector.ui.widgets.forms.fields import Field, FieldForm, focus_first_problem, model_spec
from inspector.ui.widgets.forms.position import PositionField
from inspector.ui.widgets.outfall.base import OutfallTab

EDITABLE = (
    "name",
    "national_code",
    "code",
    "county_code",
    "township",
    "river",
    "bank",
    "category",
    "entry_mode",
    "mouth_shape",
    "mouth_size",
    "discharge_pattern",
    "investigation_level",
    "accuracy_m",
    "in_national_platform",
    "approval_no",
    "approval_kind",
    "protected_area",
    "notes",
)


DRAFT_FORM = "outfall_details"


class DetailsTab(OutfallTab):
    def __init__(self, outfall_id: str, *, id: str | None = None) -> None:
        super().__init__(outfall_id, id=id)
        self._saved_now = False
        """Just saved: the next record shown is what was typed, to be taken as stored."""
        self._after_save: Callable[[], object] | None = None

    @property
    def ready(self) -> bool:
        """Whether the form is there (it is made when the record is first shown)."""
        return bool(self.query("#details-form"))

    @property
    def dirty(self) -> bool:
        """Typed but not saved."""
        if not self.ready:
            return False
        return any(f.modified for f in self.query(Field)) or self.query_one(PositionField).modified

    def values(self) -> dict[str, Any]:
        """What was typed, as typed (a draft keeps this)."""
        values = self.query_one("#details-form", FieldForm).values()
        position = self.query_one(PositionField)
        return values | {"position_text": position.text, "position_datum": position.datum}

    def restore(self, values: dict[str, Any]) -> None:
        self.query_one("#details-form", FieldForm).restore(values)
        if "position_text" in values:
            self.query_one(PositionField).fill(
                str(values.get("position_text") or ""),
                str(values.get("position_datum") or "wgs84"),
            )

    def compose(self) -> ComposeResult:
        yield Static(t("details.intro"), classes="hint")
        yield Static(id="details-form-slot")
        yield Static("", id="details-error", classes="error-text", markup=False)
        with Horizontal(classes="tab-buttons"):
            yield Button(t("form.save") + " (Ctrl+S)", id="details-save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#details-error", Static).display = False

    def show(self, record: OutfallRecord) -> Any:
        """Show the stored record; the first time, returns the mounting of the form."""
        super().show(record)
        if not self.ready:
            return self.mount(
                self._form(record.outfall), after=self.query_one("#details-form-slot")
            )
        if self.dirty and not self._saved_now:
            return None  # never throw away what is being typed
        self._saved_now = False
        outfall = record.outfall
        for field in self.query(Field):
            field.reset(outfall.get(field.name_))
        self.query_one(PositionField).reset(_position_text(outfall))
        return None

    def _form(self, outfall: dict[str, Any]) -> FieldForm:
        from inspector.models import Outfall
        from inspector.models.spec import Reference

        ctx = self.ctx
        specs = model_spec(Outfall).fields
        reference = Reference(
            regions=frozenset(ctx.reference.regions), rivers=frozenset(ctx.reference.rivers)
        )
        fields: list[Any] = []
        for name in EDITABLE:
            options = None
            control = None
            if name == "county_code":
                options = ctx.counties()
                control = "select"
            elif name == "river":
                options = ctx.rivers()
                control = "select"
            elif name == "category":
                control = "select"
            fields.append(
                Field(
                    "outfall",
                    specs[name],
                    value=outfall.get(name),
                    options=options,
                    control=control,
                    reference=reference,
                )
            )
        position = PositionField(text=_position_text(outfall), datum="wgs84", required=True)
        fields.insert(6, position)
        return FieldForm(*fields, id="details-form")

    def changes(self) -> dict[str, Any]:
        """Fields whose typed value differs from the stored one."""
        from inspector.models import Outfall
        from inspector.models.spec import same_value

        assert self.record is not None
        stored = self.record.outfall
        form = self.query_one("#details-form", FieldForm)
        specs = model_spec(Outfall).fields
        out: dict[str, Any] = {}
        untouched = {f.name_ for f in form.fields if not f.modified}
        for name, raw in form.values().items():
            if name in untouched:
                continue
            try:
                value = specs[name].clean(raw)
            except Exception:
                out[name] = raw  # invalid: let the write path say why
                continue
            if not same_value(stored.get(name), value):
                out[name] = raw
        position = self.query_one(PositionField)
        pos = position.position()
        if not (same_value(stored["lat"], pos.lat) and same_value(stored["lon"], pos.lon)):
            out |= {"lat": pos.lat, "lon": pos.lon, "datum": pos.datum, "position_source": "typed"}
        return out

    @on(Button.Pressed, "#details-save")
    def _save_pressed(self) -> None:
        self.save()

    def save(self, then: Callable[[], object] | None = None) -> None:
        """Save what was typed; `then` once it is saved."""
        if not self.ready:
            return
        form = self.query_one("#details-form", FieldForm)
        problems = form.check()
        position = self.query_one(PositionField)
        problem = position.validate_now(strict=True)
        if problem:
            problems.append(problem)
        if not problems:
            problems += self._placement()
        if problems:
            self._error("\n".join(problems))
            focus_first_problem(self)
            return
        changes = self.changes()
        if not changes:
            self.notify(t("details.unchanged"))
            if then is not None:
                then()
            return
        self._after_save = then
        self._error(None)
        self._save(changes)

    def _placement(self) -> list[str]:
        """The ledger's check of the position against the county (the same rule as a
        ledger import and a new outfall): outside the city, refused."""
        from inspector.services.placement import misplaced

        form = self.query_one("#details-form", FieldForm)
        position = self.query_one(PositionField)
        pos = position.position()
        county = form.values().get("county_code")
        found = misplaced(self.ctx.reference, county or None, pos.lat, pos.lon)
        if found is None or not found.refused:
            return []
        position.show_problem(found.message)
        return [found.message]

    def _error(self, message: str | None) -> None:
        error = self.query_one("#details-error", Static)
        error.update(message or "")
        error.display = bool(message)

    @work(thread=True, exclusive=True, exit_on_error=False, group="save")
    def _save(self, changes: dict[str, Any]) -> None:
        from inspector.data.drafts import discard_draft
        from inspector.models.spec import ValidationFailed
        from inspector.services.register import update_outfall

        try:
            with self.ctx.write(reason=keyed("details.reason")) as w:
                # The service refuses a change that would make the plan break a rule (an
                # outfall moved into a protected area while planned to be kept...).
                update_outfall(w, self.outfall_id, changes, reason=keyed("details.reason"))
                discard_draft(w.conn, form=DRAFT_FORM, subject=self.outfall_id)
        except ValidationFailed as failure:
            self.app.call_from_thread(self._refused, failure)
        except Problem as problem:
            self.app.call_from_thread(self._error, str(problem))
            self._after_save = None
        else:
            self.app.call_from_thread(self._saved)

    def _refused(self, failure: Any) -> None:
        self._after_save = None
        form = self.query_one("#details-form", FieldForm)
        self._error("\n".join(form.show_failure(failure)))
        focus_first_problem(self)

    def _saved(self) -> None:
        self._saved_now = True
        self.notify(t("details.saved"))
        self.screen.details_saved()  # type: ignore[attr-defined]
        then, self._after_save = self._after_save, None
        if then is not None:
            then()
        else:
            self.screen.reload()  # type: ignore[attr-defined]


def _position_text(outfall: dict[str, Any]) -> str:
    return f"{outfall['lat']:.6f}, {outfall['lon']:.6f}"
