"""A position typed as a person has it: decimal or degrees-minutes-seconds, in WGS-84,
CGCS2000, GCJ-02 (Gaode, Tencent) or BD-09 (Baidu); stored as WGS-84."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, Static

from inspector.domain.choices import Datum
from inspector.domain.geo import PositionError, parse_position, to_wgs84
from inspector.i18n import language, t
from inspector.ui.widgets.forms.chips import Chips


@dataclass(frozen=True)
class Position:
    lat: float
    lon: float
    """WGS-84."""
    datum: str
    swapped: bool


def position_problem(exc: PositionError) -> str:
    """A typed position's problem in words, naming the half of the pair it is about."""
    params = dict(exc.params)
    axis = params.pop("axis", None)
    message = t(f"error.{exc.code}", **params)
    return t("pos.axis_problem", axis=t(f"pos.axis.{axis}"), problem=message) if axis else message


class PositionField(Vertical):
    """Text and datum in; WGS-84 latitude and longitude out, checked as you type."""

    @dataclass
    class Changed(Message):
        field: PositionField
        position: Position | None

    def __init__(self, *, text: str = "", datum: str = "wgs84", required: bool = True) -> None:
        super().__init__(classes="field", id="field-position")
        self._text = text
        self._datum = datum
        self.required = required
        self.touched = False
        self.initial = (text, datum)

    def compose(self) -> ComposeResult:
        lang = language()
        with Horizontal(classes="field-row"):
            yield Label(t("pos.label") + (" *" if self.required else ""), classes="field-label")
            yield Input(
                self._text, placeholder=t("pos.placeholder"), compact=True, id="position-text"
            )
        with Horizontal(classes="field-row"):
            yield Label(t("field.outfall.datum"), classes="field-label")
            yield Chips(
                [(d.label(lang), d.value) for d in Datum], value=self._datum, id="position-datum"
            )
        yield Static("", id="position-result", classes="field-hint hint", markup=False)

    def on_mount(self) -> None:
        self._update()

    @property
    def modified(self) -> bool:
        return (self.text, self.datum) != self.initial

    def fill(self, text: str, datum: str = "wgs84") -> None:
        """Fill with what was typed before (a draft): an edit, unlike `reset`."""
        box = self.query_one("#position-text", Input)
        box.value = text
        box.cursor_position = len(text)
        self.query_one("#position-datum", Chips).value = datum

    def show_problem(self, message: str, *, error: bool = True) -> None:
        """Say under the position what is wrong with it (not an error: a warning)."""
        result = self.query_one("#position-result", Static)
        result.update(message)
        result.set_class(True, "error-text")
        self.set_class(error, "-invalid")

    def reset(self, text: str, datum: str = "wgs84") -> None:
        """Fill with a stored position again (after a save): not an edit."""
        self.initial = (text, datum)
        self.query_one("#position-text", Input).value = text
        self.query_one("#position-datum", Chips).value = datum
        self.touched = False

    @property
    def text(self) -> str:
        return self.query_one("#position-text", Input).value

    @property
    def datum(self) -> str:
        value = self.query_one("#position-datum", Chips).value
        return value if isinstance(value, str) else "wgs84"

    def position(self) -> Position:
        """The WGS-84 position; raises PositionError (with a message code) if unreadable."""
        text = self.text.strip()
        if not text:
            raise PositionError("coord_empty")
        parsed = parse_position(text)
        lat, lon = to_wgs84(parsed.lat, parsed.lon, Datum.of(self.datum))
        return Position(round(lat, 7), round(lon, 7), self.datum, parsed.swapped)

    def problem(self, *, strict: bool = False) -> str | None:
        if not self.text.strip() and not (strict or self.touched):
            return None
        try:
            self.position()
        except PositionError as exc:
            return position_problem(exc)
        return None

    def _update(self) -> Position | None:
        result = self.query_one("#position-result", Static)
        problem = self.problem()
        position = None
        if problem:
            result.update(problem)
            result.set_class(True, "error-text")
        else:
            result.set_class(False, "error-text")
            try:
                position = self.position()
            except PositionError:
                result.update(t("pos.help"))
            else:
                note = t("pos.swapped") if position.swapped else ""
                result.update(
                    t("pos.result", lat=f"{position.lat:.6f}", lon=f"{position.lon:.6f}") + note
                )
        self.set_class(bool(problem), "-invalid")
        return position

    def validate_now(self, *, strict: bool = False) -> str | None:
        problem = self.problem(strict=strict)
        self._update()
        if strict and problem:
            result = self.query_one("#position-result", Static)
            result.update(problem)
            result.set_class(True, "error-text")
        return problem

    @on(Input.Changed, "#position-text")
    @on(Chips.Changed, "#position-datum")
    def _changed(self, event: Message) -> None:
        event.stop()
        if not self.modified and not self.touched:
            return
        self.touched = True
        position = self._update()
        self.post_message(self.Changed(self, position))

    def focus_control(self) -> None:
        self.query_one("#position-text", Input).focus()
