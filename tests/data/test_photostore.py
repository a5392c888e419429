"""The photo store keeps originals byte for byte, once, and never under a wrong name."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from inspector.data import photostore


def test_store_is_byte_for_byte_and_idempotent(camera_card: Path, tmp_path: Path) -> None:
    sample = camera_card / "gps" / "DSCN0010.jpg"
    db = tmp_path / "r.db"
    data = sample.read_bytes()
    sha, new = photostore.store_file(db, sample)
    assert sha == hashlib.sha256(data).hexdigest()
    assert new
    assert photostore.path_of(db, sha).read_bytes() == data
    assert photostore.store_file(db, sample) == (sha, False)
    assert list(photostore.stored_hashes(db)) == [sha]
    assert photostore.verify(db, sha)
    assert sample.read_bytes() == data  # the source is untouched


def test_wrong_hash_stores_nothing(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    with pytest.raises(photostore.HashMismatch):
        photostore.store_chunks(db, [b"not the photo"], expected="0" * 64)
    assert list(photostore.stored_hashes(db)) == []
    assert [p.name for p in (tmp_path / "r.db.photos").iterdir()] == []


def test_tampered_original_is_detected(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    sha, _ = photostore.store_chunks(db, [b"evidence"])
    path = photostore.path_of(db, sha)
    path.write_bytes(b"evidencf")
    assert not photostore.verify(db, sha)


def test_names_must_be_hashes(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="SHA-256"):
        photostore.path_of(tmp_path / "r.db", "../../etc/passwd")
