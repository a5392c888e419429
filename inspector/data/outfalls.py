"""Outfalls as the register's users name them: by code.

`find_outfall` is the one way to turn what a person typed (a local code or a national
code, 国家统一赋码) into an outfall: no match and several matches are both refused, the
latter listing every match. Commands and dialogs that take a code call it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from inspector.data.engine import Conn, Cursor
from inspector.i18n import Problem

if TYPE_CHECKING:
    # Only a type here; importing geo (and the choices under it) cost the first frame
    # 7 ms: the app asks `any_outfall` before it draws.
    from inspector.domain.geo import BBox

#: Matches listed in an "ambiguous code" refusal before the rest are counted.
LISTED = 10


@dataclass(frozen=True)
class OutfallRef:
    """Enough of an outfall to name it and act on it."""

    id: str
    code: str
    national_code: str | None
    name: str
    county_code: str
    state: str
    category: str
    river: str

    def label(self) -> str:
        return f"{self.code} {self.name}"


_COLUMNS = "id, code, national_code, name, county_code, state, category, river"


def outfalls_by_code(conn: Conn, *, code: str) -> list[OutfallRef]:
    """Every live outfall whose local or national code is `code` (case and surrounding
    spaces ignored), ordered by local code."""
    text = code.strip()
    if not text:
        return []
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM outfall WHERE deleted = 0 AND (code = ? OR code = ? "
        "OR national_code = ? OR national_code = ?) ORDER BY code, id",
        (text, text.upper(), text, text.upper()),
    ).fetchall()
    return [OutfallRef(*row) for row in rows]


def find_outfall(conn: Conn, *, code: str) -> OutfallRef:
    """The one live outfall whose local or national code is `code`.

    Raises `Problem("outfall.not_found")` when none has it, and
    `Problem("outfall.ambiguous_code")` listing the matches when several do.
    """
    found = outfalls_by_code(conn, code=code)
    if not found:
        raise Problem("outfall.not_found", code=code.strip())
    if len(found) > 1:
        shown = "; ".join(ref.label() for ref in found[:LISTED])
        if len(found) > LISTED:
            shown += f"; … (+{len(found) - LISTED})"
        raise Problem("outfall.ambiguous_code", code=code.strip(), count=len(found), matches=shown)
    return found[0]


def outfall_ref(conn: Conn, *, outfall_id: str) -> OutfallRef | None:
    """The outfall of this id, deleted or not (a record still names what it was about)."""
    row = conn.execute(f"SELECT {_COLUMNS} FROM outfall WHERE id = ?", (outfall_id,)).fetchone()
    return None if row is None else OutfallRef(*row)


def outfalls_by_codes(conn: Conn, *, codes: list[str]) -> dict[str, OutfallRef]:
    """The live outfall of each local code in `codes` that has one (by code: codes are
    not unique, and then any one of them)."""
    out: dict[str, OutfallRef] = {}
    for start in range(0, len(codes), 500):
        chunk = codes[start : start + 500]
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM outfall WHERE deleted = 0 AND code IN "
            f"({','.join('?' * len(chunk))})",
            chunk,
        )
        out.update((row[1], OutfallRef(*row)) for row in rows)
    return out


def any_outfall(conn: Conn) -> bool:
    """Whether the register holds any outfall at all (deleted ones count: a first run
    is an empty file, not an emptied register)."""
    return conn.execute("SELECT 1 FROM outfall LIMIT 1").fetchone() is not None


def some_county(conn: Conn) -> str | None:
    """The county of one live outfall, any one: where a replica with no region stands."""
    row = conn.execute("SELECT county_code FROM outfall WHERE deleted = 0 LIMIT 1").fetchone()
    return None if row is None else str(row[0])


def enterprise_outfall_count(
    conn: Conn, *, owner_id: str, categories: frozenset[str], today: str
) -> int:
    """How many live outfalls of `categories` (not rejected or abolished) this owner is
    the current main owner of. Read from the owner's assignments (indexed by owner), so
    it costs in proportion to the owner's outfalls, not the register's."""
    from inspector.data.queries import current_main_assignment_sql

    marks = ", ".join("?" * len(categories))
    row = conn.execute(
        "SELECT COUNT(DISTINCT o.id) FROM owner_assignment a JOIN outfall o ON o.id = a.outfall_id "
        "WHERE a.owner_id = ? AND a.role = 'main' AND a.deleted = 0 "
        f"AND a.id = ({current_main_assignment_sql('o.id', '?')}) "
        f"AND o.deleted = 0 AND o.category IN ({marks}) "
        "AND o.state NOT IN ('rejected', 'abolished')",
        (owner_id, today, *sorted(categories)),
    ).fetchone()
    return int(row[0])


def owner_permit(conn: Conn, *, owner_id: str) -> tuple[str, str, str | None] | None:
    """(name, kind, permit annotation) of an owner."""
    row = conn.execute(
        "SELECT name, kind, permit_annotation FROM owner WHERE id = ?", (owner_id,)
    ).fetchone()
    return None if row is None else (str(row[0]), str(row[1]), row[2])


def merging_into(conn: Conn, *, outfall_id: str) -> list[str]:
    """Ids of outfalls whose live plan merges them into `outfall_id`, works not yet done."""
    from inspector.data.queries import current_remediation_sql

    return [
        str(row[0])
        for row in conn.execute(
            "SELECT o.id FROM outfall o JOIN remediation r "
            f"ON r.id = ({current_remediation_sql('o.id')}) "
            "WHERE o.deleted = 0 AND r.measure = 'merge' AND r.merge_target_id = ? "
            "AND o.state NOT IN ('closed', 'abolished', 'in_service', 'rejected')",
            (outfall_id,),
        )
    ]


def has_fruitless_trace(conn: Conn, *, outfall_id: str) -> bool:
    """Whether a live tracing record of the outfall found no owner (政府兜底 needs one)."""
    row = conn.execute(
        "SELECT 1 FROM trace_record WHERE outfall_id = ? AND deleted = 0 "
        "AND result = 'no_owner_found' LIMIT 1",
        (outfall_id,),
    ).fetchone()
    return row is not None


def backstop_body(conn: Conn, *, region_code: str) -> tuple[str, str] | None:
    """(Chinese, English) name of the body that answers in `region_code` under 政府兜底,
    from the region's reference data; None when the reference data names none."""
    row = conn.execute(
        "SELECT backstop_body, backstop_body_en FROM region WHERE code = ?", (region_code,)
    ).fetchone()
    if row is None or not row[0]:
        return None
    return str(row[0]), str(row[1] or row[0])


def _rows(cursor: Cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def outfall_detail(conn: Conn, *, outfall_id: str, today: str) -> dict[str, Any]:
    """One outfall as the command line shows it: its row, current main owner, live
    remediation and tracing records (stored values; lists as JSON text)."""
    from inspector.data.queries import current_main_assignment_sql, current_remediation_sql

    rows = _rows(conn.execute("SELECT * FROM outfall WHERE id = ?", (outfall_id,)))
    if not rows:
        raise Problem("outfall.not_found", code=outfall_id)
    owner = _rows(
        conn.execute(
            "SELECT o.id, o.name, o.credit_code, o.kind, o.industry, o.address, o.contact, "
            "o.phone, o.permit_no, o.permit_annotation, "
            "a.basis, a.role, a.evidence, a.valid_from FROM owner_assignment a "
            f"JOIN owner o ON o.id = a.owner_id WHERE a.id = ({current_main_assignment_sql()})",
            (outfall_id, today),
        )
    )
    remediation = _rows(
        conn.execute(
            "SELECT r.*, m.code AS merge_target_code FROM remediation r "
            "LEFT JOIN outfall m ON m.id = r.merge_target_id "
            f"WHERE r.id = ({current_remediation_sql()})",
            (outfall_id,),
        )
    )
    traces = _rows(
        conn.execute(
            "SELECT id, methods, conclusion, result, traced_on, staff FROM trace_record "
            "WHERE outfall_id = ? AND deleted = 0 ORDER BY traced_on DESC, id DESC",
            (outfall_id,),
        )
    )
    return {
        "outfall": rows[0],
        "owner": owner[0] if owner else None,
        "remediation": remediation[0] if remediation else None,
        "traces": traces,
    }


def outfall_is_live(conn: Conn, *, outfall_id: str) -> bool:
    """Whether an outfall of this id exists and is not deleted."""
    row = conn.execute("SELECT 1 FROM outfall WHERE id=? AND deleted=0", (outfall_id,)).fetchone()
    return row is not None


class OutfallPosition(NamedTuple):
    id: str
    lat: float
    lon: float


def outfall_positions_in_box(conn: Conn, *, box: BBox) -> list[OutfallPosition]:
    """Id and position of the live outfalls inside `box` (photo matching's candidates)."""
    # Matching runs once per photo of an import: the position index, whatever else the
    # planner might weigh.
    return [
        OutfallPosition(*row)
        for row in conn.execute(
            "SELECT id, lat, lon FROM outfall INDEXED BY ix_outfall_lat_lon "
            "WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? AND deleted = 0",
            (box.south, box.north, box.west, box.east),
        ).fetchall()
    ]


def last_code_with_prefix(conn: Conn, *, prefix: str) -> str | None:
    """The greatest local code (deleted outfalls' included) starting with `prefix`."""
    # "~" sorts after every character a code is made of: a range on the code index.
    row = conn.execute(
        "SELECT MAX(code) FROM outfall WHERE code >= ? AND code < ?", (prefix, prefix + "~")
    ).fetchone()
    return None if row is None or not row[0] else str(row[0])


class PlacedOutfall(NamedTuple):
    id: str
    code: str
    name: str
    river: str
    lat: float
    lon: float


def outfalls_in_box(conn: Conn, *, box: BBox) -> list[PlacedOutfall]:
    """Live outfalls inside `box`, in no particular order."""
    return [
        PlacedOutfall(*row)
        for row in conn.execute(
            "SELECT id, code, name, river, lat, lon FROM outfall "
            "WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? AND deleted=0",
            (box.south, box.north, box.west, box.east),
        )
    ]
