"""The published result of a plan (双随机一公开: 公开): which outfalls were checked, when,
and what was found, with owners named only when they are organisations and no inspector
named at all. Publishing also stamps the plan's `published_at`.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inspector.data.db import Database
from inspector.data.queries import current_main_assignment_sql
from inspector.data.reference import ReferenceData
from inspector.domain.choices import PlanItemStatus, PlanMethod, Violation
from inspector.domain.periods import local_date
from inspector.i18n import Problem, language, t
from inspector.i18n.reasons import keyed
from inspector.models import Plan
from inspector.services.document import Table, write_table
from inspector.services.public_list import PUBLIC_FORMATS, owner_cell

COLUMNS = ("no", "code", "name", "township", "river", "owner", "due", "inspected_on", "result")


def result_text(status: str, violation: str | None, follow_up: bool, suspicion: str | None) -> str:
    """What a published result says about one item."""
    if status == PlanItemStatus.CANCELLED:
        return t("publish.cancelled")
    if status != PlanItemStatus.DONE:
        return t("publish.pending")
    if violation:
        return t("publish.violation", violation=Violation.of(violation).label(language()))
    if follow_up or suspicion in ("suspect", "obvious"):
        return t("publish.follow_up")
    return t("publish.no_problem")


def results_table(conn: sqlite3.Connection, plan_id: str) -> Table:
    row = conn.execute(
        "SELECT year, county_code, method FROM plan WHERE id=? AND deleted=0", (plan_id,)
    ).fetchone()
    if row is None:
        raise Problem("plan.not_found", plan=plan_id)
    year, county, method = row
    ref = ReferenceData.load(conn)
    region = ref.regions.get(county)
    table = Table(
        key="plan_results",
        title=t(
            "publish.title",
            year=year,
            county=region.name(language()) if region else county,
            method=PlanMethod.of(method).label(language()),
        ),
        columns=[t(f"publish.col.{c}") for c in COLUMNS],
    )
    today = dt.date.today().isoformat()
    for n, (
        code,
        name,
        township,
        river,
        owner,
        kind,
        basis,
        due,
        status,
        started,
        v,
        f,
        s,
    ) in enumerate(
        conn.execute(
            "SELECT o.code, o.name, o.township, o.river, ow.name, ow.kind, a.basis, "
            "i.due_date, i.status, n.started_at, n.violation, n.follow_up, n.suspicion "
            "FROM plan_item i JOIN outfall o ON o.id = i.outfall_id "
            "LEFT JOIN inspection n ON n.id = i.inspection_id AND n.deleted=0 "
            f"LEFT JOIN owner_assignment a ON a.id = ({current_main_assignment_sql('o.id', '?')}) "
            "LEFT JOIN owner ow ON ow.id = a.owner_id "
            "WHERE i.plan_id=? AND i.deleted=0 ORDER BY i.due_date, o.code",
            (today, plan_id),
        ),
        start=1,
    ):
        owner_text, _ = owner_cell(owner, kind, basis)
        table.rows.append(
            [
                n,
                code,
                name,
                township or "",
                river,
                owner_text,
                due or "",
                local_date(started).isoformat() if started else "",
                result_text(status, v, bool(f), s),
            ]
        )
    return table


def draw_facts(conn: sqlite3.Connection, plan_id: str) -> list[tuple[str, str]]:
    """What anyone needs to check the draw: how, with which seed, from how many
    outfalls (and their fingerprint), when. The candidate list itself stays in the
    database (`plan verify`); the fingerprint lets it be matched."""
    from inspector.services.plans.draw import candidate_digest

    row = conn.execute("SELECT inputs FROM plan WHERE id=?", (plan_id,)).fetchone()
    inputs = json.loads(row[0]) if row and row[0] else {}
    if not inputs.get("candidates"):
        return []
    count = sum(len(ids) for ids in inputs["candidates"].values())
    return [
        (t("publish.f.algorithm"), str(inputs.get("algorithm", ""))),
        (t("publish.f.seed"), str(inputs.get("seed", ""))),
        (t("publish.f.drawn_on"), str(inputs.get("drawn_on", ""))),
        (
            t("publish.f.candidates"),
            t("plan.out.candidates_value", count=count, digest=candidate_digest(inputs)[:16]),
        ),
    ]


@dataclass
class Publication:
    plan_id: str
    file: str
    rows: int
    published_at: str

    def as_json(self) -> dict[str, Any]:
        return {
            "plan_id": self.plan_id,
            "file": self.file,
            "rows": self.rows,
            "published_at": self.published_at,
        }


def publish_results(db: Database, plan_id: str, path: Path) -> Publication:
    """Write the plan's result list to `path` (.csv, .xlsx or .md) and record when it was
    published."""
    path = Path(path)
    if path.suffix.lower() not in PUBLIC_FORMATS:
        raise Problem("report.table_format", file=path.name, formats=", ".join(PUBLIC_FORMATS))
    with db.read() as conn:
        table = results_table(conn, plan_id)
        facts = draw_facts(conn, plan_id)
    write_table(table, path, facts=facts)
    now = dt.datetime.now(dt.UTC)
    with db.write(reason=keyed("reason.plan_results_published")) as w:
        w.update(Plan, plan_id, {"published_at": now})
        stamp = w.get(Plan, plan_id)
    assert stamp is not None
    return Publication(
        plan_id=plan_id, file=str(path), rows=len(table.rows), published_at=stamp["published_at"]
    )
