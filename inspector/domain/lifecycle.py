"""The outfall lifecycle of DESIGN §3: which step may follow which, and what each step needs.

This is the one place the rules live. The data layer gathers `Facts` about an outfall
and asks `missing_for`; the UI and the command line only ever show what comes back.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from inspector.domain.choices import Measure, State


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


@dataclass(frozen=True)
class Facts:
    """What the preconditions look at, gathered by the data layer for one outfall."""

    has_owner: bool = False
    """A current main owner assignment, of any basis (政府兜底 included)."""
    measure: Measure | None = None
    deadline: bool = False
    merge_target: bool = False
    """Set when the measure is merge and the target is another live outfall."""
    evidence: bool = False
    county_signoff: bool = False
    city_signoff: bool = False
    approval_no: bool = False
    reason: bool = False


S = State
_TRANSITIONS: dict[State, dict[State, tuple[Need, ...]]] = {
    S.SUSPECTED: {S.CONFIRMED: (), S.REJECTED: (Need.REASON,)},
    S.CONFIRMED: {S.TRACED: (Need.OWNER,), S.REJECTED: (Need.REASON,)},
    S.TRACED: {
        S.IN_REMEDIATION: (Need.MEASURE, Need.DEADLINE, Need.MERGE_TARGET),
        # An outfall that already holds a setting approval or registration needs no works:
        # it goes straight under supervision.
        S.IN_SERVICE: (Need.APPROVAL,),
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
        S.IN_SERVICE: (Need.RETAINED_MEASURE,),
        S.ABOLISHED: (Need.REMOVAL_MEASURE,),
    },
    S.IN_SERVICE: {S.IN_REMEDIATION: (Need.MEASURE, Need.DEADLINE, Need.MERGE_TARGET, Need.REASON)},
    S.REJECTED: {S.SUSPECTED: (Need.REASON,)},
    S.ABOLISHED: {},
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


def reached(state: State, milestone: State) -> bool:
    """Whether an outfall in `state` has passed `milestone` (rejected reaches nothing)."""
    if state is S.REJECTED:
        return milestone is S.REJECTED
    if state is S.IN_SERVICE and milestone in (S.IN_REMEDIATION, S.REMEDIATED, S.PRE_CLOSED):
        # Retained outfalls count as done whether or not they needed works.
        return True
    return _RANK[state] >= _RANK[milestone]


def targets(state: State) -> tuple[State, ...]:
    """The states an outfall in `state` may move to."""
    return tuple(_TRANSITIONS[state])


class TransitionRefused(Exception):
    """A lifecycle step that is not allowed, or whose preconditions are not met."""

    def __init__(self, current: State, target: State, missing: tuple[Need, ...]) -> None:
        self.current = current
        self.target = target
        self.missing = missing
        super().__init__(f"{current} -> {target}: missing {', '.join(missing) or 'path'}")

    @property
    def illegal(self) -> bool:
        """True when no path leads there at all (as opposed to missing preconditions)."""
        return not self.missing


def missing_for(current: State, target: State, facts: Facts) -> tuple[Need, ...]:
    """The unmet preconditions of `current -> target`; raises if the step does not exist."""
    needs = _TRANSITIONS[current].get(target)
    if needs is None:
        raise TransitionRefused(current, target, ())
    missing: list[Need] = []
    for need in needs:
        if not _satisfied(need, facts):
            missing.append(need)
    return tuple(missing)


def check(current: State, target: State, facts: Facts) -> None:
    """Raise `TransitionRefused` unless `current -> target` is allowed now."""
    missing = missing_for(current, target, facts)
    if missing:
        raise TransitionRefused(current, target, missing)


def _satisfied(need: Need, f: Facts) -> bool:
    match need:
        case Need.OWNER:
            return f.has_owner
        case Need.MEASURE:
            return f.measure is not None
        case Need.DEADLINE:
            return f.deadline
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


def recorded_state_problems(
    state: State, *, has_owner: bool, measure: Measure | None, deadline: bool
) -> tuple[Need, ...]:
    """Consistency of a state reached in the past, as a ledger records it.

    A ledger is history, not a live step: it is not asked for evidence or sign-offs, only
    that the state agrees with the rest of the row.
    """
    missing: list[Need] = []
    if state in OWNED_STATES and not has_owner:
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
