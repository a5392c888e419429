"""Admitting a large bundle's operations in another process, while this one merges them.

Reading, parsing and checking the operations (`merge.Admission`: envelopes, order,
signature chains, values) and merging them (`merge.Merger`) each take about half of an
import's time in this interpreter, and in one process they share its lock (GIL): a
thread admitting the next batch only runs while the merging one waits for the database.
A second process does the admitting on a core of its own and hands each batch over as
compact bytes. Measured on two cores, a million operations into PostgreSQL: 28 s with a
thread, 22 s with a process (`tests/benchmarks/test_pg_sync_bench.py`).

Only for large bundles (`PROCESS_OPERATIONS`): starting the process costs about a
second, its imports. It reads the bundle itself (the same file, whose manifest it
checks is the one this process read) and sends back, batch by batch:

- the operations not held yet and the copies of those held, in `marshal` form (half the
  time of parsing them again, a fifth of pickle's);
- the log rows, packed as the database takes them (`dialects.pack_rows`);
- the refusals found, which this process raises as its own.

At the end it sends where its admission stopped (`Admission.state`), which the merge
adopts. Its failures come back as they were raised (a refused bundle is the same
sentence whichever process found it); if it dies, the import is refused with a sentence
saying so, and nothing is changed. Cancelling the import stops it.

The process is `python -m inspector.services.sync.admission`, talking over its standard
input and output, rather than a `multiprocessing` child: that would run the importing
program's main script again in the child (unless guarded by `__name__`), which a script
that imports a bundle need not expect.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import pickle
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import IO, Any

import inspector
from inspector.data.sync.merge import Admission, Admitted, Merger
from inspector.services.sync import archive
from inspector.services.sync.archive import OpenedBundle, iter_operations, open_bundle
from inspector.services.sync.crypto import Cancelled
from inspector.services.sync.errors import BundleRejected

#: Bundles of at least this many operations are admitted in another process.
PROCESS_OPERATIONS = 200_000

_LENGTH = struct.Struct("<Q")


def admitted_elsewhere(
    bundle: OpenedBundle,
    merger: Merger,
    cancel: threading.Event | None = None,
    *,
    otherwise: Callable[[], Iterator[Admitted]],
) -> Generator[Admitted, None, None]:
    """The bundle's batches as `merger.admit` would make them, made in another process;
    `merger`'s admission is where that process ended once the last one is taken.

    Where no process can be started (no interpreter to name, a policy that forbids it,
    no memory for one), the batches of `otherwise`: slower, the same result."""
    root = str(Path(inspector.__file__).resolve().parents[1])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen(  # noqa: S603  # this interpreter, this module
                _command(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                env=env,
            )
        except OSError:
            yield from otherwise()
            return
        assert process.stdin is not None
        assert process.stdout is not None
        ended = threading.Event()
        watcher = threading.Thread(
            target=_stop_when_cancelled, args=(process, cancel, ended), daemon=True
        )
        watcher.start()
        guard = merger.admission.guard
        try:
            with contextlib.suppress(BrokenPipeError):  # it died: told below
                _send(
                    process.stdin,
                    (
                        str(bundle.path),
                        bundle.label,
                        bundle.manifest_sha256,
                        archive.BATCH_OPERATIONS,
                        merger.admission.state(),
                    ),
                )
                process.stdin.close()
            while True:
                message = _receive(process.stdout)
                if message is None:
                    if cancel is not None and cancel.is_set():
                        raise Cancelled()
                    raise _stopped(bundle, process, errors)
                kind = message[0]
                if kind == "batch":
                    _, received, fresh, held, log_rows, packed, refusals, more = message
                    if guard is not None:
                        for refusal in refusals:
                            guard.refuse(refusal)
                        guard.more = guard.more or more
                    # Made by our own process (never a bundle's bytes), through a pipe no
                    # one else holds.
                    fresh_ops = marshal.loads(fresh)  # noqa: S302
                    held_ops = marshal.loads(held)  # noqa: S302
                    yield Admitted(received, fresh_ops, held_ops, log_rows, packed)
                elif kind == "end":
                    merger.admission.adopt(message[1])
                    return
                elif kind == "error":
                    raise message[1]
                else:
                    raise RuntimeError(f"bundle admission failed in another process:\n{message[1]}")
        finally:
            ended.set()
            if process.poll() is None:
                process.kill()
            process.wait()
            process.stdout.close()
            watcher.join()


def _command() -> list[str]:
    if not sys.executable:  # an interpreter embedded in another program
        raise FileNotFoundError("no Python interpreter to start")
    return [sys.executable, "-m", __name__]


def _stop_when_cancelled(
    process: subprocess.Popen[bytes], cancel: threading.Event | None, ended: threading.Event
) -> None:
    """Kill the process when the import is cancelled: the merge, waiting for its next
    batch, then reads the end of its output."""
    if cancel is None:
        return
    while not ended.wait(0.1):
        if cancel.is_set():
            with contextlib.suppress(OSError):
                process.kill()
            return


def _stopped(
    bundle: OpenedBundle, process: subprocess.Popen[bytes], errors: IO[bytes]
) -> Exception:
    code = process.wait()
    errors.seek(0)
    said = errors.read().decode(errors="replace").strip()
    if code > 0 and said:  # a Python error of ours: a crash log, with its traceback
        return RuntimeError(f"bundle admission failed in another process:\n{said}")
    if code < 0:  # a signal: "exit status -9" means nothing to the person importing
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = str(-code)
        return BundleRejected("sync.admission_killed", file=bundle.label, signal=name)
    return BundleRejected("sync.admission_stopped", file=bundle.label, code=code)


def _send(stream: IO[bytes], message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)))
    stream.write(data)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    """The next message, or None at the end of the stream (the process is gone)."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (size,) = _LENGTH.unpack(head)
    data = stream.read(size)
    if len(data) < size:
        return None
    # Our own process's messages, through a pipe no one else holds.
    return pickle.loads(data)  # noqa: S301


def _serve() -> None:
    """The other process: admit every batch of the bundle named on standard input,
    sending each on standard output."""
    import gc

    gc.disable()  # see Merger.apply: a million small objects, no cycles
    # Messages only on the real standard output; anything printed goes to the errors.
    sending = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    try:
        request = _receive(sys.stdin.buffer)
        if request is None:
            return
        path, label, manifest_sha256, batch_size, state = request
        with open_bundle(Path(path), label=label) as bundle:
            if bundle.manifest_sha256 != manifest_sha256:
                raise BundleRejected("sync.changed_while_reading", file=label)
            admission = Admission.from_state(state)
            guard = admission.guard
            sent = 0
            for batch in iter_operations(bundle, batch=batch_size):
                admitted = admission.admit(batch)
                refusals = [] if guard is None else guard.refusals[sent:]
                sent += len(refusals)
                _send(
                    sending,
                    (
                        "batch",
                        admitted.received,
                        marshal.dumps(admitted.fresh),
                        marshal.dumps(admitted.held),
                        admitted.log_rows,
                        admitted.packed_log,
                        refusals,
                        guard is not None and guard.more,
                    ),
                )
                del batch, admitted
            _send(sending, ("end", admission.state()))
    except BrokenPipeError:
        return  # the import was given up: nobody is listening
    except BaseException as exc:
        with contextlib.suppress(BrokenPipeError):
            try:
                pickle.loads(pickle.dumps(exc))  # noqa: S301  # our own exception
            except Exception:  # one that does not travel: its traceback, as text
                _send(sending, ("failed", traceback.format_exc()))
            else:
                _send(sending, ("error", exc))


if __name__ == "__main__":
    _serve()
