"""`inspector assess ...`: the county assessment (考核): the card in force and loading a
city's own, items entered by hand, the scorecards, the monthly ranking and what the year
brings, the departments, the export (and its public version)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from inspector.cli.base import Commands, force_flag, group, json_flag
from inspector.cli.common import database
from inspector.cli.invalid import validated
from inspector.cli.output import emit_json, say
from inspector.i18n import Problem, language, t
from inspector.i18n.reasons import keyed


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
    p.add_argument("--cause", metavar="CAUSE", help=t("cmd.assess.cause"))
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
    p.add_argument("--public", action="store_true", help=t("cmd.assess.public"))
    force_flag(p)
    json_flag(p)
    p.set_defaults(handler=export)

    scheme = assess.add_parser(
        "scheme", help=t("cmd.assess.scheme"), description=t("cmd.assess.scheme")
    ).add_subparsers(dest="scheme_command", metavar="COMMAND", required=True)
    p = scheme.add_parser(
        "show", help=t("cmd.assess.scheme_show"), description=t("cmd.assess.scheme_show")
    )
    p.add_argument("--city", metavar="CITY", help=t("cmd.assess.scheme_city"))
    json_flag(p)
    p.set_defaults(handler=scheme_show)
    p = scheme.add_parser(
        "load", help=t("cmd.assess.scheme_load"), description=t("cmd.assess.scheme_load")
    )
    p.add_argument("file", metavar="FILE", help=t("cmd.assess.scheme_file"))
    p.add_argument("--city", metavar="CITY", help=t("cmd.assess.scheme_city"))
    json_flag(p)
    p.set_defaults(handler=scheme_load)
    p = scheme.add_parser(
        "reset", help=t("cmd.assess.scheme_reset"), description=t("cmd.assess.scheme_reset")
    )
    p.add_argument("--city", metavar="CITY", help=t("cmd.assess.scheme_city"))
    json_flag(p)
    p.set_defaults(handler=scheme_reset)

    dept = assess.add_parser(
        "dept", help=t("cmd.assess.dept"), description=t("cmd.assess.dept")
    ).add_subparsers(dest="dept_command", metavar="COMMAND", required=True)
    p = dept.add_parser(
        "enter", help=t("cmd.assess.dept_enter"), description=t("cmd.assess.dept_enter")
    )
    p.add_argument("--department", required=True, metavar="NAME", help=t("cmd.assess.department"))
    p.add_argument("--year", type=int, required=True, help=t("cmd.report.year"))
    p.add_argument("--part", required=True, metavar="PART", help=t("cmd.assess.part"))
    p.add_argument("--score", metavar="SCORE", help=t("cmd.assess.score"))
    p.add_argument("--basis", metavar="TEXT", help=t("cmd.assess.basis"))
    p.add_argument("--cause", metavar="CAUSE", help=t("cmd.assess.cause"))
    p.add_argument("--city", metavar="CITY", help=t("cmd.report.city"))
    json_flag(p)
    p.set_defaults(handler=validated(dept_enter))
    p = dept.add_parser(
        "list", help=t("cmd.assess.dept_list"), description=t("cmd.assess.dept_list")
    )
    p.add_argument("--year", type=int, required=True, help=t("cmd.report.year"))
    p.add_argument("--city", metavar="CITY", help=t("cmd.report.city"))
    json_flag(p)
    p.set_defaults(handler=dept_list)


def _month(value: int) -> int:
    if not 0 <= value <= 12:
        raise Problem("assess.bad_month", month=value)
    return value


def enter(args: argparse.Namespace) -> int:
    from inspector.services.assessment import enter_score

    db = database(args, create=False)
    with db.write(reason=keyed("reason.score_entered")) as w:
        row_id = enter_score(
            w,
            county=args.county,
            year=args.year,
            month=_month(args.month),
            item=args.item,
            score=args.score,
            basis=args.basis,
            cause=args.cause,
        )
    if args.json:
        emit_json({"id": row_id})
    else:
        say(t("assess.out.entered", id=row_id))
    return 0


def remove(args: argparse.Namespace) -> int:
    from inspector.services.assessment import remove_entry

    db = database(args, create=False)
    with db.write(reason=keyed("reason.score_removed")) as w:
        remove_entry(
            w, county=args.county, year=args.year, month=_month(args.month), item=args.item
        )
    if args.json:
        emit_json({"removed": True})
    else:
        say(t("assess.out.removed"))
    return 0


def _city(conn: Any, text: str | None) -> str | None:
    from inspector.services.assessment import resolve_city

    return resolve_city(conn, text)


def _notes(cards: list[Any], ref: Any, lang: str) -> list[str]:
    """The lines under a table of cards: adjustments with their reasons, exclusions."""
    from inspector.domain.assessment import shown
    from inspector.domain.choices import AdjustmentCause

    out = []
    for c in cards:
        region = ref.regions.get(c.county)
        name = region.name(lang) if region else c.county
        for a in c.adjustments:
            cause = AdjustmentCause.parse(a.cause)
            out.append(
                t(
                    "assess.out.adjusted",
                    county=name,
                    points=f"{shown(a.points):+}",
                    cause=cause.label(lang) if cause else a.cause,
                    reason=a.reason,
                )
            )
        if c.excluded is not None:
            out.append(t("assess.out.excluded", county=name, reason=c.excluded))
    return out


def card(args: argparse.Namespace) -> int:
    from inspector.cli.tabular import render
    from inspector.data.reference import ReferenceData
    from inspector.domain.assessment import rank
    from inspector.services.assessment import card_json, scorecards
    from inspector.services.assessment_report import SCORECARD_FORMATS, scorecard_row
    from inspector.services.document import text_cell

    month = _month(args.month)
    lang = language()
    db = database(args, create=False, readonly=True)
    with db.read() as conn:
        city = _city(conn, args.city)
        ref = ReferenceData.load(conn)
        cards = scorecards(conn, year=args.year, month=month, city=city)
    warned = cards[0].scheme.warned if cards else 2
    ranking = rank(cards, warned=warned)
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
                    for r in ranking.ranked
                ],
                "missing": [c.county for c in ranking.missing],
                "excluded": {c.county: c.excluded for c in ranking.excluded},
            }
        )
        return 0
    from inspector.services.assessment_report import SCORECARD_COLUMNS

    order = [r.card for r in ranking.ranked] + ranking.missing + ranking.excluded
    positions = {r.card.county: r for r in ranking.ranked}
    header = [t("assess.col.position"), *(t(f"assess.col.{k}") for k in SCORECARD_COLUMNS)]
    body = []
    for c in order:
        row = [text_cell(v, SCORECARD_FORMATS.get(i)) for i, v in enumerate(scorecard_row(c, ref))]
        if c.adjusted:
            row[8] += " †"
        r = positions.get(c.county)
        mark = (
            t("assess.mark.missing")
            if r is None and c.excluded is None
            else ""
            if r is None
            else f"{r.position}{' ⚠' if r.warned else ''}"
        )
        body.append([mark, *row])
    period = t("assess.whole_year") if month == 0 else t("assess.month", month=month)
    say(t("assess.out.heading", year=args.year, period=period))
    say(render(header, body, numeric=(0, 2, 3, 4, 5, 6, 7, 8, 9)))
    say("")
    for line in _notes(order, ref, lang):
        say(line)
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
                "due": standings.due.isoformat() if standings.due else None,
                "months": {
                    str(m): {
                        "ranked": [
                            {
                                "county": r.card.county,
                                "position": r.position,
                                "total": _float(r.card.total),
                                "falsified": r.card.falsified,
                                "last": r.last,
                                "warned": r.warned,
                            }
                            for r in ranking.ranked
                        ],
                        "missing": [c.county for c in ranking.missing],
                        "excluded": [c.county for c in ranking.excluded],
                    }
                    for m, ranking in standings.months.items()
                },
                "counties": {
                    c: {
                        "months_last": cy.tally.months_last,
                        "months_warned": cy.tally.months_warned,
                        "months_missing": cy.tally.months_missing,
                        "months_excluded": cy.tally.months_excluded,
                        "monthly_consequence": cy.tally.consequence.value,
                        "year_total": _float(cy.card.total),
                        "year_grade": cy.card.grade.value if cy.card.grade else None,
                        "deteriorating_months": cy.deteriorating,
                        "consequences": [k.value for k in cy.consequences],
                    }
                    for c, cy in standings.counties.items()
                },
            }
        )
        return 0
    months = sorted(standings.months)
    if not months:
        say(t("assess.out.no_months", year=args.year))
        return 0
    header = [
        t("assess.col.county"),
        *(str(m) for m in months),
        t("assess.col.months_last"),
        t("assess.col.months_warned"),
        t("assess.col.grade"),
        t("assess.col.consequence"),
    ]
    rows = []
    sep = "；" if lang == "zh" else "; "
    for county, cy in sorted(standings.counties.items()):
        region = ref.regions.get(county)
        row: list[object] = [region.name(lang) if region else county]
        for m in months:
            ranking = standings.months[m]
            found = next((r for r in ranking.ranked if r.card.county == county), None)
            if found is not None:
                row.append(f"{found.position}{'⚠' if found.warned else ''}")
            elif any(c.county == county for c in ranking.excluded):
                row.append(t("assess.mark.excluded"))
            else:
                row.append(t("assess.mark.missing"))
        row += [
            len(cy.tally.months_last),
            len(cy.tally.months_warned),
            cy.card.grade.label(lang) if cy.card.grade else "",
            sep.join(k.label(lang) for k in cy.consequences) or "—",
        ]
        rows.append(row)
    say(t("assess.out.rank_heading", year=args.year))
    say(render(header, rows, numeric=tuple(range(1, len(months) + 3))))
    say("")
    say(t("assess.monthly_note"))
    if standings.due:
        say(t("assess.out.due", date=standings.due.isoformat()))
    return 0


def _float(value: Any) -> float | None:
    from inspector.domain.assessment import shown

    figure = shown(value)
    return None if figure is None else float(figure)


def export(args: argparse.Namespace) -> int:
    from inspector.services.assessment_report import assessment_document
    from inspector.services.document import write_document
    from inspector.services.outputs import refuse_existing

    refuse_existing([Path(args.file)], force=args.force)
    db = database(args, create=False, readonly=True)
    with db.read() as conn:
        city = _city(conn, args.city)
        doc = assessment_document(conn, year=args.year, city=city, public=args.public)
    path = Path(args.file)
    write_document(doc, path)
    if args.json:
        emit_json({"file": str(path), "report": doc.as_json()})
    else:
        say(t("report.written", file=path))
    return 0


# -- the scheme ----------------------------------------------------------------------------


def scheme_show(args: argparse.Namespace) -> int:
    from inspector.cli.tabular import render
    from inspector.data import assessment as store
    from inspector.services.assessment import scheme_for, scheme_lines

    db = database(args, create=False, readonly=True)
    with db.read() as conn:
        city = _city(conn, args.city)
        scheme = scheme_for(conn, city)
        row = store.scheme_row(conn, city=city) if city else None
    origin = (
        t("assess.scheme.own", file=row.file_name, at=row.loaded_at[:16])
        if row
        else t("assess.scheme.shipped")
    )
    if args.json:
        emit_json(
            {
                "city": city,
                "origin": "own" if row else "shipped",
                "file": row.file_name if row else None,
                "scheme": scheme.document,
            }
        )
        return 0
    lang = language()
    say(t("assess.scheme.heading", name=scheme.name(lang), origin=origin))
    header = [t(f"assess.scheme.col.{k}") for k in ("key", "points", "item", "rule")]
    say(render(header, scheme_lines(scheme, lang), numeric=(1,)))
    say("")
    say(scheme.note(lang))
    return 0


def _scheme_city(conn: Any, text: str | None) -> str:
    city = _city(conn, text)
    if city is None:
        raise Problem("assess.scheme.city_needed")
    return city


def scheme_load(args: argparse.Namespace) -> int:
    import datetime as dt

    from inspector.data import assessment as store
    from inspector.services.assessment import read_scheme_file

    path = Path(args.file)
    document, scheme = read_scheme_file(path)
    db = database(args, create=False)
    with db.transaction() as conn:
        city = _scheme_city(conn, args.city)
        store.save_scheme(
            conn,
            city=city,
            document=document,
            file_name=path.name,
            loaded_at=dt.datetime.now(dt.UTC),
            loaded_by=db.user_name(conn),
        )
    items = len(scheme.water_quality.manual()) + len(scheme.key_work.manual())
    if args.json:
        emit_json({"city": city, "file": path.name, "items": items})
    else:
        say(t("assess.scheme.loaded", city=city, name=scheme.name(language()), items=items))
    return 0


def scheme_reset(args: argparse.Namespace) -> int:
    from inspector.data import assessment as store

    db = database(args, create=False)
    with db.transaction() as conn:
        city = _scheme_city(conn, args.city)
        dropped = store.forget_scheme(conn, city=city)
    if args.json:
        emit_json({"city": city, "reset": dropped})
    else:
        say(t("assess.scheme.reset" if dropped else "assess.scheme.none_loaded", city=city))
    return 0


# -- departments ---------------------------------------------------------------------------


def dept_enter(args: argparse.Namespace) -> int:
    from inspector.services.assessment import enter_department_score

    db = database(args, create=False)
    with db.write(reason="department assessment entered") as w:
        city = _scheme_city(w.conn, args.city)
        row_id = enter_department_score(
            w,
            city=city,
            year=args.year,
            department=args.department,
            part=args.part,
            score=args.score,
            basis=args.basis,
            cause=args.cause,
        )
    if args.json:
        emit_json({"id": row_id})
    else:
        say(t("assess.out.entered", id=row_id))
    return 0


def dept_list(args: argparse.Namespace) -> int:
    from inspector.cli.tabular import render
    from inspector.domain.assessment import shown
    from inspector.services.assessment import department_results

    db = database(args, create=False, readonly=True)
    with db.read() as conn:
        city = _city(conn, args.city)
        results = department_results(conn, year=args.year, city=city)
    parts = results.scheme.department_parts
    if args.json:
        emit_json(
            {
                "year": args.year,
                "city": city,
                "ranked": [
                    {
                        "department": r.card.department,
                        "position": r.position,
                        "advanced": r.advanced,
                        "parts": {p.key: _float(r.card.scores.get(p.key)) for p in parts},
                        "adjustment": _float(r.card.adjustment) if r.card.adjustments else None,
                        "total": _float(r.card.total),
                    }
                    for r in results.ranked
                ],
                "missing": {c.department: list(c.missing) for c in results.missing},
            }
        )
        return 0
    if not results.ranked and not results.missing:
        say(t("assess.out.no_departments", year=args.year))
        return 0
    lang = language()
    header = [
        t("assess.col.position"),
        t("assess.col.department"),
        *(p.label(lang) for p in parts),
        t("assess.col.adjustment"),
        t("assess.col.total"),
        t("assess.col.advanced"),
    ]
    rows: list[list[object]] = []
    for r in results.ranked:
        rows.append(
            [
                r.position,
                r.card.department,
                *(shown(r.card.scores.get(p.key)) for p in parts),
                shown(r.card.adjustment) if r.card.adjustments else "",
                shown(r.card.total),
                t("assess.advanced") if r.advanced else "",
            ]
        )
    for c in results.missing:
        rows.append(
            [
                t("assess.mark.missing"),
                c.department,
                *(shown(c.scores.get(p.key)) or "—" for p in parts),
                "",
                "",
                "",
            ]
        )
    say(t("assess.out.dept_heading", year=args.year))
    say(render(header, rows, numeric=tuple(range(2, len(parts) + 4))))
    return 0
