"""Dialogs of the outfall screen: each one step of the register's workflow.

Every dialog calls the workflow in `inspector.services.register`; none restates a rule.
A refused step comes back as the service's own sentence naming what is missing.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from textual.widgets import Static

from inspector.domain.choices import State
from inspector.i18n import language, t
from inspector.i18n.reasons import keyed
from inspector.ui.modals.form import FormModal
from inspector.ui.widgets.forms.fields import Field, model_spec

if TYPE_CHECKING:
    from inspector.data.writer import Writer


def _date(raw: Any) -> dt.date | None:
    """A date typed into a field (already checked by the field)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    from inspector.models import Remediation

    return dt.date.fromisoformat(model_spec(Remediation).fields["deadline"].convert(raw))


class _OutfallModal(FormModal):
    def __init__(self, outfall_id: str, *, record: Any = None) -> None:
        super().__init__()
        self.outfall_id = outfall_id
        self.draft_subject = outfall_id
        self.record = record

    def today(self) -> str:
        return self.ctx.today().isoformat()

    # -- the dialogs that name a new main owner ---------------------------------------------

    def main_owner_seen(self) -> dict[str, Any] | None:
        """The main owner the outfall screen showed (`services.register.MAIN_OWNER`): a
        save that would replace one someone else assigned or ended since is asked about
        first. Without the screen's record nothing was shown: saved as before."""
        from inspector.services.register import MAIN_OWNER

        if self.record is None:
            return None
        owner = self.record.owner
        return {MAIN_OWNER: owner["id"] if owner else None}

    def main_owner_line(self) -> str:
        """Who answers now, as the dialog was opened: what a new main owner replaces."""
        owner = self.record.owner if self.record is not None else None
        if not owner:
            shown = t("owner.none.short")
        elif owner.get("credit_code"):
            shown = t("stale.owner", name=owner["name"], code=owner["credit_code"])
        else:
            shown = owner["name"]
        return t("owner.assign.now", owner=shown)


class TransitionModal(_OutfallModal):
    """Move the outfall to another lifecycle state (with a reason)."""

    DRAFT_FORM: ClassVar[str | None] = "transition"
    TITLE: ClassVar[str] = "lc.title"
    SAVE: ClassVar[str] = "lc.save"

    def __init__(self, outfall_id: str, *, current: str, target: str | None = None) -> None:
        super().__init__(outfall_id)
        self.current = current
        self.target = target

    def intro(self) -> str:
        from inspector.domain import lifecycle

        lang = language()
        current = State.of(self.current)
        allowed = lifecycle.targets(current)
        names = t("ui.list_sep").join(s.label(lang) for s in allowed) or t("lifecycle.none")
        return t("lc.intro", current=current.label(lang), allowed=names)

    def _targets(self) -> list[tuple[str, str]]:
        lang = language()
        return [(s.label(lang), s.value) for s in State if s.value != self.current]

    def stored_raw(self, name: str, stored: Any, text: str) -> Any:
        # The field is the step's target, not the state: their state is where the step
        # starts from now, and the target is chosen again.
        return None if name == "state" else stored

    def kept_theirs(self, stored: dict[str, Any]) -> None:
        if "state" not in stored:
            return
        self.current = str(stored["state"])
        self.query_one(".modal-intro", Static).update(self.intro())
        target = next(f for f in self.form.fields if f.name_ == "state")
        target.control.set_options(self._targets())

    def fields(self) -> list[Field]:
        from inspector.models import Outfall, OwnerAssignment

        options = self._targets()
        return [
            Field(
                "outfall",
                model_spec(Outfall).fields["state"],
                value=self.target,
                label=t("lc.target"),
                control="select",
                options=options,
                required=True,
            ),
            Field(
                "owner_assignment",
                model_spec(OwnerAssignment).fields["evidence"],
                label=t("lc.reason"),
                placeholder=t("lc.reason.placeholder"),
                required=False,
            ),
        ]

    def reason(self, values: dict[str, Any]) -> str | None:
        return (values.get("evidence") or "").strip() or None

    def seen(self) -> dict[str, Any] | None:
        return {"state": self.current}

    def submit(self, w: Writer, values: dict[str, Any]) -> Any:
        from inspector.services import register as reg

        return reg.transition(
            w,
            self.outfall_id,
            State.of(values["state"]),
            reason=self.reason(values),
            seen=self.seen_values,
        )


#: The owner's fields of the assign dialog, saved with the owner (new or registered).
_OWNER_DETAILS = (
    "name",
    "credit_code",
    "kind",
    "industry",
    "address",
    "contact",
    "phone",
    "permit_no",
    "permit_annotation",
)


class AssignOwnerModal(_OutfallModal):
    """Name who answers for the outfall (a new main owner ends the previous one)."""

    DRAFT_FORM: ClassVar[str | None] = "assign_owner"
    TITLE: ClassVar[str] = "owner.assign.title"

    def intro(self) -> str:
        if self.record is None:
            return t("owner.assign.intro")
        return t("owner.assign.intro") + "\n" + self.main_owner_line()

    def seen(self) -> dict[str, Any] | None:
        # And the owner's fields as the dialog starts (blank, the kind preset): details
        # typed for an owner already registered are saved by the stale-edit rule.
        shown = self.form.values()
        owner = {k: shown.get(k) or None for k in _OWNER_DETAILS}
        return {**(self.main_owner_seen() or {}), **owner}

    def fields(self) -> list[Field]:
        from inspector.models import Owner, OwnerAssignment

        owner = model_spec(Owner).fields
        assignment = model_spec(OwnerAssignment).fields
        return [
            Field("owner", owner["name"], placeholder=t("owner.name.placeholder")),
            Field("owner", owner["credit_code"], placeholder="91410800XXXXXXXXXX"),
            Field("owner", owner["kind"], value="enterprise"),
            Field("owner", owner["industry"]),
            Field("owner", owner["address"]),
            Field("owner", owner["contact"]),
            Field("owner", owner["phone"]),
            Field("owner", owner["permit_no"]),
            Field(
                "owner",
                owner["permit_annotation"],
                placeholder=t("owner.annotation.placeholder"),
            ),
            Field("owner_assignment", assignment["role"], value="main"),
            Field("owner_assignment", assignment["basis"], value="traced"),
            Field(
                "owner_assignment",
                assignment["evidence"],
                placeholder=t("owner.evidence.placeholder"),
            ),
            Field("owner_assignment", assignment["valid_from"], value=self.today()),
        ]

    def reason(self, values: dict[str, Any]) -> str | None:
        return keyed("owner.assign.reason")

    def submit(self, w: Writer, values: dict[str, Any]) -> Any:
        from inspector.domain.choices import AssignmentBasis, AssignmentRole
        from inspector.services import register as reg

        owner_id = reg.find_or_create_owner(
            w,
            {k: values[k] for k in _OWNER_DETAILS},
            seen=self.seen_values,
            reason=self.reason(values),
        )
        assignment = reg.assign_owner(
            w,
            self.outfall_id,
            owner_id,
            role=AssignmentRole.of(values["role"]),
            basis=AssignmentBasis.of(values["basis"]),
            evidence=values.get("evidence") or None,
            valid_from=_date(values.get("valid_from")),
            reason=self.reason(values),
            seen=self.seen_values,
        )
        # One enterprise with two or more outfalls outside a park: its permit must list
        # them (the same warning `inspector outfall owner` prints).
        warning = reg.permit_annotation_warning(w, owner_id)
        if warning:
            self.app.call_from_thread(self.app.notify, warning, severity="warning", timeout=12)
        return assignment


class BackstopModal(_OutfallModal):
    """政府兜底: the county government answers for the outfall."""

    DRAFT_FORM: ClassVar[str | None] = "backstop"
    TITLE: ClassVar[str] = "owner.backstop.title"

    def intro(self) -> str:
        body = None
        if self.record is not None:
            region = self.ctx.reference.regions.get(self.record.outfall["county_code"])
            if region is not None:
                body = region.backstop_body if language() == "zh" else region.backstop_body_en
        if body is None:
            return t("owner.backstop.intro_unknown")
        return t("owner.backstop.intro_body", body=body) + "\n" + self.main_owner_line()

    def seen(self) -> dict[str, Any] | None:
        return self.main_owner_seen()

    def fields(self) -> list[Field]:
        from inspector.models import OwnerAssignment

        spec = model_spec(OwnerAssignment).fields
        return [
            Field(
                "owner_assignment",
                spec["evidence"],
                required=True,
                placeholder=t("owner.backstop.placeholder"),
            )
        ]

    def reason(self, values: dict[str, Any]) -> str | None:
        return keyed("owner.backstop.reason")

    def submit(self, w: Writer, values: dict[str, Any]) -> Any:
        from inspector.services import register as reg

        return reg.assign_government_backstop(
            w,
            self.outfall_id,
            evidence=values["evidence"],
            reason=self.reason(values),
            seen=self.seen_values,
        )


class TraceModal(_OutfallModal):
    """Record a tracing effort (溯源)."""

    DRAFT_FORM: ClassVar[str | None] = "trace"
    TITLE: ClassVar[str] = "trace.add.title"

    def fields(self) -> list[Field]:
        from inspector.models import TraceRecord

        spec = model_spec(TraceRecord).fields
        return [
            Field("trace_record", spec["methods"], required=True),
            Field("trace_record", spec["route_notes"]),
            Field("trace_record", spec["conclusion"], required=True),
            Field("trace_record", spec["result"], required=True),
            Field("trace_record", spec["traced_on"], value=self.today(), required=True),
            Field("trace_record", spec["staff"], value=self.ctx.user_name()),
        ]

    def submit(self, w: Writer, values: dict[str, Any]) -> Any:
        from inspector.services import register as reg

        return reg.add_trace_record(w, self.outfall_id, values, reason=t("trace.add.title"))


class PlanModal(_OutfallModal):
    """The remediation plan (一口一策): measure, deadline, merge target..."""

    DRAFT_FORM: ClassVar[str | None] = "remediation_plan"
    TITLE: ClassVar[str] = "rem.plan.title"

    def fields(self) -> list[Field]:
        from inspector.models import Remediation

        spec = model_spec(Remediation).fields
        current = self.record.remediation if self.record is not None else None
        current = current or {}
        merge_code = self.record.merge_target_code if self.record is not None else None
        return [
            Field("remediation", spec["measure"], value=current.get("measure")),
            Field(
                "remediation",
                spec["merge_target_id"],
                value=merge_code,
                label=t("rem.merge_code"),
                placeholder=t("rem.merge_code.placeholder"),
            ),
            Field("remediation", spec["plan_text"], value=current.get("plan_text")),
            Field("remediation", spec["responsible"], value=current.get("responsible")),
            Field(
                "remediation",
                spec["deadline"],
                value=current.get("deadline"),
                placeholder="2027-06-30",
            ),
            Field(
                "remediation",
                spec["transition_end"],
                value=current.get("transition_end"),
                hint=t("rem.transition_hint"),
            ),
            Field(
                "remediation",
                spec["immediate"],
                value=current.get("immediate"),
                hint=t("rem.immediate_hint"),
            ),
        ]

    def reason(self, values: dict[str, Any]) -> str | None:
        return keyed("rem.plan.reason")

    def seen(self) -> dict[str, Any] | None:
        # No plan shown is seen too: a plan someone else made meanwhile is not revised
        # over without a word.
        current = (self.record.remediation if self.record is not None else None) or {}
        return {name: current.get(name) for name in self.PLAN_FIELDS}

    PLAN_FIELDS: ClassVar[tuple[str, ...]] = (
        "measure",
        "merge_target_id",
        "plan_text",
        "responsible",
        "deadline",
        "transition_end",
        "immediate",
    )

    def stored_raw(self, name: str, stored: Any, text: str) -> Any:
        # The merge target is typed as its code; the service shows the id as that code.
        return (text if stored else None) if name == "merge_target_id" else stored

    def submit(self, w: Writer, values: dict[str, Any]) -> Any:
        from inspector.data.outfalls import find_outfall
        from inspector.services import register as reg

        values = dict(values)
        code = (values.pop("merge_target_id") or "").strip()
        values["merge_target_id"] = find_outfall(w.conn, code=code).id if code else None
        return reg.plan_remediation(
            w, self.outfall_id, values, reason=self.reason(values), seen=self.seen_values
        )


class CompletionModal(_OutfallModal):
    """Works done: the evidence and the re-test, then the step to remediated."""

    DRAFT_FORM: ClassVar[str | None] = "remediation_completion"
    TITLE: ClassVar[str] = "rem.complete.title"
    SAVE: ClassVar[str] = "rem.complete.save"

    def fields(self) -> list[Field]:
        from inspector.models import Remediation

        spec = model_spec(Remediation).fields
        current = (self.record.remediation if self.record is not None else None) or {}
        return [
            Field("remediation", spec["evidence"], value=current.get("evidence"), required=True),
            Field("remediation", spec["retest_result"], value=current.get("retest_result")),
            Field("remediation", spec["retest_passed"], value=current.get("retest_passed")),
        ]

    def reason(self, values: dict[str, Any]) -> str | None:
        return keyed("rem.complete.reason")

    def submit(self, w: Writer, values: dict[str, Any]) -> Any:
        from inspector.services import register as reg

        passed = values.get("retest_passed")
        return reg.record_completion(
            w,
            self.outfall_id,
            evidence=values["evidence"],
            retest_result=values.get("retest_result") or None,
            retest_passed=None if passed is None else passed == "yes",
            reason=self.reason(values),
        )


class SignoffModal(_OutfallModal):
    """县级预销号 (level "county") or 市级销号 (level "city")."""

    def __init__(self, outfall_id: str, *, level: str, record: Any = None) -> None:
        super().__init__(outfall_id, record=record)
        self.level = level
        self.DRAFT_FORM = f"signoff_{level}"  # type: ignore[misc]

    def compose(self):  # type: ignore[no-untyped-def]
        self.TITLE = f"rem.{self.level}.title"  # type: ignore[misc]
        self.SAVE = f"rem.{self.level}.save"  # type: ignore[misc]
        return super().compose()

    def fields(self) -> list[Field]:
        from inspector.models import Remediation

        spec = model_spec(Remediation).fields
        return [
            Field(
                "remediation",
                spec[f"{self.level}_signoff_by"],
                value=self.ctx.user_name(),
                required=True,
            ),
            Field(
                "remediation", spec[f"{self.level}_signoff_on"], value=self.today(), required=True
            ),
        ]

    def reason(self, values: dict[str, Any]) -> str | None:
        return keyed(f"rem.{self.level}.reason")

    def submit(self, w: Writer, values: dict[str, Any]) -> Any:
        from inspector.services import register as reg

        sign = reg.county_signoff if self.level == "county" else reg.city_signoff
        return sign(
            w,
            self.outfall_id,
            by=values[f"{self.level}_signoff_by"],
            on=_date(values[f"{self.level}_signoff_on"]),
            reason=self.reason(values),
        )


class SettleModal(_OutfallModal):
    """After closing: retained outfalls go under supervision, removed ones are abolished."""

    DRAFT_FORM: ClassVar[str | None] = None
    TITLE: ClassVar[str] = "rem.settle.title"
    SAVE: ClassVar[str] = "rem.settle.save"

    def intro(self) -> str:
        return t("rem.settle.intro")

    def fields(self) -> list[Field]:
        return []

    def reason(self, values: dict[str, Any]) -> str | None:
        return keyed("rem.settle.reason")

    def submit(self, w: Writer, values: dict[str, Any]) -> Any:
        from inspector.services import register as reg

        return reg.settle_closed(w, self.outfall_id, reason=self.reason(values))
