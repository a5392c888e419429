"""The register as a virtual list: a million rows, and only the visible ones in memory.

Textual's `DataTable` holds every row it shows, which takes seconds at ten thousand rows
and minutes at a million. This list draws lines with the Line API (`render_line`) from
pages of `RegisterPager` (keyset paging in SQLite), fetched by a thread worker and kept in
a small LRU cache: memory and drawing cost depend on the screen, not on the register.

A line whose page has not arrived yet shows a placeholder for the few milliseconds it
takes; a new query (a keystroke in the search box) makes every earlier fetch stale, and
the pager interrupts it rather than waiting for it.
"""

from __future__ import annotations

import queue
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static
from textual.worker import get_current_worker

from inspector.data.browse import RegisterPager, RegisterQuery, Row
from inspector.data.engine import OperationalError
from inspector.domain.choices import Category, State
from inspector.i18n import language, t
from inspector.ui.bindings import localise
from inspector.ui.context import context_of
from inspector.ui.text import fit, label

PAGE = RegisterPager.PAGE
_UNCOUNTED = 2 * PAGE
"""The rows a new query's list claims until its first page and count come: as many as a
full first page and the next make it claim (`_grow`). Each change of a list's virtual
size lays the whole screen out again (about 10 ms at 120x40), and a keystroke's first
page, nearly always full, then draws without one."""
MAX_PAGES = 24
"""Pages kept in memory: a few screens either side of the visible one."""


@dataclass(frozen=True)
class Column:
    name: str
    title: str
    """i18n key of its heading."""
    width: int
    """Cells; 0 for the one column that takes what is left."""


def columns() -> tuple[Column, ...]:
    zh = language() == "zh"
    return (
        Column("code", "reg.col.code", 18),
        Column("name", "reg.col.name", 0),
        Column("county", "reg.col.county", 12 if zh else 14),
        Column("river", "reg.col.river", 8 if zh else 12),
        Column("category", "reg.col.category", 16),
        Column("state", "reg.col.state", 8 if zh else 14),
        Column("deadline", "reg.col.deadline", 10),
    )


def widths(total: int) -> list[int]:
    """Cell widths of the columns in a line `total` cells wide (one space between)."""
    return list(_widths(total, language()))


#: Narrowest useful width of each column, and the order columns give up room when the
#: line is too narrow for all of them: the code and the state are never cut (at 80
#: columns the state was cut off at the edge, "非排污" for 非排污口, without a mark).
_MINIMUM = {"name": 10, "county": 6, "river": 4, "category": 6}
_SHRINK = ("category", "county", "river", "name")
_DROP = ("deadline", "category")


@lru_cache(maxsize=16)
def _widths(total: int, lang: str) -> tuple[int, ...]:
    cols = columns()
    want = {c.name: c.width for c in cols}
    want["name"] = max(_MINIMUM["name"], 24)

    def used() -> int:
        shown = [w for w in want.values() if w]
        return sum(shown) + len(shown)

    for name in _SHRINK:
        while used() > total and want[name] > _MINIMUM[name]:
            want[name] -= 1
    for name in _DROP:
        if used() > total:
            want[name] = 0
    # What is left over widens the name (the one flexible column).
    want["name"] += max(0, total - used())
    return tuple(want[c.name] for c in cols)


@lru_cache(maxsize=256)
def _cached_label(kind: type, key: str, lang: str) -> str:
    return label(kind, key)


def _label(kind: type, key: str) -> str:
    return _cached_label(kind, key, language())


class RegisterHeader(Static):
    """The column headings, drawn to the same widths as the list's lines."""

    def __init__(self) -> None:
        super().__init__(id="register-header", markup=False)

    def on_resize(self, event: events.Resize) -> None:
        self.set_heading(event.size.width)

    def set_heading(self, width: int) -> None:
        # The list below has a scrollbar (two cells); its lines are that much narrower,
        # and begin with a space (this widget's left padding).
        cells = [fit(t(c.title), w) for c, w in zip(columns(), widths(width - 3), strict=True) if w]
        self.update(" ".join(cells))


class OutfallList(ScrollView, can_focus=True):
    """The outfalls of a `RegisterQuery`, one per line, with a cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "key.up", show=False),
        Binding("down", "cursor(1)", "key.down", show=False),
        Binding("pageup", "page(-1)", "key.page_up", show=False),
        Binding("pagedown", "page(1)", "key.page_down", show=False),
        Binding("home", "first", "key.first", show=False),
        Binding("end", "last", "key.last", show=False),
        Binding("enter", "open", "key.open"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "outfall-list--cursor",
        "outfall-list--placeholder",
        "outfall-list--overdue",
        "outfall-list--closed",
    }
    DEFAULT_CSS = """
    OutfallList { height: 1fr; }
    OutfallList > .outfall-list--cursor { background: $primary 40%; text-style: bold; }
    OutfallList:focus > .outfall-list--cursor { background: $primary; }
    OutfallList > .outfall-list--placeholder { color: $text-muted; }
    OutfallList > .outfall-list--overdue { color: $error; text-style: bold; }
    OutfallList > .outfall-list--closed { color: $text-muted; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    @dataclass
    class Highlighted(Message):
        """The cursor moved onto an outfall (None: onto nothing yet)."""

        outfall_id: str | None

    @dataclass
    class Opened(Message):
        outfall_id: str

    @dataclass
    class Counted(Message):
        """How many rows the query shows (None: still counting)."""

        total: int | None

    @dataclass
    class PageLoaded(Message):
        """A page arrived from the worker (internal)."""

        generation: int
        number: int
        rows: list[Row]
        total: int | None

    @dataclass
    class CountLoaded(Message):
        """The count arrived from the worker (internal)."""

        generation: int
        total: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        localise(self)
        self._pager: RegisterPager | None = None
        self._query = RegisterQuery()
        self._generation = 0
        self._pages: OrderedDict[int, list[Row]] = OrderedDict()
        self._wanted: set[int] = set()
        self._fetch_scheduled = False
        self._requests: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._fetch_lock = threading.Lock()
        self._fetching = False
        self._styles: dict[str, Style] = {}
        self._total: int | None = None
        self._extent = _UNCOUNTED
        """The rows the list claims while the count is unknown: those known and a page."""
        self._jump_to_end = False
        self._keep: str | None = None
        self.painted_generation = -1
        """The last query whose rows have been drawn (tests and benchmarks wait on it)."""
        self.painted_at = 0.0

    # -- the query -----------------------------------------------------------------------

    @property
    def query_(self) -> RegisterQuery:
        return self._query

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def total(self) -> int | None:
        return self._total

    def on_mount(self) -> None:
        self._ctx = context_of(self)
        self._pager = RegisterPager(self._ctx.connect)

    def on_unmount(self) -> None:
        if self._pager is not None:
            self._pager.close()

    def set_query(self, query: RegisterQuery, *, keep: str | None = None) -> None:
        """Show `query` from its first row (or keep the outfall `keep` under the cursor
        when it is still shown, as after an edit)."""
        self._query = query
        self._generation += 1
        self._pages.clear()
        self._wanted.clear()
        self._total = None
        self._extent = _UNCOUNTED
        self._jump_to_end = False
        self._keep = keep
        if self._pager is not None:
            self._pager.interrupt()
        self.virtual_size = Size(self.size.width, self._extent)
        if keep is None:
            self.scroll_to(y=0, animate=False)
            self.cursor = 0
        # The first page before anything else: it is what the person is waiting to see.
        self._want(self.cursor // PAGE if keep is None else 0, now=True)
        self.post_message(self.Counted(None))
        self._count(self._generation, query)
        if keep is not None:
            self._locate(self._generation, query, keep)
        self.refresh()

    def reload(self) -> None:
        """Read the same query again (after an edit), keeping the cursor's outfall."""
        self.set_query(self._query, keep=self.current_id)

    # -- workers -------------------------------------------------------------------------

    def _want(self, number: int, *, now: bool = False) -> None:
        if number < 0 or number in self._pages or number in self._wanted:
            return
        if self._total is not None and number * PAGE >= self._total and number:
            return
        self._wanted.add(number)
        if now:
            self._start_fetch()
        elif not self._fetch_scheduled:
            # Lines drawn in one pass may want several pages: ask once for all of them.
            self._fetch_scheduled = True
            self.call_later(self._start_fetch)

    def _start_fetch(self) -> None:
        self._fetch_scheduled = False
        top = int(self.scroll_offset.y) // PAGE
        bottom = (int(self.scroll_offset.y) + max(1, self.size.height)) // PAGE
        # Pages scrolled past while waiting are no longer wanted.
        self._wanted = {
            n for n in self._wanted if top - 1 <= n <= bottom + 1 or n == self.cursor // PAGE
        }
        if self._wanted:
            with self._fetch_lock:
                self._requests.put((self._generation, self._query, sorted(self._wanted)))
                if self._fetching:
                    return  # the running fetcher takes it: a keystroke costs a put
                self._fetching = True
            self._fetcher()

    @work(thread=True, group="register-pages", exit_on_error=False)
    def _fetcher(self) -> None:
        """Fetch the newest request's pages until none is waiting, then end: a fetcher
        that lived as long as the list would keep `wait_for_complete` waiting forever."""
        worker = get_current_worker()
        while True:
            with self._fetch_lock:
                request = None
                # Only the newest request matters; older ones were for queries gone.
                while True:
                    try:
                        request = self._requests.get_nowait()
                    except queue.Empty:
                        break
                if request is None or worker.is_cancelled:
                    # Decided under the lock, so a request put after this starts a new one.
                    self._fetching = False
                    return
            generation, query, numbers = request
            try:
                self._fetch(generation, query, numbers)
            except Exception as exc:  # shown to the user; the fetcher carries on
                self.app.call_from_thread(self._failed, exc)

    def _failed(self, exc: Exception) -> None:
        from inspector.ui.app import describe

        self.notify(describe(exc), severity="error", timeout=10)

    def _fetch(self, generation: int, query: RegisterQuery, numbers: list[int]) -> None:
        pager = self._pager
        if pager is None:
            return
        for number in numbers:
            for attempt in (1, 2):
                if generation != self._generation:
                    return
                try:
                    page = pager.page(query, number)
                except OperationalError as exc:
                    # Interrupted: for an older query (try once more), or for a newer one.
                    if "interrupted" in str(exc):
                        if attempt == 1 and generation == self._generation:
                            continue
                        return
                    raise
                self.post_message(self.PageLoaded(generation, number, page.rows, page.total))
                break

    @work(thread=True, exclusive=True, group="register-count", exit_on_error=False)
    def _count(self, generation: int, query: RegisterQuery) -> None:
        pager = self._pager
        if pager is None or generation != self._generation:
            return
        total = pager.count(query)
        self.post_message(self.CountLoaded(generation, total))

    @work(thread=True, exclusive=True, group="register-locate", exit_on_error=False)
    def _locate(self, generation: int, query: RegisterQuery, outfall_id: str) -> None:
        from inspector.data.browse import position_of

        with context_of(self).read() as conn:
            position = position_of(conn, query, outfall_id)
        if generation == self._generation:
            self.app.call_from_thread(self._located, generation, position)

    def _located(self, generation: int, position: int | None) -> None:
        if generation != self._generation:
            return
        position = position or 0
        self._grow(position + 1)
        self.cursor = position
        self._scroll_to_cursor(center=True)

    def on_outfall_list_page_loaded(self, message: PageLoaded) -> None:
        message.stop()
        if message.generation != self._generation:
            return
        self._wanted.discard(message.number)
        self._pages[message.number] = message.rows
        self._pages.move_to_end(message.number)
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        if message.total is not None:
            self._set_total(message.total)
        else:
            self._grow(
                message.number * PAGE
                + len(message.rows)
                + (PAGE if len(message.rows) == PAGE else 0)
            )
        self.refresh()
        if self.cursor // PAGE == message.number:
            self.post_message(self.Highlighted(self.current_id))

    def on_outfall_list_count_loaded(self, message: CountLoaded) -> None:
        message.stop()
        if message.generation == self._generation:
            self._set_total(message.total)

    def _set_total(self, total: int) -> None:
        first = self._total is None
        self._total = total
        self._extent = total
        self.virtual_size = Size(self.size.width, total)
        if self.cursor >= total:
            self.cursor = max(0, total - 1)
        if first:
            self.post_message(self.Counted(total))
        if self._jump_to_end and total:
            self._jump_to_end = False
            self.action_last()
        self.refresh()

    def _grow(self, rows: int) -> None:
        """While the count is unknown, let the list extend as far as rows are known."""
        if self._total is None and rows > self._extent:
            self._extent = rows
            self.virtual_size = Size(self.size.width, rows)

    # -- drawing -------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, self._extent)

    def row_at(self, index: int) -> Row | None:
        rows = self._pages.get(index // PAGE)
        if rows is None:
            return None
        slot = index % PAGE
        return rows[slot] if slot < len(rows) else None

    @property
    def current_id(self) -> str | None:
        row = self.row_at(self.cursor)
        return row.id if row else None

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_offset.y) + y
        base = self.rich_style
        if index >= self._extent or (self._total is not None and index >= self._total):
            if index == 0 and self._total == 0:
                return Strip([Segment(fit(" " + t("reg.empty"), width), base)], width)
            return Strip.blank(width, base)
        number = index // PAGE
        rows = self._pages.get(number)
        if rows is None:
            self._want(number)
            style = base + self.get_component_rich_style("outfall-list--placeholder")
            return Strip([Segment(fit(" …", width), style)], width)
        self._pages.move_to_end(number)
        slot = index % PAGE
        if slot >= len(rows):
            return Strip.blank(width, base)
        if self.painted_generation != self._generation:
            self.painted_generation = self._generation
            self.painted_at = time.perf_counter()
        return self._line(rows[slot], width, selected=index == self.cursor)

    def notify_style_update(self) -> None:
        self._styles.clear()
        super().notify_style_update()

    def on_focus(self) -> None:
        self._styles.clear()

    def on_blur(self) -> None:
        self._styles.clear()

    def _style(self, name: str) -> Style:
        """Styles of the line kinds, worked out once per style change, not per line."""
        style = self._styles.get(name)
        if style is None:
            base = self.rich_style
            cursor = base + self.get_component_rich_style("outfall-list--cursor")
            for key, start in (("", base), ("cursor", cursor)):
                self._styles[key] = start
                for part in ("closed", "overdue"):
                    extra = self.get_component_rich_style(f"outfall-list--{part}", partial=True)
                    self._styles[f"{key}{part}"] = start + extra
            style = self._styles[name]
        return style

    def _line(self, row: Row, width: int, *, selected: bool) -> Strip:
        ctx = self._ctx
        kind = "cursor" if selected else ""
        base = self._style(kind)
        overdue = row.overdue(ctx.today())
        text = base
        if row.state in ("rejected", "abolished"):
            text = self._style(kind + "closed")
        values = (
            row.code,
            row.name,
            ctx.county_name(row.county_code),
            ctx.river_name(row.river),
            _label(Category, row.category),
            _label(State, row.state),
            row.deadline or "",
        )
        segments = [Segment(" ", base)]
        for i, (value, cells) in enumerate(
            zip(values, _widths(width - 1, language()), strict=True)
        ):
            if not cells:
                continue  # a column the line has no room for
            style = self._style(kind + "overdue") if i == 6 and overdue else text
            segments.append(Segment(fit(value, cells), style))
            segments.append(Segment(" ", base))
        return Strip(segments).adjust_cell_length(width, base)

    # -- the cursor ----------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old - int(self.scroll_offset.y))
        self.refresh_line(new - int(self.scroll_offset.y))
        self.post_message(self.Highlighted(self.current_id))

    def _scroll_to_cursor(self, *, center: bool = False) -> None:
        top = int(self.scroll_offset.y)
        height = max(1, self.scrollable_content_region.height)
        if center:
            self.scroll_to(y=max(0, self.cursor - height // 2), animate=False)
        elif self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)

    def _move(self, index: int) -> None:
        limit = (self._total if self._total is not None else self._extent) - 1
        self.cursor = max(0, min(index, limit))
        self._scroll_to_cursor()

    def action_cursor(self, step: int) -> None:
        self._move(self.cursor + step)

    def action_page(self, direction: int) -> None:
        height = max(1, self.scrollable_content_region.height)
        self._move(self.cursor + direction * height)

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        if self._total is None:
            # Not counted yet: go there as soon as the count arrives.
            self._jump_to_end = True
            return
        self._move(self._total - 1)

    def action_open(self) -> None:
        outfall_id = self.current_id
        if outfall_id:
            self.post_message(self.Opened(outfall_id))

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_offset.y) + event.y
        if index >= (self._total if self._total is not None else self._extent):
            return
        if index == self.cursor and event.chain >= 2:
            self.action_open()
        self.cursor = index
