"""What the Plans screen, the dashboard and `plan list|show` read: plans with their
fulfilment, items with their outfall, inspectors, due date and inspection."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from typing import Any

from inspector.data.reference import ReferenceData
from inspector.domain.choices import PlanItemStatus
from inspector.domain.periods import local_date
from inspector.domain.plan_items import ItemFacts, is_overdue
from inspector.i18n import Problem, language


@dataclass(frozen=True)
class PlanSummary:
    id: str
    year: int
    county: str
    county_name: str
    method: str
    seed: str | None
    drawn_on: str | None
    published_at: str | None
    items: int
    done: int
    pending: int
    overdue: int
    cancelled: int

    @property
    def fulfilled_share(self) -> float:
        """Done among the items not cancelled."""
        live = self.items - self.cancelled
        return self.done / live if live else 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "year": self.year,
            "county": self.county,
            "county_name": self.county_name,
            "method": self.method,
            "seed": self.seed,
            "drawn_on": self.drawn_on,
            "published_at": self.published_at,
            "items": self.items,
            "done": self.done,
            "pending": self.pending,
            "overdue": self.overdue,
            "cancelled": self.cancelled,
            "fulfilled_share": round(self.fulfilled_share, 4),
        }


@dataclass(frozen=True)
class ItemView:
    id: str
    plan_id: str
    outfall_id: str
    code: str
    name: str
    county: str
    township: str | None
    river: str
    inspector_a: str | None
    inspector_b: str | None
    due_date: dt.date | None
    status: str
    inspection_id: str | None
    inspected_on: dt.date | None
    overdue: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "plan_id": self.plan_id,
            "outfall_id": self.outfall_id,
            "code": self.code,
            "name": self.name,
            "county": self.county,
            "river": self.river,
            "inspectors": [self.inspector_a, self.inspector_b],
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "status": self.status,
            "inspection_id": self.inspection_id,
            "inspected_on": self.inspected_on.isoformat() if self.inspected_on else None,
            "overdue": self.overdue,
        }


def list_plans(
    conn: sqlite3.Connection,
    *,
    today: dt.date,
    year: int | None = None,
    county: str | None = None,
) -> list[PlanSummary]:
    """Live plans, newest year first, then by county and method; their items counted as
    of `today` by the one rule (`domain.plan_items`)."""
    from inspector.data.plan_items import item_facts

    ref = ReferenceData.load(conn)
    where, params = ["p.deleted=0"], []
    if year is not None:
        where.append("p.year=?")
        params.append(str(year))
    if county is not None:
        where.append("p.county_code=?")
        params.append(county)
    rows = conn.execute(
        "SELECT p.id, p.year, p.county_code, p.method, p.seed, "
        "json_extract(p.inputs, '$.drawn_on'), p.published_at FROM plan p "
        f"WHERE {' AND '.join(where)} ORDER BY p.year DESC, p.county_code, p.method, p.id",
        params,
    ).fetchall()
    facts = item_facts(conn, plan_ids=[r[0] for r in rows])
    out = []
    for pid, y, c, method, seed, drawn, published in rows:
        items = facts.get(pid, [])
        region = ref.regions.get(c)
        out.append(
            PlanSummary(
                id=pid,
                year=y,
                county=c,
                county_name=region.name(language()) if region else c,
                method=method,
                seed=seed,
                drawn_on=drawn,
                published_at=published,
                items=len(items),
                done=sum(i.status == PlanItemStatus.DONE for i in items),
                pending=sum(i.status == PlanItemStatus.PENDING for i in items),
                overdue=sum(is_overdue(i, today) for i in items),
                cancelled=sum(i.status == PlanItemStatus.CANCELLED for i in items),
            )
        )
    return out


_ITEM_SQL = (
    "SELECT i.id, i.plan_id, i.outfall_id, o.code, o.name, o.county_code, o.township, o.river, "
    "i.inspector_a, i.inspector_b, i.due_date, i.status, i.inspection_id, n.started_at "
    "FROM plan_item i JOIN plan p ON p.id = i.plan_id JOIN outfall o ON o.id = i.outfall_id "
    "LEFT JOIN inspection n ON n.id = i.inspection_id AND n.deleted=0 "
)


def _item(row: tuple[Any, ...], today: dt.date) -> ItemView:
    iid, pid, oid, code, name, county, township, river, a, b, due, status, insp, started = row
    due_date = dt.date.fromisoformat(due) if due else None
    inspected_on = local_date(started) if started else None
    return ItemView(
        id=iid,
        plan_id=pid,
        outfall_id=oid,
        code=code,
        name=name,
        county=county,
        township=township,
        river=river,
        inspector_a=a,
        inspector_b=b,
        due_date=due_date,
        status=status,
        inspection_id=insp,
        inspected_on=inspected_on,
        overdue=is_overdue(ItemFacts(status, due_date, inspected_on), today),
    )


def plan_items(conn: sqlite3.Connection, plan_id: str, *, today: dt.date) -> list[ItemView]:
    """A plan's items in due-date order (the order the draw gave them)."""
    return [
        _item(row, today)
        for row in conn.execute(
            _ITEM_SQL + "WHERE i.plan_id=? AND i.deleted=0 ORDER BY i.due_date, o.code",
            (plan_id,),
        )
    ]


def due_items(
    conn: sqlite3.Connection,
    *,
    today: dt.date,
    within_days: int = 7,
    county: str | None = None,
    limit: int = 100,
) -> list[ItemView]:
    """Pending items of live plans due by `today + within_days` (overdue ones first):
    the dashboard's "today's plan items"."""
    horizon = (today + dt.timedelta(days=within_days)).isoformat()
    sql = _ITEM_SQL + (
        "WHERE i.deleted=0 AND p.deleted=0 AND i.status='pending' AND i.due_date <= ?"
    )
    params: list[Any] = [horizon]
    if county is not None:
        sql += " AND p.county_code=?"
        params.append(county)
    sql += " ORDER BY i.due_date, o.code LIMIT ?"
    params.append(limit)
    return [_item(row, today) for row in conn.execute(sql, params)]


def find_plan(conn: sqlite3.Connection, text: str) -> str:
    """A plan's id from its id or an unambiguous beginning of it (at least 6 characters,
    as `plan list` shows them)."""
    text = text.strip()
    if len(text) < 6:
        raise Problem("plan.id_too_short", plan=text)
    rows = conn.execute(
        "SELECT id FROM plan WHERE deleted=0 AND id LIKE ? ESCAPE '\\' LIMIT 2",
        (text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",),
    ).fetchall()
    if not rows:
        raise Problem("plan.not_found", plan=text)
    if len(rows) > 1:
        raise Problem("plan.ambiguous", plan=text)
    return str(rows[0][0])


def plan_summary(conn: sqlite3.Connection, plan_id: str, *, today: dt.date) -> PlanSummary:
    for summary in list_plans(conn, today=today):
        if summary.id == plan_id:
            return summary
    raise Problem("plan.not_found", plan=plan_id)


def plan_of(
    conn: sqlite3.Connection, *, year: int, county: str, method: str, today: dt.date
) -> PlanSummary | None:
    """The live plan a new draw for this county, year and method would replace (one
    each): a dialog says so before anything is drawn."""
    for summary in list_plans(conn, today=today, year=year, county=county):
        if summary.method == method:
            return summary
    return None
