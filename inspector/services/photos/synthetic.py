"""Generated photos with real EXIF: the demo's material and the tests' inputs.

Real JPEG (or PNG/WebP) bytes with the tags phones write: time taken and its UTC
offset, GPS position, time, altitude, accuracy and direction, camera, orientation. The
pictures are simple drawn scenes (a river bank with an outfall, or a sign board whose
text shows exactly the items it is said to show).
"""

from __future__ import annotations

import datetime as dt
import io
import random
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PIL.Image import Exif, Image


@dataclass(frozen=True)
class Tags:
    """What the generated EXIF says (None: the tag is left out)."""

    taken: dt.datetime | None = None
    """Aware; written as local time in `offset`."""
    offset: dt.timedelta | None = dt.timedelta(hours=8)
    write_offset: bool = True
    lat: float | None = None
    lon: float | None = None
    altitude_m: float | None = None
    accuracy_m: float | None = None
    direction_deg: float | None = None
    gps_time: dt.datetime | None = None
    make: str | None = "HUAWEI"
    model: str | None = "Mate 60"
    orientation: int | None = 1


def _rational(value: float, den: int = 10_000) -> Any:
    from PIL.TiffImagePlugin import IFDRational

    frac = Fraction(value).limit_denominator(den)
    return IFDRational(frac.numerator, frac.denominator)


def _dms(value: float) -> tuple[Any, Any, Any]:
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = (value - degrees - minutes / 60) * 3600
    return (_rational(degrees, 1), _rational(minutes, 1), _rational(round(seconds, 4), 10_000))


def exif_for(tags: Tags) -> Exif:
    from PIL import Image

    exif = Image.Exif()
    if tags.make:
        exif[0x010F] = tags.make
    if tags.model:
        exif[0x0110] = tags.model
    if tags.orientation:
        exif[0x0112] = tags.orientation
    sub = exif.get_ifd(0x8769)
    if tags.taken is not None:
        zone = dt.timezone(tags.offset or dt.timedelta(0))
        local = tags.taken.astimezone(zone)
        sub[0x9003] = local.strftime("%Y:%m:%d %H:%M:%S")
        if tags.write_offset and tags.offset is not None:
            total = int(tags.offset.total_seconds() // 60)
            sign = "+" if total >= 0 else "-"
            sub[0x9011] = f"{sign}{abs(total) // 60:02d}:{abs(total) % 60:02d}"
    gps = exif.get_ifd(0x8825)
    if tags.lat is not None and tags.lon is not None:
        gps[0x00] = b"\x02\x03\x00\x00"
        gps[0x01] = "N" if tags.lat >= 0 else "S"
        gps[0x02] = _dms(tags.lat)
        gps[0x03] = "E" if tags.lon >= 0 else "W"
        gps[0x04] = _dms(tags.lon)
        gps[0x12] = "WGS-84"
    if tags.altitude_m is not None:
        gps[0x05] = b"\x00" if tags.altitude_m >= 0 else b"\x01"
        gps[0x06] = _rational(abs(tags.altitude_m), 100)
    if tags.accuracy_m is not None:
        gps[0x1F] = _rational(tags.accuracy_m, 100)
    if tags.direction_deg is not None:
        gps[0x10] = "T"
        gps[0x11] = _rational(tags.direction_deg, 100)
    if tags.gps_time is not None:
        utc = tags.gps_time.astimezone(dt.UTC)
        gps[0x1D] = utc.strftime("%Y:%m:%d")
        gps[0x07] = (_rational(utc.hour, 1), _rational(utc.minute, 1), _rational(utc.second, 1))
    return exif


def river_scene(
    rng: random.Random, size: tuple[int, int] = (800, 600), *, distance: bool = False
) -> Image:
    """A bank, a river and an outfall pipe discharging into it."""
    from PIL import Image, ImageDraw

    w, h = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(h // 3):
        shade = 150 + int(80 * y / (h / 3))
        draw.line([(0, y), (w, y)], fill=(shade - 40, shade - 10, 235))
    bank = (96 + rng.randrange(30), 84 + rng.randrange(20), 60)
    draw.rectangle([0, h // 3, w, h * 2 // 3], fill=bank)
    draw.rectangle([0, h * 2 // 3, w, h], fill=(70, 100 + rng.randrange(40), 110))
    for _ in range(30):
        x = rng.randrange(w)
        draw.line(
            [(x, h * 2 // 3 + rng.randrange(h // 3)), (x + 30, h * 2 // 3 + rng.randrange(h // 3))],
            fill=(150, 180, 190),
        )
    radius = (h // 14) if distance else (h // 5)
    cx, cy = w // 2 + rng.randrange(-w // 6, w // 6), h // 2
    draw.ellipse(
        [cx - radius, cy - radius, cx + radius, cy + radius],
        fill=(120, 120, 120),
        outline=(60, 60, 60),
        width=max(2, radius // 6),
    )
    draw.ellipse(
        [cx - radius * 2 // 3, cy - radius * 2 // 3, cx + radius * 2 // 3, cy + radius * 2 // 3],
        fill=(25, 25, 25),
    )
    draw.polygon(
        [
            (cx - radius // 2, cy + radius // 2),
            (cx + radius // 2, cy + radius // 2),
            (cx + radius, h * 2 // 3 + 10),
            (cx - radius, h * 2 // 3 + 10),
        ],
        fill=(110, 110, 100),
    )
    return image


def sign_scene(
    lines: Sequence[str], size: tuple[int, int] = (800, 600), *, qr: bool = False
) -> Image:
    """A green notice sign (GB 15562.1 colours) with the given text lines on it, and a
    QR code's square in its corner when `qr`."""
    from PIL import Image, ImageDraw

    from inspector.services.photos.fonts import font_chain

    w, h = size
    image = Image.new("RGB", size, (120, 150, 110))
    draw = ImageDraw.Draw(image)
    draw.rectangle([w // 2 - 8, h // 2, w // 2 + 8, h], fill=(90, 90, 90))
    board = [w // 10, h // 12, w - w // 10, h * 2 // 3]
    draw.rectangle(board, fill=(0, 122, 61), outline=(240, 240, 240), width=6)
    size_px = max(14, int((board[3] - board[1]) / (1.3 * len(lines) + 1.5)))
    # The shipped font only: a system font would make the demo's pictures (and their
    # sizes, which screens show) depend on the machine they were made on.
    chain = font_chain(size_px, system=False)
    y = board[1] + size_px
    for line in lines:
        x = float(board[0] + size_px)
        runs, _ = chain.runs(line)
        for text, font in runs:
            draw.text((x, y), text, font=font, fill=(255, 255, 255))
            x += font.getlength(text)
        y += int(size_px * 1.3)
    if qr:  # a QR code's placard under the board's right end
        cell = max(3, (h - board[3]) // 16)
        left, top = board[2] - 11 * cell, board[3] + cell
        draw.rectangle([left, top, left + 11 * cell, top + 11 * cell], fill=(255, 255, 255))
        for row in range(9):
            for col in range(9):
                corner = (row < 3 and col < 3) or (row < 3 and col > 5) or (row > 5 and col < 3)
                if corner or (row * 7 + col * 3) % 5 < 2:
                    x0, y0 = left + (col + 1) * cell, top + (row + 1) * cell
                    draw.rectangle([x0, y0, x0 + cell - 1, y0 + cell - 1], fill=(0, 0, 0))
    return image


def encode(image: Image, tags: Tags | None, *, fmt: str = "JPEG", quality: int = 85) -> bytes:
    """`image` encoded as `fmt` (JPEG, PNG, WEBP, or HEIF as phones write it) with EXIF."""
    out = io.BytesIO()
    options: dict[str, Any] = {}
    if fmt == "HEIF":
        import pillow_heif

        pillow_heif.register_heif_opener()
        options["quality"] = quality
        if tags is not None:
            options["exif"] = exif_for(tags).tobytes()
        image.save(out, fmt, **options)
        return out.getvalue()
    if tags is not None:
        options["exif"] = exif_for(tags)
    if fmt == "JPEG":
        options["quality"] = quality
    image.save(out, fmt, **options)
    return out.getvalue()


def write_photo(path: Path, image: Image, tags: Tags | None, *, fmt: str = "JPEG") -> Path:
    path.write_bytes(encode(image, tags, fmt=fmt))
    return path
