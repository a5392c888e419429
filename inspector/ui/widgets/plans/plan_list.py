"""The plans tab: every self-inspection plan with its counts, and the items of the one
highlighted, with inspectors, due dates and state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from inspector.i18n import language, t
from inspector.ui.context import context_of
from inspector.ui.text import fit, local_time
from inspector.ui.widgets.table import Table

if TYPE_CHECKING:
    from inspector.services.plans import ItemView, PlanSummary


NAME_WIDTH = 40
"""Cells of an outfall's name in the items table at least (long names end in an ellipsis)."""
NAME = 3
"""The names' place among the items table's columns."""


class PlansTab(Vertical):
    """`plans` and `items` hold what is shown, in table order."""

    @dataclass
    class OpenOutfall(Message):
        outfall_id: str

    DEFAULT_CLASSES: ClassVar[str] = "plans-tab"

    def __init__(self) -> None:
        super().__init__(id="plans-tab")
        self.plans: list[PlanSummary] = []
        self.items: list[ItemView] = []
        self._plan_id: str | None = None

    def compose(self) -> ComposeResult:
        yield Table(id="plan-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="plan-heading", classes="panel-title", markup=False)
        yield Table(id="item-table", cursor_type="row", zebra_stripes=True)
        yield Static(t("pui.plans.hint"), classes="hint")

    def on_mount(self) -> None:
        plans = self.query_one("#plan-table", DataTable)
        for key in ("year", "county", "method", "items", "done", "overdue", "share", "published"):
            plans.add_column(t(f"plan.col.{key}"), key=key)
        self._item_columns()

    def _item_columns(self) -> None:
        # Made again for each plan: columns sized by another plan's names would not shrink.
        items = self.query_one("#item-table", DataTable)
        items.clear(columns=True)
        for key in ("no", "due", "code", "name", "inspectors", "state", "inspected_on"):
            label = t("pui.col.state") if key == "state" else t(f"plan.col.{key}")
            items.add_column(label, key=key)

    # -- loading ---------------------------------------------------------------------------

    def reload(self, *, select: str | None = None) -> None:
        if select is not None:
            # Kept now: a reload asked for before this one lands must not undo the choice.
            self._plan_id = select
        self._load_plans(self._plan_id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="plans")
    def _load_plans(self, select: str | None) -> None:
        from inspector.services.plans import list_plans

        ctx = context_of(self)
        with ctx.read() as conn:
            plans = list_plans(conn, today=ctx.today())
        self.app.call_from_thread(self._show_plans, plans, select)

    def _show_plans(self, plans: list[PlanSummary], select: str | None) -> None:
        from inspector.domain.choices import PlanMethod

        lang = language()
        self.plans = plans
        table = self.query_one("#plan-table", DataTable)
        table.clear()
        for p in plans:
            table.add_row(
                str(p.year),
                p.county_name,
                PlanMethod.of(p.method).label(lang),
                Text(str(p.items), justify="right"),
                Text(str(p.done), justify="right"),
                Text(str(p.overdue), justify="right", style="bold red" if p.overdue else ""),
                Text(f"{p.fulfilled_share:.0%}", justify="right"),
                local_time(p.published_at, context_of(self).tz)[:10],
                key=p.id,
            )
        if not plans:
            self.query_one("#plan-heading", Static).update(t("pui.plans.none"))
            self.query_one("#item-table", DataTable).clear()
            self.items = []
            return
        ids = [p.id for p in plans]
        row = ids.index(select) if select in ids else 0
        table.move_cursor(row=row)
        self._select(plans[row])

    @on(DataTable.RowHighlighted, "#plan-table")
    def _plan_highlighted(self, event: DataTable.RowHighlighted) -> None:
        # Where the cursor is now: a refill posts highlights of rows it has since left.
        row = event.data_table.cursor_row
        if 0 <= row < len(self.plans) and self.plans[row].id != self._plan_id:
            self._select(self.plans[row])

    def _select(self, plan: PlanSummary) -> None:
        from inspector.domain.choices import PlanMethod

        self._plan_id = plan.id
        self.query_one("#plan-heading", Static).update(
            t(
                "pui.plans.items_of",
                year=plan.year,
                county=plan.county_name,
                method=PlanMethod.of(plan.method).label(language()),
                done=plan.done,
                items=plan.items,
                overdue=plan.overdue,
                cancelled=plan.cancelled,
                seed=plan.seed or "—",
            )
        )
        self._load_items(plan.id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="items")
    def _load_items(self, plan_id: str) -> None:
        from inspector.services.plans import plan_items

        ctx = context_of(self)
        with ctx.read() as conn:
            items = plan_items(conn, plan_id, today=ctx.today())
        self.app.call_from_thread(self._show_items, plan_id, items)

    def _show_items(self, plan_id: str, items: list[ItemView]) -> None:
        from inspector.domain.choices import PlanItemStatus

        if plan_id != self._plan_id:
            return  # another plan was highlighted meanwhile
        lang = language()
        self.items = items
        table = self.query_one("#item-table", DataTable)
        cursor = table.cursor_row
        self._item_columns()
        rows: list[list[str | Text]] = []
        for n, item in enumerate(items, start=1):
            if item.overdue:
                state = Text(t("pui.state.overdue"), style="bold red")
            elif item.status == "done":
                state = Text(PlanItemStatus.of(item.status).label(lang), style="green")
            elif item.status == "cancelled":
                state = Text(PlanItemStatus.of(item.status).label(lang), style="dim")
            else:
                state = Text(PlanItemStatus.of(item.status).label(lang))
            rows.append(
                [
                    Text(str(n), justify="right"),
                    item.due_date.isoformat() if item.due_date else "",
                    item.code,
                    item.name,
                    f"{item.inspector_a or ''}、{item.inspector_b or ''}",
                    state,
                    item.inspected_on.isoformat() if item.inspected_on else "",
                ]
            )
        width = self._name_width(table, rows)
        for row, item in zip(rows, items, strict=True):
            row[NAME] = fit(item.name, width)
            table.add_row(*row, key=item.id)
        if items:
            table.move_cursor(row=min(max(cursor, 0), len(items) - 1))

    @staticmethod
    def _name_width(table: DataTable[object], rows: list[list[str | Text]]) -> int:
        """The names' width: NAME_WIDTH, or what a wider table leaves beside the other
        columns (at 200 columns names were cut at 40 cells beside 80 empty ones), never
        more than the longest name needs."""
        if not rows:
            return NAME_WIDTH
        others = sum(
            max(cell_len(str(column.label)), *(cell_len(str(row[i])) for row in rows))
            for i, column in enumerate(table.ordered_columns)
            if i != NAME
        )
        # Two cells of padding a column, two for the scroll bar.
        room = (table.size.width or table.app.size.width) - others - 2 * len(rows[0]) - 2
        longest = max(cell_len(str(row[NAME])) for row in rows)
        return max(NAME_WIDTH, min(room, longest))

    def on_resize(self) -> None:
        if self._plan_id is not None and self.items:
            self._load_items(self._plan_id)

    @on(DataTable.RowSelected, "#item-table")
    def _item_selected(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self.items):
            self.post_message(self.OpenOutfall(self.items[event.cursor_row].outfall_id))

    # -- what is selected ------------------------------------------------------------------

    @property
    def plan_id(self) -> str | None:
        return self._plan_id

    @property
    def item(self) -> ItemView | None:
        table = self.query_one("#item-table", DataTable)
        if not self.items or not 0 <= table.cursor_row < len(self.items):
            return None
        return self.items[table.cursor_row]
