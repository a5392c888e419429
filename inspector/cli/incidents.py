"""`inspector incident ...`: cross-boundary pollution incidents and the notification of
the regions downstream."""

from __future__ import annotations

import argparse

from inspector.cli.base import Commands, group, json_flag
from inspector.cli.common import database
from inspector.cli.invalid import validated
from inspector.cli.output import emit_json, say
from inspector.i18n import language, t
from inspector.i18n.reasons import keyed


def add_commands(commands: Commands) -> None:
    incident = group(commands, "incident", "cmd.incident")

    p = incident.add_parser(
        "record", help=t("cmd.incident.record"), description=t("cmd.incident.record_long")
    )
    p.add_argument("--river", metavar="RIVER", help=t("cmd.incident.river"))
    p.add_argument("--outfall", metavar="CODE", help=t("cmd.incident.outfall"))
    p.add_argument("--region", metavar="REGION", help=t("cmd.incident.region"))
    p.add_argument("--at", required=True, metavar="TIME", help=t("cmd.incident.at"))
    p.add_argument(
        "--description", required=True, metavar="TEXT", help=t("cmd.incident.description")
    )
    p.add_argument("--reported-by", metavar="NAME", help=t("cmd.incident.reported_by"))
    json_flag(p)
    p.set_defaults(handler=validated(record))

    p = incident.add_parser(
        "notify", help=t("cmd.incident.notify"), description=t("cmd.incident.notify")
    )
    p.add_argument("incident", metavar="INCIDENT", help=t("cmd.incident.id"))
    p.add_argument("--region", required=True, metavar="REGION", help=t("cmd.incident.notified"))
    p.add_argument("--by", required=True, metavar="NAME", help=t("cmd.incident.by"))
    p.add_argument("--method", required=True, metavar="METHOD", help=t("cmd.incident.method"))
    p.add_argument("--at", metavar="TIME", help=t("cmd.incident.notified_at"))
    p.add_argument("--notes", metavar="TEXT", help=t("cmd.incident.notes"))
    json_flag(p)
    p.set_defaults(handler=validated(notify))

    p = incident.add_parser("list", help=t("cmd.incident.list"), description=t("cmd.incident.list"))
    p.add_argument("--open", action="store_true", help=t("cmd.incident.open"))
    json_flag(p)
    p.set_defaults(handler=list_)

    p = incident.add_parser("show", help=t("cmd.incident.show"), description=t("cmd.incident.show"))
    p.add_argument("incident", metavar="INCIDENT", help=t("cmd.incident.id"))
    json_flag(p)
    p.set_defaults(handler=show)


def local(stored: str | None) -> str:
    """A stored UTC moment in this computer's time zone, as times are typed in."""
    from inspector.domain.moments import shown

    return shown(stored)


def _print(view: object) -> None:
    from inspector.cli.tabular import render
    from inspector.services.incidents import IncidentView

    assert isinstance(view, IncidentView)

    say(
        t(
            "incident.out.heading",
            id=view.id,
            river=view.river_name,
            region=view.region_name,
            at=local(view.occurred_at),
        )
    )
    if view.outfall_code:
        say(t("incident.out.outfall", code=view.outfall_code))
    say(view.description)
    if not view.notices:
        say(t("incident.out.no_downstream"))
        return
    rows = [
        [
            n.region_name,
            t("incident.out.pending") if n.pending else local(n.notified_at),
            n.notified_by or "",
            n.method or "",
            n.notes or "",
        ]
        for n in view.notices
    ]
    header = [t(f"incident.col.{k}") for k in ("region", "when", "by", "method", "notes")]
    say(render(header, rows))


def record(args: argparse.Namespace) -> int:
    from inspector.services.incidents import incident, record_incident

    db = database(args, create=False)
    with db.write(reason=keyed("reason.incident_recorded")) as w:
        incident_id, downstream = record_incident(
            w,
            occurred_at=args.at,
            description=args.description,
            river=args.river,
            outfall_code=args.outfall,
            region=args.region,
            reported_by=args.reported_by,
        )
    with db.read() as conn:
        view = incident(conn, incident_id)
    if args.json:
        emit_json({**view.as_json(), "to_notify": downstream})
        return 0
    _print(view)
    if downstream:
        sep = "、" if language() == "zh" else ", "
        say(t("incident.out.to_notify", regions=sep.join(n.region_name for n in view.notices)))
    return 0


def notify(args: argparse.Namespace) -> int:
    from inspector.services.incidents import find_incident, incident
    from inspector.services.incidents import notify as record_notice

    db = database(args, create=False)
    with db.write(reason=keyed("reason.incident_notified")) as w:
        incident_id = find_incident(w.conn, args.incident)
        record_notice(
            w,
            incident_id,
            region=args.region,
            by=args.by,
            method=args.method,
            at=args.at,
            notes=args.notes,
        )
    with db.read() as conn:
        view = incident(conn, incident_id)
    if args.json:
        emit_json(view.as_json())
        return 0
    _print(view)
    return 0


def list_(args: argparse.Namespace) -> int:
    from inspector.cli.tabular import render
    from inspector.domain.ids import unique_prefixes
    from inspector.services.incidents import list_incidents

    db = database(args, create=False, readonly=True)
    with db.read() as conn:
        views = list_incidents(conn, open_only=args.open)
        every = [v.id for v in list_incidents(conn, open_only=False)]
    shown = unique_prefixes([v.id for v in views], every)
    if args.json:
        emit_json([v.as_json() for v in views])
        return 0
    if not views:
        say(t("incident.out.none"))
        return 0
    rows = [
        [
            shown[v.id],
            local(v.occurred_at),
            v.river_name,
            v.region_name,
            v.outfall_code or "",
            len(v.notices) - len(v.pending),
            len(v.pending),
        ]
        for v in views
    ]
    header = [
        t(f"incident.col.{k}")
        for k in ("id", "occurred", "river", "where", "outfall", "notified", "pending")
    ]
    say(render(header, rows, numeric=(5, 6)))
    return 0


def show(args: argparse.Namespace) -> int:
    from inspector.services.incidents import find_incident, incident

    db = database(args, create=False, readonly=True)
    with db.read() as conn:
        view = incident(conn, find_incident(conn, args.incident))
    if args.json:
        emit_json(view.as_json())
    else:
        _print(view)
    return 0
