"""Which files are photos, and opening them safely.

Only four formats are ever decoded (JPEG, PNG, WebP, HEIC/HEIF), recognised by their
first bytes rather than their names, and each is opened with Pillow restricted to that
one decoder. The pixel count is checked from the header before anything is decoded: a
200-megapixel phone JPEG is fine (draft mode decodes it at an eighth of its size), a
100,000 × 100,000 "bomb" is refused. Formats Pillow cannot shrink while decoding get a
lower cap, because they are decoded whole.
"""

from __future__ import annotations

import functools
import io
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PIL.Image import Image

#: File names import looks at (any case). Anything else in a folder is left alone.
EXTENSIONS = frozenset({".jpg", ".jpeg", ".jpe", ".png", ".webp", ".heic", ".heif", ".hif"})

#: Largest decoded size accepted per format, in pixels. JPEG is decoded at 1/8 scale for
#: thumbnails, so even 256 MP costs ~4 MP of memory; the others are decoded whole
#: (80 MP of RGBA is 320 MB).
PIXEL_CAP: dict[str, int] = {
    "JPEG": 256_000_000,
    "HEIF": 120_000_000,
    "PNG": 80_000_000,
    "WEBP": 80_000_000,
}
#: Largest file read at all: a 200 MP JPEG straight from a phone is 40–120 MB.
MAX_FILE_BYTES = 400 * 1024 * 1024

#: Key in `Image.info` of the EXIF warnings Pillow gave while opening the image.
EXIF_WARNINGS = "inspector_exif_warnings"

_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1")


class BadPhoto(Exception):
    """A file that will not be imported; `code` names the message `photos.bad.<code>`."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(code)


def sniff(head: bytes) -> str | None:
    """The format of a file from its first 32 bytes, or None if it is none of ours."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:8] == b"ftyp" and (
        head[8:12] in _HEIF_BRANDS or any(b in head[16:32] for b in _HEIF_BRANDS)
    ):
        return "HEIF"
    return None


def looks_like_photo(path: Path) -> bool:
    """By name only: whether import should look inside this file at all.

    macOS leaves `._IMG_0001.JPG` AppleDouble files on FAT-formatted cards; they carry a
    photo's name but none of its bytes.
    """
    return path.suffix.lower() in EXTENSIONS and not path.name.startswith("._")


@functools.cache
def heif_available() -> bool:
    """Whether HEIC/HEIF can be decoded here (pillow-heif installed and loadable)."""
    try:
        import pillow_heif
    except ImportError:
        return False
    pillow_heif.register_heif_opener()
    return True


@functools.cache
def _configure_pillow() -> None:
    from PIL import Image

    # Our own per-format caps (checked in `open_image`) replace Pillow's single global
    # one, which would refuse a 200 MP phone photo. Pillow still errors at twice this.
    Image.MAX_IMAGE_PIXELS = max(PIXEL_CAP.values())


def open_image(data: bytes, *, name: str = "") -> tuple[Image, str]:
    """Open image bytes with the one decoder their content calls for; nothing decoded yet.

    Raises BadPhoto for empty files, files of any other format, HEIC without a decoder,
    and images whose header claims more pixels than their format's cap.
    """
    if not data:
        raise BadPhoto("empty")
    fmt = sniff(data[:32])
    if fmt is None:
        raise BadPhoto("not_image")
    if fmt == "HEIF" and not heif_available():
        raise BadPhoto("heif_unavailable")
    _configure_pillow()
    from PIL import Image

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[fmt])
    except Image.DecompressionBombError:
        raise BadPhoto("too_many_pixels", pixels="?", cap=PIXEL_CAP[fmt]) from None
    except Exception as exc:
        # Any failure to parse a header of a format we recognised: a damaged file.
        raise BadPhoto("damaged", error=_short(exc)) from None
    # Pillow reads a JPEG's EXIF while opening it and only warns about what it skips.
    image.info[EXIF_WARNINGS] = [str(w.message) for w in caught if "exif" in str(w.message).lower()]
    width, height = image.size
    if width <= 0 or height <= 0:
        raise BadPhoto("damaged", error=f"{width}×{height}")
    if width * height > PIXEL_CAP[fmt]:
        raise BadPhoto("too_many_pixels", pixels=width * height, cap=PIXEL_CAP[fmt])
    return image, fmt


def read_limited(path: Path) -> bytes:
    """A file's bytes, refusing files larger than any photo could be."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise BadPhoto("too_large", size=size)
    return path.read_bytes()


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:160]
