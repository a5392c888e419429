"""Photos: import a folder, review what matching proposes, see each photo.

The folder is typed at the top; the import runs in a thread worker (the service spreads
the files over worker processes) with a progress bar, and ends with its summary and one
line per file it could not take. Below, every pending proposal is one row: the photo,
the outfall and inspection proposed, the distance and the flags that ask for a second
look; beside it the selected photo and everything the row abbreviates. The inspector
accepts all, all unflagged, or one; chooses another outfall by its code; or sets a
proposal aside. Nothing is linked without a person's say.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, DataTable, Input, ProgressBar, Static

from inspector.i18n import Problem, t
from inspector.ui.screens.base import InspectorScreen
from inspector.ui.text import local_time
from inspector.ui.widgets.forms.path import PathBox, PathKind
from inspector.ui.widgets.keybar import KeyBar
from inspector.ui.widgets.navbar import NavBar
from inspector.ui.widgets.photos import proposals as rows
from inspector.ui.widgets.photos.preview import PhotoPreview
from inspector.ui.widgets.table import Table

#: Proposals listed at once; more wait until these are reviewed (a count says so).
LIST_LIMIT = 500


class PhotosScreen(InspectorScreen):
    CSS_PATH: ClassVar = "../styles/photos.tcss"
    SECTION: ClassVar[str | None] = "photos"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "folder", "key.photos_folder"),
        Binding("a", "accept_all", "key.photos_accept_all"),
        Binding("u", "accept_unflagged", "key.photos_accept_unflagged"),
        Binding("y", "accept_one", "key.photos_accept_one"),
        Binding("c", "change", "key.photos_change"),
        Binding("x", "reject", "key.photos_reject"),
        Binding("enter", "view", "key.photos_view", show=False),
        Binding("escape", "stop_import", "key.photos_stop"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.proposals: list[Any] = []
        self.counts: dict[str, int] = {}
        self._cancel: threading.Event | None = None
        self._started = False
        self._widths: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield NavBar(current="photos")
        with Horizontal(id="photos-import"):
            yield Static(t("photos.folder"), classes="photos-label")
            yield PathBox(
                kind=PathKind(folder=True, existing=True),
                input_id="photos-folder",
                placeholder=t("photos.folder.placeholder"),
            )
            yield Button(
                t("photos.import"), id="photos-import-button", variant="primary", compact=True
            )
        with Horizontal(id="photos-progress-row"):
            yield ProgressBar(total=100, show_eta=False, id="photos-progress")
            yield Static("", id="photos-progress-text", markup=False)
        with VerticalScroll(id="photos-report"):
            yield Static("", id="photos-report-text", markup=False)
        yield Static("", id="photos-review-head", classes="panel-title", markup=False)
        with Horizontal(id="photos-selected"):
            yield PhotoPreview(id="photos-preview")
            yield Static("", id="photos-detail", markup=False)
        table: DataTable[Any] = Table(id="photos-proposals", cursor_type="row", zebra_stripes=True)
        yield table
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.table
        self.query_one("#photos-progress-row").display = False
        self.query_one("#photos-report").display = False
        self.reload()
        table.focus()

    def on_screen_resume(self) -> None:
        # Back from another section: a bundle or the command line may have changed things.
        if self._started:
            self.reload()
        self._started = True

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one("#photos-proposals", DataTable)

    # -- the review list -------------------------------------------------------------------

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def _load(self) -> None:
        from inspector.services.photos import review

        db = self.ctx.db
        listed = review.list_proposals(db, limit=LIST_LIMIT)
        counts = review.count_proposals(db)
        self.app.call_from_thread(self._show, listed, counts)

    def _show(self, listed: list[Any], counts: dict[str, int]) -> None:
        table = self.table
        keep = self.selected.photo_id if self.selected else None
        at = table.cursor_row
        self.proposals = listed
        self.counts = counts
        table.clear()
        shown = self._fit_columns()
        tz = self.ctx.tz
        year = self.ctx.today().year
        for p in listed:
            cells = rows.row_cells(p, tz, year=year)
            table.add_row(
                *(c for c, show in zip(cells, shown, strict=True) if show), key=p.photo_id
            )
        ids = [p.photo_id for p in listed]
        if listed:
            table.move_cursor(row=ids.index(keep) if keep in ids else min(at, len(ids) - 1))
        self._head()
        self._selected()
        self.refresh_bindings()

    def _fit_columns(self) -> list[bool]:
        """The columns fitted to the table's width (again if it changed): which are shown."""
        table = self.table
        names = [cell_len(p.outfall_name or "") for p in self.proposals]
        flags = [cell_len(rows.flags_text(p.flags)) for p in self.proposals]
        fitted = rows.widths(
            table.size.width or self.app.size.width,
            name=max(names, default=0),
            flags=max(flags, default=0),
        )
        if fitted != self._widths:
            self._widths = fitted
            table.clear(columns=True)
            for key, width in fitted.items():
                if width:
                    table.add_column(t(key), width=width, key=key)
        return [bool(width) for width in fitted.values()]

    def on_resize(self) -> None:
        if self._widths:  # the list is there: fit it to its new width, once laid out
            self.call_after_refresh(self._show, self.proposals, self.counts)

    def _head(self) -> None:
        pending = self.counts.get("pending", 0)
        if not pending:
            text = t("photos.review.none")
        else:
            text = t(
                "photos.review.head",
                pending=pending,
                flagged=self.counts.get("flagged", 0),
            )
            if pending > len(self.proposals):
                text += t("photos.review.more", shown=len(self.proposals))
        self.query_one("#photos-review-head", Static).update(text)

    @property
    def selected(self) -> Any:
        row = self.table.cursor_row
        if self.proposals and 0 <= row < len(self.proposals):
            return self.proposals[row]
        return None

    @on(DataTable.RowHighlighted, "#photos-proposals")
    def _selected(self) -> None:
        p = self.selected
        preview = self.query_one(PhotoPreview)
        detail = self.query_one("#photos-detail", Static)
        if p is None:
            preview.show(None, empty=t("photos.preview.nothing"))
            detail.update("")
            return
        preview.show(p.photo_id)
        detail.update(rows.detail(p, self.ctx.tz))

    @on(DataTable.RowSelected, "#photos-proposals")
    def _opened(self) -> None:
        self.action_view()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "stop_import":
            return self._cancel is not None
        if action in ("accept_all", "accept_unflagged", "accept_one", "change", "reject", "view"):
            return bool(self.proposals) or None
        return True

    # -- reviewing -------------------------------------------------------------------------

    def action_accept_all(self) -> None:
        from inspector.ui.modals.confirm import ConfirmModal

        # Exactly the proposals on screen: an import still running may add more, unseen.
        shown = [p for p in self.proposals if p.outfall_id is not None]
        if not shown:
            self.notify(t("photos.accept_none"), severity="warning")
            return
        ids = [p.photo_id for p in shown]
        flagged = sum(1 for p in shown if p.flags)
        if not flagged:
            self._review("accept_all", photo_ids=ids)
            return

        def answered(yes: object) -> None:
            if yes:
                self._review("accept_all", photo_ids=ids)

        # Flags ask for a second look (far away, outside the inspection, a wrong clock):
        # accepting them unseen links evidence to the wrong outfall for good.
        self.app.push_screen(
            ConfirmModal(
                title=t("photos.accept_all.title"),
                body=t("photos.accept_all.body", count=len(shown), flagged=flagged),
                confirm=t("photos.accept_all.confirm", count=len(shown)),
                dialog_id="accept-all-dialog",
            ),
            answered,
        )

    def action_accept_unflagged(self) -> None:
        self._review("accept_unflagged")

    def action_accept_one(self) -> None:
        p = self.selected
        if p is None:
            return
        if p.outfall_id is None:
            self.notify(t("photos.accept_none"), severity="warning")
            return
        self._review("accept_one", p.photo_id)

    def action_reject(self) -> None:
        p = self.selected
        if p is not None:
            self._review("reject", p.photo_id)

    def action_change(self) -> None:
        from inspector.ui.modals.photos import ChangeOutfallModal

        p = self.selected
        if p is None:
            return

        def chosen(result: tuple[str, str] | None) -> None:
            if result is not None:
                self._review("change", p.photo_id, result[0])

        self.app.push_screen(
            ChangeOutfallModal(photo_name=p.original_name, current=p.outfall_code), chosen
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="review")
    def _review(
        self,
        what: str,
        photo_id: str | None = None,
        outfall_id: str | None = None,
        *,
        photo_ids: list[str] | None = None,
    ) -> None:
        from inspector.services.photos import review

        db = self.ctx.db
        try:
            if what == "accept_all" and photo_ids is not None:
                message = t("photos.accepted", count=review.accept(db, photo_ids))
            elif what == "accept_unflagged":
                message = t("photos.accepted", count=review.accept(db, unflagged_only=True))
            elif what == "accept_one" and photo_id is not None:
                done = review.accept_one(db, photo_id)
                message = t("photos.accepted", count=1) if done else t("photos.accept_none")
            elif what == "reject" and photo_id is not None:
                review.dismiss(db, [photo_id])
                message = t("photos.rejected")
            elif what == "change" and photo_id is not None and outfall_id is not None:
                inspection = review.inspection_for(db, photo_id, outfall_id)
                flags = review.change(db, photo_id, outfall_id=outfall_id, inspection_id=inspection)
                message = t("photos.changed")
                if flags:
                    message += t("photos.changed_flags", flags=rows.flags_text(flags))
            else:
                return
        except Problem as problem:
            self.app.call_from_thread(self.notify, str(problem), severity="error")
            return
        self.app.call_from_thread(self.notify, message)
        self.app.call_from_thread(self.reload)

    def action_view(self) -> None:
        from inspector.ui.screens.photo_view import PhotoViewScreen, Shown

        if not self.proposals:
            return
        tz = self.ctx.tz
        shown = [
            Shown(
                p.photo_id,
                " · ".join(
                    part
                    for part in (
                        p.original_name,
                        local_time(p.taken_at, tz),
                        f"{p.outfall_code or ''} {p.outfall_name or ''}".strip(),
                    )
                    if part
                ),
            )
            for p in self.proposals
        ]
        self.app.push_screen(PhotoViewScreen(shown, index=self.table.cursor_row))

    # -- importing -------------------------------------------------------------------------

    def action_folder(self) -> None:
        self.query_one("#photos-folder", Input).focus()

    @on(Input.Submitted, "#photos-folder")
    @on(Button.Pressed, "#photos-import-button")
    def _import_asked(self) -> None:
        if self._cancel is not None:
            return  # one import at a time
        text = self.query_one("#photos-folder", Input).value.strip()
        if not text:
            self._report(t("photos.folder.empty"), error=True)
            return
        folder = Path(text).expanduser()
        if not folder.is_dir():
            self._report(t("photos.no_folder", path=text), error=True)
            return
        self._cancel = threading.Event()
        self.query_one("#photos-progress-row").display = True
        self.query_one("#photos-progress", ProgressBar).update(progress=0)
        self.query_one("#photos-progress-text", Static).update(
            t("progress.photos", name=folder.name or str(folder))
        )
        self.query_one("#photos-import-button", Button).disabled = True
        self.refresh_bindings()
        self._import(folder, self._cancel)

    def action_stop_import(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.query_one("#photos-progress-text", Static).update(t("photos.stopping"))

    @work(thread=True, exclusive=True, exit_on_error=False, group="import")
    def _import(self, folder: Path, cancel: threading.Event) -> None:
        from inspector.services.photos.importer import import_folder

        bar = self.query_one("#photos-progress", ProgressBar)
        _start_resource_tracker()

        def progress(fraction: float) -> None:
            self.app.call_from_thread(bar.update, progress=round(fraction * 100, 1))

        try:
            report = import_folder(self.ctx.db, folder, progress=progress, cancel=cancel)
        except Problem as problem:
            self.app.call_from_thread(self._imported, None, str(problem))
            return
        except Exception:
            self.app.call_from_thread(self._imported, None, None)
            raise  # the app says what went wrong
        self.app.call_from_thread(self._imported, report, None)

    def _imported(self, report: Any, error: str | None) -> None:
        self._cancel = None
        self.query_one("#photos-progress-row").display = False
        self.query_one("#photos-import-button", Button).disabled = False
        self.refresh_bindings()
        if report is None:
            if error:
                self._report(error, error=True)
            return
        self._report(summary(report))
        self.reload()
        self.table.focus()

    def _report(self, text: str | Text, *, error: bool = False) -> None:
        box = self.query_one("#photos-report")
        box.display = True
        box.set_class(error, "-error")
        self.query_one("#photos-report-text", Static).update(text)


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with the real standard error.

    The import's worker processes need it, and it starts by passing `sys.stderr`'s file
    descriptor to a new process; while Textual runs, `sys.stderr` is its print capture,
    whose descriptor is not a real one, and the start fails ("bad value(s) in
    fds_to_keep"). Started once here, every later pool finds it running.
    """
    import sys
    from multiprocessing import resource_tracker

    real = sys.__stderr__
    if real is None:
        return
    captured, sys.stderr = sys.stderr, real
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = captured


def summary(report: Any) -> Text:
    """What an import did, and one line per file it could not take."""
    text = Text()
    text.append(
        t(
            "photos.summary",
            folder=Path(report.folder).name or report.folder,
            found=report.found,
            imported=report.imported,
            known=report.known,
            bad=len(report.bad),
        )
    )
    if report.restored:
        text.append("\n" + t("photos.summary_restored", count=report.restored))
    if report.proposed or report.unmatched:
        text.append(
            "\n"
            + t(
                "photos.ui.summary_matching",
                proposed=report.proposed,
                unmatched=report.unmatched,
                pending=report.pending_review,
            )
        )
    if report.cancelled:
        text.append("\n" + t("photos.summary_cancelled"), style="bold yellow")
    if report.bad:
        text.append("\n" + t("photos.bad_heading"), style="bold")
        for bad in report.bad:
            text.append("\n" + bad.message(), style="red")
    return text
