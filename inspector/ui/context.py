"""What every screen shares: the database, the clock, reference data, this replica.

Screens reach it as `self.app.ctx` (typed through `context_of`). Reads use stdlib
`sqlite3` connections with a small page cache: a million-row register must not make the
UI's memory grow, and the operating system caches the file anyway.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from inspector.data.db import Database
from inspector.data.engine import Conn
from inspector.domain.periods import today as calendar_today
from inspector.domain.printable import printable
from inspector.i18n import language

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from inspector.data.reference import ReferenceData
    from inspector.data.writer import Writer

READ_CACHE_KIB = 4096


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


@dataclass(frozen=True)
class Replica:
    id: str
    name: str
    role: str
    region_code: str | None

    @property
    def named(self) -> bool:
        return bool(self.name)


@dataclass
class UiContext:
    db: Database
    today: Callable[[], dt.date] = calendar_today
    now: Callable[[], dt.datetime] = _now
    """Local time, aware. Tests fix both for deterministic screens."""
    tz: dt.tzinfo | None = None
    """Time zone times are shown in (None: the system's)."""
    opened: bool = True
    """Whether `db` is open (False while a PostgreSQL database named on the command
    line is being opened after the first frame: `InspectorApp(opening=True)`)."""
    painted: bool = field(init=False, default=False)
    """Whether the app's first frame has reached the terminal."""
    _after_paint: list[Callable[[], object]] = field(init=False, default_factory=list)

    @cached_property
    def reference(self) -> ReferenceData:
        """Regions, rivers and targets: read when first needed, which is after the first
        frame (their modules and the query are not needed to draw it)."""
        from inspector.data.reference import ReferenceData

        with self.read() as conn:
            return ReferenceData.load(conn)

    # -- first frame ---------------------------------------------------------------------

    def after_first_paint(self, callback: Callable[[], object]) -> None:
        """Call `callback` once the first frame is on the terminal (now, if it is)."""
        if self.painted:
            callback()
        else:
            self._after_paint.append(callback)

    def first_painted(self) -> None:
        self.painted = True
        pending, self._after_paint = self._after_paint, []
        for callback in pending:
            callback()

    # -- database ------------------------------------------------------------------------

    def connect(self) -> Conn:
        """A reading connection for one thread worker (close it when done)."""
        return self.db.connect(cache_kib=READ_CACHE_KIB)

    def read(self) -> contextlib.closing[Conn]:
        return contextlib.closing(self.connect())

    def write(self, *, reason: str | None = None) -> contextlib.AbstractContextManager[Writer]:
        """One transaction through the one write path (run it in a thread worker)."""
        return self.db.write(reason=reason)

    def replica(self) -> Replica:
        from inspector.data.sync.identity import self_record

        with self.read() as conn:
            me = self_record(conn)
        if me is None:
            return Replica(self.db.replica_id, "", "field", None)
        return Replica(me.id, me.name, me.role, me.region_code)

    def user_name(self) -> str:
        return self.db.user_name()

    def city_code(self) -> str | None:
        """The city whose targets the dashboard measures: this replica's, else the first."""
        region = self.replica().region_code
        if region:
            city = self.reference.city_of(region)
            if city is not None:
                return city.code
        cities = [r.code for r in self.reference.regions.values() if r.level == "city"]
        from inspector.data.outfalls import some_county

        with self.read() as conn:
            county = some_county(conn)
        if county:
            city = self.reference.city_of(county)
            if city is not None:
                return city.code
        return cities[0] if cities else None

    # -- names ---------------------------------------------------------------------------

    def county_name(self, code: str | None) -> str:
        if not code:
            return ""
        region = self.reference.regions.get(code)
        # Reference data is replaceable by the user: shown like any other stored text.
        return printable(region.name(language()) if region else code)

    def river_name(self, name: str | None) -> str:
        if not name:
            return ""
        river = self.reference.rivers.get(name)
        return printable(river.label(language()) if river else name)

    def counties(self, city_code: str | None = None) -> list[tuple[str, str]]:
        """(label, code) of every county, for a select."""
        return [(r.name(language()), r.code) for r in self.reference.counties(city_code)]

    def rivers(self, city_code: str | None = None) -> list[tuple[str, str]]:
        """(label, name) of the rivers, in the reader's order of their labels (pinyin in
        Chinese, the alphabet in English), as the register sorts them."""
        from inspector.i18n.collation import sort_key

        rivers = [
            (r.label(language()), r.name)
            for r in self.reference.rivers.values()
            if city_code is None or r.city_code == city_code
        ]
        return sorted(rivers, key=lambda river: sort_key(river[0]))


def context_of(node: DOMNode) -> UiContext:
    ctx: Any = getattr(node.app, "ctx", None)
    if not isinstance(ctx, UiContext):
        raise RuntimeError("the app has no UI context")
    return ctx
