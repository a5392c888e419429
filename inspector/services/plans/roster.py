"""Each county's inspector roster (执法人员名录库): the people a double-random draw pairs
up, unless the draw is given its own pool (`--inspectors`).

Members are synced rows; a person is removed by deletion (the log keeps who was on the
roster when). Names are compared as the draw compares them (`domain.draw.person_key`),
so the same person typed twice is one member.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from inspector.data import roster as roster_data
from inspector.data.engine import Conn
from inspector.data.reference import ReferenceData
from inspector.data.writer import Writer
from inspector.domain import draw as rules
from inspector.domain.periods import today as calendar_today
from inspector.i18n import Problem
from inspector.models import RosterMember
from inspector.services.plans.draw import resolve_county
from inspector.services.register import reader

RosterLine = roster_data.RosterLine


def county_roster(source: Writer | Conn, county: str) -> list[RosterLine]:
    """The roster of `county` (a code or a name)."""
    conn = reader(source)
    code = resolve_county(ReferenceData.load(conn), county)
    return roster_data.roster(conn, county_code=code)


def all_rosters(conn: Conn) -> list[RosterLine]:
    return roster_data.roster(conn)


def roster_names(source: Writer | Conn, county_code: str) -> list[str]:
    """The names a draw in `county_code` takes as its pool."""
    return [m.name for m in roster_data.roster(reader(source), county_code=county_code)]


def add_members(
    w: Writer,
    county: str,
    names: Iterable[str],
    *,
    certificate_no: str | None = None,
    unit: str | None = None,
    on: dt.date | None = None,
) -> list[str]:
    """Put people on the county's roster; those already on it are left as they are.
    Returns the ids of the members added."""
    code = resolve_county(ReferenceData.load(reader(w)), county)
    present = {rules.person_key(m.name) for m in roster_data.roster(reader(w), county_code=code)}
    people = rules.clean_pool(names)
    if not people:
        raise Problem("roster.no_names")
    if certificate_no and len(people) > 1:
        raise Problem("roster.certificate_for_one")
    added = []
    for name in people:
        if rules.person_key(name) in present:
            continue
        added.append(
            w.create(
                RosterMember,
                {
                    "county_code": code,
                    "name": name,
                    "certificate_no": certificate_no,
                    "unit": unit,
                    "added_on": on or calendar_today(),
                },
            )
        )
        present.add(rules.person_key(name))
    return added


def remove_member(w: Writer, county: str, name: str, *, reason: str | None = None) -> str:
    """Take a person off the county's roster (by name); returns the member's id."""
    code = resolve_county(ReferenceData.load(reader(w)), county)
    key = rules.person_key(name)
    for member in roster_data.roster(reader(w), county_code=code):
        if rules.person_key(member.name) == key:
            w.delete(RosterMember, member.id, reason=reason)
            return member.id
    raise Problem("roster.not_member", name=name, county=county)
