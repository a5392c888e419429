"""Text from the data, made safe to show on a terminal: one rule for every place that
shows names, file names or any other stored text (command output, the terminal UI).

A name is data, and data can hold anything: an escape sequence (`ESC [2J` clears the
screen, `ESC ] 52` writes the clipboard, `ESC ] 8` makes a link), other control
characters, or the bidirectional overrides that make text read differently from what
it holds ("Trojan Source"). Each such character is shown as its escape, `\\x1b` or
`\\u202e`, so the person sees that it is there and nothing acts on it.
"""

from __future__ import annotations

import re

#: C0 controls, DEL, C1 controls (0x9b is a one-byte CSI on some terminals), and the
#: characters that reorder text: embeddings, overrides, isolates and directional marks.
UNSAFE_CHARACTERS = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
_UNSAFE_RE = re.compile(f"[{UNSAFE_CHARACTERS}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control, bidirectional and line-breaking character escaped:
    one line, shown exactly as it is held."""
    return _UNSAFE_RE.sub(_escape, text)


def printable_lines(text: str) -> str:
    """The same for a message of several lines: its newlines are kept."""
    return "\n".join(printable(line) for line in text.split("\n"))


def is_printable(text: str) -> bool:
    return _UNSAFE_RE.search(text) is None
