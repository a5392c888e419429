"""A new outfall (`n`): position as typed (decimal, DMS; WGS-84, GCJ-02, BD-09), a warning,
with a way to open it, when a registered outfall lies within 30 m, and the ledger's own
check that the position lies in the county chosen.

What is typed is kept as a draft (`inspector.ui.drafts`) and comes back the next time
the form is opened; leaving it with unsaved typing asks first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from inspector.domain.printable import printable
from inspector.i18n import Problem, t
from inspector.i18n.reasons import keyed
from inspector.ui.drafts import DraftedForm
from inspector.ui.screens.base import RecordScreen
from inspector.ui.text import fit
from inspector.ui.widgets.forms.fields import Field, FieldForm, focus_first_problem, model_spec
from inspector.ui.widgets.forms.position import Position, PositionField
from inspector.ui.widgets.keybar import KeyBar
from inspector.ui.widgets.navbar import NavBar

DUPLICATE_RADIUS_M = 30.0
BEFORE_POSITION = ("name", "county_code", "township")
AFTER_POSITION = (
    "accuracy_m", "river", "bank", "category", "entry_mode", "mouth_shape", "mouth_size",
    "discharge_pattern", "investigation_level", "protected_area", "national_code", "code",
    "notes",
)  # fmt: skip
POSITION_KEYS = ("position_text", "position_datum")
"""How the position is kept in a draft (as typed, with its datum)."""


class NewOutfallScreen(DraftedForm, RecordScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "key.cancel"),
        Binding("ctrl+s", "save", "key.save", priority=True),
        Binding("ctrl+g", "use_receiver", "key.gnss.take"),
    ]
    DRAFT_FORM: ClassVar[str | None] = "new_outfall"

    def __init__(self) -> None:
        super().__init__()
        self.receiver: Any = None
        """The receiver's fix the position was taken from (None: typed)."""
        self._receiver_text = ""
        self.nearby: list[Any] = []
        self._confirmed: set[str] = set()
        """Warnings the person has seen and saved again past (a neighbour, a county)."""
        self.saving = False
        self._after_save: Callable[[], object] | None = None

    def compose(self) -> ComposeResult:
        yield NavBar(current=self.app.current_mode, title=t("new.title"))
        with VerticalScroll(id="new-body"):
            yield Static(t("new.intro"), classes="hint")
            yield FieldForm(*self._fields(BEFORE_POSITION), id="new-form-a")
            yield PositionField()
            with Vertical(id="nearby"):
                yield Static("", id="nearby-title", classes="error-text", markup=False)
                yield OptionList(id="nearby-list", compact=True)
            yield FieldForm(*self._fields(AFTER_POSITION), id="new-form-b")
            yield Static("", id="new-error", classes="error-text", markup=False)
        yield KeyBar()

    def _fields(self, names: tuple[str, ...]) -> list[Field]:
        from inspector.models import Outfall
        from inspector.models.spec import Reference

        ctx = self.ctx
        specs = model_spec(Outfall).fields
        reference = Reference(
            regions=frozenset(ctx.reference.regions), rivers=frozenset(ctx.reference.rivers)
        )
        county = ctx.replica().region_code
        if county not in {code: n for n, code in ctx.counties()}:
            county = None
        out = []
        for name in names:
            kwargs: dict[str, Any] = {"reference": reference}
            if name == "county_code":
                kwargs |= {"options": ctx.counties(), "control": "select", "value": county}
            elif name == "river":
                kwargs |= {"options": ctx.rivers(), "control": "select"}
            elif name == "category":
                kwargs |= {"control": "select", "value": "undetermined"}
            elif name == "investigation_level":
                kwargs |= {
                    "options": [(t(f"new.level.{n}"), str(n)) for n in (1, 2, 3)],
                    "control": "chips",
                    "value": "2",
                }
            elif name == "code":
                kwargs |= {"placeholder": t("new.code.placeholder"), "required": False}
            out.append(Field("outfall", specs[name], **kwargs))
        return out

    def on_mount(self) -> None:
        self.query_one("#nearby").display = False
        self.query_one("#new-error", Static).display = False
        self.query(Field).first().focus_control()
        self.draft_opened()

    def on_unmount(self) -> None:
        self.draft_closed()

    # -- the form, for drafts --------------------------------------------------------------

    @property
    def position_field(self) -> PositionField:
        return self.query_one(PositionField)

    def form_values(self) -> dict[str, Any]:
        values = self.values()
        position = self.position_field
        values |= {"position_text": position.text, "position_datum": position.datum}
        return values

    def restore_values(self, values: dict[str, Any]) -> None:
        for form in self.query(FieldForm):
            form.restore(values)
        if "position_text" in values:
            text = str(values.get("position_text") or "")
            datum = str(values.get("position_datum") or "wgs84")
            self.position_field.fill(text, datum)

    def form_modified(self) -> bool:
        return self.position_field.modified or any(f.modified for f in self.query(Field))

    def form_title(self) -> str:
        return t("form.new_outfall")

    def save_form(self, then: Callable[[], object] | None = None) -> None:
        self._after_save = then
        self.action_save()

    @on(Field.Edited)
    def _edited(self) -> None:
        self._confirmed.discard("county")
        self.draft_edited()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        # Leaving a field: what it holds is kept now, not half a second from now.
        self.keep_draft_soon()

    # -- possible duplicates -------------------------------------------------------------

    @on(PositionField.Changed)
    def _moved(self, event: PositionField.Changed) -> None:
        self._confirmed.clear()
        self.draft_edited()
        if event.position is None:
            self._show_nearby([])
        else:
            self._look_nearby(event.position)

    @work(thread=True, exclusive=True, exit_on_error=False, group="nearby")
    def _look_nearby(self, position: Position) -> None:
        from inspector.services.register import nearby_outfalls

        with self.ctx.read() as conn:
            found = nearby_outfalls(conn, position.lat, position.lon, DUPLICATE_RADIUS_M)
        self.app.call_from_thread(self._show_nearby, found)

    def _show_nearby(self, found: list[Any]) -> None:
        self.nearby = found
        box = self.query_one("#nearby")
        box.display = bool(found)
        if not found:
            return
        self.query_one("#nearby-title", Static).update(
            t("new.nearby", count=len(found), radius=int(DUPLICATE_RADIUS_M))
        )
        options = self.query_one("#nearby-list", OptionList)
        options.clear_options()
        for n in found:
            text = f"{fit(n.code, 18)} {n.distance_m:>5.1f} m  {printable(n.name)}"
            options.add_option(Option(text, id=n.id))

    @on(OptionList.OptionSelected, "#nearby-list")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.open_outfall(event.option.id)  # type: ignore[attr-defined]

    # -- saving --------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for form in self.query(FieldForm):
            values |= form.values()
        return values

    def _placement(self, position: Position, county: Any) -> tuple[str, bool] | None:
        """The ledger's check of the position against the county: (message, refused)."""
        from inspector.services.placement import misplaced

        found = misplaced(self.ctx.reference, county or None, position.lat, position.lon)
        return None if found is None else (found.message, found.refused)

    def action_save(self) -> None:
        if self.saving:
            return
        problems: list[str] = []
        for form in self.query(FieldForm):
            problems += form.check()
        position_field = self.position_field
        problem = position_field.validate_now(strict=True)
        if problem:
            problems.append(problem)
        values = self.values()
        position = None if problem else position_field.position()
        warnings: list[str] = []
        if position is not None:
            placed = self._placement(position, values.get("county_code"))
            if placed is not None:
                message, refused = placed
                position_field.show_problem(message, error=refused)
                if refused:
                    problems.append(message)
                elif "county" not in self._confirmed:
                    warnings.append(message + t("new.confirm_place"))
                    self._confirmed.add("county")
        if problems:
            self._refuse(problems)
            return
        if self.nearby and "nearby" not in self._confirmed:
            self._confirmed.add("nearby")
            warnings.append(t("new.confirm_duplicate"))
        if warnings:
            self._refuse(warnings)
            return
        assert position is not None
        if not (values.get("code") or "").strip():
            values.pop("code", None)
        values |= {
            "lat": position.lat,
            "lon": position.lon,
            "datum": position.datum,
            "position_source": "typed",
        }
        taken = self.receiver
        if taken is not None and position_field.text == self._receiver_text:
            # Untouched since it came from the receiver: its accuracy and fix go with it.
            values |= {
                "lat": taken.lat,
                "lon": taken.lon,
                "accuracy_m": taken.accuracy_m,
                "position_source": "gnss",
                "position_fix": taken.evidence,
            }
        self.saving = True
        self._error([])
        self._save(values)

    def _refuse(self, problems: list[str]) -> None:
        """Say why the save did not happen, and put the focus where to fix it."""
        self._after_save = None
        self._error(problems)
        if not focus_first_problem(self):
            self.position_field.focus_control()

    def _error(self, problems: list[str]) -> None:
        error = self.query_one("#new-error", Static)
        error.update("\n".join(problems))
        error.display = bool(problems)

    @work(thread=True, exclusive=True, exit_on_error=False, group="save")
    def _save(self, values: dict[str, Any]) -> None:
        from inspector.data.drafts import discard_draft
        from inspector.models.spec import ValidationFailed
        from inspector.services.register import create_outfall

        try:
            with self.ctx.write(reason=keyed("new.reason")) as w:
                outfall_id = create_outfall(w, values)
                discard_draft(w.conn, form="new_outfall")
        except ValidationFailed as failure:
            self.app.call_from_thread(self._refused, failure)
        except Problem as problem:
            self.app.call_from_thread(self._refuse, [str(problem)])
        else:
            self.app.call_from_thread(self._saved, outfall_id)
        finally:
            self.saving = False

    def _refused(self, failure: Any) -> None:
        messages: list[str] = []
        for form in self.query(FieldForm):
            names = {f.name_ for f in form.fields}
            mine = [e for e in failure.errors if e.field in names]
            if mine:
                messages += form.show_failure(type(failure)(failure.entity, mine))
        self._refuse(messages or failure.messages())

    def _saved(self, outfall_id: str) -> None:
        self.draft_saved()
        then, self._after_save = self._after_save, None
        self.notify(t("new.saved"))
        self.dismiss(outfall_id)
        if then is not None:
            then()
        else:
            self.app.open_outfall(outfall_id)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        self.leave(lambda: None, close=lambda: self.dismiss(None))

    def action_use_receiver(self) -> None:
        """Fill the position (and its accuracy) from the receiver, if its fix passes the
        accuracy gate and is fresh; otherwise say why not and change nothing."""
        from inspector.ui.gnss import take_or_say

        taken = take_or_say(self)
        if taken is None:
            return
        self.receiver = taken
        self._receiver_text = f"{taken.lat:.7f}, {taken.lon:.7f}"
        position = self.query_one(PositionField)
        position.reset("", "wgs84")
        position.query_one("#position-text", Input).value = self._receiver_text
        accuracy = self.query_one("#field-accuracy_m", Field)
        accuracy.query_one("#control-accuracy_m", Input).value = f"{taken.accuracy_m:.1f}"
