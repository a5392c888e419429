"""Transaction control for callers that own their transaction (services that begin,
commit or roll back around data functions), and which transactions this process has
committed: what an interrupted command may truthfully say it kept."""

from __future__ import annotations

from inspector.data.engine import Conn

_commits = 0


def commit(conn: Conn) -> None:
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


def begin(conn: Conn) -> None:
    """BEGIN (deferred): one read snapshot from the first read until commit or rollback."""
    conn.execute("BEGIN")


def begin_immediate(conn: Conn) -> None:
    """BEGIN IMMEDIATE: the write lock now, so no later statement waits for it or fails.

    PostgreSQL has no database-wide write lock: a plain BEGIN there (several writers at
    once are issue 14 part 3's business)."""
    from inspector.data.engine import dialect

    conn.execute("BEGIN IMMEDIATE" if dialect(conn) == "sqlite" else "BEGIN")


def rollback(conn: Conn) -> None:
    """ROLLBACK of the open transaction: nothing of it is kept."""
    conn.execute("ROLLBACK")
