"""`inspector inspection ...`: record inspections from the command line, one at a time or
from a JSON, CSV or XLSX file, checked as the inspection form checks them
(`inspector.services.inspections`)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from inspector.cli.base import Commands, group, json_flag
from inspector.cli.common import database
from inspector.cli.invalid import validated
from inspector.cli.output import emit_json, fail, say
from inspector.i18n import Problem, t


def add_commands(commands: Commands) -> None:
    inspection = group(commands, "inspection", "cmd.inspection")

    p = inspection.add_parser(
        "record", help=t("cmd.inspection.record"), description=t("cmd.inspection.record_long")
    )
    p.add_argument("code", metavar="CODE", help=t("cmd.outfall.code"))
    p.add_argument("--at", required=True, metavar="TIME", help=t("cmd.inspection.at"))
    p.add_argument("--inspectors", required=True, metavar="NAMES", help=t("cmd.inspection.who"))
    p.add_argument(
        "--set",
        dest="values",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help=t("cmd.inspection.set"),
    )
    json_flag(p)
    p.set_defaults(handler=validated(record))

    p = inspection.add_parser(
        "import", help=t("cmd.inspection.import"), description=t("cmd.inspection.import_long")
    )
    p.add_argument("file", metavar="FILE", help=t("cmd.inspection.file"))
    p.add_argument("--dry-run", action="store_true", help=t("cmd.ledger.dry_run"))
    json_flag(p)
    p.set_defaults(handler=import_)

    p = inspection.add_parser(
        "list", help=t("cmd.inspection.list"), description=t("cmd.inspection.list")
    )
    p.add_argument("code", metavar="CODE", help=t("cmd.outfall.code"))
    json_flag(p)
    p.set_defaults(handler=list_)


def record(args: argparse.Namespace) -> int:
    from inspector.data.outfalls import find_outfall
    from inspector.services.inspections import record_inspection

    values: dict[str, Any] = {"started_at": args.at, "inspectors": args.inspectors}
    for item in args.values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise Problem("outfall.bad_set", item=item)
        values[name.strip()] = value.strip() or None
    db = database(args, create=False)
    with db.write(reason=t("insp.reason")) as w:
        ref = find_outfall(w.conn, code=args.code)
        inspection_id = record_inspection(w, ref.id, values)
    if args.json:
        emit_json({"outfall": ref.code, "id": inspection_id})
    else:
        say(t("inspection.out.recorded", code=ref.code, id=inspection_id))
    return 0


class _DryRun(Exception):
    """Leaves a checked import's transaction without committing."""


def import_(args: argparse.Namespace) -> int:
    from inspector.services.inspections import InspectionsRefused, import_inspections

    db = database(args, create=False)
    path = Path(args.file)
    try:
        with db.write(reason=t("inspection.import_reason", file=path.name)) as w:
            report = import_inspections(w, path)
            if args.dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except InspectionsRefused as refused:
        if args.json:
            emit_json({**refused.report.as_json(), "applied": False})
            return 1
        fail(str(refused))
        for problem in refused.report.problems:
            fail("  " + problem.render())
        return 1
    if args.json:
        emit_json({**report.as_json(), "applied": not args.dry_run})
        return 0
    key = "inspection.out.checked" if args.dry_run else "inspection.out.imported"
    say(t(key, file=path.name, count=len(report.created)))
    return 0


def list_(args: argparse.Namespace) -> int:
    from inspector.cli.tabular import render
    from inspector.data.inspections import inspections_of
    from inspector.data.outfalls import find_outfall
    from inspector.domain.choices import Suspicion, TaskSource, Violation
    from inspector.domain.moments import shown
    from inspector.i18n import language

    db = database(args, create=False, readonly=True)
    with db.read() as conn:
        ref = find_outfall(conn, code=args.code)
        items = [i.as_json() for i in inspections_of(conn, outfall_id=ref.id)]
    if args.json:
        emit_json({"outfall": ref.code, "inspections": items})
        return 0
    lang = language()

    def label(kind: Any, key: str | None) -> str:
        member = kind.parse(key or "")
        return member.label(lang) if member else ""

    say(f"{ref.code}  {ref.name}")
    table = [
        [
            shown(i["started_at"]),
            label(TaskSource, i["task_source"]),
            label(Suspicion, i["suspicion"]),
            label(Violation, i["violation"]),
        ]
        for i in items
    ]
    header = [
        t(f"field.inspection.{k}") for k in ("started_at", "task_source", "suspicion", "violation")
    ]
    say(render(header, table))
    return 0
