"""Sync (f6): export a bundle, import one after a preview, the bundles sent and received,
and this replica's records not yet safely at the centre.

Importing is three steps, each in a thread worker with the progress bar: the bundle is
checked completely (structure, signature, every hash) and its standing here read (the
source's trust, prerequisites, already imported); on first contact with a key, a dialog
shows the fingerprint and asks whether to trust it; the whole merge is then done and
rolled back to preview what would change, and only when the person confirms the preview
is the bundle imported, all of it or nothing. A refused bundle is one sentence naming the
file and the reason, under the import field; nothing is changed.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, DataTable, Input, Label, ProgressBar, Select, Static

from inspector.domain.choices import ReplicaRole
from inspector.domain.printable import printable
from inspector.i18n import Problem, t
from inspector.ui.screens.base import InspectorScreen
from inspector.ui.text import display_value, fit, label, local_time
from inspector.ui.widgets.forms.path import PathBox, PathKind
from inspector.ui.widgets.keybar import KeyBar
from inspector.ui.widgets.navbar import NavBar
from inspector.ui.widgets.table import Table

if TYPE_CHECKING:
    from inspector.services.sync.exchange import BundleCheck
    from inspector.services.sync.overview import CentreStatus, ImportSummary

BUNDLE = PathKind(suffixes=(".bundle",))
BUNDLE_IN = PathKind(suffixes=(".bundle",), existing=True)
DEFAULT = "default"
EVERYTHING = "everything"
HISTORY_SHOWN = 100


class _Ticker:
    """A worker's progress callback that repaints the bar at most once a percent."""

    def __init__(self, screen: SyncScreen) -> None:
        self.screen = screen
        self.last = -1

    def __call__(self, fraction: float) -> None:
        percent = int(max(0.0, min(1.0, fraction)) * 100)
        if percent != self.last:
            self.last = percent
            self.screen.app.call_from_thread(self.screen.show_progress, percent)


class SyncScreen(InspectorScreen):
    CSS_PATH: ClassVar = "../styles/sync.tcss"
    SECTION: ClassVar[str | None] = "sync"
    BINDINGS: ClassVar[list[BindingType]] = [
        # (The path boxes do not take these keys: they work while a path is typed.)
        Binding("ctrl+t", "export", "key.export_bundle"),
        Binding("ctrl+o", "import_bundle", "key.import_bundle"),
        Binding("ctrl+r", "reload", "key.reload"),
        Binding("ctrl+y", "revoke", "key.revoke_replica"),
        Binding("escape", "stop", "key.stop_sync"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.busy = False
        self.cancel = threading.Event()
        self._had_central = False

    def compose(self) -> ComposeResult:
        yield NavBar(current="sync")
        with VerticalScroll(id="sync-body"):
            yield Static(id="sync-replica", markup=False)
            yield Static(t("syncui.export"), classes="section-title")
            with Horizontal(classes="field-row"):
                yield Label(t("syncui.file"), classes="sync-label")
                yield PathBox(
                    kind=BUNDLE, input_id="export-path", placeholder="/media/usb/….bundle"
                )
            # Whom for, on a row of its own: the path keeps the width a path needs.
            with Horizontal(classes="field-row"):
                yield Label(t("syncui.to"), classes="sync-label")
                # Filled with the known replicas once they are read.
                yield Select[str](
                    [(t("syncui.to.everything"), EVERYTHING)],
                    id="export-to",
                    allow_blank=False,
                    compact=True,
                )
                yield Button(t("syncui.export.button"), id="export-go", compact=True)
            yield Static(t("syncui.export.hint"), classes="hint")
            yield Static(t("syncui.import"), classes="section-title")
            with Horizontal(classes="field-row"):
                yield Label(t("syncui.file"), classes="sync-label")
                yield PathBox(
                    kind=BUNDLE_IN, input_id="import-path", placeholder="/media/usb/….bundle"
                )
                yield Button(t("syncui.import.button"), id="import-go", compact=True)
            yield Static(t("syncui.import.hint"), classes="hint")
            with Horizontal(id="sync-progress-row"):
                yield Static("", id="sync-step", markup=False)
                yield ProgressBar(total=100, show_eta=False, id="sync-progress")
            yield Static("", id="sync-message", markup=False)
            yield Static(t("syncui.replicas"), classes="section-title")
            yield Table(id="sync-replicas", cursor_type="row", zebra_stripes=True)
            with Horizontal(classes="field-row"):
                yield Button(t("syncui.revoke.button"), id="revoke-go", compact=True)
            yield Static(t("syncui.revoke.hint"), classes="hint")
            yield Static(t("syncui.history"), classes="section-title")
            yield Table(id="sync-history", cursor_type="row", zebra_stripes=True)
            yield Static(t("syncui.pending"), classes="section-title")
            yield Static("", id="pending-summary", markup=False)
            yield Table(id="sync-pending", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        history = self.query_one("#sync-history", DataTable)
        for key, width in (
            ("syncui.col.when", 16),
            ("syncui.col.direction", 9),
            ("syncui.col.file", 28),
            ("syncui.col.peer", 24),
            ("syncui.col.changes", 8),
            ("syncui.col.photos", 6),
            ("syncui.col.conflicts", 9),
        ):
            history.add_column(t(key), width=width)
        replicas = self.query_one("#sync-replicas", DataTable)
        for key, width in (
            ("syncui.col.peer", 28),
            ("syncui.col.role", 14),
            ("syncui.col.trust", 72),
        ):
            replicas.add_column(t(key), width=width)
        pending = self.query_one("#sync-pending", DataTable)
        pending.add_column(t("syncui.col.record"), width=70)
        pending.add_column(t("syncui.col.edits"), width=20)
        self.query_one("#sync-progress-row").display = False
        self.query_one("#sync-message").display = False
        self.query_one("#export-path", Input).focus()

    def on_screen_resume(self) -> None:
        self.action_reload()

    # -- what is shown ---------------------------------------------------------------------

    def action_reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="sync-load")
    def _load(self) -> None:
        from inspector.services.sync.exchange import bundle_history, sync_status
        from inspector.services.sync.overview import centre_status

        db = self.ctx.db
        status = sync_status(db)
        history = bundle_history(db, limit=HISTORY_SHOWN)
        centre = centre_status(db)
        self.app.call_from_thread(self._show, status, history, centre)

    def _show(self, status: Any, history: list[dict[str, Any]], centre: CentreStatus) -> None:
        me = status.self_peer
        lines = [
            t(
                "syncui.replica",
                name=printable(me.name) or t("nav.unnamed"),
                role=label(ReplicaRole, me.role),
                fingerprint=me.fingerprint or "—",
            )
        ]
        for peer in status.peers:
            lines.append(
                "  "
                + t(
                    "syncui.peer",
                    name=printable(peer["name"] or peer["id"][:8]),
                    role=label(ReplicaRole, peer["role"]),
                    lacking=peer["operations_lacking"],
                )
            )
        self.query_one("#sync-replica", Static).update("\n".join(lines))
        self._targets(status)
        self._show_replicas(status)
        table = self.query_one("#sync-history", DataTable)
        table.clear()
        for n, item in enumerate(history):
            table.add_row(
                local_time(item["recorded_at"], self.ctx.tz),
                t(f"syncui.{item['direction']}"),
                fit(item["file"], 28),
                fit(item["peer_name"] or t("sync.anyone"), 24),
                f"{item['operations']:,}",
                str(item["photos"]),
                str(item["counts"].get("conflicts", "")),
                key=f"{n}",
            )
        if not history:
            table.add_row(t("sync.no_history"), "", "", "", "", "", "")
        self._show_pending(centre)

    def _targets(self, status: Any) -> None:
        select = self.query_one("#export-to", Select)
        options: list[tuple[str, str]] = []
        if status.central is not None:
            options.append((t("syncui.to.central", name=printable(status.central.name)), DEFAULT))
        options.append((t("syncui.to.everything"), EVERYTHING))
        for peer in status.peers:
            if status.central is None or peer["id"] != status.central.id:
                role = label(ReplicaRole, peer["role"])
                name = printable(peer["name"] or peer["id"][:8])
                options.append((f"{name} · {role}", peer["id"]))
        previous = select.value
        values = [v for _, v in options]
        if previous == EVERYTHING and DEFAULT in values and not self._had_central:
            # The centre has just become known: what it lacks is the useful default now.
            previous = DEFAULT
        self._had_central = DEFAULT in values
        select.set_options(options)
        select.value = previous if previous in values else values[0]

    def _show_replicas(self, status: Any) -> None:
        table = self.query_one("#sync-replicas", DataTable)
        table.clear()
        for peer in status.peers:
            revoked = peer["revoked"]
            if revoked is not None:
                state = t(
                    "syncui.trust.revoked",
                    at=local_time(revoked["at"], self.ctx.tz),
                    through=revoked["through"],
                    reason=printable(revoked["reason"]),
                )
            else:
                state = t("syncui.trust.trusted" if peer["trusted"] else "syncui.trust.untrusted")
            table.add_row(
                fit(printable(peer["name"] or peer["id"][:8]), 28),
                label(ReplicaRole, peer["role"]),
                fit(state, 72),
                key=peer["id"],
            )
        self.query_one("#revoke-go", Button).disabled = not status.peers

    @on(Button.Pressed, "#revoke-go")
    def action_revoke(self) -> None:
        """Ask first (it is not undone), with the reason every refusal will show."""
        from inspector.services.sync.exchange import role_label
        from inspector.services.sync.revocation import plan_revocation
        from inspector.ui.modals.confirm import ConfirmModal

        table = self.query_one("#sync-replicas", DataTable)
        if self.busy or not table.row_count:
            return
        replica = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        try:
            plan = plan_revocation(self.ctx.db, replica)
        except Problem as error:
            self._say(str(error), error=True)
            return
        body = t(
            "revoke.plan",
            name=printable(plan.name),
            role=role_label(plan.role),
            held=plan.held,
            through=plan.through,
        )
        if plan.signed:
            body += "\n\n" + t("revoke.plan_signed", name=printable(plan.name))

        def answered(reason: Any) -> None:
            if reason is None:
                return
            self._revoke(replica, str(reason))

        self.app.push_screen(
            ConfirmModal(
                title=t("syncui.revoke.title", name=printable(plan.name)),
                body=body,
                confirm=t("syncui.revoke.yes"),
                note=True,
                note_label=t("syncui.revoke.reason"),
                dialog_id="revoke-dialog",
            ),
            answered,
        )

    def _revoke(self, replica: str, reason: str) -> None:
        from inspector.services.sync.revocation import revoke_replica

        try:
            plan = revoke_replica(self.ctx.db, replica, reason=reason)
        except Problem as error:
            self._say(str(error), error=True)
            return
        self._say(t("revoke.done", name=printable(plan.name), through=plan.through))
        self.action_reload()

    def _show_pending(self, centre: CentreStatus) -> None:
        summary = self.query_one("#pending-summary", Static)
        table = self.query_one("#sync-pending", DataTable)
        table.clear()
        table.display = bool(centre.pending)
        if centre.is_central:
            summary.update(t("syncui.pending.central"))
            return
        count = len(centre.pending)
        if centre.central is None:
            summary.update(
                t("syncui.pending.no_central", count=count) if count else t("sync.no_central")
            )
        elif count:
            summary.update(t("syncui.pending.count", count=count, central=centre.central))
        else:
            summary.update(t("syncui.pending.none", central=centre.central))
        for n, item in enumerate(centre.pending):
            table.add_row(fit(item.record, 70), str(item.edits), key=f"{n}")

    # -- progress and outcome --------------------------------------------------------------

    def show_progress(self, percent: int) -> None:
        self.query_one("#sync-progress", ProgressBar).update(progress=percent)

    def _start(self, step: str) -> bool:
        if self.busy:
            self._say(t("syncui.busy"), error=True)
            return False
        self.busy = True
        self.cancel.clear()
        self.query_one("#sync-progress-row").display = True
        self.query_one("#sync-step", Static).update(step)
        self.query_one("#sync-progress", ProgressBar).update(progress=0)
        self._say("")
        return True

    def _step(self, step: str) -> None:
        self.query_one("#sync-step", Static).update(step)
        self.query_one("#sync-progress", ProgressBar).update(progress=0)

    def _done(self, message: str, *, error: bool = False) -> None:
        self.busy = False
        self.query_one("#sync-progress-row").display = False
        self._say(message, error=error)
        self.action_reload()

    def _say(self, message: str, *, error: bool = False) -> None:
        line = self.query_one("#sync-message", Static)
        line.update(message)
        line.display = bool(message)
        line.set_class(error, "error-text")
        line.set_class(not error and bool(message), "sync-ok")

    def _failed(self, error: BaseException) -> None:
        from inspector.ui.app import describe

        self._done(describe(error), error=True)

    def _path(self, field: str) -> Path | None:
        text = self.query_one(f"#{field}", Input).value.strip()
        if not text:
            self._say(t("syncui.file_required"), error=True)
            self.query_one(f"#{field}", Input).focus()
            return None
        return Path(text).expanduser()

    # -- export ----------------------------------------------------------------------------

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-go")
    def action_export(self) -> None:
        from inspector.services.outputs import resolved
        from inspector.ui.modals.confirm import confirm_replace

        typed = self._path("export-path")
        if typed is None:
            return
        if self.busy:
            self._say(t("syncui.busy"), error=True)
            return
        path = resolved(typed)
        confirm_replace(
            self.app,
            [path],
            lambda: self._export_to(path),
            declined=lambda: self._say(t("out.replace.kept"), error=True),
        )

    def _export_to(self, path: Path) -> None:
        if not self._start(t("syncui.exporting", file=path.name)):
            return
        target = self.query_one("#export-to", Select).value
        to = None if target in (DEFAULT, EVERYTHING, Select.BLANK) else str(target)
        self._export(path, to, target == EVERYTHING)

    @work(thread=True, exclusive=True, exit_on_error=False, group="sync")
    def _export(self, path: Path, to: str | None, everything: bool) -> None:
        from inspector.services.sync.exchange import export_bundle

        try:
            result = export_bundle(
                self.ctx.db,
                path,
                to=to,
                everything=everything,
                progress=_Ticker(self),
                cancel=self.cancel,
            )
        except (Problem, OSError) as error:
            self.app.call_from_thread(self._failed, error)
            return
        target = result.target.name if result.target else t("sync.anyone")
        message = t(
            "sync.exported",
            file=path,
            operations=result.operations,
            photos=result.photos,
            target=target,
        )
        self.app.call_from_thread(self._done, message)

    # -- import ----------------------------------------------------------------------------

    @on(Input.Submitted, "#import-path")
    @on(Button.Pressed, "#import-go")
    def action_import_bundle(self) -> None:
        path = self._path("import-path")
        if path is None or not self._start(t("syncui.checking", file=path.name)):
            return
        self._check(path)

    @work(thread=True, exclusive=True, exit_on_error=False, group="sync")
    def _check(self, path: Path) -> None:
        from inspector.services.sync.exchange import verify_bundle
        from inspector.services.sync.overview import prerequisites_problem

        try:
            check = verify_bundle(self.ctx.db, path, progress=_Ticker(self), cancel=self.cancel)
            # A forged source outranks a gap; a replay needs nothing.
            settled = check.already_imported or check.trust == "key_mismatch"
            missing = None if settled else prerequisites_problem(self.ctx.db, check)
        except (Problem, OSError) as error:
            self.app.call_from_thread(self._failed, error)
            return
        if missing is not None:
            self.app.call_from_thread(self._failed, missing)
            return
        self.app.call_from_thread(self._checked, path, check)

    def _checked(self, path: Path, check: BundleCheck) -> None:
        from inspector.services.sync.exchange import revoked_problem

        if check.already_imported:
            self._done(t("sync.replay", file=check.file))
        elif check.trust == "revoked":
            self._done(str(revoked_problem(check)), error=True)
        elif check.trust == "key_mismatch":
            self._done(
                t("sync.key_mismatch", file=check.file, name=printable(check.source.name)),
                error=True,
            )
        elif check.trust == "unknown":
            self._ask_trust(path, check)
        else:
            self._preview_step(path, trust=False)

    def _ask_trust(self, path: Path, check: BundleCheck) -> None:
        from inspector.ui.modals.confirm import ConfirmModal

        def answered(yes: Any) -> None:
            if yes:
                self._preview_step(path, trust=True)
            else:
                self._done(
                    t("syncui.trust.refused", name=printable(check.source.name), file=check.file),
                    error=True,
                )

        role = label(ReplicaRole, check.source.role)
        self.app.push_screen(
            ConfirmModal(
                title=t("syncui.trust.title"),
                body=t(
                    "syncui.trust.intro",
                    file=check.file,
                    name=printable(check.source.name),
                    role=role,
                ),
                emphasis=check.fingerprint,
                emphasis_label=t("syncui.trust.fingerprint"),
                confirm=t("syncui.trust.yes"),
                dialog_id="trust-dialog",
            ),
            answered,
        )

    def _preview_step(self, path: Path, *, trust: bool) -> None:
        self._step(t("syncui.previewing", file=path.name))
        self._preview(path, trust)

    @work(thread=True, exclusive=True, exit_on_error=False, group="sync")
    def _preview(self, path: Path, trust: bool) -> None:
        from inspector.services.sync.exchange import preview_bundle
        from inspector.services.sync.overview import summarise_import

        try:
            result = preview_bundle(
                self.ctx.db, path, trust=trust, progress=_Ticker(self), cancel=self.cancel
            )
            summary = summarise_import(self.ctx.db, result)
        except (Problem, OSError) as error:
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self._previewed, path, trust, summary)

    def _previewed(self, path: Path, trust: bool, summary: ImportSummary) -> None:
        from inspector.ui.modals.confirm import ConfirmModal

        if summary.replay:
            self._done(t("sync.replay", file=summary.file))
            return

        def answered(yes: Any) -> None:
            if yes:
                self._step(t("syncui.importing", file=path.name))
                self._apply(path, trust)
            else:
                self._done(t("syncui.not_imported", file=summary.file))

        self.app.push_screen(
            ConfirmModal(
                title=t("syncui.preview.title", file=summary.file),
                body=preview_text(summary),
                confirm=t("syncui.preview.apply"),
                dialog_id="preview-dialog",
            ),
            answered,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="sync")
    def _apply(self, path: Path, trust: bool) -> None:
        from inspector.services.sync.exchange import import_bundle
        from inspector.services.sync.overview import summarise_import

        try:
            result = import_bundle(
                self.ctx.db, path, trust=trust, progress=_Ticker(self), cancel=self.cancel
            )
            summary = summarise_import(self.ctx.db, result)
        except (Problem, OSError) as error:
            self.app.call_from_thread(self._failed, error)
            return
        if summary.replay:
            message = t("sync.replay", file=summary.file)
        else:
            message = t(
                "sync.imported",
                file=summary.file,
                source=summary.source,
                applied=summary.applied,
                held=summary.already_held,
                created=sum(n for _, n in summary.created),
                changed=sum(n for _, n in summary.changed),
                fields=summary.fields_changed,
                conflicts=summary.conflict_count,
                duplicates=summary.duplicates,
                photos=summary.photos,
            )
        self.app.call_from_thread(self._done, message)

    def action_stop(self) -> None:
        """Stop the export or import under way: the worker raises `Cancelled` at its next
        check, and nothing is changed (an export's partial file is removed)."""
        if self.busy:
            self.cancel.set()

    def on_unmount(self) -> None:
        # Leaving the app mid-import: the worker stops and the database stays as it was.
        self.cancel.set()


def _items(rows: list[tuple[str, int]]) -> str:
    if not rows:
        return t("syncui.preview.none")
    return t("ui.list_sep").join(
        t("syncui.preview.item", label=name, count=f"{n:,}") for name, n in rows
    )


def _value(entity: str, field: str, value: Any) -> str:
    return display_value(entity, field, value) or t("conf.empty")


def preview_text(summary: ImportSummary) -> Text:
    """What importing would change, as the preview dialog lists it."""
    text = Text()
    role = label(ReplicaRole, summary.source_role)
    lines = [
        t(
            "syncui.preview.source",
            source=summary.source,
            role=role,
            fingerprint=summary.fingerprint,
        ),
        t(
            "syncui.preview.changes",
            applied=f"{summary.applied:,}",
            held=f"{summary.already_held:,}",
        ),
        t("syncui.preview.created", items=_items(summary.created)),
        t(
            "syncui.preview.changed",
            items=_items(summary.changed),
            fields=f"{summary.fields_changed:,}",
        )
        if summary.changed
        else t("syncui.preview.changed_none"),
        t("syncui.preview.photos", count=summary.photos, present=summary.photos_present),
    ]
    if summary.duplicates:
        lines.append(t("syncui.preview.duplicates", count=summary.duplicates))
    text.append("\n".join(lines))
    text.append("\n")
    if not summary.conflict_count:
        text.append(t("syncui.preview.no_conflicts"), style="bold")
        return text
    text.append(t("syncui.preview.conflicts", count=summary.conflict_count), style="bold")
    for c in summary.conflicts:
        line = t(
            "syncui.preview.conflict",
            record=c.record,
            field=c.field_label,
            kept=_value(c.entity, c.field, c.kept),
            kept_origin=c.kept_origin,
            other=_value(c.entity, c.field, c.other),
            other_origin=c.other_origin,
        )
        text.append("\n  " + line)
    if summary.conflict_count > len(summary.conflicts):
        more = summary.conflict_count - len(summary.conflicts)
        text.append("\n  " + t("syncui.preview.more", count=more))
    return text
