"""The lifecycle of DESIGN §3, rule by rule."""

from __future__ import annotations

import datetime as dt

import pytest

from inspector.domain import lifecycle
from inspector.domain.choices import ApprovalKind, Category, Measure, ProtectedArea, State
from inspector.domain.lifecycle import Facts, Need, Plan, Rule, TransitionRefused

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


# -- issue 13: the rules of the source documents ------------------------------------------


STORM = Category.OTH_URBAN_STORM


@pytest.mark.parametrize(
    ("plan", "broken"),
    [
        # 严禁合并、封堵城镇雨洪排口 (焦作 plan)
        (Plan(STORM, None, Measure.BAN), (Rule.STORM_OUTLET_KEPT,)),
        (Plan(STORM, None, Measure.MERGE), (Rule.STORM_OUTLET_KEPT,)),
        (Plan(STORM, None, Measure.STANDARDISE), ()),
        (Plan(Category.IND_STORM_FACTORY, None, Measure.BAN), ()),
        (Plan(Category.OTH_URBAN_SEWAGE, None, Measure.MERGE, STORM), (Rule.NO_MERGE_INTO_STORM,)),
        # 饮用水水源保护区、自然保护地: 依法取缔 (焦作 plan)
        (
            Plan(Category.IND_ENT_FACTORY, ProtectedArea.NATURE_RESERVE, Measure.STANDARDISE),
            (Rule.PROTECTED_AREA_BANNED,),
        ),
        (Plan(Category.IND_ENT_FACTORY, ProtectedArea.DRINKING_WATER, Measure.BAN), ()),
        # 过渡期 (焦作 plan)
        (
            Plan(None, None, Measure.STANDARDISE, None, D, dt.date(2026, 12, 30)),
            (Rule.TRANSITION_BEFORE_DEADLINE,),
        ),
        (Plan(None, None, Measure.STANDARDISE, None, D, D), ()),
    ],
)
def test_plan_breaches(plan: Plan, broken: tuple[Rule, ...]) -> None:
    assert lifecycle.plan_breaches(plan) == broken


def test_立行立改_goes_from_confirmed_to_works_without_an_owner() -> None:
    """立行立改 (焦作 plan)."""
    plan = Facts(measure=Measure.BAN, deadline=D)
    assert lifecycle.missing_for(S.CONFIRMED, S.IN_REMEDIATION, plan) == (Need.IMMEDIATE,)
    immediate = Facts(measure=Measure.BAN, deadline=D, immediate=True)
    assert lifecycle.missing_for(S.CONFIRMED, S.IN_REMEDIATION, immediate) == ()


def test_setting_approval_for_the_categories_of_mee_order_35() -> None:
    """部令第35号: 工矿企业, 园区污水处理厂 and 城镇污水处理厂 outfalls need 审批."""
    registered = Facts(approval_no=True, approval_kind=ApprovalKind.REGISTRATION)
    approved = Facts(approval_no=True, approval_kind=ApprovalKind.APPROVAL)
    for category in (Category.IND_ENT_FACTORY, Category.IND_PARK_WWTP, Category.URBAN_WWTP):
        facts = Facts(**{**registered.__dict__, "category": category})
        assert Need.SETTING_APPROVAL in lifecycle.missing_for(S.TRACED, S.IN_SERVICE, facts)
        facts = Facts(**{**approved.__dict__, "category": category})
        assert lifecycle.missing_for(S.TRACED, S.IN_SERVICE, facts) == ()
    rural = Facts(**{**registered.__dict__, "category": Category.OTH_RURAL_WWTP})
    assert lifecycle.missing_for(S.TRACED, S.IN_SERVICE, rural) == ()


def test_a_closed_round_of_works_needs_a_new_plan() -> None:
    """销号 only through the sign-offs: old sign-offs never cover new works."""
    closed = Facts(measure=Measure.STANDARDISE, deadline=D, city_signoff=True, reason=True)
    assert Need.NEW_PLAN in lifecycle.missing_for(S.IN_SERVICE, S.IN_REMEDIATION, closed)
    assert lifecycle.STEP_BACK_CLEARS[(S.PRE_CLOSED, S.REMEDIATED)] == (
        "county_signoff_by",
        "county_signoff_on",
    )


def test_overdue_is_past_the_transition_end_when_there_is_one() -> None:
    """过渡期 (焦作 plan): inside its transition period an outfall is not overdue."""
    today = dt.date(2027, 3, 1)
    before, after = dt.date(2027, 1, 1), dt.date(2027, 6, 30)
    assert lifecycle.is_overdue(S.IN_REMEDIATION, before, None, today)
    assert not lifecycle.is_overdue(S.IN_REMEDIATION, before, after, today)
    assert lifecycle.is_overdue(S.IN_REMEDIATION, before, dt.date(2027, 2, 1), today)
    assert not lifecycle.is_overdue(S.REMEDIATED, before, None, today)
