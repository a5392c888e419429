"""What most command handlers share: finding and opening the database."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from inspector.data.db import Database


def database(args: argparse.Namespace, *, create: bool = True, readonly: bool = False) -> Database:
    """The database named by --db, INSPECTOR_DB or the default; created on first use."""
    from inspector.data.db import open_database
    from inspector.locations import resolve_target

    return open_database(resolve_target(args.db), create=create, readonly=readonly)
