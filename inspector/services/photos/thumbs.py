"""Thumbnails, made lazily from the original and cached, and terminal half-block cells.

The cache sits beside the database (`<db>.thumbs/`), never in the photo store: the store
holds evidence only, and the cache can be deleted at any time. JPEG thumbnails are made
in draft mode (libjpeg decodes at 1/2, 1/4 or 1/8 scale), which is what makes import
and browsing fast; the EXIF orientation is applied to the small image.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from inspector import locations
from inspector.data import photostore
from inspector.services.photos.formats import BadPhoto, open_image

if TYPE_CHECKING:
    from PIL.Image import Image

#: Longest edge of the thumbnail made at import and shown in lists and the photos tab.
THUMB_SIZE = 512
#: Longest edge of the full view in a terminal with a graphics protocol.
VIEW_SIZE = 1600
THUMB_QUALITY = 85

RGB = tuple[int, int, int]

#: The transposition that undoes each EXIF orientation (as ImageOps.exif_transpose).
_TRANSPOSE = {2: "FLIP_LEFT_RIGHT", 3: "ROTATE_180", 4: "FLIP_TOP_BOTTOM", 5: "TRANSPOSE",
              6: "ROTATE_270", 7: "TRANSVERSE", 8: "ROTATE_90"}  # fmt: skip


def upright(image: Image, orientation: int | None) -> Image:
    """The image as the photographer saw it, for any of the eight EXIF orientations."""
    name = _TRANSPOSE.get(orientation or 1)
    if name is None:
        return image
    from PIL import Image as PILImage

    return image.transpose(getattr(PILImage.Transpose, name))


def to_rgb(image: Image) -> Image:
    """RGB for JPEG thumbnails; transparency is laid on white, as a viewer would show it."""
    if image.mode == "RGB":
        return image
    from PIL import Image as PILImage

    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = PILImage.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.point(lambda v: v / 256).convert("L")
    return image.convert("RGB")


def shrink(image: Image, *, size: int, orientation: int | None) -> Image:
    """Decode `image` (opened, not loaded) into an upright RGB thumbnail of at most
    `size` pixels along its longest edge.

    Raises BadPhoto when the pixels cannot be decoded (a truncated or damaged file).
    """
    try:
        # thumbnail() asks the JPEG decoder for a draft first: it must come before load().
        image.thumbnail((size, size), reducing_gap=2.0)
        # thumbnail() leaves an image already small enough undecoded: decode it here,
        # where a damaged file is caught, not later.
        image.load()
    except Exception as exc:
        text = str(exc)
        if "truncated" in text:
            raise BadPhoto("truncated") from None
        raise BadPhoto(
            "damaged", error=text.splitlines()[0][:160] if text else type(exc).__name__
        ) from None
    return to_rgb(upright(image, orientation))


def encode_jpeg(image: Image, *, quality: int = THUMB_QUALITY) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=False)
    return out.getvalue()


def cache_path(db: Path, sha256: str, size: int = THUMB_SIZE) -> Path:
    if not photostore.is_sha256(sha256):
        raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
    return locations.thumb_cache(db) / sha256[:2] / f"{sha256}-{size}.jpg"


def write_cached(db: Path, sha256: str, size: int, data: bytes) -> Path:
    """Put a thumbnail in the cache (temporary name and rename: readers never see half)."""
    target = cache_path(db, sha256, size)
    locations.make_private_folder(target.parent)
    fd, tmp = tempfile.mkstemp(prefix=".thumb-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    return target


def thumbnail(db: Path, sha256: str, *, size: int = THUMB_SIZE) -> Path:
    """The cached thumbnail of a stored photo, made from the original if not there yet.

    Safe to call from a worker thread; raises FileNotFoundError if the original is not in
    the store and BadPhoto if it cannot be decoded.
    """
    target = cache_path(db, sha256, size)
    if target.is_file():
        return target
    data = photostore.path_of(db, sha256).read_bytes()
    image, _ = open_image(data)
    from inspector.services.photos.exif import read_metadata

    with image:
        orientation = read_metadata(image).orientation
        encoded = encode_jpeg(shrink(image, size=size, orientation=orientation))
    return write_cached(db, sha256, size, encoded)


# -- half-blocks -----------------------------------------------------------------------


@dataclass(frozen=True)
class HalfBlockCell:
    """One terminal cell drawn as "▀": the upper half in `top`, the lower in `bottom`."""

    top: RGB
    bottom: RGB


@dataclass(frozen=True)
class HalfBlocks:
    """An image as rows of terminal cells, each cell two pixels tall."""

    columns: int
    rows: int
    cells: tuple[tuple[HalfBlockCell, ...], ...]

    CHARACTER = "▀"


def half_blocks(image: Image, *, columns: int, rows: int) -> HalfBlocks:
    """Fit `image` (upright RGB) into `columns` × `rows` cells, keeping its proportions.

    Terminal cells are about twice as tall as wide, so one cell holds two square pixels,
    one above the other. The result may be narrower or shorter than the box.
    """
    if columns < 1 or rows < 1:
        return HalfBlocks(0, 0, ())
    from PIL import Image as PILImage

    width, height = image.size
    scale = min(columns / width, (rows * 2) / height)
    w = max(1, round(width * scale))
    h = max(2, round(height * scale))
    h += h % 2
    small = to_rgb(image).resize((w, h), PILImage.Resampling.BOX)
    pixels = small.load()
    assert pixels is not None
    cells = tuple(
        tuple(
            HalfBlockCell(pixels[x, y], pixels[x, y + 1])  # type: ignore[arg-type]
            for x in range(w)
        )
        for y in range(0, h, 2)
    )
    return HalfBlocks(columns=w, rows=h // 2, cells=cells)


def half_blocks_of(db: Path, sha256: str, *, columns: int, rows: int) -> HalfBlocks:
    """Half-block cells of a stored photo, from its cached thumbnail."""
    from PIL import Image as PILImage

    with PILImage.open(thumbnail(db, sha256), formats=["JPEG"]) as image:
        image.load()
        return half_blocks(image, columns=columns, rows=rows)
