"""`inspector progress-report record`: a member unit's quarterly progress report; and the
`report quarterly` and `report half-year-public` documents made from them."""

from __future__ import annotations

import argparse
import datetime as dt

from inspector.cli.base import Commands, force_flag, group, json_flag
from inspector.cli.common import database
from inspector.cli.invalid import validated
from inspector.cli.output import emit_json, say
from inspector.i18n import Problem, t


def add_commands(commands: Commands) -> None:
    reports = group(commands, "progress-report", "cmd.progress_report")
    p = reports.add_parser(
        "record",
        help=t("cmd.progress_report.record"),
        description=t("cmd.progress_report.record"),
    )
    p.add_argument("--unit", required=True, metavar="NAME", help=t("cmd.progress_report.unit"))
    p.add_argument("--year", type=int, required=True, help=t("cmd.report.year"))
    p.add_argument(
        "--quarter", type=int, required=True, metavar="1-4", help=t("cmd.progress_report.quarter")
    )
    p.add_argument(
        "--summary", required=True, metavar="TEXT", help=t("cmd.progress_report.summary")
    )
    p.add_argument("--county", metavar="COUNTY", help=t("cmd.report.county"))
    p.add_argument("--city", metavar="CITY", help=t("cmd.report.city"))
    p.add_argument("--projects", metavar="N/N", help=t("cmd.progress_report.projects"))
    p.add_argument("--funds", metavar="N/N", help=t("cmd.progress_report.funds"))
    p.add_argument("--submitted", metavar="DATE", help=t("cmd.progress_report.submitted"))
    json_flag(p)
    p.set_defaults(handler=validated(record))


def add_report_commands(report: Commands) -> None:
    """`report quarterly` and `report half-year-public`, beside the other reports."""
    p = report.add_parser(
        "quarterly", help=t("cmd.report.quarterly"), description=t("cmd.report.quarterly")
    )
    p.add_argument("--year", type=int, required=True, help=t("cmd.report.year"))
    p.add_argument(
        "--quarter", type=int, required=True, metavar="1-4", help=t("cmd.progress_report.quarter")
    )
    p.add_argument("--city", metavar="CITY", help=t("cmd.report.city"))
    p.add_argument("--out", metavar="PATH", help=t("cmd.report.out"))
    force_flag(p)
    json_flag(p)
    p.set_defaults(handler=quarterly)
    p = report.add_parser(
        "half-year-public",
        help=t("cmd.report.half_year_public"),
        description=t("cmd.report.half_year_public"),
    )
    p.add_argument("--year", type=int, required=True, help=t("cmd.report.year"))
    p.add_argument("--city", metavar="CITY", help=t("cmd.report.city"))
    p.add_argument("--out", metavar="PATH", help=t("cmd.report.out"))
    force_flag(p)
    json_flag(p)
    p.set_defaults(handler=half_year_public)


def record(args: argparse.Namespace) -> int:
    from inspector.services.progress import resolve_city
    from inspector.services.progress_reports import record_progress_report

    submitted = None
    if args.submitted:
        try:
            submitted = dt.date.fromisoformat(args.submitted.strip())
        except ValueError:
            raise Problem(
                "complaint.bad_date",
                field=t("field.progress_report.submitted_on"),
                value=args.submitted,
            ) from None
    db = database(args, create=False)
    with db.write(reason="progress report recorded") as w:
        city = resolve_city(w.conn, args.city)
        if city is None:
            raise Problem("assess.scheme.city_needed")
        report_id = record_progress_report(
            w,
            city=city,
            unit=args.unit,
            year=args.year,
            quarter=args.quarter,
            summary=args.summary,
            county=args.county,
            projects=args.projects,
            funds=args.funds,
            submitted_on=submitted,
        )
    if args.json:
        emit_json({"id": report_id})
    else:
        say(t("progress_report.recorded", id=report_id))
    return 0


def quarterly(args: argparse.Namespace) -> int:
    from inspector.cli.reports import _report_done, _write_report
    from inspector.services.progress import resolve_city
    from inspector.services.reports import quarterly_report

    db = database(args, create=False, readonly=True)
    with db.read() as conn:
        city = resolve_city(conn, args.city)
        doc = quarterly_report(conn, year=args.year, quarter=args.quarter, city=city)
    stem = f"quarterly-{args.year}-q{args.quarter}-{doc.key.rsplit('-', 1)[-1]}"
    return _report_done(args, doc, _write_report(doc, args.out, stem, force=args.force))


def half_year_public(args: argparse.Namespace) -> int:
    from inspector.cli.reports import _report_done, _write_report
    from inspector.services.progress import resolve_city
    from inspector.services.reports import half_year_publication

    db = database(args, create=False, readonly=True)
    with db.read() as conn:
        city = resolve_city(conn, args.city)
        doc = half_year_publication(conn, year=args.year, city=city)
    stem = f"half-year-public-{args.year}-{doc.key.rsplit('-', 1)[-1]}"
    return _report_done(args, doc, _write_report(doc, args.out, stem, force=args.force))
