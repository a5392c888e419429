"""Benchmarks of photo import, each beside a baseline measured in the same run.

    pytest tests/benchmarks/test_photos_bench.py -p no:xdist -s

Targets (issue 4):
- ingest of a 12-megapixel JPEG (hash, EXIF, thumbnail) within 1.3× the time of Pillow's
  own draft-mode `Image.thumbnail()` of the same file;
- a folder of 1,000 photos imports in parallel (every core) in memory that does not
  grow with the folder: peak memory of the import process and of its workers is the
  same for 1,000 photos as for 200.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image, ImageFilter

from inspector.services.photos import synthetic
from inspector.services.photos.ingest import analyse
from inspector.services.photos.thumbs import THUMB_SIZE

CST = dt.timezone(dt.timedelta(hours=8))


def photo_like(size: tuple[int, int], seed: int) -> Image.Image:
    """Pixels with the texture (and so the JPEG size) of a real outdoor photo."""
    rng = random.Random(seed)
    w, h = size
    base = synthetic.river_scene(rng, (w // 4, h // 4)).resize(size, Image.Resampling.BICUBIC)
    grain = Image.merge("RGB", [Image.effect_noise(size, 28 + 4 * i) for i in range(3)])
    return Image.blend(base, grain.filter(ImageFilter.GaussianBlur(0.8)), 0.35)


@pytest.fixture(scope="module")
def twelve_mp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "IMG_12MP.jpg"
    taken = dt.datetime(2025, 6, 3, 10, 0, tzinfo=CST)
    tags = synthetic.Tags(taken=taken, lat=35.09, lon=113.38, gps_time=taken, accuracy_m=4.0)
    path.write_bytes(synthetic.encode(photo_like((4000, 3000), 1), tags, quality=92))
    return path


def _best_of(action, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def test_ingest_of_a_12mp_jpeg_against_pillow_draft_thumbnail(twelve_mp: Path) -> None:
    def baseline() -> None:
        with Image.open(twelve_mp) as image:
            image.thumbnail((THUMB_SIZE, THUMB_SIZE))

    def ingest() -> None:
        analyse(twelve_mp.read_bytes())

    baseline()
    ingest()  # warm the page cache and Pillow's plugins for both
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(7):  # interleaved, so both see the same machine
        theirs += _best_of(baseline, 3)
        ours += _best_of(ingest, 3)
    base, mine = statistics.median(theirs), statistics.median(ours)
    size = twelve_mp.stat().st_size / 1e6
    print(
        f"\n12 MP JPEG ({size:.1f} MB): Pillow draft thumbnail {base * 1000:.1f} ms, "
        f"ingest (read, SHA-256, EXIF, thumbnail, encode) {mine * 1000:.1f} ms, "
        f"ratio {mine / base:.2f}"
    )
    assert mine <= base * 1.3


_MEASURE = """
import json, os, sys, threading, time
from pathlib import Path
from inspector.data.db import open_database
from inspector.services.photos.importer import import_folder

# Each process's own peak (VmHWM): getrusage's ru_maxrss is carried across exec, so in
# this process it would be pytest's peak, and in a worker its forking parent's.
def hwm(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0

def children():
    me = str(os.getpid())
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "stat").read_text().rsplit(")", 1)[1].split()[1] == me:
                    yield int(entry.name)
            except OSError:
                pass

workers = {}
done = threading.Event()
def watch():
    while not done.is_set():
        for pid in children():
            workers[pid] = max(workers.get(pid, 0), hwm(pid))
        time.sleep(0.05)
watcher = threading.Thread(target=watch, daemon=True)
watcher.start()
db = open_database(Path(sys.argv[1]))
start = time.perf_counter()
report = import_folder(db, Path(sys.argv[2]))
elapsed = time.perf_counter() - start
done.set()
watcher.join()
print(json.dumps({
    "imported": report.imported, "bad": len(report.bad), "seconds": elapsed,
    "self_kb": hwm("self"), "workers_kb": max(workers.values(), default=0),
}))
"""


def _folder(root: Path, count: int) -> Path:
    folder = root / f"card-{count}"
    (folder / "DCIM").mkdir(parents=True)
    picture = photo_like((2048, 1536), 7)
    start = dt.datetime(2025, 6, 3, 8, 0, tzinfo=CST)
    for n in range(count):
        taken = start + dt.timedelta(seconds=37 * n)
        tags = synthetic.Tags(taken=taken, lat=35.09 + n * 1e-5, lon=113.38, gps_time=taken)
        (folder / "DCIM" / f"IMG_{n:05d}.jpg").write_bytes(synthetic.encode(picture, tags))
    return folder


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc for peaks")
def test_a_thousand_photos_import_in_parallel_in_flat_memory(tmp_path: Path) -> None:
    results = {}
    for count in (200, 1000):
        folder = _folder(tmp_path, count)
        out = subprocess.run(
            [sys.executable, "-c", _MEASURE, str(tmp_path / f"b{count}.db"), str(folder)],
            capture_output=True,
            text=True,
            check=True,
        )
        results[count] = json.loads(out.stdout)
    for count, r in results.items():
        print(
            f"\n{count} photos (2048×1536) on {os.cpu_count()} cores: {r['seconds']:.1f} s "
            f"({count / r['seconds']:.0f} photos/s), peak memory {r['self_kb'] / 1024:.0f} MB "
            f"(importer) + {r['workers_kb'] / 1024:.0f} MB (largest worker)"
        )
        assert r["imported"] == count
        assert r["bad"] == 0
    small, large = results[200], results[1000]
    assert large["self_kb"] <= small["self_kb"] * 1.15 + 8 * 1024
    assert large["workers_kb"] <= small["workers_kb"] * 1.15 + 8 * 1024
