"""The record of bundles sent and received (`bundle_record`): what the import's recovery
of staged photos asks. (The rest of its SQL still sits in `services/sync/exchange.py`,
to move here with the engine work.)"""

from __future__ import annotations

import sqlite3


def was_received(conn: sqlite3.Connection, *, bundle_id: str) -> bool:
    """Whether a bundle with this id was imported here (its transaction committed)."""
    row = conn.execute(
        "SELECT 1 FROM bundle_record WHERE id=? AND direction='received'", (bundle_id,)
    ).fetchone()
    return row is not None
