"""Make the CJK font that evidence stamps are drawn with (a developer tool, not shipped).

Evidence copies carry Chinese text (outfall names, labels), which Pillow can only draw
with a CJK font. The full Noto Sans CJK SC is 16 MB; this keeps the glyphs a stamp can
need: ASCII and common symbols, CJK punctuation and full-width forms, all 6,763 hanzi of
GB 2312, and every character of the shipped reference and demo data. Rarer characters
(in a village name, say) are drawn from a system CJK font when one is installed
(`inspector.services.photos.fonts`).

Noto Sans CJK is under the SIL Open Font License 1.1 (its only Reserved Font Name is
"Source", which this subset does not use); the licence ships beside the font.

    apt-get install fonts-noto-cjk && pip install fonttools
    python tools/make_stamp_font.py /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

REPO = Path(__file__).resolve().parent.parent
TARGET = REPO / "assets" / "fonts" / "NotoSansCJKsc-Regular-subset.otf"
SC_FAMILY = "Noto Sans CJK SC"


def gb2312_hanzi() -> set[str]:
    chars = set()
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def data_characters() -> set[str]:
    chars: set[str] = set()
    for path in [*REPO.glob("db/reference/*.json"), *REPO.glob("assets/demo/*.json")]:
        chars |= set(json.dumps(json.loads(path.read_text("utf-8")), ensure_ascii=False))
    for path in REPO.glob("inspector/i18n/*.py"):
        chars |= set(path.read_text("utf-8"))
    return chars


def wanted() -> set[int]:
    ranges = [
        (0x20, 0x7E),  # ASCII
        (0xA0, 0xFF),  # Latin-1: ° ± × ·
        (0x2010, 0x206F),  # general punctuation
        (0x2100, 0x214F),  # letterlike symbols (℃)
        (0x2190, 0x21FF),  # arrows
        (0x2460, 0x24FF),  # enclosed numbers ①
        (0x3000, 0x303F),  # CJK punctuation
        (0xFF00, 0xFFEF),  # full-width forms
    ]
    points = {cp for lo, hi in ranges for cp in range(lo, hi + 1)}
    points |= {ord(c) for c in gb2312_hanzi() | data_characters()}
    return points


def main(source: str) -> None:
    collection = TTCollection(source)
    font = next(f for f in collection.fonts if f["name"].getDebugName(4) == SC_FAMILY)
    options = subset.Options()
    options.layout_features = ["*"]
    options.hinting = False  # stamps are drawn large; hints only cost bytes
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(wanted()))
    subsetter.subset(font)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    font.save(TARGET)
    print(f"{TARGET}: {TARGET.stat().st_size / 1e6:.2f} MB, {len(font.getBestCmap())} characters")


if __name__ == "__main__":
    main(sys.argv[1])
