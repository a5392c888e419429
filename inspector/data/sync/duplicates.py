"""Possible duplicates (two outfalls that may be one) as people review them."""

from __future__ import annotations

import sqlite3


def open_duplicate_count(conn: sqlite3.Connection) -> int:
    """How many possible duplicates still wait for a person's decision."""
    (count,) = conn.execute(
        "SELECT COUNT(*) FROM duplicate_candidate WHERE status='open'"
    ).fetchone()
    return int(count)
