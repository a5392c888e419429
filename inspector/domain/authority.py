"""What each replica may change: its role and its region (DESIGN §5, "Trust and authority").

One rule, asked in three places: by every importer of every operation (whoever relayed
it), by the writer before a local change is stored (so the UI, the command line and the
ledger import refuse the same things), and by the register's sign-off workflows.

- A field replica (巡查终端), a county office (县区分局) and the city's central record
  (市局) may each change only records in their region: an outfall by its county, a record
  about an outfall (inspection, remediation, owner assignment, ...) by its outfall's
  county, a plan or a score by the county it is for. A region covers itself and every
  region below it (the city covers its counties).
- The county's pre-closing (预销号) is signed by a county office or the city; the closing
  (销号) only by the city's central record. So only they may set the sign-off fields, or
  move an outfall into those states.
- No operation may move an outfall into a state whose sign-off is missing, or jump past
  the steps that lead there (`inspector.domain.lifecycle` says which steps exist and what
  each needs: only its sign-off needs are asked here, the rest are the author's business).

Pure functions: the data layer gathers the facts (`Grant`, counties, `lifecycle.Facts`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from inspector.domain import lifecycle
from inspector.domain.choices import State
from inspector.domain.lifecycle import Facts, Need, TransitionRefused


class Role(StrEnum):
    FIELD = "field"
    COUNTY = "county"
    CENTRAL = "central"


class Denial(StrEnum):
    """Why a change is not allowed; each has a message `authority.<value>`."""

    OUTSIDE_REGION = "outside_region"
    NO_REGION = "no_region"
    COUNTY_SIGNOFF_ROLE = "county_signoff_role"
    CITY_SIGNOFF_ROLE = "city_signoff_role"
    PRE_CLOSE_ROLE = "pre_close_role"
    CLOSE_ROLE = "close_role"
    SKIPPED_STEPS = "skipped_steps"
    MISSING_COUNTY_SIGNOFF = "missing_county_signoff"
    MISSING_CITY_SIGNOFF = "missing_city_signoff"


@dataclass(frozen=True)
class Grant:
    """What one replica may do: its role, and the regions it covers (None: everywhere,
    for a replica not yet named, which has no region to keep to)."""

    replica_id: str
    role: str
    region: str | None
    covers: frozenset[str] | None

    @property
    def unrestricted(self) -> bool:
        return self.covers is None


def covered(region: str | None, parents: Mapping[str, str | None]) -> frozenset[str]:
    """`region` and every region below it, from (region -> parent) reference data."""
    if region is None:
        return frozenset()
    children: dict[str, list[str]] = {}
    for code, parent in parents.items():
        if parent:
            children.setdefault(parent, []).append(code)
    out = {region}
    todo = [region]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in out:
                out.add(child)
                todo.append(child)
    return frozenset(out)


def grant(
    replica_id: str, role: str, region: str | None, parents: Mapping[str, str | None]
) -> Grant:
    return Grant(replica_id, role, region, covered(region, parents))


def unrestricted(replica_id: str) -> Grant:
    return Grant(replica_id, Role.CENTRAL, None, None)


#: Fields only some roles may set, by table: the sign-offs.
_FIELD_ROLES: dict[tuple[str, str], tuple[frozenset[str], Denial]] = {
    ("remediation", "county_signoff_by"): (
        frozenset({Role.COUNTY, Role.CENTRAL}),
        Denial.COUNTY_SIGNOFF_ROLE,
    ),
    ("remediation", "county_signoff_on"): (
        frozenset({Role.COUNTY, Role.CENTRAL}),
        Denial.COUNTY_SIGNOFF_ROLE,
    ),
    ("remediation", "city_signoff_by"): (frozenset({Role.CENTRAL}), Denial.CITY_SIGNOFF_ROLE),
    ("remediation", "city_signoff_on"): (frozenset({Role.CENTRAL}), Denial.CITY_SIGNOFF_ROLE),
}

#: Fields whose change needs a role check, by table (a fast pre-filter for the importer).
GUARDED_FIELDS: dict[str, frozenset[str]] = {
    "remediation": frozenset(f for (e, f) in _FIELD_ROLES if e == "remediation"),
    "outfall": frozenset({"state"}),
}

#: States entered only by a sign-off, and the roles that may sign it.
_STATE_ROLES: dict[State, tuple[frozenset[str], Denial]] = {
    State.PRE_CLOSED: (frozenset({Role.COUNTY, Role.CENTRAL}), Denial.PRE_CLOSE_ROLE),
    State.CLOSED: (frozenset({Role.CENTRAL}), Denial.CLOSE_ROLE),
}

#: States reached only through the closing: entering them jumps nothing only along a
#: step the lifecycle has.
_AFTER_SIGNOFFS = frozenset({State.PRE_CLOSED, State.CLOSED, State.IN_SERVICE, State.ABOLISHED})

#: The same, as stored: a state change to any other needs no look at the facts or role.
GATED_STATES = frozenset(s.value for s in _AFTER_SIGNOFFS)

_SIGNOFF_NEEDS = {
    Need.COUNTY_SIGNOFF: Denial.MISSING_COUNTY_SIGNOFF,
    Need.CITY_SIGNOFF: Denial.MISSING_CITY_SIGNOFF,
}


def region_denial(who: Grant, region: str | None) -> Denial | None:
    """May `who` change a record of `region` (None: a record of no region, an owner)?"""
    if who.covers is None or region is None:
        return None
    if who.region is None:
        return Denial.NO_REGION
    return None if region in who.covers else Denial.OUTSIDE_REGION


def field_denial(who: Grant, entity: str, name: str) -> Denial | None:
    """May `who` set this field at all (the sign-offs)?"""
    rule = _FIELD_ROLES.get((entity, name))
    if rule is None or who.covers is None:
        return None
    roles, denial = rule
    return None if who.role in roles else denial


def needs_facts(before: State | None, after: State) -> bool:
    """Whether judging `before -> after` needs the outfall's facts (rarely: sign-offs)."""
    return before is not None and before is not after and after in _AFTER_SIGNOFFS


def state_denial(
    who: Grant, before: State | None, after: State, facts: Facts | None
) -> Denial | None:
    """May `who` move an outfall from `before` (None: a new outfall) to `after`?

    A new outfall may be recorded in any state its author's role may sign (a ledger is
    history); an existing one may enter a signed-off state only along a lifecycle step
    whose sign-off is there (`facts`, gathered when `needs_facts` says so).
    """
    if before is after:
        return None
    rule = _STATE_ROLES.get(after)
    if rule is not None and who.covers is not None and who.role not in rule[0]:
        return rule[1]
    if before is None or after not in _AFTER_SIGNOFFS:
        return None
    try:
        missing = lifecycle.missing_for(before, after, facts or Facts())
    except TransitionRefused:
        return Denial.SKIPPED_STEPS
    for need in missing:
        denial = _SIGNOFF_NEEDS.get(need)
        if denial is not None:
            return denial
    return None
