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
