"""What the authority rules (`inspector.domain.authority`) need to know about a record:
the region it belongs to, and the facts a signed-off state rests on.

Asked by the importer for every operation from another replica and by the writer for
every local change, so both judge a change by the same facts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import orjson

from inspector.data.engine import Conn
from inspector.data.queries import current_main_assignment_sql, current_remediation_sql
from inspector.domain.choices import Measure
from inspector.domain.lifecycle import Facts
from inspector.domain.periods import today as calendar_today

#: How a record finds its region: its own field, or (table, field) of the record it
#: belongs to. Records of no region (owners, resolutions) are absent.
SCOPES: dict[str, tuple[str | None, tuple[str, str] | None]] = {
    "outfall": ("county_code", None),
    "plan": ("county_code", None),
    "assessment_entry": ("county_code", None),
    "owner_assignment": (None, ("outfall", "outfall_id")),
    "trace_record": (None, ("outfall", "outfall_id")),
    "inspection": (None, ("outfall", "outfall_id")),
    "remediation": (None, ("outfall", "outfall_id")),
    "photo": (None, ("outfall", "outfall_id")),
    "recusal": (None, ("outfall", "outfall_id")),
    "plan_item": (None, ("plan", "plan_id")),
    "incident": ("region_code", ("outfall", "outfall_id")),
    "incident_notice": (None, ("incident", "incident_id")),
}

_PARENT_SQL = {
    "outfall": "SELECT county_code FROM outfall WHERE id=?",
    "plan": "SELECT county_code FROM plan WHERE id=?",
    "incident": (
        "SELECT COALESCE(i.region_code, o.county_code) FROM incident i"
        " LEFT JOIN outfall o ON o.id = i.outfall_id WHERE i.id=?"
    ),
}


def stored_region(conn: Conn, entity: str, row_id: str) -> str | None:
    """The region of a stored outfall, plan or incident (None when unknown)."""
    sql = _PARENT_SQL.get(entity)
    if sql is None:
        return None
    row = conn.execute(sql, (row_id,)).fetchone()
    return None if row is None or row[0] is None else str(row[0])


def was_in(
    conn: Conn,
    entity: str,
    row_id: str,
    covers: frozenset[str],
    *,
    before: int,
    _depth: int = 0,
) -> bool:
    """Whether an operation stamped before `before` put this record (or a record it
    belonged to) in one of the regions `covers`: true at every replica that holds an
    operation stamped `before`, since each holds what its author held. Reads the log of
    the record (and of its parents), so only for the rare region that fails the plain
    test."""
    scope = SCOPES.get(entity)
    if scope is None or _depth > 3:
        return False
    own, parent = scope
    parents: set[str] = set()
    for (text,) in conn.execute(
        "SELECT fields FROM op WHERE entity=? AND row_id=? AND hlc<?", (entity, row_id, before)
    ):
        fields = orjson.loads(text)
        if own is not None:
            value = fields.get(own)
            if isinstance(value, str) and value in covers:
                return True
        if parent is not None:
            value = fields.get(parent[1])
            if isinstance(value, str) and value:
                parents.add(value)
    return parent is not None and any(
        was_in(conn, parent[0], p, covers, before=before, _depth=_depth + 1)
        for p in sorted(parents)
    )


def regions_of(
    entity: str,
    values: Mapping[str, Any],
    parent_region: Callable[[str, str], str | None],
) -> str | None:
    """The region of a record with these values (own field first, then its parent's)."""
    scope = SCOPES.get(entity)
    if scope is None:
        return None
    own, parent = scope
    if own is not None:
        value = values.get(own)
        if value:
            return str(value)
    if parent is not None:
        parent_id = values.get(parent[1])
        if parent_id:
            return parent_region(parent[0], str(parent_id))
    return None


def signoff_facts(conn: Conn, outfall_id: str, *, approval_no: Any, reason: str | None) -> Facts:
    """What the lifecycle's steps into and after the closing look at, as stored now."""
    rem = conn.execute(
        "SELECT measure, deadline, evidence, county_signoff_on, city_signoff_on,"
        " merge_target_id, transition_end, immediate"
        f" FROM remediation WHERE id = ({current_remediation_sql()})",
        (outfall_id,),
    ).fetchone()
    owner = conn.execute(
        current_main_assignment_sql(), (outfall_id, calendar_today().isoformat())
    ).fetchone()
    measure = Measure.of(rem[0]) if rem and rem[0] else None
    return Facts(
        has_owner=owner is not None,
        measure=measure,
        deadline=_date(rem[1]) if rem else None,
        transition_end=_date(rem[6]) if rem else None,
        merge_target=bool(rem and rem[5]),
        immediate=bool(rem and rem[7]),
        evidence=bool(rem and (rem[2] or "").strip()),
        county_signoff=bool(rem and rem[3]),
        city_signoff=bool(rem and rem[4]),
        approval_no=bool(str(approval_no or "").strip()),
        reason=bool(reason and reason.strip()),
    )


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(str(value)[:10]) if value else None
