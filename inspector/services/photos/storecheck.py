"""The doctor's photo-store check: every photo row's original present and intact, and
every stored file belonging to a photo row."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from inspector.data import photostore
from inspector.data.engine import Conn
from inspector.data.photos import photo_names

#: Problems listed one by one; beyond this, counted.
LIST_AT_MOST = 20


@dataclass
class StoreReport:
    checked: int = 0
    missing: list[tuple[str, str]] = field(default_factory=list)
    """(sha256, original name) of rows whose original is not in the store."""
    altered: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    """Stored files no photo row names (an import stopped between file and row)."""

    @property
    def ok(self) -> bool:
        return not (self.missing or self.altered or self.orphans)


def check_store(conn: Conn, db_path: Path) -> StoreReport:
    """Hash every stored original against its name; seconds per gigabyte of photos."""
    report = StoreReport()
    rows = photo_names(conn)
    for sha, name in rows.items():
        if not photostore.is_sha256(sha):
            report.altered.append(sha)
            continue
        report.checked += 1
        if not photostore.has(db_path, sha):
            report.missing.append((sha, name))
        elif not photostore.verify(db_path, sha):
            report.altered.append(sha)
    report.orphans = [sha for sha in photostore.stored_hashes(db_path) if sha not in rows]
    return report
