"""Conflicts (f7): concurrent edits the merge rule settled, for a person to confirm or
reverse; and outfalls registered twice, for a person to merge.

The upper list is the open conflicts (record, field, both values with where each came
from); the lines under it say who entered each value and when. `k` confirms the current
value, `r` takes the other one; either is recorded as an operation and syncs, and closes
every open conflict on the same field. The lower list is the possible duplicates: `m`
merges the pair into the one registered first, `x` says they are two outfalls. Each
decision is asked once more in a dialog that shows what will happen.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from inspector.domain.printable import printable
from inspector.i18n import Problem, t
from inspector.ui.screens.base import InspectorScreen
from inspector.ui.text import display_value, fit, local_time
from inspector.ui.widgets.keybar import KeyBar
from inspector.ui.widgets.navbar import NavBar
from inspector.ui.widgets.table import Table


def widths(screen: int) -> dict[str, int]:
    """Column widths for a screen `screen` cells wide: at 120 columns the record, the
    field ("Discharge pattern") and both values fit; wider screens show more of each
    value instead of empty space, narrower ones cut values first."""
    room = max(screen - 12, 60)  # cell padding, scrollbar and border
    field = min(18, max(10, room // 6))
    record = min(48, max(24, room * 3 // 10))
    value = max(14, (room - record - field) // 2)
    pair = max(24, (room - 28) // 2)
    return {"record": record, "field": field, "value": value, "reason": 28, "outfall": pair}


def _value(entity: str, field: str, value: Any) -> str:
    return display_value(entity, field, value) or t("conf.empty")


def _pair_in_order(pair: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The pair with the outfall registered first on the left (the one a merge keeps)."""
    a, b = pair.outfalls
    if a.get("registered_hlc", 0) <= b.get("registered_hlc", 0):
        return a, b
    return b, a


def _outfall(summary: dict[str, Any]) -> str:
    return printable(
        t(
            "dup.outfall",
            code=summary.get("code") or summary["id"][:8],
            name=summary.get("name") or "",
            origin=summary.get("registered_on", ""),
        )
    )


class ConflictsScreen(InspectorScreen):
    CSS_PATH: ClassVar = "../styles/sync.tcss"
    SECTION: ClassVar[str | None] = "conflicts"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "keep", "key.keep"),
        Binding("r", "reverse", "key.reverse"),
        Binding("m", "merge", "key.merge"),
        Binding("x", "dismiss_pair", "key.dismiss"),
        Binding("ctrl+r", "reload", "key.reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.conflicts: dict[str, Any] = {}
        self.duplicates: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        yield NavBar(current="conflicts")
        yield Static(t("conf.title", count="…"), id="conflict-title", classes="section-title")
        yield Table(id="conflict-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="conflict-detail", markup=False)
        yield Static(t("conf.hint"), classes="hint")
        yield Static(t("dup.title", count="…"), id="duplicate-title", classes="section-title")
        yield Table(id="duplicate-table", cursor_type="row", zebra_stripes=True)
        yield Static(t("dup.hint"), classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self._w = widths(self.app.size.width)
        self._columns()
        self.query_one("#conflict-table", DataTable).focus()

    def on_resize(self) -> None:
        w = widths(self.app.size.width)
        if self.is_mounted and w != self._w:
            self._w = w
            self._columns()
            self.action_reload()

    def _columns(self) -> None:
        w = self._w
        table = self.query_one("#conflict-table", DataTable)
        table.clear(columns=True)
        table.add_column(t("conf.col.record"), width=w["record"])
        table.add_column(t("conf.col.field"), width=w["field"])
        table.add_column(t("conf.col.current"), width=w["value"])
        table.add_column(t("conf.col.other"), width=w["value"])
        pairs = self.query_one("#duplicate-table", DataTable)
        pairs.clear(columns=True)
        pairs.add_column(t("dup.col.reason"), width=w["reason"])
        pairs.add_column(t("dup.col.a"), width=w["outfall"])
        pairs.add_column(t("dup.col.b"), width=w["outfall"])

    def on_screen_resume(self) -> None:
        self.action_reload()

    # -- loading ---------------------------------------------------------------------------

    def action_reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="conflicts-load")
    def _load(self) -> None:
        from inspector.services.sync.conflicts import list_conflicts
        from inspector.services.sync.duplicates import list_duplicates

        conflicts = list_conflicts(self.ctx.db)
        duplicates = list_duplicates(self.ctx.db)
        self.app.call_from_thread(self._show, conflicts, duplicates)

    def _show(self, conflicts: list[Any], duplicates: list[Any]) -> None:
        # Newest bundle first; within one, a record's fields together.
        conflicts = sorted(conflicts, key=lambda c: (c.record, c.field_label))
        conflicts.sort(key=lambda c: c.detected_at, reverse=True)
        self.conflicts = {c.id: c for c in conflicts}
        self.duplicates = {d.id: d for d in duplicates}
        w = self._w
        self.query_one("#conflict-title", Static).update(t("conf.title", count=len(conflicts)))
        table = self.query_one("#conflict-table", DataTable)
        row = table.cursor_row
        table.clear()
        for c in conflicts:
            current = t(
                "conf.value_from",
                value=_value(c.entity, c.field, c.current_value),
                origin=printable(c.current_origin),
            )
            other = t(
                "conf.value_from",
                value=_value(c.entity, c.field, c.other_value),
                origin=printable(c.other_origin),
            )
            table.add_row(
                fit(c.record, w["record"]),
                fit(c.field_label, w["field"]),
                fit(current, w["value"]),
                fit(other, w["value"]),
                key=c.id,
            )
        if conflicts:
            table.move_cursor(row=min(row, len(conflicts) - 1))
        self._detail()
        self.query_one("#duplicate-title", Static).update(t("dup.title", count=len(duplicates)))
        pairs = self.query_one("#duplicate-table", DataTable)
        pairs.clear()
        for d in duplicates:
            first, later = _pair_in_order(d)
            reason = d.reason_label
            if d.reason == "nearby" and d.distance_m is not None:
                reason = t("dup.nearby", metres=f"{d.distance_m:.0f}")
            pairs.add_row(
                fit(reason, w["reason"]),
                fit(_outfall(first), w["outfall"]),
                fit(_outfall(later), w["outfall"]),
                key=d.id,
            )
        if not duplicates:
            pairs.add_row(t("duplicate.none"), "", "")
        if not conflicts:
            table.add_row(t("conflict.none"), "", "", "")

    @on(DataTable.RowHighlighted, "#conflict-table")
    def _detail(self) -> None:
        detail = self.query_one("#conflict-detail", Static)
        c = self.selected_conflict(quiet=True)
        if c is None:
            detail.update("")
            return
        tz = self.ctx.tz
        detail.update(
            "\n".join(
                [
                    printable(c.record) + " · " + c.field_label,
                    t(
                        "conf.current",
                        value=_value(c.entity, c.field, c.current_value),
                        origin=printable(c.current_origin),
                        actor=printable(c.current_actor or "—"),
                        at=local_time(c.current_at, tz),
                    ),
                    t(
                        "conf.other",
                        value=_value(c.entity, c.field, c.other_value),
                        origin=printable(c.other_origin),
                        actor=printable(c.other_actor or "—"),
                        at=local_time(c.other_at, tz),
                    ),
                ]
            )
        )

    # -- selection -------------------------------------------------------------------------

    def _selected(self, table_id: str, items: dict[str, Any]) -> Any:
        table = self.query_one(table_id, DataTable)
        if not items or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return items.get(key or "")

    def selected_conflict(self, *, quiet: bool = False) -> Any:
        c = self._selected("#conflict-table", self.conflicts)
        if c is None and not quiet:
            self.notify(t("conf.nothing_selected"), severity="warning")
        return c

    def selected_pair(self) -> Any:
        d = self._selected("#duplicate-table", self.duplicates)
        if d is None:
            self.notify(t("dup.nothing_selected"), severity="warning")
        return d

    # -- conflicts -------------------------------------------------------------------------

    def action_keep(self) -> None:
        self._ask_resolve("keep")

    def action_reverse(self) -> None:
        self._ask_resolve("reverse")

    def _ask_resolve(self, decision: str) -> None:
        from inspector.ui.modals.confirm import ConfirmModal

        c = self.selected_conflict()
        if c is None:
            return
        body = t(
            f"conf.{decision}.intro",
            record=printable(c.record),
            field=c.field_label,
            value=_value(c.entity, c.field, c.current_value),
            origin=printable(c.current_origin),
            other=_value(c.entity, c.field, c.other_value),
            other_origin=printable(c.other_origin),
        )

        def answered(note: Any) -> None:
            if note is not None:
                self._resolve(c.id, decision, note or None)

        self.app.push_screen(
            ConfirmModal(
                title=t(f"conf.{decision}.title"),
                body=body,
                confirm=t(f"key.{decision}"),
                note=True,
                dialog_id="resolve-dialog",
            ),
            answered,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="conflicts-write")
    def _resolve(self, conflict_id: str, decision: str, note: str | None) -> None:
        from inspector.services.sync.conflicts import resolve_conflict

        try:
            outcome = resolve_conflict(self.ctx.db, conflict_id, decision=decision, note=note)
        except Problem as problem:
            self.app.call_from_thread(self.notify, str(problem), severity="error")
        else:
            message = t(f"conflict.resolved.{decision}", count=len(outcome.closed))
            self.app.call_from_thread(self.notify, message)
        self.app.call_from_thread(self.action_reload)

    # -- duplicates ------------------------------------------------------------------------

    def action_merge(self) -> None:
        from inspector.ui.modals.confirm import ConfirmModal

        pair = self.selected_pair()
        if pair is None:
            return
        first, later = _pair_in_order(pair)
        kept, merged = _outfall(first), _outfall(later)

        def answered(note: Any) -> None:
            if note is not None:
                self._merge(pair.id, first["id"], note or None, first, later)

        self.app.push_screen(
            ConfirmModal(
                title=t("dup.merge.title"),
                body=t("dup.merge.intro", kept=kept, merged=merged),
                confirm=t("key.merge"),
                note=True,
                dialog_id="merge-dialog",
            ),
            answered,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="conflicts-write")
    def _merge(
        self,
        pair_id: str,
        keep: str,
        note: str | None,
        kept: dict[str, Any],
        merged: dict[str, Any],
    ) -> None:
        from inspector.services.sync.duplicates import merge_duplicate

        try:
            merge_duplicate(self.ctx.db, pair_id, keep=keep, note=note)
        except Problem as problem:
            self.app.call_from_thread(self.notify, str(problem), severity="error")
        else:
            message = t("dup.merged", kept=kept.get("code"), merged=merged.get("code"))
            self.app.call_from_thread(self.notify, message)
        self.app.call_from_thread(self.action_reload)

    def action_dismiss_pair(self) -> None:
        from inspector.ui.modals.confirm import ConfirmModal

        pair = self.selected_pair()
        if pair is None:
            return
        first, later = _pair_in_order(pair)

        def answered(yes: Any) -> None:
            if yes:
                self._dismiss(pair.id, first.get("code"), later.get("code"))

        self.app.push_screen(
            ConfirmModal(
                title=t("dup.dismiss.title"),
                body=t("dup.dismiss.intro", a=_outfall(first), b=_outfall(later)),
                confirm=t("key.dismiss"),
                dialog_id="dismiss-dialog",
            ),
            answered,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="conflicts-write")
    def _dismiss(self, pair_id: str, a: str | None, b: str | None) -> None:
        from inspector.services.sync.duplicates import dismiss_duplicate

        try:
            dismiss_duplicate(self.ctx.db, pair_id)
        except Problem as problem:
            self.app.call_from_thread(self.notify, str(problem), severity="error")
        else:
            self.app.call_from_thread(self.notify, t("dup.dismissed", a=a, b=b))
        self.app.call_from_thread(self.action_reload)
