"""The outfall lifecycle of DESIGN §3: which step may follow which, what each step needs,
and the rules of the source documents a remediation plan must keep.

This is the one place the rules live. The data layer gathers `Facts` about an outfall
and asks `missing_for` / `broken_for` (or `check`, which raises); a remediation plan is
checked with `plan_breaches`; the ledger importer asks `recorded_state_problems`. The UI,
the command line, the ledger import and the sync importer only ever show what comes back.

Public functions, for every caller that moves or records an outfall:

- `targets(state)`: the states it may move to;
- `missing_for(current, target, facts)`: the preconditions (`Need`) still lacking;
- `broken_for(current, target, facts)`: the rules (`Rule`) the step would break;
- `check(current, target, facts)`: raise `TransitionRefused` unless the step is allowed;
- `plan_breaches(plan)`: the rules a remediation plan breaks;
- `recorded_state_problems(...)`: consistency of a state a ledger records as history;
- `due_date(...)` / `is_overdue(...)`: when a remediation falls due (the transition end
  when there is one) and whether it is overdue;
- `reached(state, milestone, works=...)`: progress counting.

Rules, with the documents they come from (their wording as the issue and
`reference/domain.md` give it):

- 严禁合并、封堵城镇雨洪排口 (焦作 plan): an urban storm outlet (城镇雨洪排口, HJ 1312-2023
  其他排口) is never planned for merging or banning (封堵 is a ban), and no outfall is
  merged into one (`Rule.STORM_OUTLET_KEPT`, `Rule.NO_MERGE_INTO_STORM`). Only the
  category 城镇雨洪排口 counts: the rule protects the town's drainage, whose blocking
  floods streets; an enterprise's or a park's own storm outlets (工矿企业雨洪排口,
  园区污水处理厂雨洪排口) belong to the discharger and may be merged or closed like its
  other outlets (see `STORM_OUTLETS`).
- 饮用水水源保护区、自然保护地内的排污口依法取缔 (焦作 plan, 依法取缔一批): an outfall in a
  protected area takes no measure but a ban and is never retained
  (`Rule.PROTECTED_AREA_BANNED`).
- 过渡期: the transition period ends on or after the remediation deadline
  (`Rule.TRANSITION_BEFORE_DEADLINE`); while it runs the outfall is not overdue.
- 立行立改 (焦作 plan): a simple problem may be remediated straight from the investigation
  or tracing stage (confirmed), without an owner first; the remediation records it
  (`immediate`).
- 销号 only through the sign-offs: pre-closed needs the county's sign-off, closed the
  city's, on the live remediation; a new round of works needs a new plan, so an old
  sign-off never closes new works. An outfall retained without works (traced →
  in service) is its own figure, never a closing (`reached(..., works=False)`).
- Setting approval (部令第35号): an industrial/mining enterprise outfall, a park wastewater
  plant outfall or a town wastewater plant outfall is retained only with a setting
  approval (审批/审核), not a registration (`Need.SETTING_APPROVAL`, `NEEDS_APPROVAL`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from inspector.domain.choices import ApprovalKind, Category, Measure, ProtectedArea, State


class Need(StrEnum):
    """A precondition of a transition; each has a message `need.<value>` in both languages."""

    OWNER = "owner"
    MEASURE = "measure"
    DEADLINE = "deadline"
    MERGE_TARGET = "merge_target"
    EVIDENCE = "evidence"
    COUNTY_SIGNOFF = "county_signoff"
    CITY_SIGNOFF = "city_signoff"
    REASON = "reason"
    APPROVAL = "approval"
    RETAINED_MEASURE = "retained_measure"
    REMOVAL_MEASURE = "removal_measure"
    IMMEDIATE = "immediate"
    """立行立改: only a remediation recorded as immediate may skip the owner."""
    NEW_PLAN = "new_plan"
    """A new round of works needs its own plan (the last one is already closed off)."""
    SETTING_APPROVAL = "setting_approval"
    """部令第35号: a setting approval, not a registration, for the categories that need one."""


class Rule(StrEnum):
    """A rule of the source documents that refuses a plan or a step outright; each has a
    message `rule.<value>` naming it and its document, in both languages."""

    STORM_OUTLET_KEPT = "storm_outlet_kept"
    NO_MERGE_INTO_STORM = "no_merge_into_storm"
    PROTECTED_AREA_BANNED = "protected_area_banned"
    TRANSITION_BEFORE_DEADLINE = "transition_before_deadline"
    BACKSTOP_AFTER_TRACING = "backstop_after_tracing"
    """政府兜底 only once a tracing record found no owner (checked by the register service)."""


#: Categories the rule 严禁合并、封堵城镇雨洪排口 protects: the town's storm outlets only.
STORM_OUTLETS: frozenset[Category] = frozenset({Category.OTH_URBAN_STORM})

#: Categories whose outfalls need a setting approval (审批) to be kept, not a registration
#: (部令第35号: 工矿企业, 工业及其他各类园区污水处理厂 and 城镇污水处理厂 outfalls). An
#: enterprise's or a park's storm outlets are registered, as every other outfall is.
NEEDS_APPROVAL: frozenset[Category] = frozenset(
    {
        Category.INDUSTRIAL,
        Category.IND_ENTERPRISE,
        Category.IND_ENT_FACTORY,
        Category.IND_ENT_MINE,
        Category.IND_ENT_TAILINGS,
        Category.IND_PARK_WWTP,
        Category.URBAN_WWTP,
    }
)

#: An enterprise's own outfalls (outside a park) for the permit annotation rule: one
#: enterprise with two or more of them needs them written into its discharge permit.
ENTERPRISE_OUTFALLS: frozenset[Category] = frozenset(
    {
        Category.INDUSTRIAL,
        Category.IND_ENTERPRISE,
        Category.IND_ENT_FACTORY,
        Category.IND_ENT_MINE,
        Category.IND_ENT_TAILINGS,
    }
)
#: How many such outfalls of one enterprise call for the permit annotation.
PERMIT_ANNOTATION_FROM = 2


@dataclass(frozen=True)
class Plan:
    """A remediation plan as the rules see it (with the outfall it is for)."""

    category: Category | None
    protected_area: ProtectedArea | None
    measure: Measure | None
    merge_target_category: Category | None = None
    deadline: dt.date | None = None
    transition_end: dt.date | None = None


def plan_breaches(plan: Plan) -> tuple[Rule, ...]:
    """The rules `plan` breaks, in a fixed order (empty when it keeps them all)."""
    broken: list[Rule] = []
    if plan.category in STORM_OUTLETS and plan.measure in (Measure.BAN, Measure.MERGE):
        broken.append(Rule.STORM_OUTLET_KEPT)
    if plan.measure is Measure.MERGE and plan.merge_target_category in STORM_OUTLETS:
        broken.append(Rule.NO_MERGE_INTO_STORM)
    if (
        plan.protected_area is not None
        and plan.measure is not None
        and plan.measure is not Measure.BAN
    ):
        broken.append(Rule.PROTECTED_AREA_BANNED)
    if (
        plan.deadline is not None
        and plan.transition_end is not None
        and plan.transition_end < plan.deadline
    ):
        broken.append(Rule.TRANSITION_BEFORE_DEADLINE)
    return tuple(broken)


@dataclass(frozen=True)
class Facts:
    """What the preconditions look at, gathered by the data layer for one outfall."""

    has_owner: bool = False
    """A current main owner assignment, of any basis (政府兜底 included)."""
    measure: Measure | None = None
    deadline: dt.date | None = None
    transition_end: dt.date | None = None
    merge_target: bool = False
    """Set when the measure is merge and the target is another live outfall."""
    merge_target_category: Category | None = None
    evidence: bool = False
    county_signoff: bool = False
    city_signoff: bool = False
    """The live remediation carries the city's sign-off (its round of works is closed)."""
    approval_no: bool = False
    approval_kind: ApprovalKind | None = None
    reason: bool = False
    immediate: bool = False
    """The live remediation is recorded as 立行立改."""
    category: Category | None = None
    protected_area: ProtectedArea | None = None

    @property
    def plan(self) -> Plan:
        return Plan(
            category=self.category,
            protected_area=self.protected_area,
            measure=self.measure,
            merge_target_category=self.merge_target_category,
            deadline=self.deadline,
            transition_end=self.transition_end,
        )


S = State
_WORKS = (Need.MEASURE, Need.DEADLINE, Need.MERGE_TARGET)
_TRANSITIONS: dict[State, dict[State, tuple[Need, ...]]] = {
    S.SUSPECTED: {S.CONFIRMED: (), S.REJECTED: (Need.REASON,)},
    S.CONFIRMED: {
        S.TRACED: (Need.OWNER,),
        S.REJECTED: (Need.REASON,),
        # 立行立改: a simple problem fixed at once, before any owner is known.
        S.IN_REMEDIATION: (Need.IMMEDIATE, *_WORKS, Need.NEW_PLAN),
    },
    S.TRACED: {
        S.IN_REMEDIATION: (*_WORKS, Need.NEW_PLAN),
        # Retained without works: an outfall that already holds its setting approval or
        # registration goes straight under supervision. Counted as retained, never as
        # remediated or closed: 销号 is only by the two sign-offs.
        S.IN_SERVICE: (Need.APPROVAL, Need.SETTING_APPROVAL),
    },
    S.IN_REMEDIATION: {S.REMEDIATED: (Need.EVIDENCE,)},
    S.REMEDIATED: {
        S.PRE_CLOSED: (Need.COUNTY_SIGNOFF,),
        S.IN_REMEDIATION: (Need.REASON,),  # the re-test failed
    },
    S.PRE_CLOSED: {
        S.CLOSED: (Need.CITY_SIGNOFF,),
        S.REMEDIATED: (Need.REASON,),  # the city sent it back
    },
    S.CLOSED: {
        S.IN_SERVICE: (Need.RETAINED_MEASURE, Need.OWNER, Need.SETTING_APPROVAL),
        S.ABOLISHED: (Need.REMOVAL_MEASURE,),
    },
    S.IN_SERVICE: {S.IN_REMEDIATION: (*_WORKS, Need.NEW_PLAN, Need.REASON)},
    S.REJECTED: {S.SUSPECTED: (Need.REASON,)},
    S.ABOLISHED: {},
}

#: Steps back: what the step forward relied on is withdrawn, and must be given again.
#: (current, target) -> the remediation fields to clear.
STEP_BACK_CLEARS: dict[tuple[State, State], tuple[str, ...]] = {
    (S.REMEDIATED, S.IN_REMEDIATION): (
        "evidence",
        "retest_result",
        "retest_passed",
        "county_signoff_by",
        "county_signoff_on",
    ),
    (S.PRE_CLOSED, S.REMEDIATED): ("county_signoff_by", "county_signoff_on"),
}

#: States in the order an outfall normally passes through them; used for "reached".
PROGRESSION: tuple[State, ...] = (
    S.SUSPECTED,
    S.CONFIRMED,
    S.TRACED,
    S.IN_REMEDIATION,
    S.REMEDIATED,
    S.PRE_CLOSED,
    S.CLOSED,
)
_RANK = {state: i for i, state in enumerate(PROGRESSION)}
_RANK[S.IN_SERVICE] = _RANK[S.CLOSED]
_RANK[S.ABOLISHED] = _RANK[S.CLOSED]

#: States that need an owner (traced and every state after it).
OWNED_STATES = frozenset(s for s in State if s is not S.REJECTED and _RANK[s] >= _RANK[S.TRACED])
#: States that need a remediation measure and deadline.
REMEDIATION_STATES = frozenset(
    {S.IN_REMEDIATION, S.REMEDIATED, S.PRE_CLOSED, S.CLOSED, S.ABOLISHED}
)


def reached(state: State, milestone: State, *, works: bool = True) -> bool:
    """Whether an outfall in `state` has passed `milestone` (rejected reaches nothing).

    `works` says, for an outfall in service, whether it got there through remediation
    (a remediation of it was completed) or was retained without works; the latter has
    reached tracing and no further: it is never counted as remediated or closed.
    """
    if state is S.REJECTED:
        return milestone is S.REJECTED
    if state is S.IN_SERVICE:
        if not works:
            return _RANK[milestone] <= _RANK[S.TRACED]
        return True
    return _RANK[state] >= _RANK[milestone]


def retained_without_works(state: State, *, works: bool) -> bool:
    """An outfall kept under supervision that needed no remediation: its own figure."""
    return state is S.IN_SERVICE and not works


def due_date(deadline: dt.date | None, transition_end: dt.date | None) -> dt.date | None:
    """When a remediation falls due: the end of its transition period (过渡期) when it
    has one, else its deadline."""
    return transition_end or deadline


def is_overdue(
    state: State, deadline: dt.date | None, transition_end: dt.date | None, today: dt.date
) -> bool:
    """Overdue: in remediation and past the due date (`due_date`). An outfall still inside
    its transition period is not overdue. `inspector.data.remediations` says the same in
    SQL; a test holds the two equal."""
    due = due_date(deadline, transition_end)
    return state is S.IN_REMEDIATION and due is not None and due < today


def targets(state: State) -> tuple[State, ...]:
    """The states an outfall in `state` may move to."""
    return tuple(_TRANSITIONS[state])


class TransitionRefused(Exception):
    """A lifecycle step that is not allowed, or whose preconditions are not met."""

    def __init__(
        self,
        current: State,
        target: State,
        missing: tuple[Need, ...],
        broken: tuple[Rule, ...] = (),
    ) -> None:
        self.current = current
        self.target = target
        self.missing = missing
        self.broken = broken
        parts = [*missing, *broken]
        super().__init__(f"{current} -> {target}: missing {', '.join(parts) or 'path'}")

    @property
    def illegal(self) -> bool:
        """True when no path leads there at all (as opposed to missing preconditions)."""
        return not self.missing and not self.broken


def missing_for(current: State, target: State, facts: Facts) -> tuple[Need, ...]:
    """The unmet preconditions of `current -> target`; raises if the step does not exist."""
    needs = _TRANSITIONS[current].get(target)
    if needs is None:
        raise TransitionRefused(current, target, ())
    return tuple(need for need in needs if not _satisfied(need, facts))


def broken_for(current: State, target: State, facts: Facts) -> tuple[Rule, ...]:
    """The rules `current -> target` would break; raises if the step does not exist."""
    if target not in _TRANSITIONS[current]:
        raise TransitionRefused(current, target, ())
    if target is S.IN_REMEDIATION:
        return plan_breaches(facts.plan)
    if target is S.IN_SERVICE and facts.protected_area is not None:
        return (Rule.PROTECTED_AREA_BANNED,)
    return ()


def check(current: State, target: State, facts: Facts) -> None:
    """Raise `TransitionRefused` unless `current -> target` is allowed now."""
    missing = missing_for(current, target, facts)
    broken = broken_for(current, target, facts)
    if missing or broken:
        raise TransitionRefused(current, target, missing, broken)


def needs_setting_approval(category: Category | None) -> bool:
    return category in NEEDS_APPROVAL


def _satisfied(need: Need, f: Facts) -> bool:
    match need:
        case Need.OWNER:
            return f.has_owner
        case Need.MEASURE:
            return f.measure is not None
        case Need.DEADLINE:
            return f.deadline is not None
        case Need.MERGE_TARGET:
            return f.measure is not Measure.MERGE or f.merge_target
        case Need.EVIDENCE:
            return f.evidence
        case Need.COUNTY_SIGNOFF:
            return f.county_signoff
        case Need.CITY_SIGNOFF:
            return f.city_signoff
        case Need.REASON:
            return f.reason
        case Need.APPROVAL:
            return f.approval_no
        case Need.RETAINED_MEASURE:
            return f.measure is Measure.STANDARDISE
        case Need.REMOVAL_MEASURE:
            return f.measure in (Measure.BAN, Measure.MERGE)
        case Need.IMMEDIATE:
            return f.immediate
        case Need.NEW_PLAN:
            return not f.city_signoff
        case Need.SETTING_APPROVAL:
            return not needs_setting_approval(f.category) or (
                f.approval_no and f.approval_kind is ApprovalKind.APPROVAL
            )


def recorded_state_problems(
    state: State,
    *,
    has_owner: bool,
    measure: Measure | None,
    deadline: bool,
    immediate: bool = False,
) -> tuple[Need, ...]:
    """Consistency of a state reached in the past, as a ledger records it.

    A ledger is history, not a live step: it is not asked for evidence or sign-offs, only
    that the state agrees with the rest of the row. (The rules of `plan_breaches` and the
    setting approval apply to a ledger row as to any plan: the importer asks them too.)
    A remediation recorded as 立行立改 went ahead without an owner; only keeping the
    outfall (in service) needs one then.
    """
    missing: list[Need] = []
    owner_waived = immediate and state in REMEDIATION_STATES
    if state in OWNED_STATES and not has_owner and not owner_waived:
        missing.append(Need.OWNER)
    if state in REMEDIATION_STATES:
        if measure is None:
            missing.append(Need.MEASURE)
        if not deadline:
            missing.append(Need.DEADLINE)
    if state is S.ABOLISHED and measure is Measure.STANDARDISE:
        missing.append(Need.REMOVAL_MEASURE)
    if state is S.IN_SERVICE and measure in (Measure.BAN, Measure.MERGE):
        missing.append(Need.RETAINED_MEASURE)
    return tuple(missing)


def permit_annotation_needed(enterprise_outfalls: int, *, annotated: bool) -> bool:
    """One enterprise outside a park with two or more outfalls of its own needs them
    written into its discharge permit (排污许可证载明); True while that is not recorded."""
    return enterprise_outfalls >= PERMIT_ANNOTATION_FROM and not annotated
