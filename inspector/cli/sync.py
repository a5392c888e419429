"""`inspector bundle export|import|verify|history|status|revoke`, `inspector conflicts list|resolve`,
`inspector duplicates list|merge|dismiss` (DESIGN §5, §6).

Exit status: 0 done (a replayed bundle is done: it changes nothing); 1 bad input; 2 a
bundle refused for integrity, authenticity or safety; 3 a bundle that needs operations
this database lacks (the message names which). Conflicts are not errors. `bundle revoke`
without `--yes` says what it would do and exits 1 with nothing changed.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from inspector.cli.base import Commands, force_flag, group, json_flag
from inspector.cli.common import database
from inspector.cli.output import emit_json, fail, progress_bar, say
from inspector.i18n import t


def add_commands(commands: Commands) -> None:
    bundle = group(commands, "bundle", "cmd.bundle")
    p = bundle.add_parser("export", help=t("cmd.bundle.export"), description=t("cmd.bundle.export"))
    p.add_argument("file", metavar="FILE", help=t("cmd.bundle.file"))
    p.add_argument("--to", metavar="REPLICA", help=t("cmd.bundle.to"))
    p.add_argument("--all", action="store_true", dest="everything", help=t("cmd.bundle.all"))
    p.add_argument("--encrypt-to", metavar="REPLICA", help=t("cmd.bundle.encrypt_to"))
    force_flag(p)
    json_flag(p)
    p.set_defaults(handler=export)
    p = bundle.add_parser("import", help=t("cmd.bundle.import"), description=t("cmd.bundle.import"))
    p.add_argument("file", metavar="FILE", help=t("cmd.bundle.file"))
    p.add_argument("--trust", action="store_true", help=t("cmd.bundle.trust"))
    p.add_argument(
        "--dry-run", "--preview", action="store_true", dest="dry_run", help=t("cmd.bundle.dry_run")
    )
    json_flag(p)
    p.set_defaults(handler=import_)
    p = bundle.add_parser("verify", help=t("cmd.bundle.verify"), description=t("cmd.bundle.verify"))
    p.add_argument("file", metavar="FILE", help=t("cmd.bundle.file"))
    json_flag(p)
    p.set_defaults(handler=verify)
    p = bundle.add_parser(
        "history", help=t("cmd.bundle.history"), description=t("cmd.bundle.history")
    )
    json_flag(p)
    p.set_defaults(handler=history)
    p = bundle.add_parser("revoke", help=t("cmd.bundle.revoke"), description=t("cmd.bundle.revoke"))
    p.add_argument("replica", metavar="REPLICA", help=t("cmd.bundle.revoke.replica"))
    p.add_argument("--reason", metavar="TEXT", required=True, help=t("cmd.bundle.revoke.reason"))
    p.add_argument("--through", metavar="SEQ", type=int, help=t("cmd.bundle.revoke.through"))
    p.add_argument("--yes", action="store_true", help=t("cmd.bundle.revoke.yes"))
    json_flag(p)
    p.set_defaults(handler=revoke)
    p = bundle.add_parser("status", help=t("cmd.bundle.status"), description=t("cmd.bundle.status"))
    p.add_argument("--pending", action="store_true", help=t("cmd.bundle.pending"))
    json_flag(p)
    p.set_defaults(handler=status)

    conflicts = group(commands, "conflicts", "cmd.conflicts")
    p = conflicts.add_parser(
        "list", help=t("cmd.conflicts.list"), description=t("cmd.conflicts.list")
    )
    p.add_argument("--all", action="store_true", dest="everything", help=t("cmd.conflicts.all"))
    json_flag(p)
    p.set_defaults(handler=conflicts_list)
    p = conflicts.add_parser(
        "resolve", help=t("cmd.conflicts.resolve"), description=t("cmd.conflicts.resolve")
    )
    p.add_argument("id", metavar="ID", help=t("cmd.conflicts.id"))
    choice = p.add_mutually_exclusive_group(required=True)
    choice.add_argument(
        "--keep", action="store_const", const="keep", dest="decision", help=t("cmd.conflicts.keep")
    )
    choice.add_argument(
        "--reverse",
        action="store_const",
        const="reverse",
        dest="decision",
        help=t("cmd.conflicts.reverse"),
    )
    p.add_argument("--note", metavar="TEXT", help=t("cmd.conflicts.note"))
    json_flag(p)
    p.set_defaults(handler=conflicts_resolve)

    duplicates = group(commands, "duplicates", "cmd.duplicates")
    p = duplicates.add_parser(
        "list", help=t("cmd.duplicates.list"), description=t("cmd.duplicates.list")
    )
    p.add_argument("--all", action="store_true", dest="everything", help=t("cmd.conflicts.all"))
    json_flag(p)
    p.set_defaults(handler=duplicates_list)
    p = duplicates.add_parser(
        "merge", help=t("cmd.duplicates.merge"), description=t("cmd.duplicates.merge")
    )
    p.add_argument("id", metavar="ID", help=t("cmd.duplicates.id"))
    p.add_argument("--keep", metavar="OUTFALL", help=t("cmd.duplicates.keep"))
    p.add_argument("--note", metavar="TEXT", help=t("cmd.conflicts.note"))
    json_flag(p)
    p.set_defaults(handler=duplicates_merge)
    p = duplicates.add_parser(
        "dismiss", help=t("cmd.duplicates.dismiss"), description=t("cmd.duplicates.dismiss")
    )
    p.add_argument("id", metavar="ID", help=t("cmd.duplicates.id"))
    json_flag(p)
    p.set_defaults(handler=duplicates_dismiss)


# -- bundles ------------------------------------------------------------------------------


def export(args: argparse.Namespace) -> int:
    from inspector.services.outputs import refuse_existing
    from inspector.services.sync.exchange import export_bundle

    path = Path(args.file)
    refuse_existing([path], force=args.force)
    db = database(args, create=False)
    with progress_bar(t("progress.writing", name=path.name)) as tick:
        result = export_bundle(
            db,
            path,
            to=args.to,
            everything=args.everything,
            encrypt_to=args.encrypt_to,
            progress=tick,
        )
    if args.json:
        emit_json(result.as_json())
        return 0
    target = result.target.name if result.target else t("sync.anyone")
    say(
        t(
            "sync.exported",
            file=path,
            operations=result.operations,
            photos=result.photos,
            target=target,
        )
    )
    if result.encrypted_for is not None:
        say(t("sync.exported_sealed", name=result.encrypted_for.name))
    if result.missing_photos:
        shown = ", ".join(sha[:12] for sha in result.missing_photos[:5])
        more = "…" if len(result.missing_photos) > 5 else ""
        fail(t("sync.exported_missing_photos", count=len(result.missing_photos), shas=shown + more))
    if result.unsigned:
        say(t("sync.exported_unsigned", count=sum(result.unsigned.values())))
    return 0


def import_(args: argparse.Namespace) -> int:
    from inspector.services.sync.exchange import import_bundle

    db = database(args, create=False)
    path = Path(args.file)
    with progress_bar(t("progress.reading", name=path.name)) as tick:
        result = import_bundle(db, path, trust=args.trust, dry_run=args.dry_run, progress=tick)
    if args.json:
        emit_json(result.as_json())
        return 0
    if result.replay:
        say(t("sync.replay", file=path.name))
        return 0
    m = result.merge
    key = "sync.previewed" if result.dry_run else "sync.imported"
    say(
        t(
            key,
            file=path.name,
            source=result.check.source.name,
            applied=m.applied,
            held=m.already_held,
            created=sum(m.created.values()),
            changed=sum(m.changed.values()),
            fields=m.fields_changed,
            conflicts=m.conflict_count,
            duplicates=len(m.duplicates),
            photos=result.photos_stored,
        )
    )
    for c in m.conflicts[:20]:
        say(
            "  "
            + t(
                "sync.conflict_record_line",
                record=result.records.get((c.entity, c.row_id))
                or f"{t('entity.' + c.entity)} {c.row_id[:8]}",
                field=t(f"field.{c.entity}.{c.field}"),
                kept=_show(c.winner_value),
                other=_show(c.loser_value),
            )
        )
    if m.passed_over:
        say(t("sync.passed_over", count=m.passed_over))
    if m.conflict_count:
        say(t("sync.conflicts_hint"))
    if m.duplicates:
        say(t("sync.duplicates_hint", count=len(m.duplicates)))
    return 0


def verify(args: argparse.Namespace) -> int:
    from inspector.services.sync.exchange import revoked_problem, verify_bundle

    db = database(args, create=False, readonly=True)
    path = Path(args.file)
    with progress_bar(t("progress.reading", name=path.name)) as tick:
        check = verify_bundle(db, path, progress=tick)
    if args.json:
        emit_json({**check.as_json(), "intact": True})
    else:
        say(
            t(
                "sync.verified",
                file=path.name,
                source=check.source.name,
                role=check.source.role,
                operations=check.operations,
                photos=check.photos,
                fingerprint=check.fingerprint,
            )
        )
        say("  " + t(f"sync.trust.{check.trust}", fingerprint=check.fingerprint))
        if check.already_imported:
            say("  " + t("sync.already_imported"))
        if check.missing:
            fail(t("sync.verify_missing", count=len(check.missing)))
    revoked = revoked_problem(check)
    if revoked is not None:
        if not args.json:
            fail(str(revoked))
        return 2
    if check.trust == "key_mismatch":
        return 2
    return 3 if check.missing and not check.already_imported else 0


def revoke(args: argparse.Namespace) -> int:
    """A person's decision here; nothing changes without --yes (it is not undone)."""
    from inspector.services.sync.revocation import plan_revocation, revoke_replica

    db = database(args, create=False)
    if not args.yes:
        plan = plan_revocation(db, args.replica, through=args.through)
        if args.json:
            emit_json({**plan.as_json(), "revoked": False})
        else:
            say(t("revoke.plan", **_plan_words(plan)))
            if plan.signed:
                say(t("revoke.plan_signed", name=plan.name))
            fail(t("revoke.ask"))
        return 1
    plan = revoke_replica(db, args.replica, reason=args.reason, through=args.through)
    if args.json:
        emit_json({**plan.as_json(), "revoked": True})
    else:
        say(t("revoke.done", name=plan.name, through=plan.through))
        if plan.signed:
            say(t("revoke.plan_signed", name=plan.name))
    return 0


def _plan_words(plan: Any) -> dict[str, Any]:
    from inspector.services.sync.exchange import role_label

    return {
        "name": plan.name,
        "role": role_label(plan.role),
        "held": plan.held,
        "through": plan.through,
    }


def history(args: argparse.Namespace) -> int:
    from inspector.services.sync.exchange import bundle_history

    db = database(args, create=False, readonly=True)
    items = bundle_history(db)
    if args.json:
        emit_json(items)
        return 0
    if not items:
        say(t("sync.no_history"))
    for item in items:
        say(
            t(
                f"sync.history.{item['direction']}",
                at=str(item["recorded_at"])[:16],
                file=item["file"],
                peer=item["peer_name"] or t("sync.anyone"),
                operations=item["operations"],
                photos=item["photos"],
                conflicts=item["counts"].get("conflicts", 0),
            )
        )
    return 0


def status(args: argparse.Namespace) -> int:
    from inspector.services.sync.exchange import records_not_at_centre, sync_status

    db = database(args, create=False, readonly=True)
    state = sync_status(db)
    pending = records_not_at_centre(db) if args.pending else []
    if args.json:
        emit_json({**state.as_json(), "pending_records": pending})
        return 0
    say(t("sync.status_self", name=state.self_peer.name, fingerprint=state.self_peer.fingerprint))
    for peer in state.peers:
        say(
            "  "
            + t(
                "sync.status_peer",
                name=peer["name"],
                role=peer["role"],
                lacking=peer["operations_lacking"],
                fingerprint=peer["fingerprint"],
            )
        )
    if state.central is None:
        say(t("sync.no_central"))
    else:
        say(
            t(
                "sync.at_centre",
                central=state.central.name,
                safe=state.safe_at_centre,
                pending=state.pending_at_centre,
            )
        )
    for item in pending:
        say(f"  {t('entity.' + item['entity'])} {item['row_id']}  ({item['edits']})")
    return 0


# -- conflicts and duplicates ---------------------------------------------------------------


def _show(value: Any) -> str:
    if value is None or value == []:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def conflicts_list(args: argparse.Namespace) -> int:
    from inspector.services.sync.conflicts import list_conflicts

    db = database(args, create=False, readonly=True)
    items = list_conflicts(db, status=None if args.everything else "open")
    if args.json:
        emit_json([c.as_json() for c in items])
        return 0
    if not items:
        say(t("conflict.none"))
    for c in items:
        say(
            t(
                "conflict.line",
                id=c.id[:8],
                record=c.record,
                field=c.field_label,
                current=_show(c.current_value),
                current_origin=c.current_origin,
                other=_show(c.other_value),
                other_origin=c.other_origin,
                status=t(f"conflict.status.{c.status}"),
            )
        )
        if c.current_reason or c.other_reason:
            say(
                "  "
                + t(
                    "conflict.reasons",
                    current=c.current_reason or "—",
                    other=c.other_reason or "—",
                )
            )
    return 0


def conflicts_resolve(args: argparse.Namespace) -> int:
    from inspector.services.sync.conflicts import resolve_conflict

    db = database(args, create=False)
    outcome = resolve_conflict(db, args.id, decision=args.decision, note=args.note)
    if args.json:
        emit_json(outcome.as_json())
    else:
        say(t(f"conflict.resolved.{outcome.decision}", count=len(outcome.closed)))
    return 0


def duplicates_list(args: argparse.Namespace) -> int:
    from inspector.services.sync.duplicates import list_duplicates

    db = database(args, create=False, readonly=True)
    items = list_duplicates(db, status=None if args.everything else "open")
    if args.json:
        emit_json([d.as_json() for d in items])
        return 0
    if not items:
        say(t("duplicate.none"))
    for d in items:
        a, b = d.outfalls
        say(
            t(
                "duplicate.line",
                id=d.id[:8],
                reason=d.reason_label,
                a=f"{a.get('code')} {a.get('name')} ({a.get('registered_on', '')})",
                b=f"{b.get('code')} {b.get('name')} ({b.get('registered_on', '')})",
            )
        )
    return 0


def duplicates_merge(args: argparse.Namespace) -> int:
    from inspector.services.sync.duplicates import merge_duplicate

    db = database(args, create=False)
    outcome = merge_duplicate(db, args.id, keep=args.keep, note=args.note)
    if args.json:
        emit_json(outcome.as_json())
    else:
        from inspector.services.records import record_label

        with db.read() as conn:
            kept = record_label(conn, "outfall", outcome.kept)
            merged = record_label(conn, "outfall", outcome.merged)
        say(t("duplicate.merged", kept=kept, merged=merged, moved=outcome.repointed))
    return 0


def duplicates_dismiss(args: argparse.Namespace) -> int:
    from inspector.services.sync.duplicates import dismiss_duplicate

    db = database(args, create=False)
    cid = dismiss_duplicate(db, args.id)
    if args.json:
        emit_json({"dismissed": cid})
    else:
        say(t("duplicate.dismissed", id=cid[:8]))
    return 0
