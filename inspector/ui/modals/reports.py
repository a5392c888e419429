"""Writing the reports and the public list from the UI: the annual report (due 10
January), the self-inspection report (30 June, 20 December), each as Markdown and XLSX,
and the public list (`report public-list`).

The figures are gathered and the files written in a thread worker; a progress bar moves
a step per file, and the dialog ends by naming the files written. A refusal (no such
folder, a wrong extension, an unknown county) is the service's sentence, in the dialog.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.widgets import ProgressBar, Static

from inspector.i18n import Problem, t
from inspector.ui.modals.form import FormModal
from inspector.ui.modals.plans import text_spec
from inspector.ui.text import local_time
from inspector.ui.widgets.forms.fields import Field, model_spec

if TYPE_CHECKING:
    from inspector.data.engine import Conn
    from inspector.services.document import Document
    from inspector.services.plans import PlanSummary


DOCUMENT = (".md", ".xlsx")
"""What a report is written as."""
PUBLIC = (".csv", ".xlsx", ".md")
"""What a list for the public is written as."""


def document_targets(values: dict[str, Any]) -> list[Path]:
    """A report's .md and .xlsx, as `report annual --out` writes them."""
    from inspector.services.outputs import document_paths, resolved

    return [resolved(p) for p in document_paths(values["path"])]


class _WriteModal(FormModal):
    """A dialog whose save writes files in a worker, with a bar moving a step per file."""

    CSS_PATH: ClassVar = "../styles/plans.tcss"
    SAVE: ClassVar[str] = "pui.report.write"
    DRAFT_FORM: ClassVar[str | None] = None  # a year and a file name: nothing to keep

    def __init__(self, *, year: int, county: str | None = None) -> None:
        super().__init__()
        self.year = year
        self.county = county

    def on_mount(self) -> None:
        # (FormModal's own on_mount runs too: Textual calls each class's.)
        bar = ProgressBar(total=None, show_eta=False, id="report-progress")
        bar.display = False
        self.query_one(".modal-box").mount(bar, before=self.query_one("#modal-error"))
        self.query_one(".modal-box").mount(
            Static("", id="report-step", classes="hint", markup=False), before=bar
        )

    def year_field(self) -> Field:
        from inspector.models import Plan

        return Field(
            "plan", model_spec(Plan).fields["year"], value=self.year, label=t("pui.report.year")
        )

    def scope(self, values: dict[str, Any]) -> dict[str, str | None]:
        """The report's scope: the county chosen, else the whole city."""
        county = values.get("county_code") or None
        return {"county": county, "city": None if county else self.ctx.city_code()}

    def county_field(self) -> Field:
        from inspector.models import Plan

        return Field(
            "plan",
            model_spec(Plan).fields["county_code"],
            value=self.county,
            label=t("pui.report.county"),
            control="select",
            options=[(name, code) for name, code in self.ctx.counties()],
            required=False,
            hint=t("pui.report.county_hint"),
        )

    def path_field(self, default: str, *, suffixes: tuple[str, ...] = (".xlsx",)) -> Field:
        from inspector.ui.widgets.forms.path import PathKind

        return Field(
            "report",
            text_spec("path", required=True, max_length=1000),
            value=default,
            label=t("pui.report.path"),
            path=PathKind(suffixes=suffixes),
        )

    def action_save(self) -> None:
        from inspector.ui.modals.confirm import confirm_replace

        if self.saving or not self.checked():
            return
        values = self.form.values()
        self.saving = True
        confirm_replace(
            self.app,
            self.targets(values),
            lambda: self._start(values),
            declined=self._declined,
        )

    def _start(self, values: dict[str, Any]) -> None:
        bar = self.query_one("#report-progress", ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)
        self._write(values)

    def _declined(self) -> None:
        self.saving = False
        self.show_error(t("out.replace.kept"))
        self.query_one("#field-path", Field).focus_control()

    def step(self, text: str, *, done: int, total: int) -> None:
        """Report progress from the worker."""

        def show() -> None:
            self.query_one("#report-step", Static).update(text)
            self.query_one("#report-progress", ProgressBar).update(total=total, progress=done)

        self.app.call_from_thread(show)

    def write(self, values: dict[str, Any]) -> str:
        """Write the files (in the worker); returns the sentence naming them."""
        raise NotImplementedError

    def targets(self, values: dict[str, Any]) -> list[Path]:
        """The files the dialog writes, resolved (the person is asked before any that is
        already there is replaced)."""
        from inspector.services.outputs import resolved

        return [resolved(values["path"].strip())]

    @work(thread=True, exclusive=True, exit_on_error=False, group="save")
    def _write(self, values: dict[str, Any]) -> None:
        try:
            message = self.write(values)
        except Problem as problem:
            self.app.call_from_thread(self._failed, str(problem))
        except OSError as error:
            self.app.call_from_thread(self._failed, f"{error.filename or ''} {error.strerror}")
        else:
            self.app.call_from_thread(self.dismiss, message)
        finally:
            self.saving = False

    def _failed(self, message: str) -> None:
        self.query_one("#report-progress", ProgressBar).display = False
        self.query_one("#report-step", Static).update("")
        self.show_error(message)

    def now_utc(self) -> dt.datetime:
        return self.ctx.now().astimezone(dt.UTC)

    def write_document(self, build: Any, values: dict[str, Any]) -> str:
        from inspector.services.document import write_document

        paths = self.targets(values)
        total = len(paths) + 1
        self.step(t("pui.report.building"), done=0, total=total)
        with self.ctx.read() as conn:
            doc: Document = build(conn)
        for n, path in enumerate(paths, start=1):
            self.step(t("pui.report.writing", file=path), done=n, total=total)
            write_document(doc, path)
        self.step("", done=total, total=total)
        return t("pui.report.written", files=t("ui.list_sep").join(str(p) for p in paths))


class AnnualReportModal(_WriteModal):
    TITLE: ClassVar[str] = "pui.report.annual_title"

    def intro(self) -> str:
        return t("pui.report.intro")

    def fields(self) -> list[Field]:
        return [
            self.year_field(),
            self.county_field(),
            self.path_field(f"annual-report-{self.year}", suffixes=DOCUMENT),
        ]

    def targets(self, values: dict[str, Any]) -> list[Path]:
        return document_targets(values)

    def write(self, values: dict[str, Any]) -> str:
        from inspector.services.reports import annual_report

        def build(conn: Conn) -> Document:
            return annual_report(
                conn, year=int(values["year"]), **self.scope(values), now=self.now_utc()
            )

        return self.write_document(build, values)


class SelfInspectionReportModal(_WriteModal):
    TITLE: ClassVar[str] = "pui.report.half_title"

    def __init__(self, *, year: int, half: int, county: str | None = None) -> None:
        super().__init__(year=year, county=county)
        self.half = half

    def intro(self) -> str:
        return t("pui.report.intro")

    def fields(self) -> list[Field]:
        return [
            self.year_field(),
            Field(
                "report",
                text_spec("half", required=True, max_length=1),
                value=str(self.half),
                label=t("pui.report.half"),
                control="chips",
                options=[(t("pui.report.half1"), "1"), (t("pui.report.half2"), "2")],
            ),
            self.county_field(),
            self.path_field(f"self-inspection-{self.year}-h{self.half}", suffixes=DOCUMENT),
        ]

    def targets(self, values: dict[str, Any]) -> list[Path]:
        return document_targets(values)

    def write(self, values: dict[str, Any]) -> str:
        from inspector.services.reports import self_inspection_report

        def build(conn: Conn) -> Document:
            return self_inspection_report(
                conn,
                year=int(values["year"]),
                half=int(values["half"]),
                **self.scope(values),
                now=self.now_utc(),
            )

        return self.write_document(build, values)


class PublicListModal(_WriteModal):
    TITLE: ClassVar[str] = "pui.report.public_title"

    def intro(self) -> str:
        return t("pui.report.public_intro")

    def fields(self) -> list[Field]:
        return [self.county_field(), self.path_field("public-list.xlsx", suffixes=PUBLIC)]

    def write(self, values: dict[str, Any]) -> str:
        from inspector.services.public_list import export_public_list

        (path,) = self.targets(values)
        self.step(t("pui.report.writing", file=path), done=0, total=1)
        report = export_public_list(self.ctx.db, path, county=values.get("county_code") or None)
        self.step("", done=1, total=1)
        return t("pui.report.public_written", rows=report.rows, file=report.file)


class PublishResultsModal(_WriteModal):
    """A plan's result list, as `plan publish` writes it: which outfalls were checked,
    when, and what was found, without inspectors' names; writing it stamps the plan's
    date of publication."""

    TITLE: ClassVar[str] = "pui.publish.title"
    SAVE: ClassVar[str] = "pui.publish.save"

    def __init__(self, plan: PlanSummary) -> None:
        super().__init__(year=plan.year, county=plan.county)
        self.plan = plan

    def intro(self) -> str:
        from inspector.domain.choices import PlanMethod
        from inspector.i18n import language

        plan = self.plan
        lines = [
            t(
                "pui.publish.intro",
                year=plan.year,
                county=plan.county_name,
                method=PlanMethod.of(plan.method).label(language()),
                items=plan.items,
                done=plan.done,
            )
        ]
        if plan.pending:
            lines.append(t("pui.publish.pending", pending=plan.pending))
        if plan.published_at:
            lines.append(
                t("pui.publish.again", date=local_time(plan.published_at, self.ctx.tz)[:10])
            )
        return "\n".join(lines)

    def fields(self) -> list[Field]:
        name = f"plan-results-{self.plan.year}-{self.plan.county}.xlsx"
        return [self.path_field(name, suffixes=PUBLIC)]

    def write(self, values: dict[str, Any]) -> str:
        from inspector.services.plans import publish_results

        (path,) = self.targets(values)
        self.step(t("pui.report.writing", file=path), done=0, total=1)
        report = publish_results(self.ctx.db, self.plan.id, path)
        self.step("", done=1, total=1)
        return t("pui.publish.written", rows=report.rows, file=report.file)


class AssessmentExportModal(_WriteModal):
    """The year's assessment (`assess export`): scorecards, the monthly ranking and what
    it brings, as .xlsx or .md."""

    TITLE: ClassVar[str] = "pui.export_card.title"

    def __init__(self, *, year: int, city: str | None = None) -> None:
        super().__init__(year=year)
        self.city = city
        """This replica's city, as the assessment tab found it (None: found on mount)."""

    def intro(self) -> str:
        return t("pui.export_card.intro")

    def on_mount(self) -> None:
        # Textual calls each class's own on_mount: the bar is mounted by _WriteModal's.
        if self.city is None:
            self._find_city()

    @work(thread=True, exit_on_error=False, group="city")
    def _find_city(self) -> None:
        city = self.ctx.city_code()
        if city is not None:
            self.app.call_from_thread(self._default_city, city)

    def _default_city(self, city: str) -> None:
        field = self.query_one("#field-city", Field)
        if not field.touched and field.blank():
            field.set_raw(city)

    def fields(self) -> list[Field]:
        from inspector.i18n import language

        cities = [
            (r.name(language()), r.code)
            for r in self.ctx.reference.regions.values()
            if r.level == "city"
        ]
        return [
            self.year_field(),
            Field(
                "report",
                text_spec("city", max_length=12),
                value=self.city,
                label=t("pui.export_card.city"),
                control="select",
                options=cities,
                hint=t("pui.export_card.city_hint"),
            ),
            self.path_field(f"assessment-{self.year}.xlsx", suffixes=DOCUMENT),
            Field(
                "report",
                text_spec("public", max_length=3),
                value="no",
                label=t("cmd.assess.public"),
                control="chips",
                options=[(t("ui.no"), "no"), (t("ui.yes"), "yes")],
            ),
        ]

    def write(self, values: dict[str, Any]) -> str:
        from inspector.services.assessment_report import assessment_document
        from inspector.services.document import write_document

        (path,) = self.targets(values)
        self.step(t("pui.report.building"), done=0, total=2)
        with self.ctx.read() as conn:
            doc = assessment_document(
                conn,
                year=int(values["year"]),
                city=values.get("city") or None,
                public=values.get("public") == "yes",
            )
        self.step(t("pui.report.writing", file=path), done=1, total=2)
        write_document(doc, path)
        self.step("", done=2, total=2)
        return t("pui.report.written", files=str(path))
