"""Fonts for text drawn into images (evidence stamps), Chinese included.

Pillow has no font fallback: a character missing from the font draws as a box. The
program ships a subset of Noto Sans CJK SC (SIL OFL 1.1, licence beside it in
`assets/fonts/`) covering GB 2312 and the reference data; characters outside it are
drawn from a CJK font of the operating system when one is found, run by run.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from inspector.locations import package_resource

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont

SHIPPED = "NotoSansCJKsc-Regular-subset.otf"

#: (path, face index) of CJK fonts that Windows, macOS and Linux desktops commonly have.
SYSTEM_FONTS: tuple[tuple[str, int], ...] = (
    ("C:/Windows/Fonts/msyh.ttc", 0),
    ("C:/Windows/Fonts/simhei.ttf", 0),
    ("C:/Windows/Fonts/simsun.ttc", 0),
    ("/System/Library/Fonts/PingFang.ttc", 0),
    ("/System/Library/Fonts/STHeiti Light.ttc", 0),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
)


def shipped_font_path() -> Path:
    return package_resource("assets") / "fonts" / SHIPPED


def licence_path() -> Path:
    return package_resource("assets") / "fonts" / "OFL.txt"


@dataclass(frozen=True)
class FontChain:
    """Fonts tried in order for each character: the shipped one first."""

    fonts: tuple[FreeTypeFont, ...]

    def font_for(self, char: str) -> FreeTypeFont | None:
        for font in self.fonts:
            if has_glyph(font, char):
                return font
        return None

    def runs(self, text: str) -> tuple[list[tuple[str, FreeTypeFont]], list[str]]:
        """`text` cut into runs each drawn with one font, and the characters no font has
        (drawn with the first font, as boxes)."""
        runs: list[tuple[str, FreeTypeFont]] = []
        missing: list[str] = []
        for char in text:
            font = self.font_for(char)
            if font is None:
                if char not in missing:
                    missing.append(char)
                font = self.fonts[0]
            if runs and runs[-1][1] is font:
                runs[-1] = (runs[-1][0] + char, font)
            else:
                runs.append((char, font))
        return runs, missing


def _notdef_mask(font: FreeTypeFont) -> bytes:
    # U+10FFFF is a noncharacter: no font maps it, so this is the font's ".notdef" box.
    return _mask(font, "\U0010ffff")


def _mask(font: FreeTypeFont, char: str) -> bytes:
    mask = font.getmask(char)
    return bytes(mask) + repr(mask.size).encode()


def has_glyph(font: FreeTypeFont, char: str) -> bool:
    """Whether the font draws `char` as itself rather than as its missing-glyph box."""
    if char.isspace():
        return True
    return _mask(font, char) != _notdef_cached(font)


_NOTDEF: dict[int, bytes] = {}


def _notdef_cached(font: FreeTypeFont) -> bytes:
    key = id(font)
    if key not in _NOTDEF:
        _NOTDEF[key] = _notdef_mask(font)
    return _NOTDEF[key]


@functools.cache
def font_chain(size: int, *, system: bool = True) -> FontChain:
    """The shipped CJK font and (unless `system` is false) any system CJK fonts, at
    `size` pixels. Generated pictures use the shipped font alone, so that they are the
    same on every machine, whatever fonts it has."""
    from PIL import ImageFont

    fonts = [ImageFont.truetype(str(shipped_font_path()), size)]
    for path, index in SYSTEM_FONTS if system else ():
        if Path(path).is_file():
            try:
                fonts.append(ImageFont.truetype(path, size, index=index))
            except OSError:
                continue
    return FontChain(tuple(fonts))
