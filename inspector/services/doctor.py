"""`inspector doctor`: is this replica sound, and a backup of it.

Checks SQLite's own integrity and foreign keys, that every origin's operations have no
gaps, that rows agree with what the operation log says they should be, that the search
index covers every outfall (it is derived data, so it is repaired when it does not), and
that the replica's key file is present, private and matching, that every photo's
original is in the photo store and still hashes to its name, that no operation is
stamped beyond the clock tolerance (a clock poisoned by an earlier version: repaired by
`repair_clock`, `inspector doctor --repair-clock`), and how much of other replicas'
history is not yet covered by their own signatures.
"""

from __future__ import annotations

import os
import random
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from inspector import locations
from inspector.data import integrity, sort_keys
from inspector.data.bulk import rebuild_search
from inspector.data.commits import begin_immediate, commit
from inspector.data.db import Database, backup_database, is_damage, newest_backup
from inspector.data.engine import Conn, DatabaseError
from inspector.data.history import rebuild_entity, rebuild_row
from inspector.data.search import search_body
from inspector.data.writer import replace_search_entries
from inspector.i18n import t
from inspector.models import SYNCED
from inspector.models.spec import same_value, spec_for

SAMPLE_PER_TABLE = 200


@dataclass
class Check:
    key: str
    ok: bool | None
    """None when skipped."""
    details: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"check": self.key, "ok": self.ok, "details": self.details}


@dataclass
class DoctorReport:
    path: str
    checks: list[Check] = field(default_factory=list)
    backup: str | None = None
    damaged: bool = False
    """SQLite found the file damaged: restore the newest backup."""
    newest_backup: str | None = None

    @property
    def problems(self) -> int:
        return sum(1 for c in self.checks if c.ok is False)

    def as_json(self) -> dict[str, Any]:
        return {
            "database": self.path,
            "ok": self.problems == 0,
            "checks": [c.as_json() for c in self.checks],
            "backup": self.backup,
            "damaged": self.damaged,
            "newest_backup": self.newest_backup,
        }


def run_doctor(
    db: Database,
    *,
    backup: bool = True,
    full: bool = False,
    progress: Callable[[float], None] | None = None,
) -> DoctorReport:
    report = DoctorReport(path=str(db.path))
    steps: list[Callable[[Conn, Database, bool], Check]] = [
        _integrity,
        _foreign_keys,
        _op_sequences,
        _search_index,
        _sort_keys,
        _key,
        _photo_store,
        _clock,
        _signatures,
    ]
    conn = db.connect()
    try:
        for i, step in enumerate(steps):
            try:
                report.checks.append(step(conn, db, full))
            except DatabaseError as exc:
                if not is_damage(exc):
                    raise
                name = step.__name__.strip("_")
                key = "op_sequence" if name == "op_sequences" else name
                report.checks.append(Check(key, False, [str(exc)]))
                report.damaged = True
                break
            if step is _integrity and report.checks[-1].ok is False:
                # The other checks read what is damaged; the person needs the backup.
                report.damaged = True
                break
            if progress:
                progress((i + 1) / (len(steps) + 1))
        if not report.damaged:
            report.checks.append(_rows_vs_log(conn, full=full))
    finally:
        conn.close()
    if report.damaged:
        backup_of = newest_backup(db.path)
        report.newest_backup = str(backup_of) if backup_of else None
    # A PostgreSQL server's backups are pg_dump's (VACUUM INTO is SQLite's).
    if backup and report.problems == 0 and db.url is None:
        report.backup = str(backup_database(db.path, label="doctor"))
    if progress:
        progress(1.0)
    return report


def _clock(conn: Conn, db: Database, full: bool) -> Check:
    from inspector.data.sync import clock
    from inspector.domain import hlc

    found = clock.find(conn, hlc.limit())
    if not found.found:
        return Check("clock", True)
    latest = hlc.to_datetime(min(found.latest, hlc.MAX_HLC)).strftime("%Y-%m-%d")
    if found.count:
        return Check(
            "clock", False, [t("doctor.detail.clock_poisoned", count=found.count, latest=latest)]
        )
    return Check("clock", False, [t("doctor.detail.clock_meta", latest=latest)])


def _signatures(conn: Conn, db: Database, full: bool) -> Check:
    from inspector.data.sync import chain
    from inspector.data.sync import trust as trust_data

    records = trust_data.records(conn)
    names = {r.id: r.name or r.id[:8] for r in records}
    unsigned = chain.unsigned_counts(conn, next((r.id for r in records if r.is_self), ""))
    details = [
        t("doctor.detail.unsigned", origin=names.get(origin, origin[:8]), count=count)
        for origin, count in sorted(unsigned.items())
    ]
    # History from an earlier version is kept and simply not relayed: not a fault.
    return Check("signatures", True, details)


def repair_clock(db: Database) -> Check:
    """Restamp operations poisoned by an impossible clock (see `data.sync.clock`), after
    a backup; no operation and no value is lost (the old stamps stay in `clock_repair`)."""
    from inspector.data.sync import clock
    from inspector.domain import hlc

    with db.read() as conn:
        found = clock.find(conn, hlc.limit())
    if not found.found:
        return Check("clock", True)
    backup = backup_database(db.path, label="before-clock-repair")
    with db.transaction() as conn:
        count = clock.repair(conn, hlc.limit())
    return Check("clock", True, [t("doctor.detail.clock_repaired", count=count, backup=backup)])


def _integrity(conn: Conn, db: Database, full: bool) -> Check:
    rows = integrity.integrity_check(conn)
    return Check("integrity", rows == ["ok"], [] if rows == ["ok"] else rows[:20])


def _foreign_keys(conn: Conn, db: Database, full: bool) -> Check:
    rows = integrity.foreign_key_problems(conn)
    details = [f"{table} rowid {rowid} -> {parent}" for table, rowid, parent, _ in rows[:20]]
    return Check("foreign_keys", not rows, details)


def _op_sequences(conn: Conn, db: Database, full: bool) -> Check:
    details = []
    for origin, count, highest in integrity.origin_runs(conn):
        if count != highest:
            missing = integrity.missing_sequences(conn, origin=origin, highest=highest)
            details.append(
                t("doctor.detail.gap", origin=origin, missing=", ".join(str(m) for m in missing))
            )
    return Check("op_sequence", not details, details)


def _search_index(conn: Conn, db: Database, full: bool) -> Check:
    missing = integrity.outfalls_without_search_doc(conn)
    wrong: list[tuple[str, str]] = []
    if full:
        # Every entry recomputed: seconds on a million outfalls, so only with --full.
        for oid, code, national, name, body in integrity.search_docs(conn):
            expected = search_body(code, national, name)
            if expected != body:
                wrong.append((oid, expected))
    index_ok = integrity.search_index_sound(conn)
    if not missing and not wrong and index_ok:
        return Check("search_index", True)
    if db.readonly:
        return Check(
            "search_index",
            False,
            [t("doctor.detail.missing_docs", count=len(missing) + len(wrong))],
        )
    begin_immediate(conn)
    replace_search_entries(
        conn, {oid: search_body(c, n, nm) for oid, c, n, nm in missing} | dict(wrong)
    )
    if not index_ok:
        rebuild_search(conn)
    commit(conn)
    details = [
        t("doctor.detail.missing_docs", count=len(missing) + len(wrong)),
        t("doctor.detail.repaired"),
    ]
    return Check("search_index", True, details)


def _sort_keys(conn: Conn, db: Database, full: bool) -> Check:
    wrong = sort_keys.missing(conn)
    if full:
        # Every key recomputed: seconds on a million outfalls, so only with --full.
        wrong |= dict(sort_keys.stale(conn))
    if not wrong:
        return Check("sort_keys", True)
    details = [t("doctor.detail.sort_keys", count=len(wrong))]
    if db.readonly:
        return Check("sort_keys", False, details)
    begin_immediate(conn)
    sort_keys.store(conn, wrong)
    commit(conn)
    return Check("sort_keys", True, [*details, t("doctor.detail.repaired")])


def _key(conn: Conn, db: Database, full: bool) -> Check:
    from inspector.data.sync import identity

    me = identity.self_record(conn)
    if me is None:
        return Check("replica", False, [t("db.no_replica", path=db.path)])
    public = me.public_key
    if not public:
        return Check("key", None, [t("doctor.detail.not_initialised")])
    path = locations.key_file(db.path)
    if not path.exists():
        return Check("key", False, [t("doctor.detail.key_missing", path=path)])
    from inspector.services.replica import load_private_key, public_key_hex

    details = []
    if os.name == "posix" and stat.S_IMODE(path.stat().st_mode) & 0o077:
        details.append(t("doctor.detail.key_permissions", path=path))
    try:
        if public_key_hex(load_private_key(db.path)) != public:
            details.append(t("doctor.detail.key_mismatch"))
    except Exception as exc:  # a damaged key file: say so, do not crash the doctor
        details.append(str(exc))
    return Check("key", not details, details)


def _photo_store(conn: Conn, db: Database, full: bool) -> Check:
    from inspector.services.photos.storecheck import LIST_AT_MOST, check_store

    report = check_store(conn, db.path)
    details = [t("doctor.detail.photos_checked", count=report.checked)]
    problems = [
        *(t("doctor.detail.photo_missing", sha=sha, name=name) for sha, name in report.missing),
        *(t("doctor.detail.photo_altered", sha=sha) for sha in report.altered),
        *(t("doctor.detail.photo_orphan", sha=sha) for sha in report.orphans),
    ]
    details += problems[:LIST_AT_MOST]
    if len(problems) > LIST_AT_MOST:
        details.append(t("doctor.detail.more", count=len(problems) - LIST_AT_MOST))
    return Check("photo_store", report.ok, details)


def _rows_vs_log(conn: Conn, *, full: bool) -> Check:
    details: list[str] = []
    checked = 0
    for entity, model in SYNCED.items():
        spec = spec_for(model)
        read = integrity.row_reader(conn, entity=entity, columns=spec.columns)
        if full:
            pairs = rebuild_entity(conn, entity)
        else:
            ids = integrity.row_ids(conn, entity=entity)
            sample = random.sample(ids, min(SAMPLE_PER_TABLE, len(ids)))
            pairs = ((i, rebuild_row(conn, entity, i) or {}) for i in sample)
        for row_id, logged in pairs:
            checked += 1
            stored_row = read(row_id)
            if stored_row is None:
                details.append(
                    t("doctor.detail.mismatch", entity=entity, row_id=row_id, field="id")
                )
                continue
            stored = spec.from_row(stored_row)
            for name, value in logged.items():
                if name in spec.fields and not same_value(stored.get(name), value):
                    details.append(
                        t("doctor.detail.mismatch", entity=entity, row_id=row_id, field=name)
                    )
            if len(details) >= 20:
                break
        logless = integrity.rows_without_ops(conn, entity=entity)
        if logless:
            details.append(
                t("doctor.detail.mismatch", entity=entity, row_id=f"({logless})", field="op")
            )
    summary = t("doctor.detail.rows_checked" if full else "doctor.detail.sampled", count=checked)
    return Check("rows_vs_log", not details, [summary, *details])
