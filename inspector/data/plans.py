"""Self-inspection plans in SQL (the draw's stored inputs)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any


def plan_inputs(conn: sqlite3.Connection, *, plan_id: str) -> tuple[dict[str, Any], str | None]:
    """A plan's stored draw inputs (empty when none) and its county code."""
    row = conn.execute("SELECT inputs, county_code FROM plan WHERE id = ?", (plan_id,)).fetchone()
    if row is None:
        return {}, None
    return (json.loads(row[0]) if row[0] else {}), row[1]
