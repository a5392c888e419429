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


#: The advisory lock key of the replica a PostgreSQL database is: one database is one
#: replica, so one constant (any 64-bit number no other application on the server uses).
WRITE_LOCK_KEY = 0x0F_A11_5EC7


def begin_immediate(conn: Conn) -> None:
    """BEGIN IMMEDIATE: the write lock now, so no later statement waits for it or fails.

    PostgreSQL has no database-wide write lock, and several people write into one
    central record at once: each would read the same `MAX(seq)` and clock and number
    its operations twice. A transaction-scoped advisory lock taken before anything is
    read gives the replica one writer at a time, as SQLite's does, and is released by
    COMMIT or ROLLBACK whatever happens. Readers are not blocked by it. It must be the
    first statement: under READ COMMITTED each later statement sees what the previous
    holder committed."""
    from inspector.data.engine import dialect

    if dialect(conn) == "sqlite":
        conn.execute("BEGIN IMMEDIATE")
        return
    conn.execute("BEGIN")
    conn.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK_KEY,))


def rollback(conn: Conn) -> None:
    """ROLLBACK of the open transaction: nothing of it is kept."""
    conn.execute("ROLLBACK")
