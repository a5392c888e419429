"""Setting a replica up: naming it (init), importing a ledger, opening the demo."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, ProgressBar, Static

from inspector.domain.choices import ReplicaRole
from inspector.i18n import Problem, language, t
from inspector.ui.bindings import localise
from inspector.ui.context import context_of
from inspector.ui.modals.form import FormModal
from inspector.ui.widgets.forms.fields import Field, model_spec
from inspector.ui.widgets.forms.path import PathBox, PathKind

if TYPE_CHECKING:
    from inspector.data.writer import Writer


class InitModal(FormModal):
    """`inspector init` in a dialog: name, role and region of this replica."""

    TITLE: ClassVar[str] = "init.title"

    def intro(self) -> str:
        return t("init.intro")

    def fields(self) -> list[Field]:
        from inspector.models import Replica

        spec = model_spec(Replica).fields
        ctx = self.ctx
        regions = [
            (r.name(language()) + f" ({r.code})", r.code)
            for r in ctx.reference.regions.values()
            if r.level in ("city", "county")
        ]
        roles = [(r.label(language()), r.value) for r in ReplicaRole]
        replica = ctx.replica()
        return [
            Field(
                "replica",
                spec["name"],
                value=replica.name or None,
                label=t("init.name"),
                required=True,
            ),
            Field(
                "replica",
                spec["role"],
                value=replica.role or "field",
                label=t("init.role"),
                options=roles,
                control="chips",
                required=True,
            ),
            Field(
                "replica",
                spec["region_code"],
                value=replica.region_code,
                label=t("init.region"),
                options=regions,
                control="select",
                required=True,
            ),
            Field(
                "replica",
                replace(spec["name"], name="user"),
                value=ctx.user_name(),
                label=t("init.user"),
                required=True,
            ),
        ]

    def _save(self, values: dict[str, Any]) -> None:  # type: ignore[override]
        self._init(values)

    @work(thread=True, exclusive=True, exit_on_error=False, group="save")
    def _init(self, values: dict[str, Any]) -> None:
        from inspector.services.replica import init_replica

        try:
            init_replica(
                self.ctx.db,
                name=values["name"],
                role=values["role"],
                region=values["region_code"],
                user=values["user"],
            )
        except Problem as problem:
            self.app.call_from_thread(self._refused, str(problem))
        else:
            self.app.call_from_thread(self.dismiss, True)
        finally:
            self.saving = False

    def submit(self, w: Writer, values: dict[str, Any]) -> Any:  # pragma: no cover - unused
        raise NotImplementedError


LEDGER_IN = (".xlsx", ".xlsm", ".csv", ".txt", ".tsv", ".geojson", ".json", ".kml")
"""What a ledger is read from (`inspector.services.tables.Table`)."""


class ImportModal(ModalScreen[Any]):
    """Import a ledger file: progress while it runs, every bad row if it is refused,
    and the rows it took with a warning."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self) -> None:
        super().__init__()
        localise(self)
        self.running = False
        self.imported = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box"):
            yield Static(t("import.title"), classes="modal-title")
            yield Static(t("import.intro"), classes="modal-intro")
            yield PathBox(
                kind=PathKind(suffixes=LEDGER_IN, existing=True),
                input_id="import-path",
                placeholder=t("import.placeholder"),
            )
            yield ProgressBar(total=1.0, show_eta=False, id="import-progress")
            with VerticalScroll(classes="modal-body"):
                yield Static("", id="import-result", markup=False)
            with Horizontal(classes="modal-buttons"):
                yield Button(t("import.start"), id="import-start", variant="primary")
                yield Button(t("form.close") + " (Esc)", id="import-close")

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False
        self.query_one("#import-path", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#import-start")
    def _start(self) -> None:
        if self.running:
            return
        text = self.query_one("#import-path", Input).value.strip().strip("'\"")
        if not text:
            self._result(t("import.no_path"))
            return
        self.running = True
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(progress=0)
        self._result(t("import.running"))
        from inspector.services.outputs import resolved

        self._import(resolved(text))

    def _result(self, text: str) -> None:
        self.query_one("#import-result", Static).update(text)

    @work(thread=True, exclusive=True, exit_on_error=False, group="import")
    def _import(self, path: Path) -> None:
        from inspector.services.ledger import import_ledger

        bar = self.query_one(ProgressBar)

        def progress(fraction: float) -> None:
            self.app.call_from_thread(bar.update, progress=fraction)

        try:
            report = import_ledger(context_of(self).db, path, progress=progress)
        except Problem as problem:
            self.app.call_from_thread(self._result, str(problem))
        else:
            self.app.call_from_thread(self._done, report)
        finally:
            self.running = False

    def _done(self, report: Any) -> None:
        self.imported = self.imported or report.applied
        # Which rows were read, whenever that is not simply the first row of the only sheet.
        read = []
        if len(report.sheets) > 1:
            read = [t("ledger.read_from", sheet=report.sheet, row=report.header_row)]
        elif report.header_row != 1:
            read = [t("ledger.read_from_row", row=report.header_row)]
        if report.applied:
            lines = [
                *read,
                t(
                    "import.done",
                    rows=report.rows,
                    created=report.created,
                    updated=report.updated,
                    unchanged=report.unchanged,
                ),
            ]
            if report.warnings:
                lines.append(t("files.import.warnings", count=len(report.warnings)))
                lines += [w.render() for w in report.warnings[:15]]
            self._result("\n".join(lines))
            return
        lines = [*read, t("import.refused", count=report.problem_count)]
        lines += [p.render() for p in report.problems[:15]]
        if report.problem_count > 15:
            lines.append(t("import.more", count=report.problem_count - 15))
        self._result("\n".join(lines))

    @on(Button.Pressed, "#import-close")
    def action_cancel(self) -> None:
        if not self.running:
            self.dismiss(self.imported or None)


class DemoModal(ModalScreen[Any]):
    """Build the demo database (about ten seconds) and open it."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box"):
            yield Static(t("demo.title"), classes="modal-title")
            yield Static(t("demo.building"), classes="modal-intro")
            yield ProgressBar(total=1.0, show_eta=False)

    def on_mount(self) -> None:
        self._build()

    @work(thread=True, exclusive=True, exit_on_error=False, group="demo")
    def _build(self) -> None:
        from inspector import locations
        from inspector.data.db import open_database
        from inspector.services.demo import build_demo

        path = locations.demo_database()
        bar = self.query_one(ProgressBar)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            staging = path.with_name(path.name + ".building")
            for suffix in ("", "-wal", "-shm", ".key"):
                Path(str(staging) + suffix).unlink(missing_ok=True)

            def progress(fraction: float) -> None:
                self.app.call_from_thread(bar.update, progress=fraction)

            build_demo(staging, progress=progress).dispose()
            for suffix in ("-wal", "-shm"):
                Path(str(staging) + suffix).unlink(missing_ok=True)
            staging.replace(path)
            locations.key_file(staging).replace(locations.key_file(path))
        db = open_database(path)
        self.app.call_from_thread(self.app.switch_database, db)  # type: ignore[attr-defined]
