"""Evidence copies: a photo with a stamp burned in, the original untouched.

The stamp is a band added below the picture (so it hides none of it) holding when and
where the photo was taken, the outfall it documents (code and Chinese name) and the
SHA-256 of the original, by which anyone can find and check the original in the store.
The original is verified against its hash before a copy is made from it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inspector.data import photostore
from inspector.data.photos import evidence_facts
from inspector.i18n import Problem, language, t
from inspector.models.spec import parse_stored_datetime
from inspector.services.photos import fonts, thumbs
from inspector.services.photos.exif import read_metadata
from inspector.services.photos.formats import open_image

if TYPE_CHECKING:
    from PIL.Image import Image

    from inspector.data.db import Database

CHINA = dt.timezone(dt.timedelta(hours=8))
SUFFIXES = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}


@dataclass(frozen=True)
class StampedCopy:
    path: Path
    sha256: str
    lines: list[str]
    missing_glyphs: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "sha256": self.sha256,
            "stamp": self.lines,
            "missing_glyphs": self.missing_glyphs,
        }


def _hemisphere(value: float, axis: str) -> str:
    letter = ("N" if value >= 0 else "S") if axis == "lat" else ("E" if value >= 0 else "W")
    return f"{abs(value):.6f}°{letter}"


def stamp_lines(row: dict[str, Any], *, lang: str | None = None) -> list[str]:
    """The stamp's text for a photo row joined with its outfall (code, name)."""
    lang = lang or language()
    lines = []
    if row.get("taken_at"):
        taken = parse_stored_datetime(row["taken_at"]).astimezone(CHINA)
        line = t("stamp.time", lang=lang, value=taken.strftime("%Y-%m-%d %H:%M:%S (UTC+8)"))
        if row.get("gps_time"):
            gps = parse_stored_datetime(row["gps_time"])
            line += t("stamp.gps_time", lang=lang, value=gps.strftime("%Y-%m-%d %H:%M:%S"))
        lines.append(line)
    else:
        lines.append(t("stamp.no_time", lang=lang))
    if row.get("lat") is not None and row.get("lon") is not None:
        value = f"{_hemisphere(row['lat'], 'lat')} {_hemisphere(row['lon'], 'lon')} WGS-84"
        if row.get("accuracy_m") is not None:
            value += f" ±{row['accuracy_m']:.0f} m"
        lines.append(t("stamp.position", lang=lang, value=value))
    else:
        lines.append(t("stamp.no_position", lang=lang))
    if row.get("outfall_code"):
        lines.append(
            t("stamp.outfall", lang=lang, code=row["outfall_code"], name=row["outfall_name"])
        )
    else:
        lines.append(t("stamp.no_outfall", lang=lang))
    lines.append(t("stamp.sha", lang=lang, value=row["id"]))
    return lines


MIN_FONT_PX = 14


def _line_width(chain: fonts.FontChain, line: str) -> float:
    runs, _ = chain.runs(line)
    return sum(font.getlength(text) for text, font in runs)


def draw_stamp(image: Image, lines: list[str]) -> tuple[Image, list[str]]:
    """A new image: `image` with a band below it carrying `lines`. Returns it and the
    characters no available font could draw.

    The text is sized to fit the picture's width; a picture too small for legible text
    gets a band wider than itself rather than text nobody can read.
    """
    from PIL import Image as PILImage
    from PIL import ImageDraw

    width, height = image.size
    probe = 40
    widest = max(_line_width(fonts.font_chain(probe), line) for line in lines)
    size = max(MIN_FONT_PX, min(72, int(probe * width * 0.94 / widest)))
    chain = fonts.font_chain(size)
    pad = max(6, size // 2)
    line_height = int(size * 1.45)
    canvas_width = max(width, int(max(_line_width(chain, line) for line in lines)) + 2 * pad)
    band = pad * 2 + line_height * len(lines)
    out = PILImage.new("RGB", (canvas_width, height + band), (20, 20, 20))
    out.paste(image, (0, 0))
    draw = ImageDraw.Draw(out)
    missing: list[str] = []
    y = height + pad
    for line in lines:
        runs, absent = chain.runs(line)
        missing += [c for c in absent if c not in missing]
        x = float(pad)
        for text, font in runs:
            draw.text((x, y), text, font=font, fill=(255, 255, 255))
            x += font.getlength(text)
        y += line_height
    return out, missing


def export_evidence(
    db: Database, sha256: str, target: Path, *, lang: str | None = None
) -> StampedCopy:
    """Write a stamped copy of a stored photo to `target` (.jpg or .png)."""
    target = Path(target)
    fmt = SUFFIXES.get(target.suffix.lower())
    if fmt is None:
        raise Problem("stamp.bad_target", path=target)
    if not target.parent.is_dir():
        raise Problem("out.no_directory", path=target.parent)
    with db.read() as conn:
        facts = evidence_facts(conn, photo_id=sha256)
    if facts is None:
        raise Problem("photos.no_such_photo", photo=sha256)
    values = facts._asdict()
    data = photostore.path_of(db.path, sha256).read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise Problem("stamp.not_original", sha=sha256)
    image, _ = open_image(data)
    with image:
        orientation = read_metadata(image).orientation
        image.load()
        picture = thumbs.to_rgb(thumbs.upright(image, orientation))
        lines = stamp_lines(values, lang=lang)
        stamped, missing = draw_stamp(picture, lines)
    fd, tmp = tempfile.mkstemp(prefix=".stamp-", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    try:
        stamped.save(tmp, fmt, **({"quality": 92} if fmt == "JPEG" else {}))
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return StampedCopy(target, sha256, lines, missing)
