"""The order a reader expects names in: Chinese by pinyin (then tone, then the
characters themselves), Latin letters without regard to case, digits by value.

Code-point order puts 黄河 after 沁河 and 卫河 (radical and stroke order, which no reader
uses). pypinyin reads each character in context (长 in 长垣 is cháng); it is imported on
first use, which takes about half a second: sort in a worker or in a command, not
before a screen's first frame.
"""

from __future__ import annotations

import re
from functools import lru_cache

_DIGITS = re.compile(r"(\d+)")


@lru_cache(maxsize=65536)
def sort_key(text: str) -> tuple[tuple[str, ...], str]:
    """A key that orders names as a reader of either language expects."""
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True)
    parts: list[str] = []
    for syllable in syllables:
        for piece in _DIGITS.split(syllable.casefold()):
            if piece.isdigit():
                parts.append(f"{int(piece):012d}")
            elif piece.strip():
                parts.append(piece.strip())
    return tuple(parts), text


def sorted_names(names: list[str]) -> list[str]:
    return sorted(names, key=sort_key)
