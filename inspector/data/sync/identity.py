"""This replica as its own trust record names it.

Apart from `trust` because the terminal UI reads it before its first frame: `trust`
imports the merge and with it the models (half a second), which the UI loads only
after the first frame is on screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from inspector.data.engine import Conn


@dataclass(frozen=True)
class SelfRecord:
    """This replica as its own trust record names it (a name is empty until `init`)."""

    id: str
    name: str
    role: str
    region_code: str | None
    public_key: str | None = None
    """Empty until `init` makes the key pair."""


def self_record(conn: Conn) -> SelfRecord | None:
    """This replica's own record (None only in a database the doctor must report)."""
    row = conn.execute(
        "SELECT id, name, role, region_code, public_key FROM replica WHERE is_self=1"
    ).fetchone()
    if row is None:
        return None
    return SelfRecord(str(row[0]), row[1] or "", str(row[2]), row[3], row[4])
