"""`inspector outfall ...`: the whole lifecycle of one outfall from the command line.

Every command names the outfall by its code (local or national: `data.outfalls.
find_outfall`, the one way to look one up) and calls the same service as the outfall
screen's dialogs (`inspector.services.register`), so the validation and the one-line
refusals are the UI's own. `--json` prints one JSON document.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from inspector.cli.base import Commands, group, json_flag
from inspector.cli.common import database
from inspector.cli.invalid import validated
from inspector.cli.output import emit_json, fail, say
from inspector.domain.periods import today as calendar_today
from inspector.i18n import Problem, language, t


def _code(p: argparse.ArgumentParser) -> None:
    p.add_argument("code", metavar="CODE", help=t("cmd.outfall.code"))


def add_commands(commands: Commands) -> None:
    outfall = group(commands, "outfall", "cmd.outfall")

    p = outfall.add_parser("show", help=t("cmd.outfall.show"), description=t("cmd.outfall.show"))
    _code(p)
    json_flag(p)
    p.set_defaults(handler=show)

    p = outfall.add_parser(
        "edit", help=t("cmd.outfall.edit"), description=t("cmd.outfall.edit_long")
    )
    _code(p)
    p.add_argument(
        "--set",
        dest="changes",
        action="append",
        required=True,
        metavar="FIELD=VALUE",
        help=t("cmd.outfall.set"),
    )
    p.add_argument("--reason", metavar="TEXT", help=t("cmd.outfall.reason"))
    json_flag(p)
    p.set_defaults(handler=validated(edit))

    p = outfall.add_parser("step", help=t("cmd.outfall.step"), description=t("cmd.outfall.step"))
    _code(p)
    p.add_argument("--to", required=True, metavar="STATE", help=t("cmd.outfall.to"))
    p.add_argument("--reason", metavar="TEXT", help=t("cmd.outfall.reason"))
    json_flag(p)
    p.set_defaults(handler=validated(step))

    p = outfall.add_parser("owner", help=t("cmd.outfall.owner"), description=t("cmd.outfall.owner"))
    _code(p)
    p.add_argument("--name", required=True, metavar="NAME", help=t("cmd.outfall.owner_name"))
    p.add_argument("--credit-code", metavar="CODE", help=t("cmd.outfall.credit_code"))
    p.add_argument("--kind", metavar="KIND", help=t("cmd.outfall.kind"))
    p.add_argument("--industry", metavar="TEXT", help=t("cmd.outfall.industry"))
    p.add_argument("--address", metavar="TEXT", help=t("cmd.outfall.address"))
    p.add_argument("--contact", metavar="NAME", help=t("cmd.outfall.contact"))
    p.add_argument("--phone", metavar="PHONE", help=t("cmd.outfall.phone"))
    p.add_argument("--permit-no", metavar="NO", help=t("cmd.outfall.permit_no"))
    p.add_argument("--role", default="main", metavar="main|other", help=t("cmd.outfall.role"))
    p.add_argument("--basis", default="traced", metavar="BASIS", help=t("cmd.outfall.basis"))
    p.add_argument("--evidence", metavar="TEXT", help=t("cmd.outfall.evidence"))
    p.add_argument("--from", dest="valid_from", metavar="DATE", help=t("cmd.outfall.from"))
    json_flag(p)
    p.set_defaults(handler=validated(owner))

    p = outfall.add_parser(
        "backstop", help=t("cmd.outfall.backstop"), description=t("cmd.outfall.backstop_long")
    )
    _code(p)
    p.add_argument("--evidence", required=True, metavar="TEXT", help=t("cmd.outfall.evidence"))
    json_flag(p)
    p.set_defaults(handler=validated(backstop))

    p = outfall.add_parser(
        "annotate-permit",
        help=t("cmd.outfall.annotate"),
        description=t("cmd.outfall.annotate_long"),
    )
    _code(p)
    p.add_argument("--text", required=True, metavar="TEXT", help=t("cmd.outfall.annotation"))
    json_flag(p)
    p.set_defaults(handler=validated(annotate))

    p = outfall.add_parser("trace", help=t("cmd.outfall.trace"), description=t("cmd.outfall.trace"))
    _code(p)
    p.add_argument("--methods", required=True, metavar="M1,M2", help=t("cmd.outfall.methods"))
    p.add_argument("--conclusion", required=True, metavar="TEXT", help=t("cmd.outfall.conclusion"))
    p.add_argument("--result", required=True, metavar="RESULT", help=t("cmd.outfall.result"))
    p.add_argument("--route", metavar="TEXT", help=t("cmd.outfall.route"))
    p.add_argument("--on", metavar="DATE", help=t("cmd.outfall.on"))
    p.add_argument("--staff", metavar="NAMES", help=t("cmd.outfall.staff"))
    json_flag(p)
    p.set_defaults(handler=validated(trace))

    p = outfall.add_parser("plan", help=t("cmd.outfall.plan"), description=t("cmd.outfall.plan"))
    _code(p)
    p.add_argument("--measure", metavar="MEASURE", help=t("cmd.outfall.measure"))
    p.add_argument("--deadline", metavar="DATE", help=t("cmd.outfall.deadline"))
    p.add_argument("--transition-end", metavar="DATE", help=t("cmd.outfall.transition_end"))
    p.add_argument("--merge-into", metavar="CODE", help=t("cmd.outfall.merge_into"))
    p.add_argument("--plan-text", metavar="TEXT", help=t("cmd.outfall.plan_text"))
    p.add_argument("--responsible", metavar="TEXT", help=t("cmd.outfall.responsible"))
    p.add_argument("--immediate", action="store_true", help=t("cmd.outfall.immediate"))
    json_flag(p)
    p.set_defaults(handler=validated(plan))

    p = outfall.add_parser(
        "complete", help=t("cmd.outfall.complete"), description=t("cmd.outfall.complete")
    )
    _code(p)
    p.add_argument("--evidence", required=True, metavar="TEXT", help=t("cmd.outfall.evidence"))
    p.add_argument("--retest-result", metavar="TEXT", help=t("cmd.outfall.retest_result"))
    p.add_argument("--retest-passed", choices=("yes", "no"), help=t("cmd.outfall.retest_passed"))
    json_flag(p)
    p.set_defaults(handler=validated(complete))

    p = outfall.add_parser(
        "signoff", help=t("cmd.outfall.signoff"), description=t("cmd.outfall.signoff_long")
    )
    _code(p)
    p.add_argument(
        "--level", required=True, choices=("county", "city"), help=t("cmd.outfall.level")
    )
    p.add_argument("--by", required=True, metavar="NAME", help=t("cmd.outfall.by"))
    p.add_argument("--on", metavar="DATE", help=t("cmd.outfall.on"))
    json_flag(p)
    p.set_defaults(handler=validated(signoff))

    p = outfall.add_parser(
        "settle", help=t("cmd.outfall.settle"), description=t("cmd.outfall.settle")
    )
    _code(p)
    json_flag(p)
    p.set_defaults(handler=validated(settle))


# -- helpers ---------------------------------------------------------------------------------


def _date(text: str | None, field: str = "deadline") -> dt.date | None:
    """A date as typed (the model's own converter: 2026-06-30, 2026/6/30, 2026年6月30日)."""
    if text is None:
        return None
    from inspector.models import Remediation
    from inspector.models.spec import Invalid, spec_for

    try:
        return dt.date.fromisoformat(spec_for(Remediation).fields["deadline"].convert(text))
    except Invalid:
        raise Problem("outfall.bad_date", value=text, option=field) from None


def _result(args: argparse.Namespace, outfall_id: str, payload: dict[str, Any], line: str) -> int:
    """Print what a step did: a sentence and the next steps, or one JSON document."""
    from inspector.data.outfalls import outfall_ref
    from inspector.services.register import next_steps

    db = database(args, create=False)
    with db.read() as conn:
        ref = outfall_ref(conn, outfall_id=outfall_id)
    steps = next_steps(db, outfall_id)
    assert ref is not None
    if args.json:
        emit_json(
            {
                "outfall": ref.code,
                "id": ref.id,
                "state": ref.state,
                **payload,
                "next": [s.as_json() for s in steps],
            }
        )
        return 0
    say(line)
    _print_next(steps)
    return 0


def _print_next(steps: list[Any]) -> None:
    if not steps:
        say(t("rem.next.none"))
        return
    lang = language()
    sep = "；" if lang == "zh" else "; "
    parts = []
    for s in steps:
        label = s.state.label(lang)
        if s.ready:
            parts.append(t("rem.next.ready", state=label))
        else:
            parts.append(t("rem.next.needs", state=label, missing=sep.join(s.problems)))
    say(t("rem.next", steps=("，" if lang == "zh" else "; ").join(parts)))


def _find(conn: Any, code: str) -> Any:
    from inspector.data.outfalls import find_outfall

    return find_outfall(conn, code=code)


# -- commands --------------------------------------------------------------------------------


def show(args: argparse.Namespace) -> int:
    from inspector.data.outfalls import outfall_detail
    from inspector.domain.choices import Category, Measure, State

    db = database(args, create=False)
    with db.read() as conn:
        ref = _find(conn, args.code)
        detail = outfall_detail(conn, outfall_id=ref.id, today=calendar_today().isoformat())
    from inspector.services.register import next_steps

    steps = next_steps(db, ref.id)
    if args.json:
        emit_json({**detail, "next": [s.as_json() for s in steps]})
        return 0
    lang = language()
    o = detail["outfall"]
    say(f"{o['code']}  {o['name']}")
    say(
        "  "
        + " · ".join(
            part
            for part in (
                State.of(o["state"]).label(lang),
                Category.of(o["category"]).label(lang) if Category.parse(o["category"]) else "",
                o["river"],
            )
            if part
        )
    )
    owner = detail["owner"]
    say("  " + t("head.owner", owner=owner["name"] if owner else t("owner.none.short")))
    rem = detail["remediation"]
    if rem:
        measure = Measure.of(rem["measure"]).label(lang) if rem["measure"] else ""
        due = rem["transition_end"] or rem["deadline"] or ""
        say("  " + t("outfall.out.remediation", measure=measure, deadline=due))
    _print_next(steps)
    return 0


def edit(args: argparse.Namespace) -> int:
    from inspector.services import register as reg

    changes: dict[str, Any] = {}
    for item in args.changes:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise Problem("outfall.bad_set", item=item)
        changes[name.strip()] = value.strip() or None
    db = database(args, create=False)
    with db.write(reason=args.reason or t("details.reason")) as w:
        ref = _find(w.conn, args.code)
        reg.update_outfall(w, ref.id, changes, reason=args.reason or t("details.reason"))
    return _result(
        args, ref.id, {"changed": sorted(changes)}, t("outfall.out.edited", code=ref.code)
    )


def step(args: argparse.Namespace) -> int:
    from inspector.domain.choices import State
    from inspector.services import register as reg

    target = State.parse(args.to)
    if target is None:
        lang = language()
        raise Problem(
            "outfall.bad_state",
            state=args.to,
            options=", ".join(f"{s.value} ({s.label(lang)})" for s in State),
        )
    db = database(args, create=False)
    with db.write(reason=args.reason) as w:
        ref = _find(w.conn, args.code)
        reg.transition(w, ref.id, target, reason=args.reason)
    lang = language()
    line = t(
        "outfall.out.stepped",
        code=ref.code,
        current=State.of(ref.state).label(lang),
        target=target.label(lang),
    )
    return _result(args, ref.id, {"previous": ref.state}, line)


def owner(args: argparse.Namespace) -> int:
    from inspector.domain.choices import AssignmentBasis, AssignmentRole, OwnerKind
    from inspector.services import register as reg

    role = _parse(AssignmentRole, args.role, "--role")
    basis = _parse(AssignmentBasis, args.basis, "--basis")
    if basis is AssignmentBasis.GOVERNMENT_BACKSTOP:
        raise Problem("outfall.backstop_command")
    values = {
        "name": args.name,
        "credit_code": args.credit_code,
        "kind": args.kind,
        "industry": args.industry,
        "address": args.address,
        "contact": args.contact,
        "phone": args.phone,
        "permit_no": args.permit_no,
    }
    db = database(args, create=False)
    with db.write(reason=t("owner.assign.reason")) as w:
        ref = _find(w.conn, args.code)
        # An owner already registered keeps what it holds: a detail given here fills a
        # blank, and one that differs is refused with both values (nothing is saved).
        owner_id = reg.find_or_create_owner(
            w, values, seen={}, defaults={"kind": OwnerKind.ENTERPRISE.value}
        )
        reg.assign_owner(
            w,
            ref.id,
            owner_id,
            role=role,
            basis=basis,
            evidence=args.evidence,
            valid_from=_date(args.valid_from, "--from"),
            reason=t("owner.assign.reason"),
        )
        warning = reg.permit_annotation_warning(w, owner_id)
    if warning and not args.json:
        fail(t("cli.warning", message=warning))
    return _result(
        args,
        ref.id,
        {"owner_id": owner_id, "warnings": [warning] if warning else []},
        t("outfall.out.owner", code=ref.code, owner=args.name),
    )


def backstop(args: argparse.Namespace) -> int:
    from inspector.services import register as reg

    db = database(args, create=False)
    with db.write(reason=t("owner.backstop.reason")) as w:
        ref = _find(w.conn, args.code)
        reg.assign_government_backstop(
            w, ref.id, evidence=args.evidence, reason=t("owner.backstop.reason")
        )
        current = reg.current_main_assignment(w, ref.id)
    assert current is not None
    return _result(
        args,
        ref.id,
        {"owner": current["owner_name"]},
        t("outfall.out.owner", code=ref.code, owner=current["owner_name"]),
    )


def annotate(args: argparse.Namespace) -> int:
    from inspector.services import register as reg

    db = database(args, create=False)
    with db.write(reason=t("outfall.annotation_reason")) as w:
        ref = _find(w.conn, args.code)
        current = reg.current_main_assignment(w, ref.id)
        if current is None:
            raise Problem("outfall.no_owner", code=ref.code)
        reg.record_permit_annotation(
            w, current["owner_id"], args.text, reason=t("outfall.annotation_reason")
        )
    return _result(
        args,
        ref.id,
        {"owner": current["owner_name"]},
        t("outfall.out.annotated", owner=current["owner_name"]),
    )


def trace(args: argparse.Namespace) -> int:
    from inspector.services import register as reg

    values = {
        "methods": args.methods,
        "conclusion": args.conclusion,
        "result": args.result,
        "route_notes": args.route,
        "traced_on": args.on or calendar_today().isoformat(),
        "staff": args.staff,
    }
    db = database(args, create=False)
    with db.write(reason=t("trace.add.title")) as w:
        ref = _find(w.conn, args.code)
        trace_id = reg.add_trace_record(w, ref.id, values, reason=t("trace.add.title"))
    return _result(args, ref.id, {"trace_id": trace_id}, t("outfall.out.traced", code=ref.code))


def plan(args: argparse.Namespace) -> int:
    from inspector.services import register as reg

    values: dict[str, Any] = {}
    for key, value in (
        ("measure", args.measure),
        ("deadline", args.deadline),
        ("transition_end", args.transition_end),
        ("plan_text", args.plan_text),
        ("responsible", args.responsible),
    ):
        if value is not None:
            values[key] = value
    if args.immediate:
        values["immediate"] = True
    db = database(args, create=False)
    with db.write(reason=t("rem.plan.reason")) as w:
        ref = _find(w.conn, args.code)
        if args.merge_into:
            values["merge_target_id"] = _find(w.conn, args.merge_into).id
        if not values:
            raise Problem("outfall.plan_empty")
        rem_id = reg.plan_remediation(w, ref.id, values, reason=t("rem.plan.reason"))
    return _result(
        args, ref.id, {"remediation_id": rem_id}, t("outfall.out.planned", code=ref.code)
    )


def complete(args: argparse.Namespace) -> int:
    from inspector.services import register as reg

    db = database(args, create=False)
    with db.write(reason=t("rem.complete.reason")) as w:
        ref = _find(w.conn, args.code)
        reg.record_completion(
            w,
            ref.id,
            evidence=args.evidence,
            retest_result=args.retest_result,
            retest_passed=None if args.retest_passed is None else args.retest_passed == "yes",
            reason=t("rem.complete.reason"),
        )
    return _result(args, ref.id, {}, t("outfall.out.completed", code=ref.code))


def signoff(args: argparse.Namespace) -> int:
    from inspector.services import register as reg

    sign = reg.county_signoff if args.level == "county" else reg.city_signoff
    reason = t(f"rem.{args.level}.reason")
    db = database(args, create=False)
    with db.write(reason=reason) as w:
        ref = _find(w.conn, args.code)
        sign(w, ref.id, by=args.by, on=_date(args.on, "--on"), reason=reason)
    return _result(
        args, ref.id, {"level": args.level}, t(f"outfall.out.signed_{args.level}", code=ref.code)
    )


def settle(args: argparse.Namespace) -> int:
    from inspector.services import register as reg

    db = database(args, create=False)
    with db.write(reason=t("rem.settle.reason")) as w:
        ref = _find(w.conn, args.code)
        final = reg.settle_closed(w, ref.id, reason=t("rem.settle.reason"))
    return _result(
        args,
        ref.id,
        {},
        t("outfall.out.settled", code=ref.code, state=final.label(language())),
    )


def _parse(kind: Any, text: str, option: str) -> Any:
    member = kind.parse(text)
    if member is None:
        lang = language()
        raise Problem(
            "outfall.bad_choice",
            value=text,
            option=option,
            options=", ".join(f"{m.value} ({m.label(lang)})" for m in kind),
        )
    return member
