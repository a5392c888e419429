"""Focus and selection are visible in every theme, in 256 colours and in true colour (issue
12, item 10: focus was "one shade of grey", and the chosen option lost its highlight
while its row had the focus).

The screen is rendered as the terminal gets it (the compositor's lines), each cell's
colours brought down to the colour system as Rich does for the terminal, and a focused
field is compared with an unfocused one, a chosen option with one not chosen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from rich.color import Color, ColorSystem
from rich.style import Style

SIZE = (120, 40)
SYSTEMS = {"256": ColorSystem.EIGHT_BIT, "truecolor": ColorSystem.TRUECOLOR}


class Look(NamedTuple):
    """What a person sees of one cell: its background, its glyph's colour (a blank has
    none), and the glyph's emphasis. Two colours that come down to the same one in the
    colour system are the same colour."""

    background: Any
    foreground: Any
    bold: bool
    reverse: bool
    underline: bool


def _colour(color: Color | None, system: ColorSystem) -> Any:
    if color is None or color.is_default:
        return None
    down = color.downgrade(system)
    return down.triplet or down.number


def look(cell: tuple[str, Style], system: ColorSystem) -> Look:
    text, style = cell
    background = _colour(style.bgcolor, system)
    foreground = _colour(style.color, system) if text.strip() else None
    if style.reverse:
        background, foreground = foreground, background
    return Look(
        background,
        foreground,
        bool(style.bold) and bool(text.strip()),
        bool(style.reverse),
        bool(style.underline) and bool(text.strip()),
    )


class Cells:
    """The screen as the terminal receives it."""

    def __init__(self, screen: Any) -> None:
        self.strips = screen._compositor.render_strips()

    def at(self, x: int, y: int) -> tuple[str, Style]:
        segments = [s for s in self.strips[y].crop(x, x + 1) if s.text]
        assert segments, (x, y)
        return segments[0].text, segments[0].style or Style()


def field_cells(cells: Cells, field: Any) -> dict[str, tuple[str, Style]]:
    label = field.query_one(".field-label").region
    control = field.control.region
    return {
        "bar": cells.at(field.region.x, label.y),
        "label": cells.at(label.x, label.y),
        "control": cells.at(control.x + control.width - 2, control.y),
    }


def chip_cell(cells: Cells, chips: Any, index: int) -> tuple[str, Style]:
    """A letter of option `index`'s label (past its digit)."""
    line, start, _end, _ = next(s for s in chips._spans if s[3] == index)
    region = chips.content_region
    return cells.at(region.x + start + 3, region.y + line)


def themes(app: Any) -> list[str]:
    return sorted(app.available_themes)


def form_app() -> Any:
    """The application's own stylesheet around a form of outfall fields (the whole
    application re-styles every screen of every section at each change of theme: some
    forty seconds for the themes, where this takes a few)."""
    from textual.app import App, ComposeResult
    from textual.containers import Vertical

    from inspector.models import Outfall
    from inspector.ui import app as app_module
    from inspector.ui.widgets.forms.fields import Field, FieldForm, model_spec

    spec = model_spec(Outfall).fields

    class FormApp(App[None]):
        CSS_PATH = Path(app_module.__file__).parent / app_module.InspectorApp.CSS_PATH

        def compose(self) -> ComposeResult:
            with Vertical():
                yield FieldForm(
                    Field("outfall", spec["name"]),
                    Field("outfall", spec["township"]),
                    Field("outfall", spec["bank"], value="right"),
                )

    return FormApp()


async def test_focus_and_the_chosen_option_show_in_every_theme() -> None:
    app = form_app()
    failures = []
    async with app.run_test(size=SIZE) as pilot:
        form = app.screen
        focused = form.query_one("#field-name")
        unfocused = form.query_one("#field-township")
        level = form.query_one("#field-bank")
        chips = level.control
        chosen = [k for _, k in chips.options].index(level.raw)
        other = 0 if chosen else 1
        offered = themes(app)
        assert len(offered) > 10  # the themes Textual offers, as the palette lists them
        for theme in offered:
            app.theme = theme
            for holder in (focused, level):
                holder.focus_control()
                await pilot.pause()
                cells = Cells(form)
                for system, colours in SYSTEMS.items():
                    where = f"{theme} at {system}"
                    if holder is focused:
                        mine, theirs = field_cells(cells, focused), field_cells(cells, unfocused)
                        for part in ("bar", "label", "control"):
                            if look(mine[part], colours) == look(theirs[part], colours):
                                failures.append(f"{where}: the focused {part} looks unfocused")
                        bar = look(mine["bar"], colours)
                        if bar.foreground is None or bar.foreground == bar.background:
                            failures.append(f"{where}: the focus bar has no colour of its own")
                        state = "another field focused"  # the chosen option still marked
                    else:
                        state = "its row focused"
                    picked = look(chip_cell(cells, chips, chosen), colours)
                    plain = look(chip_cell(cells, chips, other), colours)
                    if picked == plain:
                        failures.append(f"{where}: the chosen option looks unchosen ({state})")
    assert not failures, "\n".join(failures)
