"""The lifecycle of DESIGN §3, rule by rule."""

from __future__ import annotations

import datetime as dt

import pytest

from inspector.domain import lifecycle
from inspector.domain.choices import Measure, State
from inspector.domain.lifecycle import Facts, Need, TransitionRefused

S = State
D = dt.date(2026, 12, 31)
READY = Facts(
    has_owner=True,
    measure=Measure.STANDARDISE,
    deadline=D,
    merge_target=True,
    evidence=True,
    county_signoff=True,
    city_signoff=True,
    approval_no=True,
    reason=True,
)


@pytest.mark.parametrize(
    ("current", "target", "facts", "missing"),
    [
        (S.SUSPECTED, S.CONFIRMED, Facts(), ()),
        (S.SUSPECTED, S.REJECTED, Facts(), (Need.REASON,)),
        (S.CONFIRMED, S.TRACED, Facts(), (Need.OWNER,)),
        (S.CONFIRMED, S.TRACED, Facts(has_owner=True), ()),
        (S.TRACED, S.IN_REMEDIATION, Facts(), (Need.MEASURE, Need.DEADLINE)),
        (
            S.TRACED,
            S.IN_REMEDIATION,
            Facts(measure=Measure.MERGE, deadline=D),
            (Need.MERGE_TARGET,),
        ),
        (
            S.TRACED,
            S.IN_REMEDIATION,
            Facts(measure=Measure.MERGE, deadline=D, merge_target=True),
            (),
        ),
        (S.TRACED, S.IN_SERVICE, Facts(), (Need.APPROVAL,)),
        (S.IN_REMEDIATION, S.REMEDIATED, Facts(), (Need.EVIDENCE,)),
        (S.REMEDIATED, S.PRE_CLOSED, Facts(), (Need.COUNTY_SIGNOFF,)),
        (S.REMEDIATED, S.IN_REMEDIATION, Facts(), (Need.REASON,)),
        (S.PRE_CLOSED, S.CLOSED, Facts(), (Need.CITY_SIGNOFF,)),
        (S.PRE_CLOSED, S.REMEDIATED, Facts(), (Need.REASON,)),
        (
            S.CLOSED,
            S.IN_SERVICE,
            Facts(measure=Measure.BAN, has_owner=True),
            (Need.RETAINED_MEASURE,),
        ),
        (S.CLOSED, S.ABOLISHED, Facts(measure=Measure.STANDARDISE), (Need.REMOVAL_MEASURE,)),
        (S.CLOSED, S.ABOLISHED, Facts(measure=Measure.MERGE), ()),
        (S.REJECTED, S.SUSPECTED, Facts(), (Need.REASON,)),
    ],
)
def test_preconditions(
    current: State, target: State, facts: Facts, missing: tuple[Need, ...]
) -> None:
    assert lifecycle.missing_for(current, target, facts) == missing


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.SUSPECTED, S.TRACED),
        (S.CONFIRMED, S.CLOSED),
        (S.TRACED, S.REMEDIATED),
        (S.IN_REMEDIATION, S.CLOSED),
        (S.ABOLISHED, S.IN_SERVICE),
        (S.CLOSED, S.SUSPECTED),
    ],
)
def test_no_shortcuts_even_with_every_fact(current: State, target: State) -> None:
    with pytest.raises(TransitionRefused) as caught:
        lifecycle.check(current, target, READY)
    assert caught.value.illegal


def test_every_state_is_reachable_from_suspected() -> None:
    seen, frontier = {S.SUSPECTED}, [S.SUSPECTED]
    while frontier:
        for nxt in lifecycle.targets(frontier.pop()):
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    assert seen == set(State)


def test_reached() -> None:
    assert lifecycle.reached(S.CLOSED, S.TRACED)
    assert lifecycle.reached(S.IN_SERVICE, S.REMEDIATED)
    assert not lifecycle.reached(S.IN_SERVICE, S.REMEDIATED, works=False)
    assert lifecycle.reached(S.IN_SERVICE, S.TRACED, works=False)
    assert lifecycle.reached(S.ABOLISHED, S.CLOSED)
    assert not lifecycle.reached(S.TRACED, S.REMEDIATED)
    assert not lifecycle.reached(S.REJECTED, S.CONFIRMED)


@pytest.mark.parametrize(
    ("state", "kwargs", "missing"),
    [
        (S.TRACED, {"has_owner": False, "measure": None, "deadline": False}, (Need.OWNER,)),
        (
            S.IN_REMEDIATION,
            {"has_owner": True, "measure": None, "deadline": False},
            (Need.MEASURE, Need.DEADLINE),
        ),
        (S.CLOSED, {"has_owner": True, "measure": Measure.BAN, "deadline": True}, ()),
        (
            S.ABOLISHED,
            {"has_owner": True, "measure": Measure.STANDARDISE, "deadline": True},
            (Need.REMOVAL_MEASURE,),
        ),
        (S.IN_SERVICE, {"has_owner": True, "measure": None, "deadline": False}, ()),
        (S.CONFIRMED, {"has_owner": False, "measure": None, "deadline": False}, ()),
        # A ledger is history: no evidence or sign-offs are asked of it.
        (S.PRE_CLOSED, {"has_owner": True, "measure": Measure.MERGE, "deadline": True}, ()),
    ],
)
def test_recorded_state_consistency(
    state: State, kwargs: dict[str, object], missing: tuple[Need, ...]
) -> None:
    assert lifecycle.recorded_state_problems(state, **kwargs) == missing  # type: ignore[arg-type]
