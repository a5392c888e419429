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
POSITION = ("lat", "lon", "datum", "position_source")
SEEN = "_seen"
"""The draft's record of what the form was filled with: a draft taken up days later is
still checked against what its typing was typed over (`services.stale`)."""


class DetailsTab(OutfallTab):
    def __init__(self, outfall_id: str, *, id: str | None = None) -> None:
        super().__init__(outfall_id, id=id)
        self._saved_now = False
        """Just saved: the next record shown is what was typed, to be taken as stored."""
        self._after_save: Callable[[], object] | None = None
        self._seen: dict[str, Any] = {}
        """Each field as stored when it was last filled: a save names it, so a value
        someone else stored since is never overwritten silently (`services.stale`)."""

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
        """What was typed, as typed (a draft keeps this), and what it was typed over."""
        values = self.query_one("#details-form", FieldForm).values()
        position = self.query_one(PositionField)
        return values | {
            "position_text": position.text,
            "position_datum": position.datum,
            SEEN: dict(self._seen),
        }

    def restore(self, values: dict[str, Any]) -> None:
        seen = values.get(SEEN)
        if not isinstance(seen, dict):
            # A draft kept before drafts said what they were typed over.
            self.query_one("#details-form", FieldForm).restore(values)
            if "position_text" in values:
                self.query_one(PositionField).fill(
                    str(values.get("position_text") or ""),
                    str(values.get("position_datum") or "wgs84"),
                )
            return
        # Only what the person typed comes back, each with what it was typed over; a
        # field they left as it was shows what is stored now, whoever stored it.
        typed = {}
        for field in self.query_one("#details-form", FieldForm).fields:
            name = field.name_
            if name in values and name in seen and values[name] != field.raw_for(seen[name]):
                typed[name] = values[name]
                self._seen[name] = seen[name]
        self.query_one("#details-form", FieldForm).restore(typed)
        text = str(values.get("position_text") or "")
        datum = str(values.get("position_datum") or "wgs84")
        if "position_text" in values and (text, datum) != (_seen_position(seen), "wgs84"):
            self.query_one(PositionField).fill(text, datum)
            self._seen.update({k: seen.get(k) for k in POSITION})

    def compose(self) -> ComposeResult:
        yield Static(t("details.intro"), classes="hint")
        yield Static(id="details-form-slot")
        yield Static("", id="details-error", classes="error-text", markup=False)
        yield Static("", id="details-note", classes="hint", markup=False)
        with Horizontal(classes="tab-buttons"):
            yield Button(t("form.save") + " (Ctrl+S)", id="details-save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#details-error", Static).display = False
        self.query_one("#details-note", Static).display = False

    def show(self, record: OutfallRecord) -> Any:
        """Show the stored record; the first time, returns the mounting of the form."""
        super().show(record)
        outfall = record.outfall
        if not self.ready:
            self._seen = {k: outfall.get(k) for k in (*EDITABLE, *POSITION)}
            return self.mount(self._form(outfall), after=self.query_one("#details-form-slot"))
        # Never throw away what is being typed; what is not being typed shows what is
        # stored now.
        keep_typing = self.dirty and not self._saved_now
        self._saved_now = False
        for field in self.query(Field):
            if not (keep_typing and field.modified):
                field.reset(outfall.get(field.name_))
                self._seen[field.name_] = outfall.get(field.name_)
        position = self.query_one(PositionField)
        if not (keep_typing and position.modified):
            position.reset(_position_text(outfall))
            self._seen.update({k: outfall.get(k) for k in POSITION})
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
        # Only a position typed is one to save: the text shown rounds what is stored.
        if position.modified and not (
            same_value(stored["lat"], pos.lat) and same_value(stored["lon"], pos.lon)
        ):
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
        if message is not None:
            self.query_one("#details-note", Static).display = False
        error = self.query_one("#details-error", Static)
        error.update(message or "")
        error.display = bool(message)

    @work(thread=True, exclusive=True, exit_on_error=False, group="save")
    def _save(self, changes: dict[str, Any]) -> None:
        from inspector.data.drafts import discard_draft
        from inspector.models.spec import ValidationFailed
        from inspector.services.register import update_outfall
        from inspector.services.stale import StaleEdit

        seen = dict(self._seen)
        try:
            with self.ctx.write(reason=keyed("details.reason")) as w:
                # The service refuses a change that would make the plan break a rule (an
                # outfall moved into a protected area while planned to be kept...), and
                # one over a value someone else stored since the form was filled.
                update_outfall(
                    w, self.outfall_id, changes, reason=keyed("details.reason"), seen=seen
                )
                discard_draft(w.conn, form=DRAFT_FORM, subject=self.outfall_id)
        except ValidationFailed as failure:
            self.app.call_from_thread(self._refused, failure)
        except StaleEdit as stale:
            self.app.call_from_thread(self._stale, stale, changes)
        except Problem as problem:
            self.app.call_from_thread(self._error, str(problem))
            self._after_save = None
        else:
            self.app.call_from_thread(self._saved)

    def _stale(self, stale: Any, changes: dict[str, Any]) -> None:
        """Someone else changed what is being saved: ask what to do, losing nothing."""
        from inspector.ui.modals.stale import MINE, THEIRS, StaleModal

        def answered(choice: str | None) -> None:
            if choice == MINE:
                # The second decision: the same save, over what is stored now (and
                # refused again if a third person changed it meanwhile).
                self._seen.update(stale.stored_values())
                self._save(changes)
            elif choice == THEIRS:
                self._after_save = None
                self._keep_theirs(stale)
            else:
                self._after_save = None
                self._error(str(stale))

        self.app.push_screen(StaleModal(stale, tz=self.ctx.tz), answered)

    def _keep_theirs(self, stale: Any) -> None:
        """The disputed fields take the stored values; everything else typed stays, and
        what was typed into those fields is shown beside the form, not thrown away."""
        from inspector.i18n import language

        form = self.query_one("#details-form", FieldForm)
        typed = []
        stored = stale.stored_values()
        for item in stale.fields:
            typed.append(t("stale.typed", field=item.label, value=item.saving_text))
        for field in form.fields:
            if field.name_ in stored:
                field.reset(stored[field.name_])
        self._seen.update(stored)
        if stored.keys() & set(POSITION):
            position = {k: stored.get(k, self._seen.get(k)) for k in ("lat", "lon")}
            self.query_one(PositionField).reset(_position_text(position))
        self._error(None)
        sep = "；" if language() == "zh" else "; "
        note = self.query_one("#details-note", Static)
        note.update(t("stale.kept_theirs", fields=sep.join(typed)))
        note.display = True
        self.screen.draft_edited()  # type: ignore[attr-defined]
        self.screen.reload()  # type: ignore[attr-defined]

    def _refused(self, failure: Any) -> None:
        self._after_save = None
        form = self.query_one("#details-form", FieldForm)
        self._error("\n".join(form.show_failure(failure)))
        focus_first_problem(self)

    def _saved(self) -> None:
        self._saved_now = True
        self.query_one("#details-note", Static).display = False
        self.notify(t("details.saved"))
        self.screen.details_saved()  # type: ignore[attr-defined]
        then, self._after_save = self._after_save, None
        if then is not None:
            then()
        else:
            self.screen.reload()  # type: ignore[attr-defined]


def _position_text(outfall: dict[str, Any]) -> str:
    return f"{outfall['lat']:.6f}, {outfall['lon']:.6f}"


def _seen_position(seen: dict[str, Any]) -> str | None:
    try:
        return _position_text(seen)
    except (KeyError, TypeError, ValueError):
        return None
