"""Which transactions this process has committed: what an interrupted command may
truthfully say it kept."""

from __future__ import annotations

import sqlite3

_commits = 0


def commit(conn: sqlite3.Connection) -> None:
    """COMMIT, counted: a command interrupted after this can say that what it saved
    is kept (`commits()`), instead of claiming everything was undone.

    Counted before the statement runs, and uncounted if the transaction is still open
    afterwards: an interrupt arriving just before or just after the COMMIT is then
    counted the way the database has it."""
    global _commits
    _commits += 1
    try:
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            _commits -= 1
        raise


def commits() -> int:
    """How many transactions this process has committed."""
    return _commits
