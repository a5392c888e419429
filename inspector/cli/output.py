"""How commands talk: results on stdout (or one JSON document with --json), errors as
one sentence on stderr, progress bars only on a terminal. Never a traceback."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import re
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from inspector.data.engine import DatabaseError, OperationalError
from inspector.domain.printable import printable, printable_lines
from inspector.i18n import Problem, t

EXIT_BAD_INPUT = 1


def emit_json(document: Any) -> None:
    # JSON escapes C0 controls itself; DEL, C1 controls and bidirectional overrides it
    # writes as they are, so they are written as \u escapes: the same JSON value.
    text = json.dumps(document, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write(_JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


#: What `json.dumps` leaves raw that a terminal may act on (see `domain.printable`).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def say(text: str) -> None:
    """A line (or lines) of results on stdout. Names in it are data: any control or
    bidirectional character they hold is shown as its escape, never sent to the terminal."""
    sys.stdout.write(printable_lines(text) + "\n")


def fail(text: str) -> None:
    sys.stderr.write(printable_lines(text.rstrip()) + "\n")


def _crash_log(exc: BaseException) -> Path | None:
    """Keep the traceback for whoever fixes the bug; the user sees one sentence."""
    try:
        from inspector.locations import create_private_file, data_directory, make_private_folder

        # A traceback can quote the data it failed on: owner-only, like the database.
        folder = make_private_folder(data_directory() / "crash-logs")
        path = folder / f"crash-{dt.datetime.now():%Y%m%d-%H%M%S}.txt"
        create_private_file(path)
        path.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
        return path
    except OSError:
        return None


def os_error_message(exc: OSError) -> str:
    path = exc.filename or ""
    if exc.errno == errno.ENOSPC:
        return t("db.disk_full")
    if isinstance(exc, PermissionError):
        return t("io.permission_denied", path=path)
    if isinstance(exc, FileNotFoundError):
        return t("io.not_found", path=path)
    return t("io.error", path=path, error=exc.strerror or str(exc))


def guarded(action: Callable[[], int], *, database: Callable[[], Path] | None = None) -> int:
    """Run a command; turn every failure into one line on stderr and an exit status.

    `database` says which database file the command uses, to name it (and its newest
    backup) when SQLite finds the file damaged."""
    from inspector.data.commits import commits

    saved_before = commits()
    try:
        return action()
    except Problem as problem:
        fail(str(problem))
        return problem.exit_code
    except KeyboardInterrupt:
        # True either way: a transaction in progress is rolled back, a committed one kept.
        saved = commits() > saved_before
        fail(t("cli.interrupted_after_saving" if saved else "cli.interrupted"))
        return 130
    except OperationalError as exc:
        text = str(exc)
        if "locked" in text or "busy" in text:
            fail(t("db.locked", path=""))
        elif "disk" in text and "full" in text:
            fail(t("db.disk_full"))
        else:
            fail(t("cli.unexpected", error=text, log=_crash_log(exc) or "-"))
        return EXIT_BAD_INPUT
    except DatabaseError as exc:
        from inspector.data.db import DatabaseDamaged, is_damage

        if database is not None and is_damage(exc):
            fail(str(DatabaseDamaged(database(), exc)))
        else:
            fail(
                t(
                    "cli.unexpected",
                    error=f"{type(exc).__name__}: {exc}",
                    log=_crash_log(exc) or "-",
                )
            )
        return EXIT_BAD_INPUT
    except OSError as exc:
        # The file system said no: the user's environment, not a bug; no crash log.
        fail(os_error_message(exc))
        return EXIT_BAD_INPUT
    except Exception as exc:
        fail(t("cli.unexpected", error=f"{type(exc).__name__}: {exc}", log=_crash_log(exc) or "-"))
        return EXIT_BAD_INPUT


@contextlib.contextmanager
def progress_bar(description: str) -> Iterator[Callable[[float], None]]:
    """A callback taking the fraction done; a bar on a terminal, silence when piped."""
    if not sys.stderr.isatty():
        yield lambda fraction: None
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import (
        BarColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(escape(printable(description)), total=1.0)
        yield lambda fraction: bar.update(task, completed=fraction)
