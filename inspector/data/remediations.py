"""Remediations in SQL: when one falls due, and which are overdue.

The rule is `inspector.domain.lifecycle.is_overdue`: an outfall is overdue when it is in
remediation and its live remediation's due date, the end of its transition period (过渡期)
when it has one, else its deadline, has passed. Every list, count and filter of overdue
remediations (dashboard, register, reports, command line, targeted plans) uses the
fragments here, so they cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from inspector.data.areas import EVERYWHERE, Area
from inspector.data.engine import Conn
from inspector.data.queries import current_remediation_sql
from inspector.domain.choices import State
from inspector.domain.periods import Period


def due_sql(r: str = "r") -> str:
    """The due date of remediation alias `r` (lifecycle.due_date)."""
    return f"COALESCE({r}.transition_end, {r}.deadline)"


OVERDUE_STATE = State.IN_REMEDIATION.value
"""The only state in which an outfall can be overdue (`lifecycle.is_overdue`)."""


def overdue_sql(o: str = "o", r: str = "r", today: str = "?") -> str:
    """Condition: outfall `o` with its live remediation `r` is overdue on `today` (a
    parameter or a named one such as ':today'). Join `r` with `live_remediation_join`."""
    return f"{o}.state = '{OVERDUE_STATE}' AND {due_sql(r)} < {today}"


def live_remediation_join(o: str = "o", r: str = "r") -> str:
    """`JOIN remediation r ON` the live remediation of outfall `o`."""
    return f"JOIN remediation {r} ON {r}.id = ({current_remediation_sql(f'{o}.id')})"


@dataclass(frozen=True)
class OverdueRow:
    outfall_id: str
    code: str
    name: str
    county_code: str
    river: str
    deadline: dt.date | None
    transition_end: dt.date | None
    due: dt.date

    def days(self, today: dt.date) -> int:
        return (today - self.due).days


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def overdue_remediations(
    conn: Conn,
    *,
    today: dt.date,
    area: Area = EVERYWHERE,
    limit: int | None = None,
) -> list[OverdueRow]:
    """Overdue remediations of the area's outfalls, longest overdue first (then by code)."""
    return first_overdue(conn, today=today, area=area, limit=limit)[0]


def first_overdue(
    conn: Conn,
    *,
    today: dt.date,
    area: Area = EVERYWHERE,
    limit: int | None = None,
) -> tuple[list[OverdueRow], int]:
    """The first `limit` of `overdue_remediations` and how many there are, from one
    pass: the overdue set is the costly part (each outfall's live remediation looked up:
    over a second for a million outfalls), and the dashboard wants both."""
    where, params = area.sql()
    sql = (
        "SELECT o.id, o.code, o.name, o.county_code, o.river, r.deadline, r.transition_end, "
        f"{due_sql()}, COUNT(*) OVER () FROM outfall o {live_remediation_join()} "
        f"WHERE o.deleted = 0 AND {overdue_sql()} AND ({where}) ORDER BY {due_sql()}, o.code"
    )
    args: list[object] = [today.isoformat(), *params]
    if limit is not None:
        sql += " LIMIT ?"
        args.append(limit)
    found = conn.execute(sql, args).fetchall()
    rows = [
        OverdueRow(oid, code, name, county, river, _date(dl), _date(te), dt.date.fromisoformat(due))
        for oid, code, name, county, river, dl, te, due, _ in found
    ]
    # Each row carries the count of all of them (taken before the limit).
    return rows, int(found[0][-1]) if found else 0


# -- works done: what an outfall in service counts as ---------------------------------------

#: Condition on outfall `o`: some remediation of it (cancelled and deleted ones aside) was
#: completed. An outfall in service without one was retained without works: its own
#: figure, never a closing (`lifecycle.reached(..., works=False)`). Any completed round
#: counts, not only the live one: a new plan drafted after a closing does not undo it.
WORKS_DONE = (
    "EXISTS (SELECT 1 FROM remediation r WHERE r.outfall_id = {o}.id AND r.deleted = 0 "
    "AND r.status = 'completed')"
)


def works_sql(o: str = "o", state: str | None = None) -> str:
    """1 unless the outfall (whose state is the expression `state`, by default
    `o.state`) is in service without works."""
    return (
        # An integer either way: PostgreSQL will not mix EXISTS's boolean with 1.
        f"CASE WHEN {state or f'{o}.state'} = 'in_service' AND NOT {WORKS_DONE.format(o=o)} "
        "THEN 0 ELSE 1 END"
    )


def count_retained_without_works(
    conn: Conn,
    *,
    area: Area = EVERYWHERE,
) -> dict[tuple[str, str], int]:
    """(county, river) -> how many of the area's outfalls are in service without works.
    Read apart from the register's grouped counts, which an index answers alone, so only
    outfalls in service cost a look at their remediations."""
    where, params = area.sql()
    return {
        (county, river): int(n)
        for county, river, n in conn.execute(
            "SELECT o.county_code, o.river, COUNT(*) FROM outfall o "
            f"WHERE o.deleted = 0 AND o.state = 'in_service' AND NOT {WORKS_DONE.format(o='o')} "
            f"AND ({where}) GROUP BY o.county_code, o.river",
            params,
        )
    }


def live_remediation_id(conn: Conn, *, outfall_id: str) -> str | None:
    """Id of the outfall's live remediation: the newest not cancelled or deleted."""
    row = conn.execute(current_remediation_sql(), (outfall_id,)).fetchone()
    return None if row is None else str(row[0])


class SignedOff(NamedTuple):
    code: str
    name: str
    county_code: str
    measure: str | None
    county_signoff_on: str | None
    city_signoff_on: str


def signed_off_in(conn: Conn, *, area: Area, period: Period) -> list[SignedOff]:
    """Live remediations of the area's live outfalls the city signed off (销号) within the
    period, by sign-off day then code."""
    where, params = area.sql()
    return [
        SignedOff(*row)
        for row in conn.execute(
            "SELECT o.code, o.name, o.county_code, r.measure, r.county_signoff_on, "
            "r.city_signoff_on FROM remediation r JOIN outfall o ON o.id = r.outfall_id "
            "WHERE r.deleted = 0 AND o.deleted = 0 AND r.city_signoff_on BETWEEN ? AND ? "
            f"AND {where} ORDER BY r.city_signoff_on, o.code",
            (period.first.isoformat(), period.last.isoformat(), *params),
        ).fetchall()
    ]
