"""A large bundle's operations admitted in another process (`services.sync.admission`).

The same bundles, imported with the admission in a thread and in a process, land
exactly alike on either engine; what the process refuses, or how it fails, reaches the
person as one sentence with nothing changed; cancelling stops it. The refusals
themselves are tried through both ways in `test_semantic_hostile.py`.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from inspector.data.db import Database
from inspector.models import Outfall
from inspector.services import register as reg
from inspector.services.sync import admission, archive
from inspector.services.sync.crypto import Cancelled
from inspector.services.sync.errors import BundleRejected
from inspector.services.sync.exchange import export_bundle, import_bundle
from tests.sync.conftest import OUTFALL, full_state, pg_central

if TYPE_CHECKING:
    from tests.pg import Server


@pytest.fixture
def two_bundles(
    make_replicas: Callable[..., dict[str, Database]], tmp_path: Path
) -> tuple[Path, Path]:
    """field1's 150 outfalls and its edits of 60 of them, then field2's concurrent edits
    of the same fields (conflicts on import): everything each holds, as two bundles."""
    dbs = make_replicas("field1", "field2")
    with dbs["field1"].write(bulk=True) as w:
        ids = [
            reg.create_outfall(
                w, {**OUTFALL, "name": f"排口{i}", "lat": 35.0 + i / 10000, "code": f"P{i:04d}"}
            )
            for i in range(150)
        ]
    first = tmp_path / "first.bundle"
    export_bundle(dbs["field1"], first, everything=True)
    import_bundle(dbs["field2"], first, trust=True)
    for name, words in (("field1", "一组"), ("field2", "二组")):
        with dbs[name].write(bulk=True) as w:
            for i, oid in enumerate(ids[:60]):
                w.update(Outfall, oid, {"notes": f"{words}复核{i}", "mouth_size": f"DN{i}"})
    ones = tmp_path / "field1.bundle"
    export_bundle(dbs["field1"], ones, everything=True)
    twos = tmp_path / "field2.bundle"
    export_bundle(dbs["field2"], twos, everything=True)
    return ones, twos


@pytest.fixture
def in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every bundle admitted in another process, in batches of 40 operations."""
    monkeypatch.setattr(admission, "PROCESS_OPERATIONS", 1)
    monkeypatch.setattr(archive, "BATCH_OPERATIONS", 40)


def _import_all(db: Database, bundles: tuple[Path, ...]) -> list[tuple[int, int, int]]:
    out = []
    for bundle in bundles:
        merge = import_bundle(db, bundle, trust=True).merge
        out.append((merge.applied, merge.already_held, merge.conflict_count))
    return out


def _compared(state: dict[str, list[tuple]]) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
    """What must be alike: all of it but the import's own times and bundle records."""
    state = dict(state)
    for table in ("bundle_record", "meta", "peer_vector", "replica"):
        state.pop(table)
    state["conflict"] = [(*r[:13], *r[14:]) for r in state["conflict"]]  # not detected_at
    return state


def test_bundles_admitted_in_another_process_land_exactly_as_in_a_thread(
    two_bundles: tuple[Path, Path],
    make_replicas: Callable[..., dict[str, Database]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(archive, "BATCH_OPERATIONS", 40)
    threaded = make_replicas("central")["central"]
    summary = _import_all(threaded, two_bundles)
    assert summary[1][2] > 0  # the edits met: conflicts were recorded
    processed = make_replicas("central")["central"]
    monkeypatch.setattr(admission, "PROCESS_OPERATIONS", 1)
    assert _import_all(processed, two_bundles) == summary
    assert _compared(full_state(processed)) == _compared(full_state(threaded))


def test_on_postgresql_too(
    two_bundles: tuple[Path, Path],
    make_replicas: Callable[..., dict[str, Database]],
    pg_server: Server,
    pg_central_template: tuple[str, bytes],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A central record on PostgreSQL, whose log rows go as COPY text made in the other
    process and stored while the batch is folded."""
    monkeypatch.setattr(archive, "BATCH_OPERATIONS", 40)
    with pg_central(pg_server, pg_central_template) as threaded:
        summary = _import_all(threaded, two_bundles)
        expected = _compared(full_state(threaded))
    monkeypatch.setattr(admission, "PROCESS_OPERATIONS", 1)
    with pg_central(pg_server, pg_central_template) as processed:
        assert _import_all(processed, two_bundles) == summary
        assert _compared(full_state(processed)) == expected


@pytest.mark.usefixtures("in_process")
@pytest.mark.parametrize("interpreter", ["", "/nonexistent/python3"], ids=["embedded", "gone"])
def test_where_no_process_can_be_started_the_thread_admits_instead(
    two_bundles: tuple[Path, Path],
    make_replicas: Callable[..., dict[str, Database]],
    monkeypatch: pytest.MonkeyPatch,
    interpreter: str,
) -> None:
    """An interpreter embedded in another program has no `sys.executable`; a policy may
    forbid starting programs: the import still lands, as it would in a thread."""
    expected = make_replicas("central")["central"]
    with monkeypatch.context() as m:
        m.setattr(admission, "PROCESS_OPERATIONS", 10**9)
        summary = _import_all(expected, two_bundles)
    central = make_replicas("central")["central"]
    monkeypatch.setattr(sys, "executable", interpreter)
    assert _import_all(central, two_bundles) == summary
    assert _compared(full_state(central)) == _compared(full_state(expected))


@pytest.mark.usefixtures("in_process")
@pytest.mark.parametrize(
    ("script", "raised", "said"),
    [
        # Killed (out of memory, say): the import is refused saying so.
        (
            "import os, signal; os.kill(os.getpid(), signal.SIGKILL)",
            BundleRejected,
            r"field1\.bundle was stopped by the system \(signal SIGKILL, often for want of memory\)",
        ),
        # Ended early without a word: the import is refused saying so.
        ("pass", BundleRejected, r"field1\.bundle ended unexpectedly \(exit status 0\)"),
        # A bug there is a bug here: an unexpected error carrying the other process's
        # traceback (for the crash log).
        (
            "raise LookupError('no such thing in the other process')",
            RuntimeError,
            "no such thing in the other process",
        ),
    ],
    ids=["killed", "ended-early", "python-error"],
)
def test_a_process_that_fails_says_how_and_changes_nothing(
    two_bundles: tuple[Path, Path],
    make_replicas: Callable[..., dict[str, Database]],
    monkeypatch: pytest.MonkeyPatch,
    script: str,
    raised: type[Exception],
    said: str,
) -> None:
    central = make_replicas("central")["central"]
    before = full_state(central)
    monkeypatch.setattr(admission, "_command", lambda: [sys.executable, "-c", script])
    with pytest.raises(raised, match=said):
        import_bundle(central, two_bundles[0], trust=True)
    assert full_state(central) == before


@pytest.mark.usefixtures("in_process")
def test_a_bundle_changed_between_the_two_readings_is_refused(
    two_bundles: tuple[Path, Path],
    make_replicas: Callable[..., dict[str, Database]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The process reads the file again: when its manifest is no longer the one this
    process checked (replaced on the stick meanwhile), it is refused."""
    central = make_replicas("central")["central"]
    before = full_state(central)
    real = admission.admitted_elsewhere

    def swapped(bundle, merger, cancel=None, **rest):  # type: ignore[no-untyped-def]
        bundle.manifest_sha256 = "0" * 64
        return real(bundle, merger, cancel, **rest)

    monkeypatch.setattr(admission, "admitted_elsewhere", swapped)
    with pytest.raises(BundleRejected, match="replaced while it was being imported"):
        import_bundle(central, two_bundles[0], trust=True)
    assert full_state(central) == before


def _admission_processes() -> list[int]:
    """This test process's children running the admission (Linux: /proc)."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        parent = next(line for line in status.splitlines() if line.startswith("PPid:"))
        if int(parent.split()[1]) == os.getpid() and b"sync.admission" in command:
            found.append(int(pid))
    return found


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
@pytest.mark.usefixtures("in_process")
def test_cancelling_while_the_process_admits_stops_it_and_changes_nothing(
    two_bundles: tuple[Path, Path],
    make_replicas: Callable[..., dict[str, Database]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    central = make_replicas("central")["central"]
    # The real admission, lingering once done: so it is surely there to be stopped.
    lingering = (
        "import runpy, time;"
        " runpy.run_module('inspector.services.sync.admission', run_name='__main__');"
        " time.sleep(60)"
    )
    monkeypatch.setattr(admission, "_command", lambda: [sys.executable, "-c", lingering])
    before = full_state(central)
    cancel = threading.Event()
    seen: list[list[int]] = []

    def progress(fraction: float) -> None:
        # The first batch merged: the process is there, admitting the next ones.
        if fraction > 0.3 and not cancel.is_set():
            seen.append(_admission_processes())
            cancel.set()

    with pytest.raises(Cancelled):
        import_bundle(central, two_bundles[0], trust=True, progress=progress, cancel=cancel)
    assert seen
    assert seen[0], "the admission was not running in another process"
    assert _admission_processes() == []
    assert full_state(central) == before


def test_small_bundles_stay_in_a_thread(
    two_bundles: tuple[Path, Path],
    make_replicas: Callable[..., dict[str, Database]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Starting the process costs about a second: below `PROCESS_OPERATIONS` none is."""
    started: list[object] = []
    monkeypatch.setattr(admission, "admitted_elsewhere", lambda *a: started.append(a))
    import_bundle(make_replicas("central")["central"], two_bundles[0], trust=True)
    assert started == []
