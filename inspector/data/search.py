"""Register search: codes and names matched by any substring, Chinese included.

SQLite's unicode61 tokenizer makes a whole run of Chinese characters one token, and the
trigram tokenizer cannot match queries shorter than three characters, while two-character
place names (沁阳, 武陟) are exactly what people type. So every character is indexed as
its own token, and a query becomes a phrase of its characters: "沁阳" -> "沁 阳", which
FTS5 matches only where the two are adjacent.
"""

from __future__ import annotations

import unicodedata

from inspector.data.engine import Conn, dialect


def has_fts(conn: Conn) -> bool:
    """Whether the database keeps the FTS5 index `outfall_search` beside the documents.

    PostgreSQL has no FTS5 (and `pg_trgm` finds nothing for one- and two-character
    Chinese queries): there the documents in `outfall_search_doc` are searched directly
    (`contains_patterns`)."""
    return dialect(conn) == "sqlite"


def _chars(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).casefold()
    return [ch for ch in text if ch.isalnum()]


def search_body(code: str | None, national_code: str | None, name: str | None) -> str:
    """The indexed text of an outfall: code, national code and name, one token per character.

    Queries only ever produce one-character tokens, so the multi-character separator can
    never be matched, and it keeps a phrase from running from one field into the next.
    """
    parts = [" ".join(_chars(p)) for p in (code, national_code, name) if p]
    return " xfieldx ".join(parts)


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression for `query`, or None when it has nothing searchable.

    Each whitespace-separated word must match (as a phrase of its characters).
    """
    phrases = []
    for word in query.split():
        chars = _chars(word)
        if chars:
            phrases.append('"' + " ".join(chars) + '"')
    return " AND ".join(phrases) if phrases else None


def contains_patterns(query: str) -> list[str] | None:
    """For PostgreSQL: what `' ' || body || ' '` must contain, one pattern per word, for an
    outfall to match `query` as `match_expression` does on SQLite (each word's characters
    adjacent, whole tokens: a pattern never spans the field separator); None when the
    query has nothing searchable.

    Found with `strpos`, a scan of the documents: correct, but slower than FTS5 on a large
    register (the gram index of notes/postgresql.md is the next step)."""
    patterns = []
    for word in query.split():
        chars = _chars(word)
        if chars:
            patterns.append(" " + " ".join(chars) + " ")
    return patterns or None


def count_matches(conn: Conn, query: str) -> int:
    """How many search documents (live or not) match `query`, on either engine."""
    if has_fts(conn):
        match = match_expression(query)
        if match is None:
            return 0
        row = conn.execute(
            "SELECT COUNT(*) FROM outfall_search WHERE outfall_search MATCH ?", (match,)
        ).fetchone()
        return int(row[0])
    patterns = contains_patterns(query)
    if patterns is None:
        return 0
    where = " AND ".join("strpos(' ' || body || ' ', ?) > 0" for _ in patterns)
    row = conn.execute(
        f"SELECT COUNT(*) FROM outfall_search_doc WHERE {where}", patterns
    ).fetchone()
    return int(row[0])
