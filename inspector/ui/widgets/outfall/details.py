"""The outfall's own fields, editable; validated as you type, saved with `ctrl+s`.

The lifecycle state is not edited here: it changes only by a workflow step (`t`, or the
remediation tab), which checks its preconditions.
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static

from inspector.i18n import Problem, t
from inspector.i18n.reasons import keyed
from inspector.ui.widgets.forms.fields import Field, FieldForm, model_spec
from inspector.ui.widgets.forms.position import PositionField
from inspector.ui.widgets.outfall.base import OutfallTab
from inspector.ui.widgets.outfall.record import OutfallRecord

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


class DetailsTab(OutfallTab):
    @property
    def dirty(self) -> bool:
        """Typed but not saved."""
        forms = self.query("#details-form")
        if not forms:
            return False
        return any(f.modified for f in self.query(Field)) or self.query_one(PositionField).modified

    def compose(self) -> ComposeResult:
        yield Static(t("details.intro"), classes="hint")
        yield Static(id="details-form-slot")
        yield Static("", id="details-error", classes="error-text", markup=False)
        with Horizontal(classes="tab-buttons"):
            yield Button(t("form.save") + " (Ctrl+S)", id="details-save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#details-error", Static).display = False

    def show(self, record: OutfallRecord) -> None:
        super().show(record)
        if not self.query("#details-form"):
            self.mount(self._form(record.outfall), after=self.query_one("#details-form-slot"))
            return
        if self.dirty:
            return  # never throw away what is being typed
        outfall = record.outfall
        for field in self.query(Field):
            field.reset(outfall.get(field.name_))
        self.query_one(PositionField).reset(_position_text(outfall))

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
    def save(self) -> None:
        form = self.query_one("#details-form", FieldForm)
        problems = form.check()
        position = self.query_one(PositionField)
        problem = position.validate_now(strict=True)
        if problem:
            problems.append(problem)
        if problems:
            self._error("\n".join(problems))
            return
        changes = self.changes()
        if not changes:
            self.notify(t("details.unchanged"))
            return
        self._error(None)
        self._save(changes)

    def _error(self, message: str | None) -> None:
        error = self.query_one("#details-error", Static)
        error.update(message or "")
        error.display = bool(message)

    @work(thread=True, exclusive=True, exit_on_error=False, group="save")
    def _save(self, changes: dict[str, Any]) -> None:
        from inspector.models.spec import ValidationFailed
        from inspector.services.register import update_outfall

        try:
            with self.ctx.write(reason=keyed("details.reason")) as w:
                # The service refuses a change that would make the plan break a rule (an
                # outfall moved into a protected area while planned to be kept...).
                update_outfall(w, self.outfall_id, changes, reason=keyed("details.reason"))
        except ValidationFailed as failure:
            self.app.call_from_thread(self._refused, failure)
        except Problem as problem:
            self.app.call_from_thread(self._error, str(problem))
        else:
            self.app.call_from_thread(self._saved)

    def _refused(self, failure: Any) -> None:
        form = self.query_one("#details-form", FieldForm)
        self._error("\n".join(form.show_failure(failure)))

    def _saved(self) -> None:
        self.notify(t("details.saved"))
        self.screen.reload()  # type: ignore[attr-defined]


def _position_text(outfall: dict[str, Any]) -> str:
    return f"{outfall['lat']:.6f}, {outfall['lon']:.6f}"
