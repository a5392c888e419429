"""EXIF as phones and cameras write it: photos the tests make (the camera card, generated
ones, byte-edited ones) and, when they are here, the real sample photos."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from PIL import Image
from PIL.TiffImagePlugin import IFDRational

from inspector.domain import photos as rules
from inspector.services.photos.exif import read_metadata
from inspector.services.photos.formats import open_image
from tests import camera_card as card
from tests.conftest import needs_samples
from tests.photos.conftest import CST, SAMPLE_PHOTOS, photo


def meta_of(path: Path):  # type: ignore[no-untyped-def]
    image, _ = open_image(path.read_bytes())
    with image:
        return read_metadata(image)


def dms(d: int, m: int, s: float) -> float:
    return d + m / 60 + s / 3600


# The README's positions, to its published precision (0.001″ ≈ 3 cm).
GPS_SAMPLES = {
    "DSCN0010.jpg": (dms(43, 28, 2.814), dms(11, 53, 6.456)),
    "DSCN0012.jpg": (dms(43, 28, 1.764), dms(11, 53, 7.422)),
    "DSCN0021.jpg": (dms(43, 28, 1.494), dms(11, 53, 4.338)),
    "DSCN0025.jpg": (dms(43, 28, 6.114), dms(11, 52, 53.886)),
    "DSCN0027.jpg": (dms(43, 28, 6.39), dms(11, 52, 53.454)),
}


@pytest.mark.parametrize(("name", "expected"), card.GPS.items())
def test_camera_positions(photos: Path, name: str, expected: tuple[float, float]) -> None:
    meta = meta_of(photos / "gps" / name)
    assert meta.lat == pytest.approx(expected[0], abs=0.0005 / 3600)
    assert meta.lon == pytest.approx(expected[1], abs=0.0005 / 3600)
    assert (meta.camera_make, meta.camera_model) == ("NIKON", "COOLPIX P6000")
    assert meta.problems == []


def test_camera_clock_skew_of_about_a_day(photos: Path) -> None:
    meta = meta_of(photos / "gps" / "DSCN0010.jpg")
    assert meta.gps_time == card.GPS_TIME
    # The camera says 2008-10-22 16:28:39 (no zone, so Beijing time): over a day behind.
    assert meta.taken_at == card.CAMERA_TIME
    assert meta.clock_skew_s is not None
    assert -2 * 86400 < meta.clock_skew_s < -86400 * 0.9
    assert rules.skew_flagged(meta.clock_skew_s)
    assert meta.best_time == meta.gps_time


def test_phone_heic(photos: Path) -> None:
    meta = meta_of(photos / "heic" / "IMG_5195.HEIC")
    assert meta.lat == pytest.approx(card.IPHONE["lat"], abs=0.005 / 3600)
    assert meta.lon == pytest.approx(card.IPHONE["lon"], abs=0.005 / 3600)
    assert meta.altitude_m == pytest.approx(260.6, abs=0.05)
    assert meta.accuracy_m == pytest.approx(38.8, abs=0.05)
    assert meta.camera_make == "Apple"
    # 15:47:53 at UTC-05:00, as the phone says in OffsetTimeOriginal.
    assert meta.taken_at == dt.datetime(2021, 4, 11, 20, 47, 53, tzinfo=dt.UTC)
    bare = meta_of(photos / "heic" / "samplefilehub.heif")
    assert (bare.lat, bare.taken_at, bare.problems) == (None, None, [])


@pytest.mark.parametrize("name", card.INVALID)
def test_malformed_exif_never_crashes(photos: Path, name: str) -> None:
    """EXIF broken by editing its bytes: the metadata is dropped, the pixels decode."""
    image, _ = open_image((photos / "invalid" / name).read_bytes())
    with image:
        meta = read_metadata(image)
        image.load()
    assert meta.lat is None
    assert meta.orientation in (None, 1)


@needs_samples
@pytest.mark.parametrize(("name", "expected"), GPS_SAMPLES.items())
def test_real_camera_positions_match_the_readme(name: str, expected: tuple[float, float]) -> None:
    meta = meta_of(SAMPLE_PHOTOS / "gps" / name)
    assert meta.lat == pytest.approx(expected[0], abs=0.0005 / 3600)
    assert meta.lon == pytest.approx(expected[1], abs=0.0005 / 3600)
    assert meta.camera_make == "NIKON"
    assert meta.camera_model == "COOLPIX P6000"
    assert meta.problems == []


@needs_samples
def test_real_camera_clock_skew_of_about_a_day() -> None:
    meta = meta_of(SAMPLE_PHOTOS / "gps" / "DSCN0010.jpg")
    assert meta.gps_time == dt.datetime(2008, 10, 23, 14, 27, 7, 240000, tzinfo=dt.UTC)
    # The camera says 2008-10-22 16:28:39 (no zone): a day and some hours behind GPS.
    assert meta.clock_skew_s is not None
    assert -2 * 86400 < meta.clock_skew_s < -86400 * 0.9
    assert rules.skew_flagged(meta.clock_skew_s)
    assert meta.best_time == meta.gps_time


@needs_samples
def test_real_iphone_heic() -> None:
    meta = meta_of(SAMPLE_PHOTOS / "heic" / "IMG_5195.HEIC")
    assert meta.lat == pytest.approx(dms(39, 3, 4.84), abs=0.005 / 3600)
    assert meta.lon == pytest.approx(-dms(94, 17, 19.58), abs=0.005 / 3600)
    assert meta.altitude_m == pytest.approx(260.6, abs=0.05)
    assert meta.accuracy_m == pytest.approx(38.8, abs=0.05)
    assert meta.camera_make == "Apple"
    # 15:47:53 at UTC-05:00, as the phone says in OffsetTimeOriginal.
    assert meta.taken_at == dt.datetime(2021, 4, 11, 20, 47, 53, tzinfo=dt.UTC)


@needs_samples
@pytest.mark.parametrize(
    "path", sorted((SAMPLE_PHOTOS / "invalid").glob("*.jpg")), ids=lambda p: p.name
)
def test_malformed_exif_samples_never_crash(path: Path) -> None:
    meta = meta_of(path)
    assert meta.lat is None
    assert meta.orientation in (None, 1)


def test_generated_phone_photo_round_trips(tmp_path: Path) -> None:
    taken = dt.datetime(2025, 6, 3, 10, 12, 30, tzinfo=CST)
    path = photo(
        tmp_path, "a.jpg", taken=taken, lat=35.0912345, lon=113.3847654, altitude_m=-3.5,
        accuracy_m=4.2, direction_deg=271.5, gps_time=taken + dt.timedelta(seconds=2),
    )  # fmt: skip
    meta = meta_of(path)
    assert meta.taken_at == taken
    assert meta.lat == pytest.approx(35.0912345, abs=1e-7)
    assert meta.lon == pytest.approx(113.3847654, abs=1e-7)
    assert meta.altitude_m == -3.5
    assert meta.accuracy_m == 4.2
    assert meta.direction_deg == 271.5
    assert meta.clock_skew_s == -2.0
    assert not rules.skew_flagged(meta.clock_skew_s)
    assert (meta.camera_make, meta.camera_model) == ("HUAWEI", "Mate 60")


def test_time_without_offset_is_taken_as_beijing_time(tmp_path: Path) -> None:
    taken = dt.datetime(2025, 6, 3, 10, 0, tzinfo=CST)
    meta = meta_of(photo(tmp_path, "a.jpg", taken=taken, write_offset=False))
    assert meta.taken_at == dt.datetime(2025, 6, 3, 2, 0, tzinfo=dt.UTC)


def _with_gps(gps: dict[int, object], **base: object) -> bytes:
    exif = Image.Exif()
    for tag, value in base.items():
        exif[int(tag)] = value
    ifd = exif.get_ifd(0x8825)
    ifd.update(gps)
    out = io.BytesIO()
    Image.new("RGB", (32, 24), "grey").save(out, "JPEG", exif=exif)
    return out.getvalue()


@pytest.mark.parametrize(
    ("gps", "problem"),
    [
        (
            {
                1: "N",
                2: (IFDRational(35), IFDRational(0, 0), IFDRational(0, 0)),
                3: "E",
                4: (113.0, 14.0, 1.5),
            },
            "gps_position",
        ),  # 0/0
        ({2: (35.0, 5.0, 0.0), 4: (113.0, 14.0, 1.5)}, "gps_position"),  # refs missing
        ({1: "N", 2: (35.0, 75.0, 0.0), 3: "E", 4: (113.0, 14.0, 1.5)}, "gps_position"),  # 75′
        (
            {1: "E", 2: (35.0, 5.0, 0.0), 3: "N", 4: (113.0, 14.0, 1.5)},
            "gps_position",
        ),  # swapped refs
        ({1: "N", 2: (0.0, 0.0, 0.0), 3: "E", 4: (0.0, 0.0, 0.0)}, "gps_position"),  # null island
        ({0x11: IFDRational(1, 0)}, "direction"),
        ({0x1D: "2025:13:45", 7: (1.0, 2.0, 3.0)}, "gps_time"),
    ],
)
def test_malformed_gps_is_dropped_and_named(gps: dict[int, object], problem: str) -> None:
    image, _ = open_image(_with_gps(gps))
    meta = read_metadata(image)
    assert problem in meta.problems
    if problem == "gps_position":
        assert meta.lat is None
        assert meta.lon is None


def test_odd_types_in_base_ifd() -> None:
    data = _with_gps({}, **{str(0x0112): 42, str(0x010F): b"\xff\xfeodd", str(0x0132): "yesterday"})
    image, _ = open_image(data)
    meta = read_metadata(image)
    assert meta.orientation is None
    assert "orientation" in meta.problems
    assert "taken_at" in meta.problems


def test_exif_block_with_bad_offsets(photos: Path) -> None:
    """An APP1 Exif block whose IFD offsets point past its end."""
    good = (photos / "gps" / "DSCN0010.jpg").read_bytes()
    start = good.index(b"Exif\x00\x00")
    tiff = start + 6
    broken = bytearray(good)
    # Point the first IFD far outside the block.
    broken[tiff + 4 : tiff + 8] = (0x7FFFFFF0).to_bytes(
        4, "little" if good[tiff] == 0x49 else "big"
    )
    image, _ = open_image(bytes(broken))
    meta = read_metadata(image)
    assert meta.lat is None
    assert "exif" in meta.problems
    image.load()  # the pixels are untouched


def test_rationals() -> None:
    assert rules.rational((1, 0)) is None
    assert rules.rational((0, 0)) is None
    assert rules.rational(float("nan")) is None
    assert rules.rational((3, 4)) == 0.75
    assert rules.rational("x") is None
    assert rules.dms_to_degrees((35, 30, 0), b"S\x00", axis="lat") == -35.5
    assert rules.dms_to_degrees((35, 30), "N", axis="lat") is None
    assert rules.parse_utc_offset("+05:45") == dt.timedelta(hours=5, minutes=45)
    assert rules.parse_utc_offset("8") is None
    assert rules.accuracy_from_dop(1.6) == 8.0
