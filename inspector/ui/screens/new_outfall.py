"""A new outfall (`n`): position as typed (decimal, DMS; WGS-84, GCJ-02, BD-09), and a
warning, with a way to open it, when a registered outfall lies within 30 m."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from inspector.i18n import Problem, t
from inspector.ui.screens.base import RecordScreen
from inspector.ui.text import fit
from inspector.ui.widgets.forms.fields import Field, FieldForm, model_spec
from inspector.ui.widgets.forms.position import Position, PositionField
from inspector.ui.widgets.keybar import KeyBar
from inspector.ui.widgets.navbar import NavBar

DUPLICATE_RADIUS_M = 30.0
BEFORE_POSITION = ("name", "county_code", "township")
AFTER_POSITION = (
    "accuracy_m", "river", "bank", "category", "entry_mode", "mouth_shape", "mouth_size",
    "discharge_pattern", "investigation_level", "national_code", "code", "notes",
)  # fmt: skip


class NewOutfallScreen(RecordScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "key.cancel"),
        Binding("ctrl+s", "save", "key.save", priority=True),
        Binding("ctrl+g", "use_receiver", "key.gnss.take"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.receiver: Any = None
        """The receiver's fix the position was taken from (None: typed)."""
        self._receiver_text = ""
        self.nearby: list[Any] = []
        self._confirmed_duplicate = False
        self.saving = False

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

    # -- possible duplicates -------------------------------------------------------------

    @on(PositionField.Changed)
    def _moved(self, event: PositionField.Changed) -> None:
        self._confirmed_duplicate = False
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
            text = f"{fit(n.code, 18)} {n.distance_m:>5.1f} m  {n.name}"
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

    def action_save(self) -> None:
        if self.saving:
            return
        problems: list[str] = []
        for form in self.query(FieldForm):
            problems += form.check()
        position_field = self.query_one(PositionField)
        problem = position_field.validate_now(strict=True)
        if problem:
            problems.append(problem)
        if problems:
            self._error(problems)
            return
        if self.nearby and not self._confirmed_duplicate:
            self._confirmed_duplicate = True
            self._error([t("new.confirm_duplicate")])
            return
        position = position_field.position()
        values = self.values()
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

    def _error(self, problems: list[str]) -> None:
        error = self.query_one("#new-error", Static)
        error.update("\n".join(problems))
        error.display = bool(problems)

    @work(thread=True, exclusive=True, exit_on_error=False, group="save")
    def _save(self, values: dict[str, Any]) -> None:
        from inspector.models.spec import ValidationFailed
        from inspector.services.register import create_outfall

        try:
            with self.ctx.write(reason=t("new.reason")) as w:
                outfall_id = create_outfall(w, values)
        except ValidationFailed as failure:
            self.app.call_from_thread(self._refused, failure)
        except Problem as problem:
            self.app.call_from_thread(self._error, [str(problem)])
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
        self._error(messages or failure.messages())

    def _saved(self, outfall_id: str) -> None:
        self.notify(t("new.saved"))
        self.dismiss(outfall_id)
        self.app.open_outfall(outfall_id)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        self.dismiss(None)

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
