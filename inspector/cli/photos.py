"""`inspector photos import|pending|accept|stamp`.

Matching proposals are recorded for a person to review (the Photos screen, or `photos
pending` and `photos accept` here); `import --accept` accepts at once only those that
name an outfall and carry no flag.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from inspector.cli.base import Commands, force_flag, group, json_flag
from inspector.cli.common import database
from inspector.cli.output import emit_json, fail, progress_bar, say
from inspector.i18n import Problem, t

if TYPE_CHECKING:
    from inspector.data.db import Database


def _radius(text: str) -> float:
    value = float(text)
    if not 0 < value <= 100_000:
        raise argparse.ArgumentTypeError(text)
    return value


def add_commands(commands: Commands) -> None:
    photos = group(commands, "photos", "cmd.photos")
    p = photos.add_parser("import", help=t("cmd.photos.import"), description=t("cmd.photos.import"))
    p.add_argument("folder", metavar="DIR", help=t("cmd.photos.folder"))
    p.add_argument("--radius", type=_radius, default=50.0, metavar="M", help=t("cmd.photos.radius"))
    p.add_argument("--accept", action="store_true", help=t("cmd.photos.accept"))
    p.add_argument("--workers", type=int, metavar="N", help=t("cmd.photos.workers"))
    json_flag(p)
    p.set_defaults(handler=import_)

    p = photos.add_parser(
        "pending", help=t("cmd.photos.pending"), description=t("cmd.photos.pending")
    )
    json_flag(p)
    p.set_defaults(handler=pending)

    p = photos.add_parser(
        "accept", help=t("cmd.photos.review_accept"), description=t("cmd.photos.review_accept")
    )
    p.add_argument("photos", nargs="*", metavar="SHA256", help=t("cmd.photos.photo"))
    p.add_argument("--all", action="store_true", help=t("cmd.photos.all"))
    p.add_argument("--unflagged", action="store_true", help=t("cmd.photos.unflagged"))
    json_flag(p)
    p.set_defaults(handler=accept)

    p = photos.add_parser("stamp", help=t("cmd.photos.stamp"), description=t("cmd.photos.stamp"))
    p.add_argument("photo", metavar="SHA256", help=t("cmd.photos.photo"))
    p.add_argument("output", metavar="FILE", help=t("cmd.photos.output"))
    force_flag(p)
    json_flag(p)
    p.set_defaults(handler=stamp)


def _flag_labels(flags: list[str] | dict[str, int]) -> str:
    from inspector.domain.photos import PhotoFlag
    from inspector.i18n import language

    lang = language()
    if isinstance(flags, dict):
        return (
            "，".join(f"{PhotoFlag.of(k).label(lang)} {n}" for k, n in flags.items())
            if lang == "zh"
            else ", ".join(f"{PhotoFlag.of(k).label(lang)} {n}" for k, n in flags.items())
        )
    return ("，" if lang == "zh" else ", ").join(PhotoFlag.of(k).label(lang) for k in flags)


def import_(args: argparse.Namespace) -> int:
    from inspector.services.photos.importer import import_folder

    db = database(args)
    folder = Path(args.folder)
    with progress_bar(t("progress.photos", name=folder.name or str(folder))) as tick:
        report = import_folder(
            db,
            folder,
            radius_m=args.radius,
            accept=args.accept,
            workers=args.workers,
            progress=tick,
            collect=args.json,
        )
    if args.json:
        emit_json(report.as_json())
        return 0
    say(
        t(
            "photos.summary",
            folder=folder,
            found=report.found,
            imported=report.imported,
            known=report.known,
            bad=len(report.bad),
        )
    )
    if report.restored:
        say(t("photos.summary_restored", count=report.restored))
    if report.proposed or report.unmatched:
        say(
            t(
                "photos.summary_matching",
                proposed=report.proposed,
                unmatched=report.unmatched,
                accepted=report.accepted,
                pending=report.pending_review,
            )
        )
    if report.flags:
        say(t("photos.summary_flags", flags=_flag_labels(dict(sorted(report.flags.items())))))
    if report.bad:
        fail(t("photos.bad_heading"))
        for bad in report.bad:
            fail("  " + bad.message())
    if report.cancelled:
        fail(t("photos.summary_cancelled"))
    return 0


def pending(args: argparse.Namespace) -> int:
    from inspector.domain.moments import shown
    from inspector.services.photos.review import list_proposals

    db = database(args, create=False, readonly=True)
    proposals = list_proposals(db)
    if args.json:
        emit_json([p.as_json() for p in proposals])
        return 0
    if not proposals:
        say(t("photos.pending_none"))
        return 0
    for p in proposals:
        outfall = (
            f"{p.outfall_code} {p.outfall_name}"
            if p.outfall_id
            else t("photos.no_outfall_proposed")
        )
        say(
            t(
                "photos.pending_line",
                sha=p.photo_id[:12],
                name=p.original_name,
                outfall=outfall,
                inspection=shown(p.inspection_started_at),
                distance=f"{p.distance_m:.0f} m" if p.distance_m is not None else "",
                flags=_flag_labels(p.flags),
            ).rstrip()
        )
    return 0


def resolve_photo(db: Database, prefix: str) -> str:
    """A photo's full SHA-256 from a prefix of at least four hex digits."""
    from inspector.data.photos import photo_ids_with_prefix

    text = prefix.strip().lower()
    if len(text) < 4 or any(c not in "0123456789abcdef" for c in text):
        raise Problem("photos.prefix_unknown", prefix=prefix)
    # Through the replica's own connection: a PostgreSQL replica has no file to open.
    with db.read() as conn:
        ids = photo_ids_with_prefix(conn, prefix=text)
    if not ids:
        raise Problem("photos.prefix_unknown", prefix=prefix)
    if len(ids) > 1:
        raise Problem("photos.prefix_ambiguous", prefix=prefix)
    return ids[0]


def accept(args: argparse.Namespace) -> int:
    from inspector.services.photos import review

    db = database(args, create=False)
    if not args.all and not args.photos:
        raise Problem("photos.accept_what")
    ids = None if args.all else [resolve_photo(db, p) for p in args.photos]
    count = review.accept(db, ids, unflagged_only=args.unflagged)
    if args.json:
        emit_json({"accepted": count})
    else:
        say(t("photos.accepted", count=count))
    return 0


def stamp(args: argparse.Namespace) -> int:
    from inspector.services.outputs import refuse_existing
    from inspector.services.photos.evidence import export_evidence

    refuse_existing([Path(args.output)], force=args.force)
    db = database(args, create=False, readonly=True)
    sha = resolve_photo(db, args.photo)
    result = export_evidence(db, sha, Path(args.output))
    if args.json:
        emit_json(result.as_json())
        return 0
    say(t("photos.stamped", path=result.path))
    if result.missing_glyphs:
        fail(t("photos.stamp_missing_glyphs", chars="".join(result.missing_glyphs)))
    return 0
