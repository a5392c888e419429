"""Self-inspection plans in SQL: the plans themselves and the draw's stored inputs.
Keyword-only functions over a connection; the caller owns the transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from inspector.data.areas import EVERYWHERE, Area
from inspector.data.dialects import id_prefix, json_field
from inspector.data.engine import Conn, dialect


def plan_inputs(conn: Conn, *, plan_id: str) -> tuple[dict[str, Any], str | None]:
    """A plan's stored draw inputs (empty when none) and its county code."""
    row = conn.execute("SELECT inputs, county_code FROM plan WHERE id = ?", (plan_id,)).fetchone()
    if row is None:
        return {}, None
    return (json.loads(row[0]) if row[0] else {}), row[1]


@dataclass(frozen=True)
class PlanRow:
    id: str
    year: int
    county_code: str
    method: str
    seed: str | None
    drawn_on: str | None
    """From the stored draw inputs (None for a plan without them)."""
    published_at: str | None


def _plan_columns(conn: Conn) -> str:
    drawn_on = json_field("p.inputs", "drawn_on", dialect(conn))
    return f"p.id, p.year, p.county_code, p.method, p.seed, {drawn_on}, p.published_at"


def live_plans(conn: Conn, *, year: int | None = None, area: Area = EVERYWHERE) -> list[PlanRow]:
    """Live plans of the area's counties (of one year, or all), newest year first, then
    by county, method and id."""
    where, params = area.sql("p")
    if year is not None:
        where, params = f"p.year = ? AND {where}", [year, *params]
    return [
        PlanRow(*row)
        for row in conn.execute(
            f"SELECT {_plan_columns(conn)} FROM plan p WHERE p.deleted = 0 AND {where} "
            "ORDER BY p.year DESC, p.county_code, p.method, p.id",
            params,
        )
    ]


def live_plan(conn: Conn, *, plan_id: str) -> PlanRow | None:
    """The plan, unless it is deleted or unknown."""
    row = conn.execute(
        f"SELECT {_plan_columns(conn)} FROM plan p WHERE p.id = ? AND p.deleted = 0", (plan_id,)
    ).fetchone()
    return None if row is None else PlanRow(*row)


def live_plan_inputs(conn: Conn, *, plan_id: str) -> dict[str, Any] | None:
    """A live plan's stored draw inputs (empty when it has none); None: no live plan."""
    row = conn.execute("SELECT inputs FROM plan WHERE id=? AND deleted=0", (plan_id,)).fetchone()
    if row is None:
        return None
    inputs: dict[str, Any] = json.loads(row[0]) if row[0] else {}
    return inputs


def live_plan_id(conn: Conn, *, year: int, county_code: str, method: str) -> str | None:
    """The live plan of a county, year and method (the newest, should there be several)."""
    row = conn.execute(
        "SELECT id FROM plan WHERE deleted=0 AND year=? AND county_code=? AND method=? "
        "ORDER BY id DESC LIMIT 1",
        (year, county_code, method),
    ).fetchone()
    return None if row is None else str(row[0])


def plan_ids_with_prefix(conn: Conn, *, prefix: str, limit: int = 2) -> list[str]:
    """Ids of live plans beginning with `prefix` (taken literally), at most `limit`."""
    return [
        str(row[0])
        for row in conn.execute(
            "SELECT id FROM plan WHERE deleted=0 AND id LIKE ? ESCAPE '\\' LIMIT ?",
            (id_prefix(prefix), limit),
        )
    ]
