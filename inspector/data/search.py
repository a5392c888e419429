"""Register search: codes and names matched by any substring, Chinese included.

SQLite's unicode61 tokenizer makes a whole run of Chinese characters one token, and the
trigram tokenizer cannot match queries shorter than three characters, while two-character
place names (沁阳, 武陟) are exactly what people type. So every character is indexed as
its own token, and a query becomes a phrase of its characters: "沁阳" -> "沁 阳", which
FTS5 matches only where the two are adjacent.
"""

from __future__ import annotations

import unicodedata


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
