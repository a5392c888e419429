"""The demo's photos: imported, matched, reviewed, and sound in the store."""

from __future__ import annotations

from inspector.data import photostore
from inspector.services.photos import review, thumbs


def test_demo_has_photos_some_waiting_for_review(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.read() as conn:
        total, linked, signs = conn.execute(
            "SELECT COUNT(*), COUNT(outfall_id), SUM(kind = 'signage') FROM photo"
        ).fetchone()
        positioned = conn.execute("SELECT COUNT(*) FROM photo WHERE lat IS NOT NULL").fetchone()[0]
    assert total == 36
    assert signs == 12
    assert linked == total - 4
    assert positioned == total - 1
    pending = review.list_proposals(demo_db)
    assert len(pending) == 4
    assert {f for p in pending for f in p.flags} >= {"no_gps", "far", "clock_skew", "time_outside"}
    stored = list(photostore.stored_hashes(demo_db.path))
    assert len(stored) == total
    for sha in stored:
        assert photostore.verify(demo_db.path, sha)
        assert thumbs.cache_path(demo_db.path, sha).is_file()


def test_demo_photo_sizes_are_the_same_on_every_machine(demo_db) -> None:  # type: ignore[no-untyped-def]
    """Their encoded size depends on the JPEG library; screens (and snapshots) show it.
    Each is padded to a size its name decides, and signs use the shipped font only."""
    import zlib

    with demo_db.read() as conn:
        rows = conn.execute("SELECT original_name, size_bytes FROM photo").fetchall()
    assert rows
    for name, size in rows:
        assert size == 70_000 + zlib.crc32(name.encode()) % 40_000, name


def test_demo_sign_boards_need_no_font_but_the_shipped_one() -> None:
    from inspector.domain.choices import SignageItem
    from inspector.services.demo_photos import _sign_lines, pad_jpeg
    from inspector.services.photos.fonts import font_chain
    from inspector.services.photos.formats import open_image

    chain = font_chain(40, system=False)
    assert len(chain.fonts) == 1
    lines = _sign_lines(
        name="武陟县大封镇老催庄村沁河右岸1#工业企业排污口",
        code="410823GY0001",
        category="industrial.enterprise.mine",
        items=[i.value for i in SignageItem],
    )
    for line in lines:
        assert chain.runs(line)[1] == [], line
    # Padding keeps a valid JPEG of exactly the size asked for.
    from inspector.services.photos import synthetic

    data = synthetic.encode(synthetic.sign_scene(["入河排污口标志牌"], qr=True), None)
    padded = pad_jpeg(data, len(data) + 70_000)
    assert len(padded) == len(data) + 70_000
    image, fmt = open_image(padded)
    image.load()
    assert fmt == "JPEG"
