"""Thumbnails (all eight orientations upright), half-block cells, stamped evidence copies,
the CJK font, signage findings and the doctor's photo-store check."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageFont

from inspector.data import photostore
from inspector.domain.choices import SignageItem
from inspector.i18n import Problem
from inspector.services.photos import evidence, fonts, importer, review, signage, thumbs
from tests.conftest import needs_samples
from tests.photos.conftest import OUTFALL_LAT, OUTFALL_LON, SAMPLE_PHOTOS, VISIT, offset, photo


def _thumb(path: Path, size: int = 256) -> Image.Image:
    from inspector.services.photos.ingest import analyse

    analysis = analyse(path.read_bytes(), thumb_size=size)
    import io

    return Image.open(io.BytesIO(analysis.thumbnail)).convert("RGB")


def _mean_difference(a: Image.Image, b: Image.Image) -> float:
    diff = ImageChops.difference(a, b).convert("L")
    return sum(i * c for i, c in enumerate(diff.histogram())) / (diff.size[0] * diff.size[1])


def _same_picture_eight_ways(folder: Path) -> None:
    upright = {n: _thumb(folder / f"landscape_{n}.jpg") for n in range(1, 9)}
    reference = upright[2]
    assert reference.size[0] > reference.size[1]  # landscape
    for n, other in upright.items():
        assert other.size == reference.size, n
        # The sample files were encoded separately (landscape_1 at another quality), so
        # pixels differ by JPEG noise (< 15 levels on average); a picture left mirrored
        # or turned differs by 45 or more.
        assert _mean_difference(reference, other) < 20, n
        mirrored = other.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
        assert _mean_difference(reference, mirrored) > 40, n


def test_all_eight_orientations_give_the_same_picture(photos: Path) -> None:
    _same_picture_eight_ways(photos / "orientation")


@needs_samples
def test_all_eight_orientations_of_a_real_camera_give_the_same_picture() -> None:
    _same_picture_eight_ways(SAMPLE_PHOTOS / "orientation")


def test_orientation_transposition_is_exact_on_pixels() -> None:
    image = Image.effect_noise((40, 30), 80).convert("RGB")
    encoded = {
        1: image,
        2: image.transpose(Image.Transpose.FLIP_LEFT_RIGHT),
        3: image.transpose(Image.Transpose.ROTATE_180),
        4: image.transpose(Image.Transpose.FLIP_TOP_BOTTOM),
        5: image.transpose(Image.Transpose.TRANSPOSE),
        6: image.transpose(Image.Transpose.ROTATE_90),
        7: image.transpose(Image.Transpose.TRANSVERSE),
        8: image.transpose(Image.Transpose.ROTATE_270),
    }
    for orientation, stored in encoded.items():
        assert thumbs.upright(stored, orientation).tobytes() == image.tobytes(), orientation


def test_lazy_thumbnail_cache_beside_the_database(photos: Path, tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    sha, _ = photostore.store_file(db, photos / "orientation" / "landscape_6.jpg")
    path = thumbs.thumbnail(db, sha, size=128)
    assert path.parent.parent == tmp_path / "r.db.thumbs"
    assert not str(path).startswith(str(tmp_path / "r.db.photos"))
    with Image.open(path) as image:
        assert max(image.size) == 128
        assert image.size[0] > image.size[1]
    stamp = path.stat().st_mtime_ns
    assert thumbs.thumbnail(db, sha, size=128).stat().st_mtime_ns == stamp  # cached
    with pytest.raises(FileNotFoundError):
        thumbs.thumbnail(db, "0" * 64)


def test_half_blocks() -> None:
    image = Image.new("RGB", (40, 20), (255, 0, 0))
    image.paste((0, 0, 255), (0, 10, 40, 20))
    blocks = thumbs.half_blocks(image, columns=20, rows=20)
    assert (blocks.columns, blocks.rows) == (20, 5)  # 20 × 10 pixels: 5 rows of 2
    assert blocks.cells[0][0].top == (255, 0, 0)
    assert blocks.cells[-1][-1].bottom == (0, 0, 255)
    assert all(len(row) == blocks.columns for row in blocks.cells)
    tall = thumbs.half_blocks(Image.new("RGB", (10, 100)), columns=80, rows=10)
    assert (tall.columns, tall.rows) == (2, 10)  # 2 × 20 pixels
    assert thumbs.half_blocks(image, columns=0, rows=5).cells == ()


def test_half_blocks_of_a_stored_photo(photos: Path, tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    sha, _ = photostore.store_file(db, photos / "gps" / "DSCN0010.jpg")
    blocks = thumbs.half_blocks_of(db, sha, columns=40, rows=15)
    assert blocks.columns == 40
    assert blocks.rows == 15


def test_shipped_font_draws_chinese_not_boxes() -> None:
    font = ImageFont.truetype(str(fonts.shipped_font_path()), 32)
    notdef = fonts._notdef_mask(font)
    masks = {ch: fonts._mask(font, ch) for ch in "排污口焦作沁河武陟县标志牌"}
    assert all(m != notdef for m in masks.values())
    assert len(set(masks.values())) == len(masks)  # every glyph its own shape
    # Ink: a hanzi at 32 px covers a good share of its box, a box outline very little.
    mask = font.getmask("污")
    assert sum(1 for v in bytes(mask) if v > 128) > 80
    assert fonts.has_glyph(font, "A")
    assert fonts.has_glyph(font, "：")
    assert not fonts.has_glyph(font, "\U0002a6a5")  # a rare Extension B hanzi: not in the subset


def test_font_licence_ships_beside_it() -> None:
    assert fonts.shipped_font_path().stat().st_size < 4_000_000
    text = fonts.licence_path().read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE" in text
    assert "Version 1.1" in text


@pytest.fixture
def linked(site: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    folder = tmp_path / "card"
    folder.mkdir()
    lat, lon = offset(OUTFALL_LAT, OUTFALL_LON, 6)
    photo(
        folder,
        "sign.jpg",
        taken=VISIT + dt.timedelta(minutes=4),
        gps_time=VISIT + dt.timedelta(minutes=4),
        lat=lat,
        lon=lon,
        accuracy_m=4.0,
        orientation=6,
    )
    report = importer.import_folder(site["db"], folder, workers=1, accept=True, collect=True)
    return {**site, "sha": report.photos[0].sha256, "source": folder / "sign.jpg"}


def test_evidence_copy_stamps_and_leaves_the_original(
    linked: dict[str, Any], tmp_path: Path
) -> None:
    db, sha = linked["db"], linked["sha"]
    original = photostore.path_of(db.path, sha).read_bytes()
    copy = evidence.export_evidence(db, sha, tmp_path / "证据.jpg", lang="zh")
    assert photostore.path_of(db.path, sha).read_bytes() == original
    assert hashlib.sha256(original).hexdigest() == sha
    text = "\n".join(copy.lines)
    assert sha in text
    assert "410823QT0001" in text
    assert "武陟县大封镇沁河右岸1#城镇雨洪排口" in text
    assert "35.09" in text
    assert "±4 m" in text
    assert "2025-06-03 10:04:00" in text
    assert copy.missing_glyphs == []
    with Image.open(copy.path) as stamped, Image.open(linked["source"]) as source:
        # Orientation 6 applied (the stored 640 × 480 shows upright as 480 × 640), every
        # pixel of it kept, and a band with light text on dark added below (wider than
        # the picture, for a picture this small, so the text stays legible).
        picture = stamped.convert("RGB").crop((0, 0, 480, 640))
        expected = thumbs.upright(source.convert("RGB"), 6)
        assert _mean_difference(picture, expected) < 3
        assert stamped.size[1] > 640
        assert stamped.size[0] >= 480
        band = stamped.crop((0, 640, stamped.size[0], stamped.size[1])).convert("L")
        low, high = band.getextrema()
        assert low < 40
        assert high > 220


def test_evidence_copy_refuses_an_altered_original(linked: dict[str, Any], tmp_path: Path) -> None:
    db, sha = linked["db"], linked["sha"]
    path = photostore.path_of(db.path, sha)
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF
    path.chmod(0o644)
    path.write_bytes(bytes(data))
    with pytest.raises(Problem) as problem:
        evidence.export_evidence(db, sha, tmp_path / "copy.png")
    assert problem.value.key == "stamp.not_original"
    with pytest.raises(Problem):
        evidence.export_evidence(db, sha, tmp_path / "copy.gif")


def test_stamp_falls_back_run_by_run_and_reports_what_no_font_has() -> None:
    chain = fonts.FontChain((ImageFont.truetype(str(fonts.shipped_font_path()), 20),))
    runs, missing = chain.runs("排污口 \U0002a6a5 OK")
    assert missing == ["\U0002a6a5"]
    assert "".join(text for text, _ in runs) == "排污口 \U0002a6a5 OK"


def test_signage_check_and_findings(linked: dict[str, Any]) -> None:
    db = linked["db"]
    found = signage.record_signage_check(
        db,
        inspection_id=linked["visit"],
        state="present",
        shown=["name", "排污口编码", "Outfall type", "phone"],
        photo_id=linked["sha"],
    )
    missing = [f.item for f in found]
    assert missing == ["owner", "authority", "qr"]
    assert found[0].message("zh") == "标志牌缺少：责任主体"
    with db.read() as conn:
        kind, inspection = conn.execute("SELECT kind, inspection_id FROM photo").fetchone()
        items = conn.execute(
            "SELECT signage_items FROM inspection WHERE id=?", (linked["visit"],)
        ).fetchone()[0]
        # Queryable with plain SQL: findings per outfall.
        per_outfall = conn.execute(
            "SELECT outfall_id, COUNT(*) FROM signage_finding GROUP BY 1"
        ).fetchall()
    assert (kind, inspection) == ("signage", linked["visit"])
    assert items == '["name","code","type","phone"]'
    assert per_outfall == [(linked["a"], 3)]
    damaged = signage.record_signage_check(
        db, inspection_id=linked["visit"], state="damaged", shown=[i.value for i in SignageItem]
    )
    assert [f.finding for f in damaged] == ["sign_damaged"]
    absent = signage.record_signage_check(
        db, inspection_id=linked["visit"], state="absent", shown=[]
    )
    assert [f.finding for f in absent] == ["sign_absent"]
    with pytest.raises(Problem):
        signage.record_signage_check(
            db, inspection_id=linked["visit"], state="absent", shown=["qr"]
        )
    with pytest.raises(Problem):
        signage.record_signage_check(
            db, inspection_id=linked["visit"], state="present", shown=["logo"]
        )
    assert [line.shown for line in signage.checklist(["qr"])] == [False] * 6 + [True]


def test_finding_view_lists_every_signage_item() -> None:
    """The view's required items and the domain's SignageItem must be the same list."""
    import importlib.util

    from inspector.locations import package_resource

    path = next(
        (package_resource("db") / "versions").glob("*_photo_matching_and_signage_findings.py")
    )
    spec = importlib.util.spec_from_file_location("photo_matching_migration", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert tuple(i.value for i in SignageItem) == module.REQUIRED_SIGNAGE_ITEMS


def test_doctor_photo_store_check(linked: dict[str, Any]) -> None:
    from inspector.services.doctor import run_doctor

    db, sha = linked["db"], linked["sha"]

    def store_check() -> Any:
        return next(c for c in run_doctor(db, backup=False).checks if c.key == "photo_store")

    assert store_check().ok
    orphan, _ = photostore.store_chunks(db.path, [b"bytes nobody imported"])
    path = photostore.path_of(db.path, sha)
    path.write_bytes(path.read_bytes() + b"tampered")
    check = store_check()
    assert check.ok is False
    text = "\n".join(check.details)
    assert orphan in text
    assert sha in text
    path.unlink()
    assert "missing" in "\n".join(store_check().details)


def test_review_change_kind(linked: dict[str, Any]) -> None:
    review.set_kind(linked["db"], linked["sha"], "sampling")
    with linked["db"].read() as conn:
        assert conn.execute("SELECT kind FROM photo").fetchone()[0] == "sampling"
