"""`inspector assess ...`: the county assessment (考核): scores entered by hand, the
scorecards, the monthly ranking and its consequences, the export."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from inspector.cli.base import Commands, force_flag, group, json_flag
from inspector.cli.common import database
from inspector.cli.invalid import validated
from inspector.cli.output import emit_json, say
from inspector.i18n import Problem, language, t


def add_commands(commands: Commands) -> None:
    assess = group(commands, "assess", "cmd.assess")

    def period(p: argparse.ArgumentParser) -> None:
        p.add_argument("--year", type=int, required=True, help=t("cmd.report.year"))
        p.add_argument("--month", type=int, default=0, metavar="1-12", help=t("cmd.assess.month"))

    p = assess.add_parser(
        "enter", help=t("cmd.assess.enter"), description=t("cmd.assess.enter_long")
    )
    p.add_argument("--county", required=True, metavar="COUNTY", help=t("cmd.plan.county"))
    period(p)
    p.add_argument("--item", required=True, metavar="ITEM", help=t("cmd.assess.item"))
    p.add_argument("--score", metavar="SCORE", help=t("cmd.assess.score"))
    p.add_argument("--basis", metavar="TEXT", help=t("cmd.assess.basis"))
    json_flag(p)
    p.set_defaults(handler=validated(enter))

    p = assess.add_parser("remove", help=t("cmd.assess.remove"), description=t("cmd.assess.remove"))
    p.add_argument("--county", required=True, metavar="COUNTY", help=t("cmd.plan.county"))
    period(p)
    p.add_argument("--item", required=True, metavar="ITEM", help=t("cmd.assess.item"))
    json_flag(p)
    p.set_defaults(handler=validated(remove))

    p = assess.add_parser("card", help=t("cmd.assess.card"), description=t("cmd.assess.card_long"))
    period(p)
    p.add_argument("--city", metavar="CITY", help=t("cmd.report.city"))
    json_flag(p)
    p.set_defaults(handler=card)

    p = assess.add_parser("rank", help=t("cmd.assess.rank"), description=t("cmd.assess.rank_long"))
    p.add_argument("--year", type=int, required=True, help=t("cmd.report.year"))
    p.add_argument("--city", metavar="CITY", help=t("cmd.report.city"))
    json_flag(p)
    p.set_defaults(handler=rank_)

    p = assess.add_parser("export", help=t("cmd.assess.export"), description=t("cmd.assess.export"))
    p.add_argument("file", metavar="FILE", help=t("cmd.assess.file"))
    p.add_argument("--year", type=int, required=True, help=t("cmd.report.year"))
    p.add_argument("--city", metavar="CITY", help=t("cmd.report.city"))
    force_flag(p)
    json_flag(p)
    p.set_defaults(handler=export)


def _month(value: int) -> int:
    if not 0 <= value <= 12:
        raise Problem("assess.bad_month", month=value)
    return value


def enter(args: argparse.Namespace) -> int:
    from inspector.services.assessment import enter_score

    db = database(args, create=False)
    with db.write(reason="assessment score entered") as w:
        row_id = enter_score(
            w,
            county=args.county,
            year=args.year,
            month=_month(args.month),
            item=args.item,
            score=args.score,
            basis=args.basis,
        )
    if args.json:
        emit_json({"id": row_id})
    else:
        say(t("assess.out.entered", id=row_id))
    return 0


def remove(args: argparse.Namespace) -> int:
    from inspector.services.assessment import remove_entry

    db = database(args, create=False)
    with db.write(reason="assessment score removed") as w:
        remove_entry(
            w, county=args.county, year=args.year, month=_month(args.month), item=args.item
        )
    if args.json:
        emit_json({"removed": True})
    else:
        say(t("assess.out.removed"))
    return 0


def _city(conn: Any, text: str | None) -> str | None:
    from inspector.services.progress import resolve_city

    return resolve_city(conn, text)


def card(args: argparse.Namespace) -> int:
    from inspector.cli.tabular import render
    from inspector.data.reference import ReferenceData
    from inspector.domain.assessment import rank
    from inspector.services.assessment import card_json, scorecards
    from inspector.services.assessment_report import scorecard_table

    month = _month(args.month)
    db = database(args, create=False, readonly=True)
    with db.read() as conn:
        city = _city(conn, args.city)
        ref = ReferenceData.load(conn)
        cards = scorecards(conn, year=args.year, month=month, city=city)
    ranked, unranked = rank(cards)
    if args.json:
        emit_json(
            {
                "year": args.year,
                "month": month,
                "cards": [card_json(c, ref) for c in cards],
                "ranking": [
                    {
                        "county": r.card.county,
                        "position": r.position,
                        "last": r.last,
                        "warned": r.warned,
                    }
                    for r in ranked
                ],
                "unranked": [c.county for c in unranked],
            }
        )
        return 0
    order = [r.card for r in ranked] + unranked
    table = scorecard_table(order, ref, key="cards", title="")
    from inspector.services.document import text_cell

    rows = [[text_cell(v, table.formats.get(i)) for i, v in enumerate(row)] for row in table.rows]
    positions = {r.card.county: r for r in ranked}
    header = [t("assess.col.position"), *table.columns]
    body = []
    for c, row in zip(order, rows, strict=True):
        r = positions.get(c.county)
        mark = "" if r is None else f"{r.position}{' ⚠' if r.warned else ''}"
        body.append([mark, *row])
    period = t("assess.whole_year") if month == 0 else t("assess.month", month=month)
    say(t("assess.out.heading", year=args.year, period=period))
    say(render(header, body, numeric=(0, 2, 3, 4, 5, 6, 7)))
    say("")
    say(t("assess.out.legend"))
    return 0


def rank_(args: argparse.Namespace) -> int:
    from inspector.cli.tabular import render
    from inspector.data.reference import ReferenceData
    from inspector.services.assessment import year_standings

    db = database(args, create=False, readonly=True)
    with db.read() as conn:
        city = _city(conn, args.city)
        ref = ReferenceData.load(conn)
        standings = year_standings(conn, year=args.year, city=city)
    lang = language()
    if args.json:
        emit_json(
            {
                "year": args.year,
                "months": {
                    str(m): [
                        {
                            "county": r.card.county,
                            "position": r.position,
                            "total": None if r.card.total is None else float(r.card.total),
                            "falsified": r.card.falsified,
                            "last": r.last,
                            "warned": r.warned,
                        }
                        for r in ranked
                    ]
                    for m, ranked in standings.months.items()
                },
                "complete_months": standings.complete,
                "provisional_months": standings.provisional,
                "tallies": {
                    c: {
                        "months_last": tl.months_last,
                        "months_warned": tl.months_warned,
                        "consequence": tl.consequence.value,
                    }
                    for c, tl in standings.tallies.items()
                },
            }
        )
        return 0
    months = sorted(standings.months)
    if not months:
        say(t("assess.out.no_months", year=args.year))
        return 0
    provisional = set(standings.provisional)
    header = [
        t("assess.col.county"),
        *(f"{m}*" if m in provisional else str(m) for m in months),
        t("assess.col.months_last"),
        t("assess.col.months_warned"),
        t("assess.col.consequence"),
    ]
    rows = []
    for county, tl in sorted(standings.tallies.items()):
        region = ref.regions.get(county)
        row: list[object] = [region.name(lang) if region else county]
        for m in months:
            found = next((r for r in standings.months[m] if r.card.county == county), None)
            row.append("—" if found is None else f"{found.position}{'⚠' if found.warned else ''}")
        row += [len(tl.months_last), len(tl.months_warned), tl.consequence.label(lang)]
        rows.append(row)
    say(t("assess.out.rank_heading", year=args.year))
    say(render(header, rows, numeric=tuple(range(1, len(months) + 3))))
    say("")
    say(t("assess.monthly_note"))
    return 0


def export(args: argparse.Namespace) -> int:
    from inspector.services.assessment_report import assessment_document
    from inspector.services.document import write_document
    from inspector.services.outputs import refuse_existing

    refuse_existing([Path(args.file)], force=args.force)
    db = database(args, create=False, readonly=True)
    with db.read() as conn:
        city = _city(conn, args.city)
        doc = assessment_document(conn, year=args.year, city=city)
    path = Path(args.file)
    write_document(doc, path)
    if args.json:
        emit_json({"file": str(path), "report": doc.as_json()})
    else:
        say(t("report.written", file=path))
    return 0
