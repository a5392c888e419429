"""`inspector report ...`: progress against targets, the yearly and half-yearly reports,
the public list."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from inspector.cli.base import Commands, force_flag, group, json_flag
from inspector.cli.common import database
from inspector.cli.output import emit_json, say
from inspector.domain.periods import today as calendar_today
from inspector.i18n import Problem, language, t


def add_commands(commands: Commands) -> None:
    report = group(commands, "report", "cmd.report")

    p = report.add_parser(
        "progress", help=t("cmd.report.progress"), description=t("cmd.report.progress_long")
    )
    p.add_argument("--year", type=int, help=t("cmd.report.year_default"))
    p.add_argument("--city", metavar="CITY", help=t("cmd.report.city"))
    p.add_argument("--window", type=int, default=90, metavar="DAYS", help=t("cmd.report.window"))
    json_flag(p)
    p.set_defaults(handler=progress)

    p = report.add_parser(
        "annual", help=t("cmd.report.annual"), description=t("cmd.report.annual_long")
    )
    p.add_argument("--year", type=int, required=True, help=t("cmd.report.year"))
    p.add_argument("--county", metavar="COUNTY", help=t("cmd.report.county"))
    p.add_argument("--city", metavar="CITY", help=t("cmd.report.city"))
    p.add_argument("--out", metavar="PATH", help=t("cmd.report.out"))
    force_flag(p)
    json_flag(p)
    p.set_defaults(handler=annual)

    p = report.add_parser(
        "self-inspection",
        help=t("cmd.report.self_inspection"),
        description=t("cmd.report.self_inspection_long"),
    )
    p.add_argument("--year", type=int, required=True, help=t("cmd.report.year"))
    p.add_argument("--half", type=int, required=True, metavar="1|2", help=t("cmd.report.half"))
    p.add_argument("--county", metavar="COUNTY", help=t("cmd.report.county"))
    p.add_argument("--city", metavar="CITY", help=t("cmd.report.city"))
    p.add_argument("--out", metavar="PATH", help=t("cmd.report.out"))
    force_flag(p)
    json_flag(p)
    p.set_defaults(handler=self_inspection)

    from inspector.cli.progress_reports import add_report_commands

    add_report_commands(report)

    p = report.add_parser(
        "public-list", help=t("cmd.report.public"), description=t("cmd.report.public_long")
    )
    p.add_argument("file", metavar="FILE", help=t("cmd.report.public_file"))
    p.add_argument("--county", metavar="COUNTY", help=t("cmd.report.county"))
    force_flag(p)
    json_flag(p)
    p.set_defaults(handler=public_list)


def _city(conn: Any, text: str | None) -> str | None:
    from inspector.services.progress import resolve_city

    return resolve_city(conn, text)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def progress(args: argparse.Namespace) -> int:
    from inspector.cli.tabular import render
    from inspector.data.reference import ReferenceData
    from inspector.services.progress import (
        METRICS,
        compute_pace,
        compute_progress,
        describe_targets,
    )

    today = calendar_today()
    year = args.year or today.year
    if not 2000 <= year <= 2100:
        raise Problem("plan.bad_year", year=year)
    if args.window < 1:
        raise Problem("report.bad_window", days=args.window)
    db = database(args, create=False, readonly=True)
    with db.read() as conn:
        city = _city(conn, args.city)
        ref = ReferenceData.load(conn)
        result = compute_progress(conn, year=year, city_code=city, today=today)
        pace = compute_pace(conn, result, today=today, window_days=args.window)
    if args.json:
        emit_json({"progress": result.as_json(), "pace": pace.as_json()})
        return 0
    lang = language()
    name = ref.regions[city].name(lang) if city else t("report.all_regions")
    say(t("report.progress.heading", scope=name, year=year, today=today.isoformat()))
    say(describe_targets(result))
    say("")

    def table(title: str, groups: dict[str, Any], label: Any, *, by_name: bool = False) -> None:
        from inspector.i18n.collation import sort_key

        header = [
            title,
            t("report.col.outfalls"),
            *(t(f"metric.{m}") for m in METRICS),
            t("report.col.retained"),
        ]
        rows = [
            [
                t("report.overall"),
                result.overall.total,
                *_marks(result, result.overall),
                result.overall.retained,
            ]
        ]
        # Counties in their official (code) order; rivers by name, as a reader looks.
        keys = sorted(groups, key=lambda k: sort_key(label(k))) if by_name else sorted(groups)
        for key in keys:
            g = groups[key]
            rows.append([label(key), g.total, *_marks(result, g), g.retained])
        say(render(header, rows, numeric=(1, 2, 3, 4, 5, 6)))
        say("")

    def region_name(code: str) -> str:
        region = ref.regions.get(code)
        return region.name(lang) if region else code

    table(t("report.col.county"), result.by_county, region_name)

    def river_name(name: str) -> str:
        river = ref.rivers.get(name)
        return river.label(lang) if river else name

    table(t("report.col.river"), result.by_river, river_name, by_name=True)
    say(t("report.progress.behind_note"))
    say("")
    say(t("report.pace.heading", deadline=pace.deadline.isoformat(), days=pace.window_days))
    for metric in METRICS:
        p = pace.overall[metric]
        line = t(
            "report.pace.line",
            metric=t(f"metric.{metric}"),
            per_month=f"{p.per_month:.1f}",
            projected=_pct(p.projected_share),
        )
        needed = p.needed_per_month
        if p.target is not None and needed is not None:
            if p.on_course:
                line += t("report.pace.on_course", target=_pct(p.target))
            else:
                reach = p.reaches_target_on(today)
                shown = "∞" if needed == float("inf") else f"{needed:.1f}"
                if reach is None:
                    line += t("report.pace.never", target=_pct(p.target), needed=shown)
                else:
                    line += t(
                        "report.pace.behind",
                        target=_pct(p.target),
                        needed=shown,
                        reach=reach.isoformat(),
                    )
        say("  " + line)
    say("")
    say(t("report.overdue.heading", count=result.overdue_count))
    if result.overdue:
        rows = [
            [o.code, o.name, region_name(o.county_code), o.deadline.isoformat(), o.days]
            for o in result.overdue[:20]
        ]
        header = [t(f"report.col.{k}") for k in ("code", "name", "county", "deadline", "days")]
        say(render(header, rows, numeric=(4,)))
    return 0


def _marks(result: Any, shares: Any) -> list[str]:
    from inspector.services.progress import METRICS

    return [_pct(shares.share(m)) + (" ▼" if result.behind(m, shares) else "") for m in METRICS]


def _write_report(doc: Any, out: str | None, default_stem: str, *, force: bool) -> list[Path]:
    from inspector.services.document import write_document
    from inspector.services.outputs import document_paths, refuse_existing

    paths = document_paths(out or default_stem)
    refuse_existing(paths, force=force)
    for path in paths:
        write_document(doc, path)
    return paths


def _report_done(args: argparse.Namespace, doc: Any, paths: list[Path]) -> int:
    if args.json:
        emit_json({"files": [str(p) for p in paths], "report": doc.as_json()})
    else:
        for path in paths:
            say(t("report.written", file=path))
    return 0


def annual(args: argparse.Namespace) -> int:
    from inspector.services.reports import annual_report

    db = database(args, create=False, readonly=True)
    with db.read() as conn:
        city = _city(conn, args.city) if args.county is None else None
        doc = annual_report(conn, year=args.year, county=args.county, city=city)
    stem = f"annual-report-{args.year}-{doc.key.rsplit('-', 1)[-1]}"
    return _report_done(args, doc, _write_report(doc, args.out, stem, force=args.force))


def self_inspection(args: argparse.Namespace) -> int:
    from inspector.services.reports import self_inspection_report

    if args.half not in (1, 2):
        raise Problem("report.bad_half", half=args.half)
    db = database(args, create=False, readonly=True)
    with db.read() as conn:
        city = _city(conn, args.city) if args.county is None else None
        doc = self_inspection_report(
            conn, year=args.year, half=args.half, county=args.county, city=city
        )
    stem = f"self-inspection-{args.year}-h{args.half}-{doc.key.rsplit('-', 1)[-1]}"
    return _report_done(args, doc, _write_report(doc, args.out, stem, force=args.force))


def public_list(args: argparse.Namespace) -> int:
    from inspector.services.outputs import refuse_existing
    from inspector.services.public_list import export_public_list

    refuse_existing([Path(args.file)], force=args.force)
    db = database(args, create=False, readonly=True)
    report = export_public_list(db, Path(args.file), county=args.county)
    if args.json:
        emit_json(report.as_json())
    else:
        say(t("report.public_written", rows=report.rows, file=report.file))
    return 0
