"""The outfall's photos: the rows of the `photo` table linked to it, the selected one
beside the list (half-blocks, or true pixels where the terminal has a graphics
protocol), `enter` for the full view, and the sign board findings of its inspections.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from inspector.data.outfall_record import OutfallRecord
from inspector.domain.choices import PhotoKind
from inspector.i18n import language, t
from inspector.ui.text import label, local_time
from inspector.ui.widgets.outfall.base import OutfallTab
from inspector.ui.widgets.photos.preview import PhotoPreview
from inspector.ui.widgets.photos.proposals import cell, flags_text
from inspector.ui.widgets.table import Table


def size_text(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.0f} kB"


class PhotosTab(OutfallTab):
    def compose(self) -> ComposeResult:
        yield Static("", id="photos-summary", classes="hint", markup=False)
        with Horizontal(id="photos-tab-body"):
            table: DataTable[Any] = Table(id="photos-table", cursor_type="row", zebra_stripes=True)
            yield table
            yield PhotoPreview(id="photos-tab-preview")
        yield Static("", id="photos-findings", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, width in (
            ("tab.photos.taken", 16),
            ("tab.photos.kind", 10),
            ("tab.photos.file", 20),
            ("tab.photos.size", 7),
            ("tab.photos.distance", 8),
            ("tab.photos.flags", 12),
        ):
            table.add_column(t(key), width=width)

    def on_show(self) -> None:
        self._take_keys()

    def _take_keys(self) -> None:
        """Opening the tab puts the keys on the photos: arrows move, enter opens."""
        tabs = next((a for a in self.ancestors if isinstance(a, TabbedContent)), None)
        pane = next((a for a in self.ancestors if isinstance(a, TabPane)), None)
        if self.photos and tabs is not None and pane is not None and tabs.active == pane.id:
            self.query_one(DataTable).focus()

    @property
    def photos(self) -> list[dict[str, Any]]:
        return self.record.photos if self.record is not None else []

    @property
    def selected(self) -> dict[str, Any] | None:
        """The photo under the cursor (None: none listed)."""
        photos = self.photos
        row = self.query_one(DataTable).cursor_row
        return photos[row] if photos and 0 <= row < len(photos) else None

    def show(self, record: OutfallRecord) -> None:
        super().show(record)
        photos = record.photos
        summary = t("tab.photos.count", count=len(photos)) if photos else t("tab.photos.none")
        if photos:
            summary += t("ui.list_sep") + t("tab.photos.hint")
        self.query_one("#photos-summary", Static).update(summary)
        table = self.query_one(DataTable)
        table.clear()
        tz = self.ctx.tz
        for photo in photos:
            distance = photo.get("distance_m")
            table.add_row(
                cell(local_time(photo.get("taken_at"), tz)),
                cell(label(PhotoKind, photo.get("kind"))),
                cell(photo.get("original_name") or ""),
                cell(size_text(photo.get("size_bytes") or 0), justify="right"),
                cell("" if distance is None else f"{distance:.0f} m", justify="right"),
                cell(flags_text(photo.get("flags") or []), style="bold yellow"),
                key=photo["id"],
            )
        self.query_one("#photos-tab-body").display = bool(photos)
        self._take_keys()
        self._highlighted()
        self._findings()

    @on(DataTable.RowHighlighted, "#photos-table")
    def _highlighted(self) -> None:
        photos = self.photos
        row = self.query_one(DataTable).cursor_row
        preview = self.query_one(PhotoPreview)
        if photos and 0 <= row < len(photos):
            preview.show(photos[row]["id"])
        else:
            preview.show(None)

    @on(DataTable.RowSelected, "#photos-table")
    def _opened(self, event: DataTable.RowSelected) -> None:
        from inspector.ui.screens.photo_view import PhotoViewScreen, Shown

        event.stop()
        tz = self.ctx.tz
        code = self.record.outfall["code"] if self.record else ""
        shown = [
            Shown(
                p["id"],
                " · ".join(
                    part
                    for part in (
                        p.get("original_name") or "",
                        local_time(p.get("taken_at"), tz),
                        label(PhotoKind, p.get("kind")),
                        code,
                    )
                    if part
                ),
            )
            for p in self.photos
        ]
        self.app.push_screen(PhotoViewScreen(shown, index=event.cursor_row))

    @work(thread=True, exclusive=True, exit_on_error=False, group="findings")
    def _findings(self) -> None:
        from inspector.services.photos import signage

        with self.ctx.read() as conn:
            findings = signage.findings(conn, outfall_id=self.outfall_id)
        self.app.call_from_thread(self._show_findings, findings)

    def _show_findings(self, findings: list[Any]) -> None:
        text = Text()
        lang = language()
        if not findings:
            text.append(t("tab.photos.signage_none"), style="dim")
        else:
            text.append(t("tab.photos.signage"), style="bold")
            for finding in findings:
                text.append("\n")
                text.append(
                    t(
                        "tab.photos.finding",
                        date=local_time(finding.started_at, self.ctx.tz)[:10],
                        message=finding.message(lang),
                    )
                )
        self.query_one("#photos-findings", Static).update(text)
