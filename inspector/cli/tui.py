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
    from inspector.data.db import open_database
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

    db = open_database(path)
    while True:
        app = InspectorApp(db)
        result = app.run()
        if result == RESTART:
            continue
        if result and result.startswith(RESTART + ":"):
            target = result.split(":", 1)[1]
            db = open_database(target if target.startswith(URL_SCHEMES) else Path(target))
            continue
        return app.return_code or 0
