"""Owners (责任主体) and who is an outfall's owner now (`owner`, `owner_assignment`)."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from inspector.data.engine import Conn
from inspector.data.queries import current_main_assignment_sql
from inspector.domain.hlc import to_datetime


class MainAssignment(NamedTuple):
    """An outfall's current main owner assignment and the owner's name."""

    id: str
    owner_id: str
    basis: str
    owner_name: str


def current_main_assignment(conn: Conn, *, outfall_id: str, today: str) -> MainAssignment | None:
    """The outfall's current main owner assignment on `today` (ISO date); None: none."""
    row = conn.execute(
        "SELECT a.id, a.owner_id, a.basis, o.name FROM owner_assignment a "
        f"JOIN owner o ON o.id = a.owner_id WHERE a.id = ({current_main_assignment_sql()})",
        (outfall_id, today),
    ).fetchone()
    return None if row is None else MainAssignment(*row)


def last_main_assignment_change(conn: Conn, *, outfall_id: str) -> tuple[str, dt.datetime] | None:
    """Who last changed any of the outfall's main owner assignments, and when: whoever
    made, ended or removed one put the current main owner (or none) there."""
    row = conn.execute(
        "SELECT actor, hlc FROM op WHERE entity='owner_assignment' AND row_id IN "
        "(SELECT id FROM owner_assignment WHERE outfall_id=? AND role='main') "
        "ORDER BY hlc DESC, origin DESC LIMIT 1",
        (outfall_id,),
    ).fetchone()
    return None if row is None else (str(row[0]), to_datetime(row[1]))


def owner_with_credit_code(conn: Conn, *, credit_code: str) -> str | None:
    """Id of the first-made live owner with this unified social credit code."""
    row = conn.execute(
        "SELECT id FROM owner WHERE credit_code=? AND deleted=0 ORDER BY id LIMIT 1",
        (credit_code,),
    ).fetchone()
    return None if row is None else str(row[0])


def owner_named(conn: Conn, *, name: str) -> str | None:
    """Id of the first-made live owner of exactly this name."""
    row = conn.execute(
        "SELECT id FROM owner WHERE name=? AND deleted=0 ORDER BY id LIMIT 1", (name,)
    ).fetchone()
    return None if row is None else str(row[0])
