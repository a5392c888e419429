"""SQL of the public list (信息公开): each outfall with its current main owner and its
live remediation, as structured fields only. Keyword-only functions over a connection;
the caller owns the transaction."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from inspector.data.engine import Conn
from inspector.data.queries import current_main_assignment_sql, current_remediation_sql


class PublicRow(NamedTuple):
    code: str
    name: str
    county_code: str
    township: str | None
    river: str
    category: str
    lon: float
    lat: float
    state: str
    owner: str | None
    owner_kind: str | None
    credit_code: str | None
    basis: str | None
    """Of the current main owner assignment."""
    measure: str | None
    deadline: str | None
    status: str | None
    """Of the live remediation."""
    retest_passed: int | None
    """1 passed, 0 failed, None not re-tested."""
    county_signoff_on: str | None
    city_signoff_on: str | None


def public_rows(
    conn: Conn,
    *,
    today: str,
    hidden_states: Sequence[str],
    county_code: str | None = None,
) -> Iterator[PublicRow]:
    """Live outfalls not in `hidden_states` (of one county, or all), in county and code
    order, with their owner on `today` (ISO) and live remediation; read as they are
    consumed."""
    where = f"o.deleted=0 AND o.state NOT IN ({', '.join('?' * len(hidden_states))})"
    params: list[Any] = [today, *hidden_states]
    if county_code is not None:
        where += " AND o.county_code=?"
        params.append(county_code)
    sql = (
        "SELECT o.code, o.name, o.county_code, o.township, o.river, o.category, o.lon, o.lat,"
        " o.state, ow.name, ow.kind, ow.credit_code, a.basis, r.measure, r.deadline, r.status,"
        " r.retest_passed, r.county_signoff_on, r.city_signoff_on"
        " FROM outfall o"
        f" LEFT JOIN owner_assignment a ON a.id = ({current_main_assignment_sql('o.id', '?')})"
        " LEFT JOIN owner ow ON ow.id = a.owner_id"
        f" LEFT JOIN remediation r ON r.id = ({current_remediation_sql('o.id')})"
        f" WHERE {where} ORDER BY o.county_code, o.code"
    )
    yield from map(PublicRow._make, conn.execute(sql, params))
