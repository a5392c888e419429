"""What every tab of the outfall screen shares."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.containers import VerticalScroll

from inspector.ui.context import UiContext, context_of

if TYPE_CHECKING:
    from inspector.data.outfall_record import OutfallRecord


class OutfallTab(VerticalScroll):
    """A tab that shows part of an `OutfallRecord`; `show` is called on every reload."""

    def __init__(self, outfall_id: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="outfall-tab")
        self.outfall_id = outfall_id
        self.record: OutfallRecord | None = None

    @property
    def ctx(self) -> UiContext:
        return context_of(self)

    def show(self, record: OutfallRecord) -> Any:
        """Show `record`; returns what is being mounted, if anything (to be awaited)."""
        self.record = record
        return None
