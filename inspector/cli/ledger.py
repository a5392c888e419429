"""`inspector ledger import|export` and `inspector reference import|export`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from inspector.cli.base import Commands, force_flag, group, json_flag
from inspector.cli.common import database
from inspector.cli.output import emit_json, fail, progress_bar, say
from inspector.i18n import Problem, t


def add_commands(commands: Commands) -> None:
    ledger = group(commands, "ledger", "cmd.ledger")
    p = ledger.add_parser("import", help=t("cmd.ledger.import"), description=t("cmd.ledger.import"))
    p.add_argument("file", metavar="FILE", help=t("cmd.ledger.file"))
    p.add_argument("--dry-run", action="store_true", help=t("cmd.ledger.dry_run"))
    p.add_argument("--ignore-unknown", action="store_true", help=t("cmd.ledger.ignore_unknown"))
    p.add_argument("--sheet", metavar="NAME", help=t("cmd.ledger.sheet"))
    p.add_argument("--header-row", type=_row_number, metavar="N", help=t("cmd.ledger.header_row"))
    json_flag(p)
    p.set_defaults(handler=import_)
    p = ledger.add_parser("export", help=t("cmd.ledger.export"), description=t("cmd.ledger.export"))
    p.add_argument("file", metavar="FILE", help=t("cmd.ledger.file"))
    p.add_argument("--public", action="store_true", help=t("cmd.ledger.public"))
    p.add_argument("--county", metavar="COUNTY", help=t("cmd.ledger.county"))
    force_flag(p)
    json_flag(p)
    p.set_defaults(handler=export)

    reference = group(commands, "reference", "cmd.reference")
    p = reference.add_parser(
        "import", help=t("cmd.reference.import"), description=t("cmd.reference.import")
    )
    p.add_argument("file", metavar="FILE", help=t("cmd.reference.file"))
    json_flag(p)
    p.set_defaults(handler=reference_import)
    p = reference.add_parser(
        "export", help=t("cmd.reference.export"), description=t("cmd.reference.export")
    )
    p.add_argument("file", metavar="FILE", help=t("cmd.reference.file"))
    p.add_argument("--city", required=True, metavar="CODE", help=t("cmd.reference.city"))
    force_flag(p)
    json_flag(p)
    p.set_defaults(handler=reference_export)


def _row_number(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(text)
    return value


def import_(args: argparse.Namespace) -> int:
    from inspector.services.ledger import import_ledger

    db = database(args)
    path = Path(args.file)
    with progress_bar(t("progress.reading", name=path.name)) as tick:
        report = import_ledger(
            db,
            path,
            dry_run=args.dry_run,
            ignore_unknown=args.ignore_unknown,
            sheet=args.sheet,
            header_row=args.header_row,
            progress=tick,
        )
    if args.json:
        emit_json(report.as_json())
        return 0 if report.ok else 1
    # Which rows were read, whenever that is not simply the first row of the only sheet.
    if len(report.sheets) > 1 or args.sheet:
        say(t("ledger.read_from", sheet=report.sheet, row=report.header_row))
    elif report.header_row != 1:
        say(t("ledger.read_from_row", row=report.header_row))
    if not report.ok:
        fail(t("ledger.refused", file=path.name, count=report.problem_count))
        for problem in report.problems:
            fail("  " + problem.render())
        hidden = report.problem_count - len(report.problems)
        if hidden:
            fail("  " + t("ledger.more_problems", count=hidden))
        return 1
    say(
        t(
            "ledger.summary",
            file=path.name,
            rows=report.rows,
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
            operations=report.operations,
        )
        + (" " + t("ledger.summary_dry_run") if report.dry_run else "")
    )
    if report.warnings:
        say(t("ledger.warnings"))
        for warning in report.warnings:
            say("  " + warning.render())
    return 0


def export(args: argparse.Namespace) -> int:
    from inspector.services.ledger import export_ledger
    from inspector.services.outputs import refuse_existing

    db = database(args, create=False, readonly=True)
    path = Path(args.file)
    refuse_existing([path], force=args.force)
    with progress_bar(path.name) as tick:
        report = export_ledger(db, path, public=args.public, county=args.county, progress=tick)
    if args.json:
        emit_json(report.as_json())
    else:
        say(t("ledger.exported", rows=report.rows, file=path))
    return 0


def reference_import(args: argparse.Namespace) -> int:
    from inspector.data.reference import load_document, replace_city

    db = database(args)
    doc = load_document(Path(args.file))
    with db.transaction() as conn:
        counts = replace_city(conn, doc)
    if args.json:
        emit_json({"city": doc["city"]["code"], **counts})
    else:
        say(
            t(
                "reference.imported",
                city=doc["city"]["name_zh"],
                regions=counts["regions"],
                rivers=counts["rivers"],
                targets=counts["targets"],
            )
        )
    return 0


def reference_export(args: argparse.Namespace) -> int:
    from inspector.data.reference import export_city
    from inspector.services.outputs import refuse_existing

    refuse_existing([Path(args.file)], force=args.force)
    db = database(args, create=False, readonly=True)
    with db.read() as conn:
        doc = export_city(conn, args.city)
    path = Path(args.file)
    if not path.parent.is_dir():
        raise Problem("out.no_directory", path=path.parent)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if args.json:
        emit_json({"file": str(path), "city": args.city})
    else:
        say(t("reference.exported", city=args.city, file=path))
    return 0
