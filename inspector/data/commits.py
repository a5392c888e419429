"""Transaction control for callers that own their transaction (services that begin,
commit or roll back around data functions), and which transactions this process has
committed: what an interrupted command may truthfully say it kept."""

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


def begin(conn: sqlite3.Connection) -> None:
    """BEGIN (deferred): one read snapshot from the first read until commit or rollback."""
    conn.execute("BEGIN")


def begin_immediate(conn: sqlite3.Connection) -> None:
    """BEGIN IMMEDIATE: the write lock now, so no later statement waits for it or fails."""
    conn.execute("BEGIN IMMEDIATE")


def rollback(conn: sqlite3.Connection) -> None:
    """ROLLBACK of the open transaction: nothing of it is kept."""
    conn.execute("ROLLBACK")
