"""The order a reader expects names in: Chinese by pinyin (then tone, then the
characters themselves), Latin letters without regard to case, digits by value.

Code-point order puts 黄河 after 沁河 and 卫河 (radical and stroke order, which no reader
uses). Each character is read on its own, by its first reading in pypinyin's dictionary
(written as pypinyin's TONE3 style writes it):
reading in context (pypinyin's phrase segmentation) costs about 500 µs a name, ten
minutes for a million-outfall register, and still reads 长垣 as zhǎng. A character's
reading is looked up once (pypinyin loads in about half a second on first use: sort in a
worker or a command, not before a screen's first frame); after that a key costs a few
microseconds.

`sort_key` is a string, so the same key orders a Python list and, stored beside a row
(`outfall.name_key`), an SQL index: its code-point order (SQLite's and PostgreSQL's "C"
byte order) is the reader's order.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

_DIGITS = re.compile(r"(\d+)")
_HAN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f])")
# Separators below every character a part holds: a part that is a prefix of another
# sorts first ("he" < "hei"), and so does a name whose parts are a prefix of another's.
_PART = "\x02"
_END = "\x01"


#: Tone-marked vowels -> (letter, tone). ü is written v, as in TONE3 (lü sorts after lu).
_TONES = {
    **{c: ("a", t) for t, c in enumerate("āáǎà", 1)},
    **{c: ("e", t) for t, c in enumerate("ēéěè", 1)},
    **{c: ("i", t) for t, c in enumerate("īíǐì", 1)},
    **{c: ("o", t) for t, c in enumerate("ōóǒò", 1)},
    **{c: ("u", t) for t, c in enumerate("ūúǔù", 1)},
    **{c: ("v", t) for t, c in enumerate("ǖǘǚǜ", 1)},
    "ü": ("v", 0),
    "ń": ("n", 2),
    "ň": ("n", 3),
    "ǹ": ("n", 4),
    "ḿ": ("m", 2),
    "\u0304": ("", 1),  # combining macron (ê̄, m̄)
    "\u030c": ("", 3),  # combining caron (ê̌)
    "ê": ("e", 0),
}


@cache
def _readings() -> dict[str, str]:
    """pypinyin's character dictionary: code point -> readings, most common first.

    Read from its JSON file, not imported: importing any part of pypinyin loads its
    phrase dictionary too (about 60 MB, a quarter of a ledger import's memory budget),
    which reading characters one by one never uses.
    """
    import importlib.util
    import json
    from pathlib import Path

    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pypinyin")  # a dependency: only a broken install
    folder = Path(next(iter(spec.submodule_search_locations)))
    data: dict[str, str] = json.loads((folder / "pinyin_dict.json").read_text("utf-8"))
    return data


@cache
def _reading(char: str) -> str:
    """The first reading's syllable and tone as one part ("he2", neutral tone 5): a tone
    digit sorts before any letter, so "he2" < "hei1" as (he, 2) < (hei, 1)."""
    readings = _readings().get(str(ord(char)))
    if readings is None:
        return char
    letters, tone = [], 0
    for c in readings.split(",")[0]:
        letter, marked = _TONES.get(c, (c, 0))
        letters.append(letter)
        tone = marked or tone
    return "".join(letters) + str(tone or 5)


def _number(digits: str) -> str:
    # Its length first, so 9 < 10; compact, since a million names are stored with keys.
    value = str(int(digits))
    return chr(0x30 + len(value)) + value


def _pieces(text: str) -> tuple[str, ...]:
    parts: list[str] = []
    for piece in _DIGITS.split(text.casefold()):
        if piece.isdigit():
            parts.append(_number(piece))
        elif piece.strip():
            parts.append(piece.strip())
    return tuple(parts)


_READ: dict[str, str] = {}
"""Readings looked up so far, by character."""


def _is_han(char: str) -> bool:
    return _HAN.match(char) is not None


@lru_cache(maxsize=4096)
def sort_key(text: str) -> str:
    """A key that orders names as a reader of either language expects, by plain string
    comparison; names that read alike are ordered by their characters.

    One pass over the characters (a merge keys every outfall it brings: about 3 µs a
    name); the cache serves values that repeat, such as rivers."""
    parts: list[str] = []
    other: list[str] = []
    read = _READ.get
    for char in text:
        reading = read(char)
        if reading is None and _is_han(char):
            reading = _READ[char] = _reading(char)
        if reading is None:
            other.append(char)
            continue
        if other:
            parts.extend(_pieces("".join(other)))
            other.clear()
        parts.append(reading)
    if other:
        parts.extend(_pieces("".join(other)))
    return _PART.join(parts) + _END + text


def sorted_names(names: list[str]) -> list[str]:
    return sorted(names, key=sort_key)
