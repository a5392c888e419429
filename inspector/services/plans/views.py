"""What the Plans screen, the dashboard and `plan list|show` read: plans with their
fulfilment, items with their outfall, inspectors, due date and inspection."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from inspector.data import plan_items as items_data
from inspector.data import plans as plans_data
from inspector.data.areas import Area
from inspector.data.engine import Conn
from inspector.data.reference import ReferenceData
from inspector.domain.choices import PlanItemStatus
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
class ItemView(items_data.ItemRow):
    """A plan item as people see it: the stored row and whether it is overdue today."""

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
    conn: Conn,
    *,
    today: dt.date,
    year: int | None = None,
    county: str | None = None,
) -> list[PlanSummary]:
    """Live plans, newest year first, then by county and method; their items counted as
    of `today` by the one rule (`domain.plan_items`)."""
    ref = ReferenceData.load(conn)
    rows = plans_data.live_plans(conn, year=year, area=Area(county=county))
    facts = items_data.item_facts(conn, plan_ids=[r.id for r in rows])
    out = []
    for row in rows:
        items = facts.get(row.id, [])
        region = ref.regions.get(row.county_code)
        out.append(
            PlanSummary(
                id=row.id,
                year=row.year,
                county=row.county_code,
                county_name=region.name(language()) if region else row.county_code,
                method=row.method,
                seed=row.seed,
                drawn_on=row.drawn_on,
                published_at=row.published_at,
                items=len(items),
                done=sum(i.status == PlanItemStatus.DONE for i in items),
                pending=sum(i.status == PlanItemStatus.PENDING for i in items),
                overdue=sum(is_overdue(i, today) for i in items),
                cancelled=sum(i.status == PlanItemStatus.CANCELLED for i in items),
            )
        )
    return out


def _item(row: items_data.ItemRow, today: dt.date) -> ItemView:
    return ItemView(
        **vars(row),
        overdue=is_overdue(ItemFacts(row.status, row.due_date, row.inspected_on), today),
    )


def plan_items(conn: Conn, plan_id: str, *, today: dt.date) -> list[ItemView]:
    """A plan's items in due-date order (the order the draw gave them)."""
    return [_item(row, today) for row in items_data.item_rows(conn, plan_id=plan_id)]


def due_items(
    conn: Conn,
    *,
    today: dt.date,
    within_days: int = 7,
    county: str | None = None,
    limit: int = 100,
) -> list[ItemView]:
    """Pending items of live plans due by `today + within_days` (overdue ones first):
    the dashboard's "today's plan items"."""
    horizon = today + dt.timedelta(days=within_days)
    rows = items_data.due_item_rows(conn, by=horizon, county_code=county, limit=limit)
    return [_item(row, today) for row in rows]


def find_plan(conn: Conn, text: str) -> str:
    """A plan's id from its id or an unambiguous beginning of it (at least 6 characters,
    as `plan list` shows them)."""
    text = text.strip()
    if len(text) < 6:
        raise Problem("plan.id_too_short", plan=text)
    ids = plans_data.plan_ids_with_prefix(conn, prefix=text)
    if not ids:
        raise Problem("plan.not_found", plan=text)
    if len(ids) > 1:
        raise Problem("plan.ambiguous", plan=text)
    return ids[0]


def plan_summary(conn: Conn, plan_id: str, *, today: dt.date) -> PlanSummary:
    for summary in list_plans(conn, today=today):
        if summary.id == plan_id:
            return summary
    raise Problem("plan.not_found", plan=plan_id)


def plan_of(
    conn: Conn, *, year: int, county: str, method: str, today: dt.date
) -> PlanSummary | None:
    """The live plan a new draw for this county, year and method would replace (one
    each): a dialog says so before anything is drawn."""
    for summary in list_plans(conn, today=today, year=year, county=county):
        if summary.method == method:
            return summary
    return None
