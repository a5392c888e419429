"""Who answers for the outfall now, on what basis, and everyone who did before."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Static

from inspector.data.outfall_record import OutfallRecord
from inspector.domain.choices import AssignmentBasis, AssignmentRole, OwnerKind
from inspector.domain.printable import printable
from inspector.i18n import t
from inspector.ui.text import label
from inspector.ui.widgets.forms.fields import field_label
from inspector.ui.widgets.infotable import facts
from inspector.ui.widgets.outfall.base import OutfallTab
from inspector.ui.widgets.table import Table


class OwnerTab(OutfallTab):
    def compose(self) -> ComposeResult:
        yield Static(t("owner.current"), classes="section-title")
        yield Static(id="owner-current")
        with Horizontal(classes="tab-buttons"):
            yield Button(t("owner.assign") + " (A)", id="owner-assign", variant="primary")
            yield Button(t("owner.backstop") + " (G)", id="owner-backstop")
        yield Static(t("owner.history"), classes="section-title")
        table: DataTable[str] = Table(id="owner-history", cursor_type="row", zebra_stripes=True)
        yield table

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, width in (
            ("owner_assignment.owner_id", 30),
            ("owner_assignment.role", 12),
            ("owner_assignment.basis", 12),
            ("owner_assignment.valid_from", 10),
            ("owner_assignment.valid_until", 10),
            ("owner_assignment.evidence", 30),
        ):
            entity, name = key.split(".")
            table.add_column(field_label(entity, name), width=width)

    def show(self, record: OutfallRecord) -> None:
        super().show(record)
        owner = record.owner
        current = self.query_one("#owner-current", Static)
        if owner is None:
            current.update(t("owner.none"))
        else:
            current.update(
                facts(
                    [
                        (field_label("owner", "name"), owner["name"]),
                        (field_label("owner", "credit_code"), owner.get("credit_code")),
                        (field_label("owner", "kind"), label(OwnerKind, owner.get("kind"))),
                        (field_label("owner", "industry"), owner.get("industry")),
                        (field_label("owner", "address"), owner.get("address")),
                        (field_label("owner", "contact"), owner.get("contact")),
                        (field_label("owner", "phone"), owner.get("phone")),
                        (field_label("owner", "permit_no"), owner.get("permit_no")),
                        (
                            field_label("owner_assignment", "basis"),
                            label(AssignmentBasis, owner.get("basis")),
                        ),
                        (field_label("owner_assignment", "evidence"), owner.get("evidence")),
                        (field_label("owner_assignment", "valid_from"), owner.get("valid_from")),
                    ]
                )
            )
        table = self.query_one(DataTable)
        table.clear()
        for a in record.assignments:
            table.add_row(
                printable(a["owner_name"]),
                label(AssignmentRole, a.get("role")),
                label(AssignmentBasis, a.get("basis")),
                a.get("valid_from") or "",
                a.get("valid_until") or "",
                printable(a.get("evidence") or ""),
                key=a["id"],
            )

    @on(Button.Pressed, "#owner-assign")
    async def _assign(self) -> None:
        await self.screen.run_action("assign_owner")

    @on(Button.Pressed, "#owner-backstop")
    async def _backstop(self) -> None:
        await self.screen.run_action("backstop")
