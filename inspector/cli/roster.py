"""`inspector roster ...`: each county's inspector roster (执法人员名录库), the pool a
double-random draw takes its inspectors from unless given `--inspectors`."""

from __future__ import annotations

import argparse

from inspector.cli.base import Commands, group, json_flag
from inspector.cli.common import database
from inspector.cli.invalid import validated
from inspector.cli.output import emit_json, say
from inspector.domain.periods import today as calendar_today
from inspector.i18n import t


def add_commands(commands: Commands) -> None:
    roster = group(commands, "roster", "cmd.roster")

    p = roster.add_parser("add", help=t("cmd.roster.add"), description=t("cmd.roster.add_long"))
    p.add_argument("--county", required=True, metavar="COUNTY", help=t("cmd.plan.county"))
    p.add_argument("names", nargs="+", metavar="NAME", help=t("cmd.roster.names"))
    p.add_argument("--certificate-no", metavar="NO", help=t("cmd.roster.certificate"))
    p.add_argument("--unit", metavar="TEXT", help=t("cmd.roster.unit"))
    json_flag(p)
    p.set_defaults(handler=validated(add))

    p = roster.add_parser("list", help=t("cmd.roster.list"), description=t("cmd.roster.list"))
    p.add_argument("--county", metavar="COUNTY", help=t("cmd.plan.county"))
    json_flag(p)
    p.set_defaults(handler=list_)

    p = roster.add_parser("remove", help=t("cmd.roster.remove"), description=t("cmd.roster.remove"))
    p.add_argument("--county", required=True, metavar="COUNTY", help=t("cmd.plan.county"))
    p.add_argument("name", metavar="NAME", help=t("cmd.roster.name"))
    p.add_argument("--reason", metavar="TEXT", help=t("cmd.outfall.reason"))
    json_flag(p)
    p.set_defaults(handler=validated(remove))


def add(args: argparse.Namespace) -> int:
    from inspector.services.plans.draw import split_names
    from inspector.services.plans.roster import add_members

    names = [n for text in args.names for n in split_names(text)]
    db = database(args, create=False)
    with db.write(reason=t("roster.reason_add")) as w:
        added = add_members(
            w,
            args.county,
            names,
            certificate_no=args.certificate_no,
            unit=args.unit,
            on=calendar_today(),
        )
    if args.json:
        emit_json({"added": added})
    else:
        say(t("roster.out.added", count=len(added), skipped=len(names) - len(added)))
    return 0


def list_(args: argparse.Namespace) -> int:
    from inspector.cli.tabular import render
    from inspector.services.plans.roster import all_rosters, county_roster

    db = database(args, create=False, readonly=True)
    with db.read() as conn:
        members = county_roster(conn, args.county) if args.county else all_rosters(conn)
        from inspector.data.reference import ReferenceData

        ref = ReferenceData.load(conn)
    if args.json:
        emit_json([m.as_json() for m in members])
        return 0
    if not members:
        say(t("roster.out.none"))
        return 0
    rows = [
        [
            ref.regions[m.county_code].name_zh if m.county_code in ref.regions else m.county_code,
            m.name,
            m.certificate_no or "",
            m.unit or "",
            m.added_on or "",
        ]
        for m in members
    ]
    header = [
        t(f"field.roster_member.{k}")
        for k in ("county_code", "name", "certificate_no", "unit", "added_on")
    ]
    say(render(header, rows))
    return 0


def remove(args: argparse.Namespace) -> int:
    from inspector.services.plans.roster import remove_member

    db = database(args, create=False)
    with db.write(reason=args.reason or t("roster.reason_remove")) as w:
        member = remove_member(w, args.county, args.name, reason=args.reason)
    if args.json:
        emit_json({"removed": member})
    else:
        say(t("roster.out.removed", name=args.name))
    return 0
