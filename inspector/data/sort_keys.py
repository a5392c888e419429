"""Each outfall's name and river in reading order, kept beside the row.

SQL orders text by code point; a reader looks for 丹河 before 黄河 before 沁河 (pinyin).
`outfall.name_key` and `outfall.river_key` hold `inspector.i18n.collation.sort_key` of
the name and the river, and their indexes let the register page through a million
outfalls in that order by key, as it pages by code. They are derived and local (like the
search documents): the writer and the merge set them whenever a name or river is written,
bulk loading fills them in one pass, they never sync, and `doctor` finds and repairs any
that are missing or stale.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from inspector.data.engine import Conn
from inspector.i18n.collation import sort_key

KEYED = ("name", "river")
"""The fields whose keys are kept: a change to either means new keys."""

Keys = tuple[str, str]

COLUMNS = ("name_key", "river_key")
"""The columns, in `Keys` order: a new outfall's row is inserted with them."""


def columns_for(entity: str) -> tuple[str, ...]:
    """The key columns a new row of `entity` is inserted with (none but an outfall's)."""
    return COLUMNS if entity == "outfall" else ()


_STORE = "UPDATE outfall SET name_key=?, river_key=? WHERE id=?"


def keys_of(values: Mapping[str, Any]) -> Keys:
    """The keys of an outfall with these field values."""
    return sort_key(values.get("name") or ""), sort_key(values.get("river") or "")


def store(conn: Conn, keys: Mapping[str, Keys]) -> None:
    """Set the keys of these outfalls (by id)."""
    conn.executemany(_STORE, [(n, r, i) for i, (n, r) in keys.items()])


def fill_all(conn: Conn) -> int:
    """Compute the keys of every outfall (a new bulk-loaded register); returns how many."""
    cursor = conn.execute("SELECT rowid, name, river FROM outfall ORDER BY rowid")
    done = 0
    # A separate cursor reads while this one writes, in chunks: memory stays flat.
    while chunk := cursor.fetchmany(20_000):
        conn.executemany(
            "UPDATE outfall SET name_key=?, river_key=? WHERE rowid=?",
            [(sort_key(name or ""), sort_key(river or ""), rid) for rid, name, river in chunk],
        )
        done += len(chunk)
    return done


def missing(conn: Conn) -> dict[str, Keys]:
    """Outfalls without keys, with the keys they should have."""
    rows = conn.execute(
        "SELECT id, name, river FROM outfall WHERE name_key IS NULL OR river_key IS NULL"
    ).fetchall()
    return {i: keys_of({"name": n, "river": r}) for i, n, r in rows}


def stale(conn: Conn) -> Iterator[tuple[str, Keys]]:
    """Outfalls whose stored keys differ from their name and river's (every row is read:
    seconds on a million outfalls), with the keys they should have."""
    for oid, name, river, name_key, river_key in conn.execute(
        "SELECT id, name, river, name_key, river_key FROM outfall"
    ):
        expected = keys_of({"name": name, "river": river})
        if expected != (name_key, river_key):
            yield oid, expected
