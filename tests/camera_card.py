"""A camera card the tests make themselves: every kind of photo the shared real-camera
samples hold, in the same folders and under the same names, with known contents.

- `gps/`: five Nikon-like JPEGs with EXIF GPS at the samples' published positions, the
  camera clock (no UTC offset) about a day behind the GPS clock;
- `orientation/`: one landscape picture stored eight ways, EXIF Orientation 1 to 8;
- `cameras/`: four camera JPEGs without a position;
- `heic/`: an iPhone-like HEIC (written by pillow-heif) with position, altitude and
  horizontal error, and one HEIF without EXIF;
- `invalid/`: JPEGs whose EXIF was broken by editing its bytes (an IFD offset far past
  the block, an entry of a type that does not exist, garbage over the directory, an
  entry whose count runs past the end): the pixels decode, the metadata does not.

Truncated and empty files are made by the tests that need them, from these.
"""

from __future__ import annotations

import datetime as dt
import random
import struct
from pathlib import Path

from PIL import Image, ImageDraw

from inspector.services.photos import synthetic

CST = dt.timezone(dt.timedelta(hours=8))


def dms(d: int, m: int, s: float) -> float:
    return d + m / 60 + s / 3600


#: The samples' README positions (Tuscany), so that tests read the same numbers.
GPS = {
    "DSCN0010.jpg": (dms(43, 28, 2.814), dms(11, 53, 6.456)),
    "DSCN0012.jpg": (dms(43, 28, 1.764), dms(11, 53, 7.422)),
    "DSCN0021.jpg": (dms(43, 28, 1.494), dms(11, 53, 4.338)),
    "DSCN0025.jpg": (dms(43, 28, 6.114), dms(11, 52, 53.886)),
    "DSCN0027.jpg": (dms(43, 28, 6.39), dms(11, 52, 53.454)),
}
#: When DSCN0010 was taken by the GPS clock, and what the camera's clock said.
GPS_TIME = dt.datetime(2008, 10, 23, 14, 27, 7, tzinfo=dt.UTC)
CAMERA_TIME = dt.datetime(2008, 10, 22, 16, 28, 39, tzinfo=CST)  # written without offset
IPHONE = {
    "lat": dms(39, 3, 4.84),
    "lon": -dms(94, 17, 19.58),
    "altitude_m": 260.6,
    "accuracy_m": 38.8,
    "taken": dt.datetime(2021, 4, 11, 20, 47, 53, tzinfo=dt.UTC),  # 15:47:53 at UTC-05:00
}
CAMERAS = {
    "Canon_40D.jpg": ("Canon", "Canon EOS 40D"),
    "Fujifilm_FinePix_E500.jpg": ("FUJIFILM", "FinePix E500"),
    "Nikon_D70.jpg": ("NIKON CORPORATION", "NIKON D70"),
    "jolla.jpg": ("Jolla", "Jolla"),
}
INVALID = ("corrupted.jpg", "image00971.jpg", "image01088.jpg", "image01137.jpg")
#: Stored pixels for each EXIF orientation, from the upright picture.
_STORED = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


def landscape() -> Image.Image:
    """An upright landscape picture that looks different mirrored or turned: brightness
    runs left to right, blue top to bottom, and a mark sits in one corner."""
    w, h = 480, 320
    image = Image.new("RGB", (w, h))
    pixels = image.load()
    assert pixels is not None
    for x in range(w):
        level = 20 + x * 215 // w
        for y in range(h):
            pixels[x, y] = (level, level, 40 + y * 200 // h)
    ImageDraw.Draw(image).rectangle([20, 20, 90, 70], fill=(230, 30, 30))
    return image


def _jpeg(seed: int, tags: synthetic.Tags | None, size: tuple[int, int] = (640, 480)) -> bytes:
    return synthetic.encode(synthetic.river_scene(random.Random(seed), size), tags)


def _tiff_start(data: bytes) -> tuple[int, str]:
    """Where the TIFF header of the EXIF block starts, and its byte order."""
    at = data.index(b"Exif\x00\x00") + 6
    return at, "<" if data[at : at + 2] == b"II" else ">"


def _ifd0_entry(data: bytes, tag: int) -> int:
    """The offset of IFD0's entry for `tag`."""
    tiff, order = _tiff_start(data)
    (ifd,) = struct.unpack(order + "I", data[tiff + 4 : tiff + 8])
    (count,) = struct.unpack(order + "H", data[tiff + ifd : tiff + ifd + 2])
    for n in range(count):
        at = tiff + ifd + 2 + 12 * n
        if struct.unpack(order + "H", data[at : at + 2])[0] == tag:
            return at
    raise LookupError(tag)


def broken_exif(kind: str) -> bytes:
    """A good JPEG with EXIF (a position among it), then its EXIF bytes edited."""
    tags = synthetic.Tags(
        taken=CAMERA_TIME, lat=35.0912, lon=113.3847, make="HUAWEI", model="Mate 60"
    )
    data = bytearray(_jpeg(7, tags, (320, 240)))
    tiff, order = _tiff_start(bytes(data))
    if kind == "offset":  # the first directory far past the block's end
        data[tiff + 4 : tiff + 8] = struct.pack(order + "I", 0x7FFFFFF0)
    elif kind == "type":  # every entry of the directory of a type that does not exist
        (ifd,) = struct.unpack(order + "I", data[tiff + 4 : tiff + 8])
        (count,) = struct.unpack(order + "H", data[tiff + ifd : tiff + ifd + 2])
        for n in range(count):
            at = tiff + ifd + 2 + 12 * n
            data[at + 2 : at + 4] = struct.pack(order + "H", 99)
    elif kind == "garbage":  # noise over the directory, the header kept
        (ifd,) = struct.unpack(order + "I", data[tiff + 4 : tiff + 8])
        noise = random.Random(3).randbytes(120)
        data[tiff + ifd : tiff + ifd + 120] = noise
    elif kind == "count":  # the camera make says it is 256 MB long, the GPS IFD is lost
        at = _ifd0_entry(bytes(data), 0x010F)
        data[at + 4 : at + 8] = struct.pack(order + "I", 0x0FFFFFFF)
        gps = _ifd0_entry(bytes(data), 0x8825)
        data[gps + 8 : gps + 12] = struct.pack(order + "I", 0x7FFFFFF0)
    else:
        raise ValueError(kind)
    return bytes(data)


def make_card(root: Path) -> Path:
    """The card's `photos` folder under `root` (the samples' layout)."""
    photos = root / "photos"
    for sub in ("gps", "orientation", "cameras", "heic", "invalid"):
        (photos / sub).mkdir(parents=True, exist_ok=True)
    for n, (name, (lat, lon)) in enumerate(GPS.items()):
        step = dt.timedelta(minutes=3 * n)
        tags = synthetic.Tags(
            taken=CAMERA_TIME + step,
            write_offset=False,
            lat=lat,
            lon=lon,
            gps_time=GPS_TIME + step,
            make="NIKON",
            model="COOLPIX P6000",
        )
        (photos / "gps" / name).write_bytes(_jpeg(n, tags))
    upright = landscape()
    for orientation, method in _STORED.items():
        stored = upright if method is None else upright.transpose(method)
        tags = synthetic.Tags(orientation=orientation, make="Test", model="Orientation")
        (photos / "orientation" / f"landscape_{orientation}.jpg").write_bytes(
            synthetic.encode(stored, tags, quality=92)
        )
    for n, (name, (make, model)) in enumerate(CAMERAS.items()):
        taken = dt.datetime(2019, 5, 1 + n, 9, 30, tzinfo=CST)
        tags = synthetic.Tags(taken=taken, make=make, model=model)
        (photos / "cameras" / name).write_bytes(_jpeg(20 + n, tags, (480, 360)))
    image = synthetic.river_scene(random.Random(30), (400, 300))
    iphone = synthetic.Tags(
        offset=dt.timedelta(hours=-5), make="Apple", model="iPhone 12", **IPHONE
    )
    (photos / "heic" / "IMG_5195.HEIC").write_bytes(synthetic.encode(image, iphone, fmt="HEIF"))
    image = synthetic.river_scene(random.Random(31), (400, 300))
    (photos / "heic" / "samplefilehub.heif").write_bytes(synthetic.encode(image, None, fmt="HEIF"))
    for name, kind in zip(INVALID, ("count", "offset", "type", "garbage"), strict=True):
        (photos / "invalid" / name).write_bytes(broken_exif(kind))
    return photos
