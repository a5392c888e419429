"""`inspector plan ...`: self-inspection plans, their fulfilment, conflicts of interest,
and the published result."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inspector.cli.base import Commands, force_flag, group, json_flag
from inspector.cli.common import database
from inspector.cli.invalid import validated
from inspector.cli.output import emit_json, fail, say
from inspector.domain.periods import today as calendar_today
from inspector.i18n import Problem, language, t
from inspector.i18n.reasons import keyed

if TYPE_CHECKING:
    from inspector.services.plans import Draft


def date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(t("plan.bad_date", value=text)) from None


def add_commands(commands: Commands) -> None:
    plan = group(commands, "plan", "cmd.plan")

    p = plan.add_parser("draw", help=t("cmd.plan.draw"), description=t("cmd.plan.draw_long"))
    p.add_argument("--year", type=int, required=True, help=t("cmd.plan.year"))
    p.add_argument("--county", required=True, metavar="COUNTY", help=t("cmd.plan.county"))
    # Not an argparse exclusive group: the service says what is wrong in one sentence.
    p.add_argument("--count", type=int, metavar="N", help=t("cmd.plan.count"))
    p.add_argument("--fraction", metavar="F", help=t("cmd.plan.fraction"))
    p.add_argument("--seed", metavar="S", help=t("cmd.plan.seed"))
    p.add_argument("--method", default="double_random", metavar="METHOD", help=t("cmd.plan.method"))
    p.add_argument("--strata", metavar="category|river", help=t("cmd.plan.strata"))
    p.add_argument("--inspectors", metavar="NAMES", help=t("cmd.plan.inspectors_or_roster"))
    p.add_argument("--outfalls", metavar="CODES", help=t("cmd.plan.outfalls"))
    p.add_argument("--start", type=date_arg, metavar="DATE", help=t("cmd.plan.start"))
    p.add_argument("--end", type=date_arg, metavar="DATE", help=t("cmd.plan.end"))
    p.add_argument("--replace", action="store_true", help=t("cmd.plan.replace"))
    p.add_argument("--dry-run", action="store_true", help=t("cmd.plan.dry_run"))
    json_flag(p)
    p.set_defaults(handler=validated(draw))

    p = plan.add_parser("list", help=t("cmd.plan.list"), description=t("cmd.plan.list"))
    p.add_argument("--year", type=int, help=t("cmd.plan.year"))
    p.add_argument("--county", metavar="COUNTY", help=t("cmd.plan.county"))
    json_flag(p)
    p.set_defaults(handler=list_)

    p = plan.add_parser("show", help=t("cmd.plan.show"), description=t("cmd.plan.show"))
    p.add_argument("plan", metavar="PLAN", help=t("cmd.plan.plan_id"))
    json_flag(p)
    p.set_defaults(handler=show)

    p = plan.add_parser("verify", help=t("cmd.plan.verify"), description=t("cmd.plan.verify_long"))
    p.add_argument("plan", metavar="PLAN", nargs="?", help=t("cmd.plan.plan_id"))
    p.add_argument("--published", metavar="FILE", help=t("cmd.plan.published"))
    json_flag(p)
    p.set_defaults(handler=verify)

    p = plan.add_parser("link", help=t("cmd.plan.link"), description=t("cmd.plan.link_long"))
    p.add_argument("--plan", metavar="PLAN", help=t("cmd.plan.plan_id"))
    p.add_argument("--inspection", metavar="ID", help=t("cmd.plan.inspection"))
    p.add_argument("--item", metavar="ID", help=t("cmd.plan.item"))
    json_flag(p)
    p.set_defaults(handler=validated(link))

    p = plan.add_parser(
        "cancel-item", help=t("cmd.plan.cancel_item"), description=t("cmd.plan.cancel_item")
    )
    p.add_argument("item", metavar="ITEM", help=t("cmd.plan.item"))
    p.add_argument("--reason", required=True, help=t("cmd.plan.recuse_reason"))
    json_flag(p)
    p.set_defaults(handler=validated(cancel_item))

    p = plan.add_parser("publish", help=t("cmd.plan.publish"), description=t("cmd.plan.publish"))
    p.add_argument("plan", metavar="PLAN", help=t("cmd.plan.plan_id"))
    p.add_argument("file", metavar="FILE", help=t("cmd.plan.publish_file"))
    force_flag(p)
    json_flag(p)
    p.set_defaults(handler=publish)

    p = plan.add_parser("recuse", help=t("cmd.plan.recuse"), description=t("cmd.plan.recuse_long"))
    p.add_argument("--inspector", required=True, metavar="NAME", help=t("cmd.plan.recuse_name"))
    p.add_argument("--outfall", metavar="CODE", help=t("cmd.plan.recuse_outfall"))
    p.add_argument("--owner", metavar="OWNER", help=t("cmd.plan.recuse_owner"))
    p.add_argument("--reason", help=t("cmd.plan.recuse_reason"))
    p.add_argument("--on", type=date_arg, metavar="DATE", help=t("cmd.plan.recuse_on"))
    json_flag(p)
    p.set_defaults(handler=validated(recuse))

    p = plan.add_parser("recusals", help=t("cmd.plan.recusals"), description=t("cmd.plan.recusals"))
    p.add_argument("--county", metavar="COUNTY", help=t("cmd.plan.county"))
    json_flag(p)
    p.set_defaults(handler=recusals)

    p = plan.add_parser("withdraw", help=t("cmd.plan.withdraw"), description=t("cmd.plan.withdraw"))
    p.add_argument("recusal", metavar="ID", help=t("cmd.plan.recusal_id"))
    p.add_argument("--reason", help=t("cmd.plan.recuse_reason"))
    json_flag(p)
    p.set_defaults(handler=validated(withdraw))


def _names(text: str) -> list[str]:
    from inspector.services.plans import split_names

    if text.startswith("@"):
        path = Path(text[1:])
        try:
            content = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise Problem("io.not_found", path=path) from None
        except UnicodeDecodeError:
            raise Problem("plan.names_file_encoding", file=path.name) from None
        return split_names(content)
    return split_names(text)


def _county_code(conn: Any, text: str | None) -> str | None:
    if text is None:
        return None
    from inspector.data.reference import ReferenceData
    from inspector.services.plans.draw import resolve_county

    return resolve_county(ReferenceData.load(conn), text)


def draw(args: argparse.Namespace) -> int:
    from inspector.services.plans import DrawRequest, prepare_draw, save_plan

    request = DrawRequest(
        year=args.year,
        county=args.county,
        inspectors=_names(args.inspectors) if args.inspectors is not None else None,
        method=args.method,
        count=args.count,
        fraction=args.fraction,
        strata=args.strata,
        seed=args.seed,
        outfalls=_names(args.outfalls) if args.outfalls else (),
        start=args.start,
        end=args.end,
    )
    today = calendar_today()
    db = database(args, create=False, readonly=args.dry_run)
    if args.dry_run:
        with db.read() as conn:
            draft = prepare_draw(conn, request, today=today)
        plan_id = None
    else:
        with db.write(reason=keyed("reason.plan_drawn")) as w:
            draft = prepare_draw(w.conn, request, today=today)
            plan_id = save_plan(w, draft, replace=args.replace)
    if args.json:
        emit_json({"plan_id": plan_id, "saved": plan_id is not None, **draft.as_json()})
        return 0
    _print_draft(draft, plan_id)
    return 0


def _print_draft(draft: Draft, plan_id: str | None) -> None:
    from inspector.cli.tabular import pad, render, width
    from inspector.domain.choices import Category, PlanMethod
    from inspector.services.plans.draw import candidate_digest

    inputs = draft.inputs
    lang = language()
    size = (
        t("plan.out.count", count=inputs["count"])
        if inputs.get("count") is not None
        else t("plan.out.fraction", fraction=inputs["fraction"])
        if inputs.get("fraction")
        else t("plan.out.all")
    )
    say(
        t("plan.out.saved", plan=plan_id) if plan_id else t("plan.out.dry_run"),
    )
    facts = [
        (t("plan.out.year"), str(draft.year)),
        (t("plan.out.county"), f"{draft.county_name} ({draft.county})"),
        (t("plan.out.method"), PlanMethod.of(draft.method).label(lang)),
        (t("plan.out.seed"), draft.seed),
        (t("plan.out.algorithm"), inputs["algorithm"]),
        (t("plan.out.size"), size),
        (t("plan.out.strata"), inputs.get("strata") or "—"),
        (t("plan.out.window"), f"{inputs['window'][0]} – {inputs['window'][1]}"),
        (
            t("plan.out.candidates"),
            t(
                "plan.out.candidates_value",
                count=draft.candidate_count,
                digest=candidate_digest(inputs)[:16],
            ),
        ),
        (t("plan.out.pool"), "、".join(inputs["inspectors"])),
    ]
    if inputs.get("strata"):

        def stratum_label(key: str) -> str:
            if inputs["strata"] == "category":
                return Category.of(key).label(lang)
            return key

        facts.append(
            (
                t("plan.out.allocation"),
                ("，" if lang == "zh" else ", ").join(
                    f"{stratum_label(k)} {v}" for k, v in sorted(draft.seats.items())
                ),
            )
        )
    excluded = sum(len(v) for v in inputs.get("excluded", {}).values())
    facts.append((t("plan.out.recusals"), str(excluded)))
    label_width = max(width(label) for label, _ in facts)
    for label, value in facts:
        say(f"  {pad(label, label_width)}  {value}")
    say("")
    targeted = any(item.reasons for item in draft.items)
    rows = []
    for n, item in enumerate(draft.items, start=1):
        code, name, _river = draft.codes.get(item.outfall_id, ("?", "", ""))
        row = [n, item.due_date.isoformat(), code, name, f"{item.inspector_a}、{item.inspector_b}"]
        if targeted:
            row.append("、".join(t(f"plan.reason.{r}") for r in item.reasons))
        rows.append(row)
    header = [
        t("plan.col.no"),
        t("plan.col.due"),
        t("plan.col.code"),
        t("plan.col.name"),
        t("plan.col.inspectors"),
    ]
    if targeted:
        header.append(t("plan.col.reasons"))
    say(render(header, rows, numeric=(0,)))
    say("")
    say(t("plan.out.rerun", seed=draft.seed))


def list_(args: argparse.Namespace) -> int:
    from inspector.cli.tabular import render
    from inspector.domain.choices import PlanMethod
    from inspector.domain.ids import unique_prefixes
    from inspector.domain.moments import shown as local_time
    from inspector.services.plans import list_plans

    db = database(args, create=False, readonly=True)
    with db.read() as conn:
        county = _county_code(conn, args.county)
        plans = list_plans(conn, today=calendar_today(), year=args.year, county=county)
        every = [p.id for p in list_plans(conn, today=calendar_today())]
    shown = unique_prefixes([p.id for p in plans], every)
    if args.json:
        emit_json([p.as_json() for p in plans])
        return 0
    if not plans:
        say(t("plan.out.none"))
        return 0
    rows = [
        [
            shown[p.id],
            p.year,
            p.county_name,
            PlanMethod.of(p.method).label(language()),
            p.items,
            p.done,
            p.overdue,
            f"{p.fulfilled_share * 100:.0f}%",
            local_time(p.published_at)[:10],
        ]
        for p in plans
    ]
    header = [
        t(f"plan.col.{k}")
        for k in (
            "id",
            "year",
            "county",
            "method",
            "items",
            "done",
            "overdue",
            "share",
            "published",
        )
    ]
    say(render(header, rows, numeric=(4, 5, 6, 7)))
    return 0


def show(args: argparse.Namespace) -> int:
    from inspector.cli.tabular import render
    from inspector.domain.choices import PlanItemStatus, PlanMethod
    from inspector.services.plans import find_plan, plan_items, plan_summary

    db = database(args, create=False, readonly=True)
    today = calendar_today()
    with db.read() as conn:
        plan_id = find_plan(conn, args.plan)
        summary = plan_summary(conn, plan_id, today=today)
        items = plan_items(conn, plan_id, today=today)
    if args.json:
        emit_json({"plan": summary.as_json(), "items": [i.as_json() for i in items]})
        return 0
    lang = language()
    say(
        t(
            "plan.out.heading",
            year=summary.year,
            county=summary.county_name,
            method=PlanMethod.of(summary.method).label(lang),
            seed=summary.seed or "—",
        )
    )
    say(
        t(
            "plan.out.progress",
            done=summary.done,
            items=summary.items,
            overdue=summary.overdue,
            cancelled=summary.cancelled,
        )
    )
    rows = []
    for n, item in enumerate(items, start=1):
        status = PlanItemStatus.of(item.status).label(lang)
        if item.overdue:
            status = t("plan.out.overdue_status")
        rows.append(
            [
                n,
                item.due_date.isoformat() if item.due_date else "",
                item.code,
                item.name,
                f"{item.inspector_a or ''}、{item.inspector_b or ''}",
                status,
                item.inspected_on.isoformat() if item.inspected_on else "",
            ]
        )
    header = [
        t(f"plan.col.{k}")
        for k in ("no", "due", "code", "name", "inspectors", "status", "inspected_on")
    ]
    say(render(header, rows, numeric=(0,)))
    return 0


def verify(args: argparse.Namespace) -> int:
    if args.published is not None:
        if args.plan is not None:
            raise Problem("plan.verify_one_of")
        return _verify_published(args)
    if args.plan is None:
        raise Problem("plan.verify_what")
    from inspector.services.plans import find_plan, verify_plan

    db = database(args, create=False, readonly=True)
    with db.read() as conn:
        result = verify_plan(conn, find_plan(conn, args.plan))
    if args.json:
        emit_json(result.as_json())
    elif result.ok:
        say(t("plan.out.verified", count=result.matching))
    else:
        say(
            t(
                "plan.out.verify_differs",
                matching=result.matching,
                expected=result.expected,
                missing=len(result.missing),
                extra=len(result.extra),
                changed=len(result.changed),
            )
        )
    return 0


def _verify_published(args: argparse.Namespace) -> int:
    """Re-run a draw from its published file alone: no database is opened."""
    from inspector.services.plans.draw import verify_record
    from inspector.services.plans.publish import read_record

    result = verify_record(read_record(Path(args.published)))
    if args.json:
        emit_json(result.as_json())
        return 0 if result.ok else 1
    if result.ok:
        say(
            t(
                "plan.out.published_verified",
                count=len(result.expected),
                candidates=result.candidates,
                algorithm=result.algorithm,
            )
        )
        return 0
    doc = result.as_json()
    fail(
        t(
            "plan.out.published_differs",
            matching=doc["matching"],
            expected=doc["expected"],
            missing="、".join(result.missing) or "—",
            extra="、".join(result.extra) or "—",
            changed="、".join(result.changed) or "—",
            digest=t("ui.yes") if result.digest_ok else t("ui.no"),
        )
    )
    return 1


def link(args: argparse.Namespace) -> int:
    from inspector.services.plans import find_plan, link_inspection, link_pending

    if args.item and not args.inspection:
        raise Problem("plan.item_needs_inspection")
    db = database(args, create=False)
    with db.write(reason=keyed("reason.plan_items_linked")) as w:
        if args.inspection:
            item = link_inspection(w, args.inspection, item_id=args.item)
            result: dict[str, Any] = {"inspection": args.inspection, "item": item}
            text = t("plan.out.linked_one", item=item) if item else t("plan.out.linked_none")
        else:
            plan_id = find_plan(w.conn, args.plan) if args.plan else None
            report = link_pending(w, plan_id=plan_id)
            result = report.as_json()
            text = t("plan.out.linked", linked=report.linked, reopened=report.reopened)
    if args.json:
        emit_json(result)
    else:
        say(text)
    return 0


def cancel_item(args: argparse.Namespace) -> int:
    from inspector.services.plans import cancel_item as cancel

    db = database(args, create=False)
    with db.write(reason=keyed("reason.plan_item_cancelled")) as w:
        cancel(w, args.item, reason=args.reason)
    if args.json:
        emit_json({"item": args.item, "cancelled": True})
    else:
        say(t("plan.out.cancelled", item=args.item))
    return 0


def publish(args: argparse.Namespace) -> int:
    from inspector.services.outputs import refuse_existing
    from inspector.services.plans import find_plan, publish_results

    refuse_existing([Path(args.file)], force=args.force)
    db = database(args, create=False)
    with db.read() as conn:
        plan_id = find_plan(conn, args.plan)
    report = publish_results(db, plan_id, Path(args.file))
    if args.json:
        emit_json(report.as_json())
    else:
        say(t("plan.out.published", rows=report.rows, file=report.file))
        if report.record_file:
            say(t("plan.out.record_beside", file=report.record_file))
    return 0


def recuse(args: argparse.Namespace) -> int:
    from inspector.services.plans import declare_recusal

    db = database(args, create=False)
    with db.write(reason=keyed("reason.recusal_declared")) as w:
        rid = declare_recusal(
            w,
            inspector=args.inspector,
            outfall_code=args.outfall,
            owner=args.owner,
            reason=args.reason,
            declared_on=args.on or calendar_today(),
        )
    if args.json:
        emit_json({"id": rid})
    else:
        say(t("plan.out.recused", name=args.inspector, id=rid))
    return 0


def recusals(args: argparse.Namespace) -> int:
    from inspector.cli.tabular import render
    from inspector.services.plans import list_recusals

    db = database(args, create=False, readonly=True)
    with db.read() as conn:
        county = _county_code(conn, args.county)
        views = list_recusals(conn, county=county)
    if args.json:
        emit_json([v.as_json() for v in views])
        return 0
    if not views:
        say(t("plan.out.no_recusals"))
        return 0
    rows = [
        [v.id, v.inspector, v.outfall_code or v.owner_name, v.reason or "", v.declared_on]
        for v in views
    ]
    header = [t(f"plan.col.{k}") for k in ("id", "inspector", "target", "reason", "declared_on")]
    say(render(header, rows))
    return 0


def withdraw(args: argparse.Namespace) -> int:
    from inspector.services.plans import withdraw_recusal

    db = database(args, create=False)
    with db.write(reason=keyed("reason.recusal_withdrawn")) as w:
        withdraw_recusal(w, args.recusal, reason=args.reason)
    if args.json:
        emit_json({"id": args.recusal, "withdrawn": True})
    else:
        say(t("plan.out.withdrawn", id=args.recusal))
    return 0
