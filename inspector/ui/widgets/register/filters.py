"""The register's search box, filters and sort order; each change is a new query."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Checkbox, Input, Select

from inspector.data.browse import SORTS, RegisterQuery
from inspector.domain.choices import Category, State
from inspector.i18n import language, t
from inspector.ui.context import context_of


def category_options() -> list[tuple[str, str]]:
    """The first two levels of the HJ 1312 tree; a branch includes what lies below it."""
    lang = language()
    return [
        (("  " if c.depth == 2 else "") + c.label(lang), c.value) for c in Category if c.depth <= 2
    ]


def sort_options() -> list[tuple[str, str]]:
    out = []
    for key in SORTS:
        name = t(f"reg.sort.{key}")
        out.append((f"{name} ↑", key))
        out.append((f"{name} ↓", "-" + key))
    return out


class RegisterFilters(Vertical):
    """Search text, county, river, category, state, overdue and order."""

    @dataclass
    class Changed(Message):
        query: RegisterQuery

    def __init__(self, query: RegisterQuery) -> None:
        super().__init__(id="register-filters")
        self._query = query

    def compose(self) -> ComposeResult:
        ctx = context_of(self)
        q = self._query
        city = ctx.city_code()
        with Horizontal(classes="filter-row"):
            yield Input(
                value=q.search,
                placeholder=t("reg.search.placeholder"),
                id="search",
                compact=True,
            )
            order = Select(
                sort_options(),
                value=("-" if q.descending else "") + q.sort,
                allow_blank=False,
                id="sort",
                compact=True,
            )
            order.tooltip = t("reg.sort.during_search")
            order.disabled = q.searching
            yield order
            yield Checkbox(t("reg.overdue"), q.overdue, id="overdue", compact=True)
        with Horizontal(classes="filter-row"):
            yield self._select("county", ctx.counties(city), q.county, "reg.all_counties")
            yield self._select("river", ctx.rivers(city), q.river, "reg.all_rivers")
            yield self._select("category", category_options(), q.category, "reg.all_categories")
            yield self._select(
                "state", [(s.label(language()), s.value) for s in State], q.state, "reg.all_states"
            )

    def _select(
        self, name: str, options: list[tuple[str, str]], value: str | None, prompt: str
    ) -> Select[str]:
        return Select(
            options,
            prompt=t(prompt),
            value=value if value is not None else Select.NULL,
            id=name,
            compact=True,
        )

    @property
    def query_(self) -> RegisterQuery:
        return self._query

    def _changed(self, **changes: Any) -> None:
        query = self._query.with_(**changes)
        if query != self._query:
            self._query = query
            self.post_message(self.Changed(query))

    @on(Input.Changed, "#search")
    def _search(self, event: Input.Changed) -> None:
        event.stop()
        self._changed(search=event.value)
        # Search results come in order of registration: the order chosen waits, greyed,
        # until the search is cleared, rather than naming an order that is not shown.
        self.query_one("#sort", Select).disabled = self._query.searching

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        event.stop()
        name = event.select.id or ""
        value = None if event.value is Select.NULL else str(event.value)
        if name == "sort":
            assert value is not None
            self._changed(sort=value.lstrip("-"), descending=value.startswith("-"))
        else:
            self._changed(**{name: value})

    @on(Checkbox.Changed, "#overdue")
    def _overdue(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._changed(overdue=event.value)

    def set_filter(self, **values: Any) -> None:
        """Set filters from outside (the command palette, a test), as a person would."""
        for name, value in values.items():
            if name == "search":
                self.query_one("#search", Input).value = value
            elif name == "overdue":
                self.query_one("#overdue", Checkbox).value = bool(value)
            else:
                widget = self.query_one(f"#{name}", Select)
                widget.value = value if value is not None else Select.NULL
