"""`inspector init`, `inspector demo`, `inspector doctor`."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from inspector import locations
from inspector.cli.base import Commands, command, json_flag
from inspector.cli.common import database
from inspector.cli.output import emit_json, fail, progress_bar, say
from inspector.i18n import t


def add_commands(commands: Commands) -> None:
    p = command(commands, "init", "cmd.init")
    p.add_argument("--name", required=True, help=t("cmd.init.name"))
    p.add_argument(
        "--role", required=True, choices=("field", "county", "central"), help=t("cmd.init.role")
    )
    p.add_argument("--region", required=True, metavar="CODE", help=t("cmd.init.region"))
    p.add_argument("--user", metavar="NAME", help=t("cmd.init.user"))
    json_flag(p)
    p.set_defaults(handler=init)

    p = command(commands, "demo", "cmd.demo")
    p.add_argument("--no-tui", action="store_true", help=t("cmd.demo.no_tui"))
    p.add_argument("--size", choices=("small", "large"), default="small", help=t("cmd.demo.size"))
    p.add_argument("--rebuild", action="store_true", help=t("cmd.demo.rebuild"))
    p.add_argument("--seed", type=int, default=2024, help=t("cmd.demo.seed"))
    p.set_defaults(handler=demo)

    p = command(commands, "doctor", "cmd.doctor")
    p.add_argument("--no-backup", action="store_true", help=t("cmd.doctor.no_backup"))
    p.add_argument("--full", action="store_true", help=t("cmd.doctor.full"))
    p.add_argument("--repair-clock", action="store_true", help=t("cmd.doctor.repair_clock"))
    json_flag(p)
    p.set_defaults(handler=doctor)


def init(args: argparse.Namespace) -> int:
    from inspector.services.replica import init_replica

    path = locations.resolve_database(args.db)
    # What this command makes, it takes away again if it fails: a refused `init` (an
    # unknown region, say) must not leave a database that the next command would use.
    made = [p for p in _replica_files(path) if not p.exists()]
    try:
        db = database(args)
        ident, created = init_replica(
            db, name=args.name, role=args.role, region=args.region, user=args.user
        )
    except BaseException:
        for leftover in made:
            leftover.unlink(missing_ok=True)
        raise
    if args.json:
        emit_json(
            {
                "replica_id": ident.id,
                "name": ident.name,
                "role": ident.role,
                "region": ident.region_code,
                "public_key": ident.public_key,
                "fingerprint": ident.fingerprint,
                "key_created": created,
                "database": db.location,
            }
        )
        return 0
    say(
        t(
            "init.done",
            name=ident.name,
            role=ident.role,
            region=ident.region_code,
            fingerprint=ident.fingerprint,
        )
    )
    if not created:
        say(t("init.kept_key"))
    return 0


def _replica_files(path: Path) -> list[Path]:
    return [Path(str(path) + suffix) for suffix in ("", "-wal", "-shm", ".key")]


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", ".key"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    for folder in (
        locations.photo_store(path),
        locations.thumb_cache(path),
        locations.backup_directory(path),
    ):
        shutil.rmtree(folder, ignore_errors=True)
    locations.demo_walk(path).unlink(missing_ok=True)


def demo(args: argparse.Namespace) -> int:
    from inspector.services.demo import build_demo

    path = locations.resolve_database(args.db) if args.db else locations.demo_database()
    if args.rebuild:
        _remove_database(path)
    if not path.exists():
        locations.make_private_folder(path.parent)
        staging = path.with_name(path.name + ".building")
        _remove_database(staging)
        with progress_bar(t("progress.demo")) as tick:
            build_demo(staging, size=args.size, seed=args.seed, progress=tick)
        # Only a complete demo takes the real name: an interrupted build is never opened.
        for suffix in ("-wal", "-shm"):
            Path(str(staging) + suffix).unlink(missing_ok=True)
        staging.replace(path)
        locations.key_file(staging).replace(locations.key_file(path))
        for make in (
            locations.photo_store,
            locations.thumb_cache,
            locations.backup_directory,
            locations.demo_walk,
        ):
            if make(staging).exists():
                make(staging).replace(make(path))
    say(str(path))
    if args.no_tui:
        return 0
    from inspector.cli.tui import launch

    return launch(path)


def doctor(args: argparse.Namespace) -> int:
    from inspector.services.doctor import repair_clock, run_doctor

    db = database(args, create=False)
    repaired = repair_clock(db) if args.repair_clock else None
    with progress_bar(t("progress.checking")) as tick:
        report = run_doctor(db, backup=not args.no_backup, full=args.full, progress=tick)
    if repaired is not None:
        report.checks.insert(0, repaired)
    if args.json:
        emit_json(report.as_json())
        return 0 if report.problems == 0 else 1
    for check in report.checks:
        status = {
            True: "doctor.result.ok",
            False: "doctor.result.failed",
            None: "doctor.result.skipped",
        }[check.ok]
        say(f"{t(status):>6}  {t('doctor.check.' + check.key)}")
        for detail in check.details:
            say(f"        {detail}")
    if report.backup:
        say(t("doctor.backup", path=report.backup))
    if report.damaged:
        from inspector.data.db import DatabaseDamaged

        found = next((d for c in report.checks if c.ok is False for d in c.details), "")
        fail(str(DatabaseDamaged(db.path, found.strip()[:200])))
        return 1
    if report.problems:
        say(t("doctor.problems", count=report.problems, path=db.location))
        return 1
    say(t("doctor.ok", path=db.location))
    return 0
