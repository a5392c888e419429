"""`inspector complaint ...`: public complaints (公众举报), their deadlines and answers."""

from __future__ import annotations

import argparse

from inspector.cli.base import Commands, group, json_flag
from inspector.cli.common import database
from inspector.cli.invalid import validated
from inspector.cli.output import emit_json, say
from inspector.domain.periods import today as calendar_today
from inspector.i18n import t


def add_commands(commands: Commands) -> None:
    complaint = group(commands, "complaint", "cmd.complaint")

    p = complaint.add_parser(
        "record",
        help=t("cmd.complaint.record"),
        description=t("cmd.complaint.record_long", days=60),
    )
    p.add_argument("--content", required=True, metavar="TEXT", help=t("cmd.complaint.content"))
    p.add_argument("--outfall", metavar="CODE", help=t("cmd.complaint.outfall"))
    p.add_argument("--county", metavar="COUNTY", help=t("cmd.complaint.county"))
    p.add_argument("--received", metavar="DATE", help=t("cmd.complaint.received"))
    p.add_argument(
        "--channel", default="hotline", metavar="CHANNEL", help=t("cmd.complaint.channel")
    )
    p.add_argument("--complainant", metavar="NAME", help=t("cmd.complaint.complainant"))
    p.add_argument("--contact", metavar="TEXT", help=t("cmd.complaint.contact"))
    json_flag(p)
    p.set_defaults(handler=validated(record))

    p = complaint.add_parser(
        "answer", help=t("cmd.complaint.answer"), description=t("cmd.complaint.answer")
    )
    p.add_argument("complaint", metavar="ID", help=t("cmd.complaint.id"))
    p.add_argument("--answer", required=True, metavar="TEXT", help=t("cmd.complaint.answer_text"))
    p.add_argument("--by", required=True, metavar="NAME", help=t("cmd.complaint.by"))
    p.add_argument("--on", metavar="DATE", help=t("cmd.complaint.on"))
    p.add_argument("--inspection", metavar="ID", help=t("cmd.complaint.inspection"))
    json_flag(p)
    p.set_defaults(handler=validated(answer))

    p = complaint.add_parser(
        "list", help=t("cmd.complaint.list"), description=t("cmd.complaint.list")
    )
    p.add_argument("--city", metavar="CITY", help=t("cmd.report.city"))
    p.add_argument("--open", action="store_true", help=t("cmd.complaint.open"))
    p.add_argument("--overdue", action="store_true", help=t("cmd.complaint.overdue"))
    json_flag(p)
    p.set_defaults(handler=list_)


def record(args: argparse.Namespace) -> int:
    from inspector.services.complaints import record_complaint

    db = database(args, create=False)
    with db.write(reason="complaint recorded") as w:
        complaint_id, due = record_complaint(
            w,
            content=args.content,
            outfall_code=args.outfall,
            county=args.county,
            received_on=args.received,
            channel=args.channel,
            complainant=args.complainant,
            contact=args.contact,
            today=calendar_today(),
        )
    if args.json:
        emit_json({"id": complaint_id, "due_on": due.isoformat()})
    else:
        say(t("complaint.recorded", id=complaint_id, due=due.isoformat()))
    return 0


def answer(args: argparse.Namespace) -> int:
    from inspector.services.complaints import answer_complaint

    db = database(args, create=False)
    with db.write(reason="complaint answered") as w:
        complaint_id = answer_complaint(
            w,
            args.complaint,
            answer=args.answer,
            by=args.by,
            on=args.on,
            inspection=args.inspection,
            today=calendar_today(),
        )
    if args.json:
        emit_json({"id": complaint_id, "answered": True})
    else:
        say(t("complaint.answered", id=complaint_id))
    return 0


def list_(args: argparse.Namespace) -> int:
    from inspector.cli.tabular import render
    from inspector.domain.choices import ComplaintChannel
    from inspector.i18n import language
    from inspector.services.complaints import list_complaints
    from inspector.services.progress import resolve_city

    today = calendar_today()
    db = database(args, create=False, readonly=True)
    with db.read() as conn:
        city = resolve_city(conn, args.city) if args.city else None
        views = list_complaints(
            conn, city=city, open_only=args.open, overdue_on=today if args.overdue else None
        )
    if args.json:
        emit_json({"today": today.isoformat(), "complaints": [v.as_json(today) for v in views]})
        return 0
    if not views:
        say(t("complaint.none"))
        return 0
    lang = language()
    header = [
        t(f"complaint.col.{k}")
        for k in ("id", "received", "county", "outfall", "channel", "due", "status", "content")
    ]
    rows = []
    for v in views:
        channel = ComplaintChannel.parse(v.channel)
        rows.append(
            [
                v.id,
                v.received_on.isoformat(),
                v.county_name,
                v.outfall_code or "",
                channel.label(lang) if channel else v.channel,
                v.due_on.isoformat(),
                v.status(today),
                v.content if len(v.content) <= 30 else v.content[:29] + "…",
            ]
        )
    say(render(header, rows))
    return 0
