"""The last line of defence between stored text and the terminal.

Every screen shows names through `domain.printable` (escaped, so people see what is
there). Should any place still hand a widget raw text from the data, this line filter
removes what a terminal would act on (escape sequences, other controls, bidirectional
overrides) from every line a widget draws. Those characters take no cell, so removing
them never moves anything else. Pictures in true pixels are drawn by textual-image's
own `render_lines`, which line filters never see.
"""

from __future__ import annotations

import re

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from inspector.domain.printable import UNSAFE_CHARACTERS

_UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}]")


class DropControlCharacters(LineFilter):
    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(_UNSAFE.search(segment.text) for segment in segments):
            return segments
        return [
            Segment(_UNSAFE.sub("", text), style, control)
            if control is None and _UNSAFE.search(text)
            else Segment(text, style, control)
            for text, style, control in segments
        ]
