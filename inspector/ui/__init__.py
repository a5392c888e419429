"""The terminal UI (Textual): the only package, with `inspector.cli.tui`, that imports it.

Layout by role: `app.py` (the App, thin), `navigation.py` (the registry of top-level
sections), `commands.py` (the command palette), `context.py` (the database, the clock and
reference data every screen shares), `screens/`, `widgets/<area>/`, `modals/`, and the
styles in `styles/*.tcss`.

Nothing here reads the database on the UI thread beyond a few indexed lookups: anything
that may take longer runs in a thread worker that posts a message back.
"""
