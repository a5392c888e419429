"""The Map section: outfalls by state, rivers and boundaries, you and your accuracy, the
nearest outfalls, a target to walk to.

Keys: arrows pan, `+`/`-` zoom (the mouse drags and scrolls), `]`/`[` pick the next or
previous outfall by distance, `enter` opens it, `f` fits the map to a county, a river or
the plan items due, `g` connects a receiver, `c` follows your position, `t` chooses a
plan item's outfall as the target, `b` switches Braille and half-blocks.
"""

from __future__ import annotations

import calendar
import time
from dataclasses import replace
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Checkbox, OptionList, Select, Static
from textual.widgets.option_list import Option

from inspector.data.browse import RegisterQuery
from inspector.data.spatial import MapFilter, MapPoint
from inspector.domain.choices import State
from inspector.domain.geo import BBox
from inspector.i18n import Problem, language, t
from inspector.services.mapview import GROUPS, Overlay, Scene
from inspector.ui.screens.base import InspectorScreen
from inspector.ui.text import fit
from inspector.ui.widgets.keybar import KeyBar
from inspector.ui.widgets.map.view import COLOURS, MapView
from inspector.ui.widgets.navbar import NavBar
from inspector.ui.widgets.register.filters import category_options
from inspector.ui.widgets.statusline import StatusLine

NEAREST = 8
FOLLOW_M_PER_PX = 3.0
"""The scale following starts at: about 500 m across at 120 columns."""


class MapFilters(Horizontal):
    """County, river, category, state, overdue, plan items due: as the register filters."""

    class Changed(Message):
        def __init__(self, where: MapFilter) -> None:
            super().__init__()
            self.where = where

    def __init__(self, where: MapFilter) -> None:
        super().__init__(id="map-filters")
        self.where = where

    def compose(self) -> ComposeResult:
        from inspector.ui.context import context_of

        ctx = context_of(self)
        city = ctx.city_code()

        def select(name: str, options: list[tuple[str, str]], prompt: str) -> Select[str]:
            return Select(options, prompt=t(prompt), id=f"map-{name}", compact=True)

        yield select("county", ctx.counties(city), "reg.all_counties")
        yield select("river", ctx.rivers(city), "reg.all_rivers")
        yield select("category", category_options(), "reg.all_categories")
        yield select("state", [(s.label(language()), s.value) for s in State], "reg.all_states")
        yield Checkbox(t("reg.overdue"), id="map-overdue", compact=True)
        yield Checkbox(t("map.plan_due"), id="map-plan-due", compact=True)

    def _changed(self, where: MapFilter) -> None:
        if where != self.where:
            self.where = where
            self.post_message(self.Changed(where))

    @on(Select.Changed)
    def _select(self, event: Select.Changed) -> None:
        event.stop()
        name = (event.select.id or "").removeprefix("map-")
        value = None if event.value is Select.NULL else str(event.value)
        self._changed(
            MapFilter(
                self.where.query.with_(**{name: value}), self.where.plan_due, self.where.due_by
            )
        )

    @on(Checkbox.Changed)
    def _check(self, event: Checkbox.Changed) -> None:
        event.stop()
        if event.checkbox.id == "map-overdue":
            self._changed(
                MapFilter(
                    self.where.query.with_(overdue=event.value),
                    self.where.plan_due,
                    self.where.due_by,
                )
            )
        else:
            self._changed(MapFilter(self.where.query, event.value, self.where.due_by))

    def set_filter(self, **values: Any) -> None:
        """Set filters as a person would (tests, the command palette)."""
        for name, value in values.items():
            if name in ("overdue", "plan_due"):
                self.query_one(f"#map-{name.replace('_', '-')}", Checkbox).value = bool(value)
            else:
                self.query_one(f"#map-{name}", Select).value = (
                    value if value is not None else Select.NULL
                )


class MapScreen(InspectorScreen):
    SECTION: ClassVar[str | None] = "map"
    CSS_PATH: ClassVar = "../styles/map.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "fit", "key.map.fit"),
        Binding("g", "receiver", "key.map.receiver"),
        Binding("c", "follow", "key.map.follow"),
        Binding("t", "target", "key.map.target"),
        Binding("b", "mode", "key.map.mode"),
        Binding("i", "inspect", "key.inspect"),
        Binding("ctrl+r", "reload", "key.reload", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.following = False
        self.target: MapPoint | None = None
        self.nearest: list[Any] = []
        self._started = False

    def compose(self) -> ComposeResult:
        today = self.ctx.today()
        month_end = today.replace(day=calendar.monthrange(today.year, today.month)[1])
        where = MapFilter(RegisterQuery(today=today), due_by=month_end)
        yield NavBar(current="map")
        yield MapFilters(where)
        with Horizontal(id="map-body"):
            yield MapView(id="map")
            with Vertical(id="map-side"):
                yield Static("", id="map-legend")
                yield Static("", id="map-receiver", markup=False)
                yield Static("", id="map-selected", markup=False)
                yield Static("", id="map-target", markup=False)
                yield Static(t("map.nearest.title"), id="map-nearest-title", classes="hint")
                yield OptionList(id="map-nearest", compact=True)
        yield StatusLine(id="map-status", classes="status-line")
        yield KeyBar()

    @property
    def map(self) -> MapView:
        return self.query_one(MapView)

    @property
    def link(self) -> Any:
        from inspector.ui.gnss import link_of

        return link_of(self.app)

    def on_mount(self) -> None:
        self.map.set_filter(self.query_one(MapFilters).where)
        self.map.focus()
        self.link.signal.subscribe(self, self._reading)
        self._show_receiver()
        self._show_selected()
        self.set_interval(1.0, self._tick)

    def on_screen_resume(self) -> None:
        if self._started:
            self.map.reload()
        self._started = True

    # -- drawing -------------------------------------------------------------------------

    @on(MapFilters.Changed)
    def _filtered(self, event: MapFilters.Changed) -> None:
        self.map.set_filter(event.where)

    @on(MapView.Drawn)
    def _drawn(self, event: MapView.Drawn) -> None:
        self._legend(event.scene)
        self._status(event.scene)
        if self.link.fix is None:
            self._find_nearest()

    def _legend(self, scene: Scene) -> None:
        text = Text()
        text.append(t("map.legend") + "\n", style="bold")
        for group in GROUPS:
            text.append("● ", style=COLOURS[group])
            text.append(f"{t('map.group.' + group)} {scene.counts.get(group, 0):,}\n")
        text.append("── ", style=COLOURS["river"])
        text.append(t("map.rivers") + "  ")
        text.append("── ", style=COLOURS["boundary"])
        text.append(t("map.boundaries") + "\n")
        text.append("◉ ", style=COLOURS["me"])
        text.append(t("map.you") + "  ")
        text.append("✚ ", style=COLOURS["target"])
        text.append(t("map.target"))
        self.query_one("#map-legend", Static).update(text)

    def _status(self, scene: Scene | None = None) -> None:
        scene = scene or self.map.scene
        if scene is None:
            return
        parts = [t("map.in_view", count=f"{scene.total:,}")]
        if scene.points is None:
            parts.append(t("map.by_cells"))
        per_cell = scene.viewport.m_per_px * (2 if self.map.mode == "braille" else 1)
        parts.append(t("map.scale", distance=_metres(per_cell)))
        if self.following:
            parts.append(t("map.following"))
        self.query_one("#map-status", StatusLine).text = " · ".join(parts)

    # -- the receiver --------------------------------------------------------------------

    def _reading(self, reading: Any) -> None:
        self._show_receiver()
        fix = self.link.fix
        if fix is not None and fix.quality != "none":
            live = self.link.live
            accuracy = fix.accuracy_m
            self.map.set_overlay(
                Overlay((fix.lat, fix.lon, accuracy, live), self.target, self.map.overlay.selected)
            )
            if self.following and live:
                self.map.centre(fix.lat, fix.lon)
            self._find_nearest()
        elif reading is None:
            self.map.set_overlay(Overlay(None, self.target, self.map.overlay.selected))
        self._show_selected()

    def _tick(self) -> None:
        # Ages grow without any new sentence: a receiver that went quiet must look it.
        if self.link.connected:
            self._show_receiver()
            fix = self.link.fix
            me = self.map.overlay.me
            if fix is not None and me is not None and me[3] != self.link.live:
                self.map.set_overlay(
                    Overlay(
                        (me[0], me[1], me[2], self.link.live),
                        self.target,
                        self.map.overlay.selected,
                    )
                )

    def _show_receiver(self) -> None:
        link = self.link
        box = self.query_one("#map-receiver", Static)
        reading = link.reading
        lines = [t("map.receiver.heading")]
        if not link.connected:
            lines.append(t("map.receiver.off"))
        elif reading is None:
            lines.append(t("map.receiver.connecting", device=link.spec.label if link.spec else ""))
        else:
            fix = reading.fix
            lines.append(reading.device)
            lost = reading.state == "lost"
            if lost:
                lines.append(t("map.receiver.lost", reason=t(f"gnss.lost.{reading.reason}")))
            if fix is not None and fix.quality != "none":
                age = fix.age_s(time.monotonic())
                lines.append(
                    t(
                        "map.receiver.fix",
                        quality=t(f"gnss.quality.{fix.quality}"),
                        accuracy=f"{fix.accuracy_m:.1f}" if fix.accuracy_m is not None else "?",
                        hdop=f"{fix.hdop:.1f}" if fix.hdop is not None else "?",
                        satellites=fix.satellites or 0,
                        age=f"{age:.0f}",
                    )
                )
                if fix.systems:
                    lines.append(fix.systems_label())
            elif fix is not None and not lost:
                lines.append(t("gnss.refused.no_fix"))
            verdict = link.verdict()
            if not lost:  # a lost receiver has said why above
                lines.append(t("map.receiver.usable") if verdict.ok else link.refusal(verdict))
            if reading.stats.skipped:
                lines.append(t("map.receiver.skipped", count=reading.stats.skipped))
        box.update("\n".join(lines))
        box.set_class(link.connected and not link.verdict().ok, "error-text")

    # -- nearest, selected, target ---------------------------------------------------------

    def _find_nearest(self) -> None:
        lat, lon = self.map.here()
        self._nearest(lat, lon, self.map.where)

    @work(thread=True, exclusive=True, exit_on_error=False, group="nearest")
    def _nearest(self, lat: float, lon: float, where: MapFilter) -> None:
        from inspector.services.nearby import nearest_outfalls

        with self.ctx.read() as conn:
            found = nearest_outfalls(conn, lat, lon, count=NEAREST, where=where)
        self.app.call_from_thread(self._show_nearest, found)

    def _show_nearest(self, found: list[Any]) -> None:
        self.nearest = found
        options = self.query_one("#map-nearest", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for n in found:
            text = f"{_metres(n.distance_m):>7} {t('compass.' + n.compass):<2} {n.code}"
            options.add_option(Option(text, id=n.id))
        if highlighted is not None and highlighted < len(found):
            options.highlighted = highlighted
        self._show_selected()

    @on(OptionList.OptionHighlighted, "#map-nearest")
    @on(OptionList.OptionSelected, "#map-nearest")
    def _nearest_picked(
        self, event: OptionList.OptionHighlighted | OptionList.OptionSelected
    ) -> None:
        found = next((n for n in self.nearest if n.id == event.option.id), None)
        if found is None:
            return
        point = MapPoint(
            found.id, found.code, found.name, found.lat, found.lon, found.state, found.river
        )
        self.map.select(point)
        if isinstance(event, OptionList.OptionSelected):
            self.app.open_outfall(point.id)  # type: ignore[attr-defined]

    @on(MapView.Selected)
    def _selected(self, event: MapView.Selected) -> None:
        self._show_selected()

    def _from_here(self, point: MapPoint) -> str:
        from inspector.domain.geo import compass_point
        from inspector.services.nearby import toward

        lat, lon = self.map.here()
        distance, bearing = toward(lat, lon, point.lat, point.lon)
        key = "map.from_you" if self.map.overlay.me is not None else "map.from_centre"
        return t(key, distance=_metres(distance), bearing=f"{bearing:.0f}",
                 compass=t("compass." + compass_point(bearing)))  # fmt: skip

    def _show_selected(self) -> None:
        point = self.map.overlay.selected
        box = self.query_one("#map-selected", Static)
        if point is None:
            box.update(t("map.selected.none"))
        else:
            state = (
                State.of(point.state).label(language())
                if point.state in State._value2member_map_
                else point.state
            )
            box.update(
                "\n".join(
                    (
                        t("map.selected.heading"),
                        point.code,
                        fit(point.name, 60),
                        f"{state} · {self.ctx.river_name(point.river)}",
                        self._from_here(point),
                    )
                )
            )
        target = self.target
        tbox = self.query_one("#map-target", Static)
        if target is None:
            tbox.update("")
            tbox.display = False
        else:
            tbox.display = True
            tbox.update(
                "\n".join(
                    (
                        t("map.target.heading"),
                        f"{target.code}",
                        fit(target.name, 60),
                        self._from_here(target),
                    )
                )
            )

    @on(MapView.Opened)
    def _opened(self, event: MapView.Opened) -> None:
        self.app.open_outfall(event.point.id)  # type: ignore[attr-defined]

    # -- actions ---------------------------------------------------------------------------

    def action_mode(self) -> None:
        self.map.set_mode("half" if self.map.mode == "braille" else "braille")

    def action_reload(self) -> None:
        self.map.reload()

    def action_inspect(self) -> None:
        point = self.map.overlay.selected
        if point is None:
            self.notify(t("map.nothing_selected"), severity="warning")
            return
        self.app.open_inspection(point.id)  # type: ignore[attr-defined]

    def action_follow(self) -> None:
        fix = self.link.fix
        if not self.link.connected or fix is None or fix.quality == "none":
            self.following = False
            self.notify(t("map.no_position"), severity="warning")
            self._status()
            return
        self.following = not self.following
        if self.following:
            # Close enough to see the outfalls within a few hundred metres.
            view = self.map.viewport.centred(fix.lat, fix.lon)
            self.map.show(replace(view, m_per_px=min(view.m_per_px, FOLLOW_M_PER_PX)))
        self._status()

    def action_receiver(self) -> None:
        from inspector.ui import preferences
        from inspector.ui.modals.map import ReceiverModal, receiver_suggestions

        link = self.link
        suggestions = receiver_suggestions(self.ctx.db.path)
        current = link.spec.target if link.spec else (suggestions[-1][0] if suggestions else "")
        accuracy = float(preferences.load().get("gnss_accuracy_m", 10.0))
        self.app.push_screen(
            ReceiverModal(
                suggestions, current=current, accuracy=accuracy, connected=link.connected
            ),
            self._receiver_chosen,
        )

    def _receiver_chosen(self, choice: Any) -> None:
        from pathlib import Path

        from inspector.gnss.fix import Gate
        from inspector.gnss.sources import parse_spec
        from inspector.ui import preferences

        if choice is None:
            return
        preferences.save(gnss_accuracy_m=choice.max_accuracy_m)
        if not choice.source:
            self.link.stop()
            self.following = False
            self._show_receiver()
            return
        spec = parse_spec(choice.source)
        if spec.kind == "log" and not Path(spec.target).is_file():
            self.notify(t("gnss.no_such_source", source=choice.source), severity="error")
            return
        self.link.start(spec, gate=Gate(max_accuracy_m=choice.max_accuracy_m))
        self._show_receiver()

    def action_fit(self) -> None:
        from inspector.ui.modals.map import ChoiceModal

        ctx = self.ctx
        city = ctx.city_code()
        options = [(t("map.fit.all"), "all"), (t("map.fit.plan_due"), "plan")]
        options += [
            (t("map.fit.county", name=name), f"county:{code}") for name, code in ctx.counties(city)
        ]
        options += [
            (t("map.fit.river", name=label), f"river:{name}") for label, name in ctx.rivers(city)
        ]
        self.app.push_screen(ChoiceModal(t("map.fit.title"), options), self._fit_chosen)

    def _fit_chosen(self, choice: str | None) -> None:
        if choice:
            self._fit(choice, self.map.where)

    @work(thread=True, exclusive=True, exit_on_error=False, group="fit")
    def _fit(self, choice: str, where: MapFilter) -> None:
        from inspector.data import spatial
        from inspector.data.layers import features

        kind, _, value = choice.partition(":")
        box: BBox | None = None
        with self.ctx.read() as conn:
            if kind == "county":
                shapes = [f.bbox for f in features(conn) if f.region_code == value]
                box = _union(shapes) or self.ctx.reference.regions[value].bbox
            elif kind == "river":
                shapes = [f.bbox for f in features(conn) if f.river == value]
                box = _union(shapes) or spatial.extent(
                    conn, where=MapFilter(RegisterQuery(river=value))
                )
            elif kind == "plan":
                box = spatial.extent(conn, where=MapFilter(where.query.with_(), True, where.due_by))
            else:
                box = spatial.extent(conn, where=where)
        if box is None:
            self.app.call_from_thread(self.notify, t("map.fit.nothing"), severity="warning")
        else:
            self.app.call_from_thread(self.map.fit, box)

    def action_target(self) -> None:
        self._targets()

    @work(thread=True, exclusive=True, exit_on_error=False, group="targets")
    def _targets(self) -> None:
        from inspector.services.plans import due_items

        today = self.ctx.today()
        due_by = self.map.where.due_by or today
        with self.ctx.read() as conn:
            items = due_items(conn, today=today, within_days=(due_by - today).days, limit=200)
        options = [(t("map.target.none"), "")] if self.target is not None else []
        options += [
            (
                f"{i.due_date.isoformat() if i.due_date else '':<10} {i.code} {fit(i.name, 40)}",
                i.outfall_id,
            )
            for i in items
        ]
        self.app.call_from_thread(self._choose_target, options)

    def _choose_target(self, options: list[tuple[str, str]]) -> None:
        from inspector.ui.modals.map import ChoiceModal

        self.app.push_screen(
            ChoiceModal(t("map.target.title"), options, empty=t("map.target.empty")),
            self._target_chosen,
        )

    def _target_chosen(self, choice: str | None) -> None:
        if choice is None:
            return
        if choice == "":
            self.target = None
            self.map.set_overlay(Overlay(self.map.overlay.me, None, self.map.overlay.selected))
            self._show_selected()
            return
        self._load_target(choice)

    @work(thread=True, exclusive=True, exit_on_error=False, group="targets")
    def _load_target(self, outfall_id: str) -> None:
        from inspector.data.spatial import point_of

        with self.ctx.read() as conn:
            point = point_of(conn, outfall_id=outfall_id)
        self.app.call_from_thread(self._set_target, point)

    def _set_target(self, point: MapPoint | None) -> None:
        self.target = point
        self.map.set_overlay(Overlay(self.map.overlay.me, point, self.map.overlay.selected))
        self._show_selected()
        if point is not None and self.map.overlay.me is None:
            self.map.centre(point.lat, point.lon)

    def take_position(self) -> Any:
        """The receiver's position if the gate lets it be used (for forms)."""
        try:
            return self.link.take()
        except Problem as problem:
            self.notify(str(problem), severity="warning")
            return None


def _union(boxes: list[BBox]) -> BBox | None:
    if not boxes:
        return None
    return BBox(
        min(b.south for b in boxes),
        min(b.west for b in boxes),
        max(b.north for b in boxes),
        max(b.east for b in boxes),
    )


def _metres(distance: float) -> str:
    return f"{distance / 1000:.1f} km" if distance >= 1000 else f"{distance:.0f} m"
