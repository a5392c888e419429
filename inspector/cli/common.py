"""What most command handlers share: finding and opening the database."""

from __future__ import annotations

import argparse

from inspector.data.db import Database, open_database
from inspector.locations import resolve_database


def database(args: argparse.Namespace, *, create: bool = True, readonly: bool = False) -> Database:
    """The database named by --db, INSPECTOR_DB or the default; created on first use."""
    return open_database(resolve_database(args.db), create=create, readonly=readonly)
