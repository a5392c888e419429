"""The bridge from the command line to the terminal UI: `inspector` and `inspector demo`.

The only module outside `inspector.ui` that imports Textual (through it). The database is
opened here, before the UI starts, so a bad path or a newer schema is one clear sentence
on the terminal rather than a screen.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from inspector.i18n import Problem


def run(args: argparse.Namespace) -> int:
    """`inspector` with no command: the UI on the default (or given) database."""
    from inspector.locations import resolve_target

    return launch(resolve_target(args.db))


def launch(path: Path | str) -> int:
    """Open the UI on the database at `path` (created when missing) until the user quits."""
    from inspector.data.db import Database, named_database, open_database
    from inspector.i18n import set_language
    from inspector.locations import URL_SCHEMES
    from inspector.ui import preferences

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise Problem("cli.tui_missing_terminal")
    if not preferences.explicit_language():
        saved = preferences.saved_language()
        if saved:
            set_language(saved)
    from inspector.ui import pixels
    from inspector.ui.app import RESTART, InspectorApp

    # Asked now or never: once Textual owns the terminal it cannot be asked what it draws.
    pixels.probe()

    def named(target: Path | str) -> tuple[Database, bool]:
        """The database at `target` and whether it is still to be opened: a SQLite file
        is opened now, so a bad path is one sentence before the screen is taken; a
        PostgreSQL database once the first frame is drawn (see `named_database`), and
        a failure ends the UI with the same sentence."""
        if isinstance(target, str) and target.startswith(URL_SCHEMES):
            return named_database(target), True
        return open_database(target), False

    db, opening = named(path)
    while True:
        app = InspectorApp(db, opening=opening)
        result = app.run()
        if app.open_error is not None:
            raise app.open_error
        db, opening = app.ctx.db, not app.ctx.opened
        if result == RESTART:
            continue
        if result and result.startswith(RESTART + ":"):
            target = result.split(":", 1)[1]
            db, opening = named(target if target.startswith(URL_SCHEMES) else Path(target))
            continue
        return app.return_code or 0
