"""Faults: the importer killed with SIGKILL at random moments, in 20 subprocess trials.

After every kill the database passes `PRAGMA integrity_check`, holds all of the bundle or
none of it, every photo in the store hashes to its name, and importing again completes.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from inspector import locations
from inspector.data import photostore
from inspector.data.db import open_database
from inspector.models import Outfall, Photo
from inspector.services import register as reg
from inspector.services.sync.exchange import export_bundle, import_bundle
from tests.sync.conftest import OUTFALL, copy_replica

TRIALS = 20


@pytest.fixture(scope="module")
def big_bundle(
    replica_templates: dict[str, Path],
    tmp_path_factory: pytest.TempPathFactory,
    sample_photos: list[Path],
) -> tuple[Path, int]:
    """A bundle of a few thousand outfalls, their edits and some photos."""
    folder = tmp_path_factory.mktemp("faults")
    source = copy_replica(replica_templates["field1"], folder / "source.db")
    with source.write(bulk=True) as w:
        ids = [
            reg.create_outfall(
                w, {**OUTFALL, "name": f"排口{i}", "lat": 35.0 + i / 10000, "code": f"F{i:05d}"}
            )
            for i in range(1500)
        ]
        for i, oid in enumerate(ids):
            w.update(Outfall, oid, {"notes": f"第{i}号复核", "mouth_size": "DN600"})
    for file in sample_photos[:4]:
        sha, _ = photostore.store_file(source.path, file)
        with source.write() as w:
            w.create(
                Photo,
                {"original_name": file.name, "format": "jpeg", "size_bytes": file.stat().st_size},
                row_id=sha,
            )
    path = folder / "big.bundle"
    result = export_bundle(source, path, everything=True)
    return path, result.operations


def _state(path: Path) -> tuple[list[str], int, int]:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        ops = conn.execute("SELECT COUNT(*) FROM op WHERE bundle_id IS NOT NULL").fetchone()[0]
        outfalls = conn.execute("SELECT COUNT(*) FROM outfall").fetchone()[0]
    finally:
        conn.close()
    return integrity, ops, outfalls


@pytest.mark.long
def test_kill_9_at_random_points_leaves_all_or_nothing(
    big_bundle: tuple[Path, int], replica_templates: dict[str, Path], tmp_path: Path
) -> None:
    bundle, total_ops = big_bundle
    rng = random.Random(20261123)
    template = tmp_path / "template.db"
    copy_replica(replica_templates["central"], template)
    # How long an uninterrupted import takes here, so the kills spread across all of it.
    timing = tmp_path / "timing.db"
    shutil.copy(template, timing)
    shutil.copy(locations.key_file(template), locations.key_file(timing))
    started = time.monotonic()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "inspector",
            "--db",
            str(timing),
            "bundle",
            "import",
            str(bundle),
            "--trust",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    full = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    outcomes = {"none": 0, "all": 0}
    for trial in range(TRIALS):
        target = tmp_path / f"t{trial}.db"
        shutil.copy(template, target)
        shutil.copy(locations.key_file(template), locations.key_file(target))
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "inspector",
                "--db",
                str(target),
                "bundle",
                "import",
                str(bundle),
                "--trust",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.05, full * 1.05))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        integrity, ops, outfalls = _state(target)
        assert integrity == ["ok"]
        assert ops in (0, total_ops), f"trial {trial}: {ops} of {total_ops} operations"
        assert (outfalls == 0) == (ops == 0)
        outcomes["none" if ops == 0 else "all"] += 1
        for sha in photostore.stored_hashes(target):
            assert photostore.verify(target, sha)
        # Nothing half-imported is left in the store: the rows hold exactly its photos.
        conn = sqlite3.connect(target)
        try:
            rows = {r[0] for r in conn.execute("SELECT id FROM photo")}
        finally:
            conn.close()
        assert set(photostore.stored_hashes(target)) <= rows
        # The re-run completes (or, if the kill came after the commit, is a replay).
        db = open_database(target)
        again = import_bundle(db, bundle, trust=True)
        assert again.replay or again.merge.applied == total_ops
        assert _state(target)[1] == total_ops
        assert not list(locations.photo_store(target).glob(".incoming-*"))
        db.dispose()
        for leftover in target.parent.glob(".unsealed-*"):
            os.unlink(leftover)
    assert outcomes["none"] > 0
