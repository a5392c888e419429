"""`inspector db copy`: a replica moved between SQLite and PostgreSQL."""

from __future__ import annotations

import argparse

from inspector.cli.base import Commands, group
from inspector.cli.output import say
from inspector.i18n import t


def add_commands(commands: Commands) -> None:
    db = group(commands, "db", "cmd.db")
    p = db.add_parser("copy", help=t("cmd.db.copy"), description=t("cmd.db.copy"))
    p.add_argument("source", metavar="SRC", help=t("cmd.db.copy.source"))
    p.add_argument("dest", metavar="DEST", help=t("cmd.db.copy.dest"))
    p.set_defaults(handler=copy)


def copy(args: argparse.Namespace) -> int:
    import sys

    from inspector.services.copy_replica import copy_replica

    def progress(table: str, done: int, total: int) -> None:
        if done == total:
            sys.stderr.write(t("copy.progress", table=table, rows=done) + "\n")

    counts = copy_replica(args.source, args.dest, progress)
    say(t("copy.done", rows=sum(counts.values()), tables=len(counts)))
    return 0
