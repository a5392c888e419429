"""The outfall's photos: the rows of the `photo` table linked to it.

The photos area adds thumbnails and previews here; keep this tab in its own module.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from inspector.domain.choices import PhotoKind
from inspector.i18n import has, t
from inspector.ui.text import label, local_time
from inspector.ui.widgets.outfall.base import OutfallTab
from inspector.ui.widgets.outfall.record import OutfallRecord


class PhotosTab(OutfallTab):
    def compose(self) -> ComposeResult:
        yield Static("", id="photos-summary", classes="hint", markup=False)
        table: DataTable[str] = DataTable(id="photos-table", cursor_type="row", zebra_stripes=True)
        yield table

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, width in (
            ("tab.photos.taken", 16),
            ("tab.photos.kind", 12),
            ("tab.photos.file", 28),
            ("tab.photos.size", 10),
            ("tab.photos.distance", 10),
            ("tab.photos.flags", 24),
        ):
            table.add_column(t(key), width=width)

    def show(self, record: OutfallRecord) -> None:
        super().show(record)
        photos = record.photos
        self.query_one("#photos-summary", Static).update(
            t("tab.photos.count", count=len(photos)) if photos else t("tab.photos.none")
        )
        table = self.query_one(DataTable)
        table.clear()
        tz = self.ctx.tz
        for photo in photos:
            size = photo.get("size_bytes") or 0
            distance = photo.get("distance_m")
            table.add_row(
                local_time(photo.get("taken_at"), tz),
                label(PhotoKind, photo.get("kind")),
                photo.get("original_name") or "",
                f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.0f} kB",
                "" if distance is None else f"{distance:.0f} m",
                "、".join(t(f"tab.photos.flag.{f}") if f else "" for f in photo.get("flags") or []),
                key=photo["id"],
            )


def _flag(flag: str) -> str:
    """A photo flag in words when a catalog names it, else as stored."""
    for key in (f"photos.flag.{flag}", f"tab.photos.flag.{flag}"):
        if has(key):
            return t(key)
    return flag
