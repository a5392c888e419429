"""What a person needs to recognise a record: its outfall's code and name, its own name
or code, and the date or file that tells it from its siblings."""

from __future__ import annotations

from dataclasses import dataclass

from inspector.data.engine import Conn

#: Per table: the column naming the record itself, a code beside it, and the column
#: that tells it apart from the outfall's other records of the kind.
_OWN: dict[str, tuple[str | None, str | None, str | None]] = {
    "owner": ("name", "credit_code", None),
    "inspection": (None, None, "started_at"),
    "remediation": (None, None, "deadline"),
    "trace_record": (None, None, "traced_on"),
    "owner_assignment": (None, None, "valid_from"),
    "photo": ("original_name", None, "taken_at"),
    "plan_item": (None, None, "due_date"),
    "plan": (None, "county_code", "year"),
    "incident": ("river", None, "occurred_at"),
    "incident_notice": (None, "region_code", "notified_at"),
    "recusal": ("inspector", None, "declared_on"),
    "assessment_entry": ("item", "county_code", "year"),
}


@dataclass(frozen=True)
class RecordFacts:
    outfall_code: str | None = None
    outfall_name: str | None = None
    name: str | None = None
    code: str | None = None
    detail: str | None = None
    """A date, moment or year as stored."""


def record_facts(conn: Conn, *, entity: str, row_id: str) -> RecordFacts | None:
    """The facts of one record of a synced table (None: no such row here)."""
    if entity == "outfall":
        row = conn.execute("SELECT code, name FROM outfall WHERE id=?", (row_id,)).fetchone()
        return RecordFacts(outfall_code=row[0], outfall_name=row[1]) if row else None
    from inspector.models import SYNCED

    model = SYNCED.get(entity)
    if model is None:
        return None
    columns = set(model.model_fields)
    select = ", ".join(
        f"x.{c}" if c and c in columns else "NULL" for c in _OWN.get(entity, (None, None, None))
    )
    outfall = "LEFT JOIN outfall o ON o.id = x.outfall_id" if "outfall_id" in columns else ""
    row = conn.execute(
        f"SELECT {'o.code, o.name' if outfall else 'NULL, NULL'}, {select} "
        f"FROM {_quote(entity)} x {outfall} WHERE x.id=?",
        (row_id,),
    ).fetchone()
    if row is None:
        return None
    values = [None if v is None else str(v) for v in row]
    return RecordFacts(*values)


def _quote(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(name)
    return f'"{name}"'
