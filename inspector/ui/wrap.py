"""Where a line of Chinese may break: between any two characters, as Chinese is set, but
never inside a number or a Latin word, never before a closing mark and never after an
opening one.

Rich (and Textual's `Content`, which every Static, Label and toast draws with) wraps at
spaces only, so a run of Chinese with no space in it was one "word": one that did not fit
the rest of a line went whole to the next, leaving "2026" or "另有 17" alone on a line
with the width beside it empty, and one longer than a line was cut anywhere, "±20.8"
split across two lines of a toast. `install` gives Rich's wrap these chunks instead.
Text without Chinese gets exactly the chunks it had, so English wraps as before.

Rich has no hook for this (its `words` is module-private and looked up at call time by
`divide_line`); the versions are pinned in constraints.txt and
`tests/ui/test_wrap.py` fails if an upgrade moves the seam.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import rich._wrap

#: Rich's own chunks, kept for text without Chinese.
_RICH_WORDS = rich._wrap.words

#: Characters that are set one to a chunk: CJK ideographs, kana and hangul, full-width
#: letters and punctuation, CJK punctuation.
WIDE = (
    "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
)
#: Marks a line must not start with (they close what comes before)...
CLOSING = "，。、；：？！）】》」』〕〉”’…—·％"
#: ...and marks a line must not end with (they open what comes after).
OPENING = "（【《「『〔〈“‘"

_CHUNK = re.compile(
    rf"\s*[{OPENING}]*(?:[{WIDE}]|[^\s{WIDE}{OPENING}{CLOSING}]+)[{CLOSING}]*\s*"
    rf"|\s*[{OPENING}{CLOSING}]+\s*"
)
_HAS_WIDE = re.compile(rf"[{WIDE}]")


def chunks(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, chunk) of each piece of `text` a line may break after: one wide
    character, or a run of anything else up to a space or a wide character, with the
    marks that must stay beside it and the spaces around it (as Rich's words have)."""
    if _HAS_WIDE.search(text) is None:
        yield from _RICH_WORDS(text)
        return
    end = 0
    while (match := _CHUNK.match(text, end)) is not None and match.end() > end:
        start, end = match.span()
        yield start, end, match.group(0)


def install() -> None:
    """Rich's (and so Textual's) wrap breaks Chinese as `chunks` says. Idempotent."""
    rich._wrap.words = chunks
