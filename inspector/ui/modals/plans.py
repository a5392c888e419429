"""Dialogs of the Plans section: drawing a plan, cancelling an item, entering an
assessment score or a department's, recording an incident and a notification, recording
and answering a public complaint.

Each one calls the service the command line calls (`inspector plan draw`, `plan
cancel-item`, `assess enter`, `assess dept enter`, `incident record|notify`, `complaint
record|answer`); none restates a rule. What the
service refuses comes back as its own sentence, shown in the dialog, with everything
typed left in place.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.widgets import Button, Static

from inspector.i18n import Problem, language, t
from inspector.i18n.reasons import keyed
from inspector.ui.modals.form import FormModal
from inspector.ui.widgets.forms.fields import Field, model_spec

if TYPE_CHECKING:
    from rich.console import Group

    from inspector.data.writer import Writer
    from inspector.domain.scheme import Scheme
    from inspector.models.spec import FieldSpec
    from inspector.services.plans import Draft, DrawRequest, PlanSummary


def text_spec(name: str, *, required: bool = False, max_length: int = 200) -> FieldSpec:
    """A free-text field that is no column of a model (a file path, a fraction)."""
    from inspector.models.spec import FieldSpec

    return FieldSpec(
        name=name,
        kind="str",
        required=required,
        default=None,
        convert=lambda v: str(v).strip(),
        max_length=max_length,
    )


def bool_spec(name: str) -> FieldSpec:
    """A yes/no choice that is no column of a model."""
    from inspector.models.spec import FieldSpec

    return FieldSpec(name=name, kind="bool", required=False, default=False, convert=bool)


def _int(raw: Any) -> int | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    return int(str(raw).strip())


def _blank(raw: Any) -> str | None:
    text = (raw or "").strip() if isinstance(raw, str) else raw
    return text or None


# -- drawing a plan ------------------------------------------------------------------------


class DrawPlanModal(FormModal):
    """The inputs of `inspector plan draw`; the first save shows the drawn list, the
    second keeps it. The seed shown with the list is the one saved, so what was looked at
    is what is kept."""

    DRAFT_FORM: ClassVar[str | None] = "draw_plan"
    CSS_PATH: ClassVar = "../styles/plans.tcss"
    TITLE: ClassVar[str] = "pui.draw.title"
    SAVE: ClassVar[str] = "pui.draw.save"

    def __init__(self, *, year: int) -> None:
        super().__init__()
        self.year = year
        self.draft: Draft | None = None
        self._drawn_for: dict[str, Any] | None = None
        self.existing: PlanSummary | None = None
        """The live plan this draw would replace (looked up as year, county and method
        are chosen)."""

    def intro(self) -> str:
        return t("pui.draw.intro")

    def fields(self) -> list[Field]:
        from inspector.domain.choices import PlanMethod
        from inspector.models import Plan

        spec = model_spec(Plan).fields
        lang = language()
        return [
            Field("plan", spec["year"], value=self.year, label=t("pui.draw.year")),
            Field(
                "plan",
                spec["county_code"],
                label=t("pui.draw.county"),
                control="select",
                options=[(name, code) for name, code in self.ctx.counties()],
            ),
            Field(
                "plan",
                spec["method"],
                value=PlanMethod.DOUBLE_RANDOM.value,
                label=t("pui.draw.method"),
                options=[(m.label(lang), m.value) for m in PlanMethod],
            ),
            Field("plan", spec["sample_size"], label=t("pui.draw.count")),
            Field(
                "plan",
                text_spec("fraction", max_length=20),
                label=t("pui.draw.fraction"),
                placeholder="10% · 0.1 · 1/10",
            ),
            Field(
                "plan",
                spec["strata"],
                label=t("pui.draw.strata"),
                control="chips",
                options=[(t("pui.strata.category"), "category"), (t("pui.strata.river"), "river")],
            ),
            Field(
                "plan",
                text_spec("inspectors", required=False, max_length=4000),
                label=t("pui.draw.inspectors"),
                placeholder=t("pui.draw.inspectors_or_roster"),
            ),
            Field("plan", spec["seed"], label=t("pui.draw.seed"), hint=t("pui.draw.seed_hint")),
            Field(
                "plan",
                bool_spec("replace"),
                value=False,
                label=t("pui.draw.replace"),
                control="check",
            ),
        ]

    def on_mount(self) -> None:
        # (FormModal's own on_mount runs too: Textual calls each class's.)
        box = self.query_one(".modal-body")
        # Whether the county already has this year's plan by this method is said as soon
        # as the three are chosen, not after a draw the save would then refuse.
        self.form.mount(
            Static("", id="draw-existing", classes="field-hint hint", markup=False),
            after=self.form.field("method"),
        )
        self.form.field("replace").display = False
        self.query_one("#draw-existing").display = False
        box.mount(Static("", id="draw-preview", classes="draw-preview", markup=False))

    @on(Field.Edited)
    def _which_plan(self, event: Field.Edited) -> None:
        if event.field.name_ in ("year", "county_code", "method"):
            self._look_for_existing(self.form.values(("year", "county_code", "method")))

    @work(thread=True, exclusive=True, exit_on_error=False, group="existing")
    def _look_for_existing(self, values: dict[str, Any]) -> None:
        from inspector.services.plans import plan_of

        try:
            year = int(str(values.get("year") or "").strip())
        except ValueError:
            year = 0
        county, method = values.get("county_code"), values.get("method")
        existing = None
        if 2000 <= year <= 2100 and county and method:
            with self.ctx.read() as conn:
                existing = plan_of(
                    conn, year=year, county=county, method=method, today=self.ctx.today()
                )
        self.app.call_from_thread(self._show_existing, existing)

    def _show_existing(self, existing: PlanSummary | None) -> None:
        from inspector.domain.choices import PlanMethod

        self.existing = existing
        notice = self.query_one("#draw-existing", Static)
        replace = self.form.field("replace")
        notice.display = existing is not None
        replace.display = existing is not None and not existing.done
        if existing is None:
            return
        params: dict[str, Any] = {
            "county": existing.county_name,
            "year": existing.year,
            "method": PlanMethod.of(existing.method).label(language()),
            "items": existing.items,
            "done": existing.done,
            "drawn": existing.drawn_on or "—",
        }
        notice.update(t("pui.draw.exists_locked" if existing.done else "pui.draw.exists", **params))
        notice.set_class(bool(existing.done), "error-text")

    def _existing_problem(self, values: dict[str, Any]) -> str | None:
        """Why this draw cannot be kept as it stands (an existing plan), before drawing."""
        existing = self.existing
        if existing is None:
            return None
        if existing.done:
            return t("plan.replace_fulfilled", done=existing.done)
        if values.get("replace") not in (True, "yes"):
            return t("pui.draw.exists_refused", county=existing.county_name, year=existing.year)
        return None

    def request(self, values: dict[str, Any], *, seed: str | None = None) -> DrawRequest:
        from inspector.services.plans import DrawRequest, split_names

        return DrawRequest(
            year=int(values["year"]),
            county=values["county_code"],
            # Blank: the county's roster (执法人员名录库), as `plan draw` without --inspectors.
            inspectors=split_names(values["inspectors"])
            if _blank(values.get("inspectors"))
            else None,
            method=values.get("method") or "double_random",
            count=_int(values.get("sample_size")),
            fraction=_blank(values.get("fraction")),
            strata=values.get("strata") or None,
            seed=seed or _blank(values.get("seed")),
        )

    def action_save(self) -> None:
        if self.saving or not self.checked():
            return
        values = self.form.values()
        refused = self._existing_problem(values)
        if refused:
            self.show_error(refused)
            self.form.field("replace").focus_control()
            return
        self.saving = True
        if self.draft is not None and values == self._drawn_for:
            self._save(values)
        else:
            self._preview(values)

    @work(thread=True, exclusive=True, exit_on_error=False, group="save")
    def _preview(self, values: dict[str, Any]) -> None:
        from inspector.services.plans import prepare_draw

        try:
            with self.ctx.read() as conn:
                draft = prepare_draw(conn, self.request(values), today=self.ctx.today())
        except Problem as problem:
            self.app.call_from_thread(self._refused, str(problem))
        else:
            self.app.call_from_thread(self._show_draft, draft, values)
        finally:
            self.saving = False

    def _show_draft(self, draft: Draft, values: dict[str, Any]) -> None:
        self.draft = draft
        self._drawn_for = values
        self.query_one("#draw-preview", Static).update(draft_table(draft))
        button = self.query_one("#modal-save", Button)
        button.label = t("pui.draw.keep") + " (Ctrl+S)"
        button.refresh(layout=True)  # a longer label: the button grows to hold it
        self.query_one("#draw-preview").scroll_visible()

    def reason(self, values: dict[str, Any]) -> str | None:
        return keyed("reason.plan_drawn")

    def submit(self, w: Writer, values: dict[str, Any]) -> Any:
        from inspector.services.plans import prepare_draw, save_plan

        assert self.draft is not None
        # Drawn again inside the transaction from the seed that was shown: the list saved
        # is the list looked at, unless the register changed in between (then it is the
        # list the stored inputs give, which `verify` reproduces).
        draft = prepare_draw(
            w.conn, self.request(values, seed=self.draft.seed), today=self.ctx.today()
        )
        return save_plan(w, draft, replace=values.get("replace") in (True, "yes"))


def draft_table(draft: Draft) -> Group:
    """The drawn list as the dialog shows it before it is kept."""
    from rich.console import Group
    from rich.table import Table

    from inspector.domain.choices import PlanMethod
    from inspector.ui.text import fit

    heading = t(
        "pui.draw.drawn",
        count=len(draft.items),
        candidates=draft.candidate_count,
        method=PlanMethod.of(draft.method).label(language()),
        seed=draft.seed,
    )
    table = Table(box=None, padding=(0, 1), show_edge=False, pad_edge=False)
    for key in ("no", "due", "code", "name", "inspectors"):
        table.add_column(
            t(f"plan.col.{key}"), no_wrap=True, justify="right" if key == "no" else "left"
        )
    for n, item in enumerate(draft.items, start=1):
        code, name, _river = draft.codes.get(item.outfall_id, ("?", "", ""))
        table.add_row(
            str(n),
            item.due_date.isoformat(),
            code,
            fit(name, PREVIEW_NAME_WIDTH),
            f"{item.inspector_a}、{item.inspector_b}",
        )
    return Group(heading, table)


PREVIEW_NAME_WIDTH = 34
"""Cells of an outfall's name in the drawn list (the dialog is 90 cells wide)."""


# -- a plan item ---------------------------------------------------------------------------


class CancelItemModal(FormModal):
    """Take an item out of its plan, with the reason kept (`plan cancel-item`)."""

    DRAFT_FORM: ClassVar[str | None] = "cancel_item"
    TITLE: ClassVar[str] = "pui.cancel.title"
    SAVE: ClassVar[str] = "pui.cancel.save"

    def __init__(self, item_id: str, *, label: str) -> None:
        super().__init__()
        self.item_id = item_id
        self.draft_subject = item_id
        self.label = label

    def intro(self) -> str:
        return t("pui.cancel.intro", item=self.label)

    def fields(self) -> list[Field]:
        return [
            Field(
                "plan_item",
                text_spec("reason", required=True, max_length=500),
                label=t("pui.cancel.reason"),
            )
        ]

    def reason(self, values: dict[str, Any]) -> str | None:
        return keyed("reason.plan_item_cancelled")

    def submit(self, w: Writer, values: dict[str, Any]) -> Any:
        from inspector.services.plans import cancel_item

        cancel_item(w, self.item_id, reason=values["reason"].strip())
        return self.item_id


# -- assessment ----------------------------------------------------------------------------


class ScoreModal(FormModal):
    """An item of a county's card entered by hand with its basis, or a falsification
    finding (its proof required), an adjustment (cause and reason required) or an
    exclusion (`assess enter`); who and when are recorded."""

    DRAFT_FORM: ClassVar[str | None] = "assessment_entry"
    TITLE: ClassVar[str] = "pui.score.title"

    def __init__(
        self, *, year: int, month: int, county: str | None = None, scheme: Scheme | None = None
    ) -> None:
        super().__init__()
        self.year = year
        self.month = month
        self.county = county
        self.scheme = scheme

    def intro(self) -> str:
        return t("pui.score.intro", user=self.ctx.user_name())

    def fields(self) -> list[Field]:
        from inspector.models import AssessmentEntry
        from inspector.services.assessment import item_options, shipped_scheme

        spec = model_spec(AssessmentEntry).fields
        scheme = self.scheme or shipped_scheme()
        return [
            Field(
                "assessment_entry",
                spec["county_code"],
                value=self.county,
                control="select",
                options=[(name, code) for name, code in self.ctx.counties()],
            ),
            Field("assessment_entry", spec["year"], value=self.year),
            Field(
                "assessment_entry", spec["month"], value=self.month, hint=t("pui.score.month_hint")
            ),
            Field(
                "assessment_entry",
                spec["item"],
                control="select",
                options=item_options(scheme, language()),
            ),
            Field("assessment_entry", spec["score"], hint=t("pui.score.score_hint")),
            Field("assessment_entry", spec["cause"]),
            Field("assessment_entry", spec["basis"]),
        ]

    def reason(self, values: dict[str, Any]) -> str | None:
        return keyed("reason.score_entered")

    def submit(self, w: Writer, values: dict[str, Any]) -> Any:
        from inspector.services.assessment import enter_score

        return enter_score(
            w,
            county=values["county_code"],
            year=int(values["year"]),
            month=int(values["month"]),
            item=values["item"],
            score=_blank(values.get("score")),
            basis=_blank(values.get("basis")),
            cause=_blank(values.get("cause")),
            entered_by=self.ctx.user_name(),
            entered_at=self.ctx.now(),
        )


class DepartmentScoreModal(FormModal):
    """A part of a city department's assessment, or an adjustment of its total (`assess
    dept enter`)."""

    TITLE: ClassVar[str] = "pui.dept.title"

    def __init__(self, *, year: int, city: str | None, scheme: Scheme | None = None) -> None:
        super().__init__()
        self.year = year
        self.city = city
        self.scheme = scheme

    def intro(self) -> str:
        return t("pui.dept.intro")

    def fields(self) -> list[Field]:
        from inspector.domain.choices import AssessmentItem
        from inspector.models import DepartmentEntry
        from inspector.services.assessment import shipped_scheme

        spec = model_spec(DepartmentEntry).fields
        scheme = self.scheme or shipped_scheme()
        lang = language()
        parts = [(f"{p.label(lang)} ({p.points})", p.key) for p in scheme.department_parts]
        parts.append((AssessmentItem.ADJUSTMENT.label(lang), AssessmentItem.ADJUSTMENT.value))
        return [
            Field("department_entry", spec["department"]),
            Field("department_entry", spec["year"], value=self.year),
            Field("department_entry", spec["part"], control="chips", options=parts),
            Field("department_entry", spec["score"]),
            Field("department_entry", spec["cause"]),
            Field("department_entry", spec["basis"]),
        ]

    def reason(self, values: dict[str, Any]) -> str | None:
        return "department assessment entered"

    def submit(self, w: Writer, values: dict[str, Any]) -> Any:
        from inspector.i18n import Problem as Refused
        from inspector.services.assessment import enter_department_score

        if self.city is None:
            raise Refused("assess.scheme.city_needed")
        return enter_department_score(
            w,
            city=self.city,
            year=int(values["year"]),
            department=values["department"],
            part=values["part"],
            score=_blank(values.get("score")),
            basis=_blank(values.get("basis")),
            cause=_blank(values.get("cause")),
            entered_by=self.ctx.user_name(),
            entered_at=self.ctx.now().astimezone(dt.UTC),
        )


# -- complaints ----------------------------------------------------------------------------


class ComplaintModal(FormModal):
    """A public complaint (`complaint record`): its deadline follows from the card."""

    TITLE: ClassVar[str] = "pui.complaint.title"

    def __init__(self, *, days: int) -> None:
        super().__init__()
        self.days = days

    def intro(self) -> str:
        return t("pui.complaint.intro", days=self.days)

    def fields(self) -> list[Field]:
        from inspector.models import Complaint

        spec = model_spec(Complaint).fields
        return [
            Field(
                "complaint",
                text_spec("outfall", max_length=64),
                label=t("pui.complaint.outfall"),
                placeholder="410882GY00221",
            ),
            Field(
                "complaint",
                spec["county_code"],
                control="select",
                required=False,
                options=[(name, code) for name, code in self.ctx.counties()],
            ),
            Field("complaint", spec["received_on"], value=self.ctx.today()),
            Field("complaint", spec["channel"]),
            Field("complaint", spec["content"]),
            Field("complaint", spec["complainant"]),
            Field("complaint", spec["contact"]),
        ]

    def reason(self, values: dict[str, Any]) -> str | None:
        return "complaint recorded"

    def submit(self, w: Writer, values: dict[str, Any]) -> Any:
        from inspector.models import Complaint
        from inspector.services.complaints import record_complaint

        received = model_spec(Complaint).fields["received_on"].clean(values["received_on"])
        complaint_id, due = record_complaint(
            w,
            content=values.get("content") or "",
            outfall_code=_blank(values.get("outfall")),
            county=_blank(values.get("county_code")),
            received_on=received,
            channel=values.get("channel") or "hotline",
            complainant=_blank(values.get("complainant")),
            contact=_blank(values.get("contact")),
            today=self.ctx.today(),
        )
        return complaint_id, due


class AnswerModal(FormModal):
    """A complaint answered (`complaint answer`), with the inspection that checked it."""

    TITLE: ClassVar[str] = "pui.answer.title"

    def __init__(self, complaint_id: str, *, content: str) -> None:
        super().__init__()
        self.complaint_id = complaint_id
        self.content = content

    def intro(self) -> str:
        return t("pui.answer.intro", content=self.content)

    def fields(self) -> list[Field]:
        from inspector.models import Complaint

        spec = model_spec(Complaint).fields
        return [
            Field("complaint", spec["answered_on"], value=self.ctx.today(), required=True),
            Field("complaint", spec["answer"], required=True),
            Field("complaint", spec["answered_by"], value=self.ctx.user_name(), required=True),
            Field(
                "complaint",
                text_spec("inspection", max_length=64),
                label=t("pui.answer.inspection"),
            ),
        ]

    def reason(self, values: dict[str, Any]) -> str | None:
        return "complaint answered"

    def submit(self, w: Writer, values: dict[str, Any]) -> Any:
        from inspector.models import Complaint
        from inspector.services.complaints import answer_complaint

        day = model_spec(Complaint).fields["answered_on"].clean(values["answered_on"])
        return answer_complaint(
            w,
            self.complaint_id,
            answer=values.get("answer") or "",
            by=values.get("answered_by") or "",
            on=day,
            inspection=_blank(values.get("inspection")),
            today=self.ctx.today(),
        )


# -- incidents -----------------------------------------------------------------------------


class IncidentModal(FormModal):
    """A cross-boundary incident at an outfall (`incident record`); the regions downstream
    to notify are listed once it is kept."""

    DRAFT_FORM: ClassVar[str | None] = "incident"
    TITLE: ClassVar[str] = "pui.incident.title"

    def fields(self) -> list[Field]:
        from inspector.models import Incident

        spec = model_spec(Incident).fields
        return [
            Field(
                "incident",
                text_spec("outfall", required=True, max_length=64),
                label=t("pui.incident.outfall"),
                placeholder="410882GY00221",
            ),
            Field(
                "incident",
                text_spec("occurred_at", required=True, max_length=40),
                value=self.ctx.now().strftime("%Y-%m-%d %H:%M"),
                label=t("field.incident.occurred_at"),
                hint=t("pui.incident.at_hint"),
            ),
            Field("incident", spec["description"]),
            Field("incident", spec["reported_by"], value=self.ctx.user_name()),
        ]

    def reason(self, values: dict[str, Any]) -> str | None:
        return keyed("reason.incident_recorded")

    def submit(self, w: Writer, values: dict[str, Any]) -> Any:
        from inspector.services.incidents import record_incident

        incident_id, _downstream = record_incident(
            w,
            occurred_at=_moment(values["occurred_at"], self.ctx.tz),
            description=values["description"].strip(),
            outfall_code=values["outfall"].strip(),
            reported_by=_blank(values.get("reported_by")),
        )
        return incident_id


def _moment(text: str, tz: dt.tzinfo | None) -> dt.datetime | str:
    """A local time as typed, read in the user's zone (`moments.read_typed`); text that
    cannot be read goes to the service unchanged, so its sentence names the field."""
    from inspector.domain.moments import read_typed

    try:
        return read_typed(text, tz)
    except ValueError:
        return text


class NoticeModal(FormModal):
    """A downstream region told of an incident (`incident notify`)."""

    DRAFT_FORM: ClassVar[str | None] = "incident_notice"
    TITLE: ClassVar[str] = "pui.notice.title"

    def __init__(self, incident_id: str, *, regions: list[tuple[str, str]]) -> None:
        super().__init__()
        self.incident_id = incident_id
        self.draft_subject = incident_id
        self.regions = regions

    def fields(self) -> list[Field]:
        from inspector.domain.choices import NoticeMethod
        from inspector.models import IncidentNotice

        spec = model_spec(IncidentNotice).fields
        lang = language()
        return [
            Field(
                "incident_notice",
                spec["region_code"],
                value=self.regions[0][1] if len(self.regions) == 1 else None,
                control="select",
                options=self.regions,
            ),
            Field(
                "incident_notice",
                spec["method"],
                required=True,
                options=[(m.label(lang), m.value) for m in NoticeMethod],
            ),
            Field(
                "incident_notice", spec["notified_by"], value=self.ctx.user_name(), required=True
            ),
            Field("incident_notice", spec["notes"]),
        ]

    def reason(self, values: dict[str, Any]) -> str | None:
        return keyed("reason.incident_notified")

    def submit(self, w: Writer, values: dict[str, Any]) -> Any:
        from inspector.services.incidents import notify

        notify(
            w,
            self.incident_id,
            region=values["region_code"],
            by=values["notified_by"].strip(),
            method=values["method"],
            at=self.ctx.now(),
            notes=_blank(values.get("notes")),
        )
        return self.incident_id


# -- recusals ------------------------------------------------------------------------------


class RecuseModal(FormModal):
    """A declared conflict of interest (`plan recuse`): a person and either one outfall,
    by its code, or an owner, by credit code or name. Which of the two, and whether the
    outfall or owner exists, is the service's to say."""

    DRAFT_FORM: ClassVar[str | None] = "recusal"
    TITLE: ClassVar[str] = "pui.recuse.title"

    def intro(self) -> str:
        return t("pui.recuse.intro")

    def fields(self) -> list[Field]:
        from inspector.models import Recusal

        spec = model_spec(Recusal).fields
        return [
            Field("recusal", spec["inspector"]),
            Field(
                "recusal",
                text_spec("outfall", max_length=64),
                label=t("pui.recuse.outfall"),
                placeholder="410882GY00221",
            ),
            Field(
                "recusal",
                text_spec("owner", max_length=200),
                label=t("pui.recuse.owner"),
                hint=t("pui.recuse.owner_hint"),
            ),
            Field("recusal", spec["reason"]),
            Field("recusal", spec["declared_on"], value=self.ctx.today()),
        ]

    def reason(self, values: dict[str, Any]) -> str | None:
        return keyed("reason.recusal_declared")

    def submit(self, w: Writer, values: dict[str, Any]) -> Any:
        from inspector.models import Recusal
        from inspector.services.plans import declare_recusal

        declared_on = model_spec(Recusal).fields["declared_on"].clean(values["declared_on"])
        name = values["inspector"].strip()
        recusal_id = declare_recusal(
            w,
            inspector=name,
            outfall_code=_blank(values.get("outfall")),
            owner=_blank(values.get("owner")),
            reason=_blank(values.get("reason")),
            declared_on=declared_on,
        )
        return recusal_id, name


class WithdrawRecusalModal(FormModal):
    """Withdraw a declaration (`plan withdraw`); the log keeps who declared what."""

    DRAFT_FORM: ClassVar[str | None] = "withdraw_recusal"
    TITLE: ClassVar[str] = "pui.withdraw.title"
    SAVE: ClassVar[str] = "pui.withdraw.save"

    def __init__(self, recusal_id: str, *, name: str, target: str) -> None:
        super().__init__()
        self.recusal_id = recusal_id
        self.draft_subject = recusal_id
        self.person = name
        self.target = target

    def intro(self) -> str:
        return t("pui.withdraw.intro", name=self.person, target=self.target)

    def fields(self) -> list[Field]:
        return [
            Field(
                "recusal",
                text_spec("reason", max_length=500),
                label=t("pui.withdraw.reason"),
            )
        ]

    def reason(self, values: dict[str, Any]) -> str | None:
        return keyed("reason.recusal_withdrawn")

    def submit(self, w: Writer, values: dict[str, Any]) -> Any:
        from inspector.services.plans import withdraw_recusal

        withdraw_recusal(w, self.recusal_id, reason=_blank(values.get("reason")))
        return self.recusal_id
