"""Importing folders: a camera card of every kind of photo (and the real samples when they
are here), every kind of bad file, duplicates, cancellation."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import struct
import threading
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from inspector.data import photostore
from inspector.services.photos import importer
from inspector.services.photos.formats import BadPhoto, open_image, sniff
from tests.conftest import needs_samples, run_inspector
from tests.photos.conftest import SAMPLE_PHOTOS, photo


def _copy_card(photos: Path, target: Path) -> Path:
    for sub in ("gps", "cameras", "orientation", "heic", "invalid"):
        shutil.copytree(photos / sub, target / sub)
    return target


def _bad_files(photos: Path, folder: Path) -> dict[str, str]:
    """One of every kind of bad file; name -> the problem code it must get."""
    folder.mkdir(parents=True, exist_ok=True)
    good = (photos / "gps" / "DSCN0012.jpg").read_bytes()
    (folder / "empty.jpg").write_bytes(b"")
    (folder / "notes.jpg").write_text("这不是照片 / not a photo\n", encoding="utf-8")
    (folder / "truncated.jpg").write_bytes(good[: len(good) // 2])
    gif = io.BytesIO()
    Image.new("RGB", (8, 8)).save(gif, "GIF")
    (folder / "really-a-gif.jpg").write_bytes(gif.getvalue())
    # A PNG whose header claims 40,000 × 40,000 (1.6 GP) but is 1-bit and tiny on disk.
    bomb = io.BytesIO()
    Image.new("1", (40_000, 40_000)).save(bomb, "PNG")
    (folder / "bomb.png").write_bytes(bomb.getvalue())
    # A small JPEG whose frame header is rewritten to claim 60,000 × 60,000.
    sof = good.rindex(b"\xff\xc0")  # the main image's frame, not the EXIF thumbnail's
    lie = bytearray(good)
    lie[sof + 5 : sof + 9] = struct.pack(">HH", 60_000, 60_000)
    (folder / "jpeg-bomb.jpg").write_bytes(bytes(lie))
    # A PNG cut off in the middle of its pixel data.
    png = io.BytesIO()
    Image.effect_noise((300, 300), 60).convert("RGB").save(png, "PNG")
    (folder / "cut.png").write_bytes(png.getvalue()[:-4000])
    return {
        "empty.jpg": "empty",
        "notes.jpg": "not_image",
        "truncated.jpg": "truncated",
        "really-a-gif.jpg": "not_image",
        "bomb.png": "too_many_pixels",
        "jpeg-bomb.jpg": "too_many_pixels",
        "cut.png": "truncated",
    }


def _import_a_whole_card(db: Any, folder: Path) -> dict[str, Any]:
    report = importer.import_folder(db, folder, workers=2)
    assert report.bad == []
    assert report.imported == report.found == 23
    with db.read() as conn:
        rows = {
            r[0]: r[1:]
            for r in conn.execute(
                "SELECT original_name, lat, lon, orientation, width, height, metadata_problems FROM photo"
            )
        }
    assert rows["DSCN0027.jpg"][0] == pytest.approx(43 + 28 / 60 + 6.39 / 3600, abs=1e-6)
    assert rows["IMG_5195.HEIC"][1] == pytest.approx(-(94 + 17 / 60 + 19.58 / 3600), abs=1e-6)
    assert {rows[f"landscape_{n}.jpg"][2] for n in range(1, 9)} == set(range(1, 9))
    for sha in photostore.stored_hashes(db.path):
        assert photostore.verify(db.path, sha)
    # Originals are kept byte for byte.
    original = (folder / "heic" / "IMG_5195.HEIC").read_bytes()
    import hashlib

    assert (
        photostore.path_of(db.path, hashlib.sha256(original).hexdigest()).read_bytes() == original
    )
    return rows


def test_a_card_imports_with_positions_and_orientation(
    site: dict[str, Any], photos: Path, tmp_path: Path
) -> None:
    rows = _import_a_whole_card(site["db"], _copy_card(photos, tmp_path / "card"))
    # The byte-edited EXIF is named; its photo is kept.
    assert {rows[name][-1] for name in ("image00971.jpg", "image01137.jpg")} == {'["exif"]'}


@needs_samples
def test_real_samples_import_with_positions_and_orientation(
    site: dict[str, Any], tmp_path: Path
) -> None:
    _import_a_whole_card(site["db"], _copy_card(SAMPLE_PHOTOS, tmp_path / "card"))


def test_every_bad_file_gets_one_line_and_the_rest_imports(
    site: dict[str, Any], photos: Path, tmp_path: Path
) -> None:
    db = site["db"]
    folder = tmp_path / "mixed"
    expected = _bad_files(photos, folder / "bad")
    shutil.copy(photos / "gps" / "DSCN0010.jpg", folder / "DSCN0010.jpg")
    (folder / "readme.txt").write_text("ignored")
    (folder / "._DSCN0010.jpg").write_bytes(b"\x00\x05\x16\x07 AppleDouble")
    report = importer.import_folder(db, folder, workers=1)
    got = {Path(b.path).name: b.code for b in report.bad}
    assert got == expected
    assert report.imported == 1
    for bad in report.bad:
        message = bad.message()
        assert "\n" not in message
        assert bad.path in message
    with db.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM photo").fetchone()[0] == 1
    assert len(list(photostore.stored_hashes(db.path))) == 1


def test_a_200_megapixel_phone_jpeg_still_imports(site: dict[str, Any], tmp_path: Path) -> None:
    folder = tmp_path / "big"
    folder.mkdir()
    image = Image.new("L", (16_320, 12_288), 128)
    image.save(folder / "IMG_200MP.jpg", "JPEG", quality=50)
    del image
    report = importer.import_folder(site["db"], folder, workers=1)
    assert report.bad == []
    assert report.imported == 1
    with site["db"].read() as conn:
        assert conn.execute("SELECT width * height FROM photo").fetchone()[0] == 16_320 * 12_288


def test_sniffing_decides_not_the_name() -> None:
    assert sniff(b"\xff\xd8\xff\xe0") == "JPEG"
    assert sniff(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "WEBP"
    assert sniff(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic") == "HEIF"
    assert sniff(b"\x00\x00\x00\x18ftypavif") is None
    assert sniff(b"GIF89a") is None
    with pytest.raises(BadPhoto) as bad:
        open_image(b"BM" + b"\x00" * 60)  # a BMP: Pillow could read it, we never try
    assert bad.value.code == "not_image"


def test_png_and_webp_import(site: dict[str, Any], tmp_path: Path) -> None:
    folder = tmp_path / "formats"
    folder.mkdir()
    photo(folder, "a.png", fmt="PNG", seed=1)
    photo(folder, "b.webp", fmt="WEBP", seed=2)
    report = importer.import_folder(site["db"], folder, workers=1)
    assert report.imported == 2
    assert report.bad == []
    with site["db"].read() as conn:
        assert sorted(r[0] for r in conn.execute("SELECT format FROM photo")) == ["png", "webp"]


def test_reimport_only_hashes_and_restores_lost_originals(
    site: dict[str, Any], photos: Path, tmp_path: Path
) -> None:
    db = site["db"]
    folder = _copy_card(photos, tmp_path / "card")
    first = importer.import_folder(db, folder / "gps", workers=1)
    assert first.imported == 5
    lost = next(photostore.stored_hashes(db.path))
    photostore.path_of(db.path, lost).unlink()
    again = importer.import_folder(db, folder, workers=2)
    assert again.known == 5
    assert again.imported == 18
    assert again.restored == 1
    assert photostore.verify(db.path, lost)
    with db.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM photo").fetchone()[0] == 23


def test_same_photo_twice_in_one_folder_is_stored_once(
    site: dict[str, Any], photos: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "dup"
    (folder / "a").mkdir(parents=True)
    (folder / "b").mkdir()
    for sub in ("a", "b"):
        shutil.copy(photos / "gps" / "DSCN0010.jpg", folder / sub / "DSCN0010.jpg")
    report = importer.import_folder(site["db"], folder, workers=1)
    assert (report.imported, report.known) == (1, 1)


def test_cancelled_import_keeps_what_it_wrote(site: dict[str, Any], tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(12):
        photo(folder, f"IMG_{n:03d}.jpg", seed=n, size=(64, 48))
    cancel = threading.Event()
    seen: list[float] = []

    def progress(fraction: float) -> None:
        seen.append(fraction)
        if len(seen) == 3:
            cancel.set()

    report = importer.import_folder(site["db"], folder, workers=1, progress=progress, cancel=cancel)
    assert report.cancelled
    assert 0 < report.imported < 12
    with site["db"].read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM photo").fetchone()[0] == report.imported
    rest = importer.import_folder(site["db"], folder, workers=1)
    assert rest.imported == 12 - report.imported


def test_not_a_folder(site: dict[str, Any], tmp_path: Path) -> None:
    from inspector.i18n import Problem

    with pytest.raises(Problem):
        importer.import_folder(site["db"], tmp_path / "nowhere")


@pytest.mark.long
def test_cli_import_summary_and_json(photos: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    _bad_files(photos, folder)
    shutil.copytree(photos / "gps", folder / "gps")
    db = tmp_path / "c.db"
    result = run_inspector("--db", str(db), "photos", "import", str(folder))
    assert result.returncode == 0, result.stderr
    assert "5 imported" in result.stdout
    assert "7 bad" in result.stdout
    bad_lines = [line for line in result.stderr.splitlines() if line.startswith("  ")]
    assert len(bad_lines) == 7
    assert "Traceback" not in result.stderr
    again = run_inspector("--db", str(db), "photos", "import", str(folder), "--json")
    document = json.loads(again.stdout)
    assert document["known"] == 5
    assert document["imported"] == 0
    assert len(document["bad"]) == 7
    pending = json.loads(run_inspector("--db", str(db), "photos", "pending", "--json").stdout)
    assert len(pending) == 5
    assert all("clock_skew" in p["flags"] for p in pending)


def test_heic_without_a_decoder_is_one_clear_line(photos: Path, tmp_path: Path) -> None:
    """pillow-heif missing (as on a machine where its wheel would not install)."""
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "pillow_heif.py").write_text("raise ImportError('no HEIC decoder here')\n")
    folder = tmp_path / "phone"
    shutil.copytree(photos / "heic", folder)
    shutil.copy(photos / "gps" / "DSCN0010.jpg", folder)
    env = {"PYTHONPATH": os.pathsep.join([str(shim), os.environ.get("PYTHONPATH", "")])}
    result = run_inspector(
        "--db", str(tmp_path / "h.db"), "photos", "import", str(folder), "--workers", "2", env=env
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "pillow-heif" in line]
    assert len(lines) == 2
    assert "1 imported" in result.stdout


def test_progress_reaches_one(site: dict[str, Any], photos: Path) -> None:
    seen: list[float] = []
    importer.import_folder(site["db"], photos / "gps", workers=1, progress=seen.append)
    assert seen[-1] == 1.0
    assert seen == sorted(seen)


def test_walk_skips_hidden_folders_and_other_files(tmp_path: Path) -> None:
    (tmp_path / ".thumbnails").mkdir()
    (tmp_path / ".thumbnails" / "x.jpg").write_bytes(b"x")
    (tmp_path / "DCIM").mkdir()
    (tmp_path / "DCIM" / "IMG_1.JPG").write_bytes(b"x")
    (tmp_path / "DCIM" / "VID_1.mp4").write_bytes(b"x")
    assert [p.name for p in importer.walk(tmp_path)] == ["IMG_1.JPG"]


def test_import_time_is_recorded_as_utc(site: dict[str, Any], tmp_path: Path) -> None:
    taken = dt.datetime(2025, 6, 3, 10, 5, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    photo(tmp_path, "a.jpg", taken=taken)
    importer.import_folder(site["db"], tmp_path, workers=1)
    with site["db"].read() as conn:
        assert (
            conn.execute("SELECT taken_at FROM photo").fetchone()[0] == "2025-06-03 02:05:00.000000"
        )
