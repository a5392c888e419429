"""A photo import stops for nothing it can skip, says what it could not read, and leaves
no worker behind (issue 11, item 4): an unreadable folder, a looping link, a killed
command."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from inspector.i18n import Problem
from inspector.services.photos import importer
from tests.photos.conftest import photo


def _card(folder: Path, count: int = 3) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        photo(folder, f"IMG_{n:03d}.jpg", seed=n, size=(96, 72))
    return folder


def test_a_looping_link_is_listed_and_skipped(site: dict[str, Any], tmp_path: Path) -> None:
    card = _card(tmp_path / "card")
    (card / "loop.jpg").symlink_to("loop.jpg")  # points at itself
    (card / "DCIM").mkdir()
    (card / "DCIM" / "up").symlink_to("..")  # a folder loop: not followed at all
    photo(card / "DCIM", "IMG_100.jpg", seed=100, size=(96, 72))
    report = importer.import_folder(site["db"], card, workers=1)
    assert report.imported == 4
    assert [(b.path, b.code) for b in report.bad] == [("loop.jpg", "link_loop")]
    assert "loops" in report.bad[0].message("en")


@pytest.fixture
def nobodys_folder() -> Iterator[Path]:
    """A folder outside pytest's private ones, so that an unprivileged user reaches it."""
    folder = Path(tempfile.mkdtemp(prefix="inspector-test-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        for path in folder.rglob("*"):
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(folder)


def _unprivileged(command: list[str]) -> list[str] | None:
    """`command` run so that file permissions hold for it: as is for an ordinary user,
    as `nobody` for root (root reads any folder), or None when neither is possible."""
    if os.name != "posix":
        return None
    if os.geteuid() != 0:
        return command
    if not shutil.which("setpriv"):
        return None
    wrapped = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    probe = subprocess.run([*wrapped[:4], sys.executable, "-c", "import inspector"], check=False)
    return wrapped if probe.returncode == 0 else None


def test_an_unreadable_folder_is_said_not_counted_as_empty(nobodys_folder: Path) -> None:
    card = _card(nobodys_folder / "card")
    locked = _card(card / "locked", count=2)
    for path in [card, *card.rglob("*")]:
        path.chmod(0o777 if path.is_dir() else 0o666)
    locked.chmod(0o000)
    env = {**os.environ, "HOME": str(nobodys_folder), "XDG_DATA_HOME": str(nobodys_folder)}
    db = str(nobodys_folder / "a.db")
    base = [sys.executable, "-m", "inspector", "--db", db, "photos", "import"]
    whole = _unprivileged([*base, str(locked)])
    if whole is None:
        pytest.skip("no unprivileged user to run as: root reads every folder")
    result = subprocess.run(whole, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 1, result.stdout
    assert "cannot be read" in result.stderr
    assert "0 photo files" not in result.stdout
    part = _unprivileged([*base, str(card)])
    assert part is not None
    result = subprocess.run(part, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    assert "3 imported" in result.stdout
    assert "locked: the folder cannot be read" in result.stderr


def test_the_folder_asked_for_must_be_readable(site: dict[str, Any], tmp_path: Path) -> None:
    with pytest.raises(Problem, match="not a folder"):
        importer.import_folder(site["db"], tmp_path / "nowhere")


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find workers")
def test_killing_the_command_ends_its_photo_workers(tmp_path: Path) -> None:
    card = tmp_path / "card"
    card.mkdir()
    for n in range(60):
        photo(card, f"IMG_{n:03d}.jpg", seed=n, size=(1600, 1200))
    command = [
        sys.executable, "-m", "inspector", "--db", str(tmp_path / "a.db"),
        "photos", "import", str(card), "--workers", "2",
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
            workers = {p for p in _children(process.pid) if _alive(p)}
            time.sleep(0.05)
        assert len(workers) >= 2, "the import never started its workers"
        process.send_signal(signal.SIGKILL)
        process.wait()
        deadline = time.monotonic() + 30
        while any(_alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [p for p in workers if _alive(p)]
        assert left == [], "workers outlived the command that started them"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
