"""What a county's plan draw reads from the register: the outfalls it may draw, why a
targeted plan lists one (its inspections), and whose outfalls a conflict of interest
declared against an owner covers. Keyword-only functions over a connection; the caller
owns the transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from inspector.data.engine import Conn
from inspector.data.queries import current_main_assignment_sql


class CountyOutfall(NamedTuple):
    id: str
    code: str
    name: str
    river: str
    category: str


def county_outfalls(conn: Conn, *, county_code: str, states: Sequence[str]) -> list[CountyOutfall]:
    """The county's live outfalls in one of `states`."""
    return [
        CountyOutfall(*row)
        for row in conn.execute(
            "SELECT id, code, name, river, category FROM outfall "
            f"WHERE deleted=0 AND county_code=? AND state IN ({', '.join('?' * len(states))})",
            (county_code, *states),
        ).fetchall()
    ]


def outfalls_with_violation(conn: Conn, *, county_code: str) -> list[str]:
    """Ids of the county's outfalls a live inspection found a violation at, in id order."""
    return [
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT i.outfall_id FROM inspection i JOIN outfall o ON o.id = i.outfall_id "
            "WHERE i.deleted=0 AND i.violation IS NOT NULL AND o.county_code=? ORDER BY 1",
            (county_code,),
        )
    ]


class LatestInspection(NamedTuple):
    outfall_id: str
    follow_up: bool
    suspicion: str | None


def latest_inspections(conn: Conn, *, county_code: str) -> list[LatestInspection]:
    """The latest live inspection of each of the county's inspected outfalls (by start,
    then id), in outfall id order."""
    return [
        LatestInspection(oid, bool(follow), suspicion)
        for oid, follow, suspicion in conn.execute(
            "SELECT i.outfall_id, i.follow_up, i.suspicion FROM inspection i "
            "JOIN outfall o ON o.id = i.outfall_id WHERE i.deleted=0 AND o.county_code=? "
            "AND i.id = (SELECT j.id FROM inspection j WHERE j.outfall_id = i.outfall_id "
            "AND j.deleted=0 ORDER BY j.started_at DESC, j.id DESC LIMIT 1) ORDER BY 1",
            (county_code,),
        )
    ]


def inspected_since(conn: Conn, *, county_code: str, since: str) -> set[str]:
    """Ids of the county's outfalls with a live inspection started at or after `since`
    (compared with the stored text)."""
    return {
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT i.outfall_id FROM inspection i JOIN outfall o ON o.id = i.outfall_id "
            "WHERE i.deleted=0 AND o.county_code=? AND i.started_at >= ?",
            (county_code, since),
        )
    }


def main_owners(conn: Conn, *, county_code: str, today: str) -> dict[str, str]:
    """Outfall id -> owner id of the county's live outfalls that have a current main owner
    on `today` (ISO)."""
    return dict(
        conn.execute(
            "SELECT o.id, a.owner_id FROM outfall o JOIN owner_assignment a "
            f"ON a.id = ({current_main_assignment_sql('o.id', '?')}) "
            "WHERE o.deleted=0 AND o.county_code=?",
            (today, county_code),
        )
    )
