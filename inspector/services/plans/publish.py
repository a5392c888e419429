"""The published result of a plan (双随机一公开: 公开): which outfalls were checked, when,
and what was found, with owners named only when they are organisations and no inspector
named at all. Publishing also stamps the plan's `published_at`.

With the result goes the draw's record (`draw.draw_record`): the candidate list by public
code and every input of the selection, so that anyone can re-run the draw from the
published file alone (`inspector plan verify --published FILE`, `read_record`):

- `.xlsx`: a sheet 抽取记录 with the candidate list, and a sheet whose first column holds
  the record as JSON, one line per row, under the line `RECORD_MARK`;
- `.md`: the candidate list, then the record in a fenced `json` block after `RECORD_MARK`;
- `.csv`: the result table alone (it stays machine-readable); the record is written beside
  it as `NAME.draw.json`.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inspector.data.db import Database
from inspector.data.engine import Conn
from inspector.data.plan_items import result_rows
from inspector.data.plans import live_plan, plan_inputs
from inspector.data.reference import ReferenceData
from inspector.domain import jsontext
from inspector.domain.choices import PlanItemStatus, PlanMethod, Violation
from inspector.domain.periods import local_date
from inspector.domain.periods import today as calendar_today
from inspector.i18n import Problem, language, t
from inspector.i18n.reasons import keyed
from inspector.models import Plan
from inspector.services.document import (
    Document,
    Section,
    Table,
    atomic_file,
    render_markdown,
    write_table,
    write_xlsx,
)
from inspector.services.public_list import PUBLIC_FORMATS, owner_cell

COLUMNS = ("no", "code", "name", "township", "river", "owner", "due", "inspected_on", "result")
#: The line that introduces the machine-readable draw record in a published file.
RECORD_MARK = "#outfall-inspector-draw-record"


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


def results_table(conn: Conn, plan_id: str) -> Table:
    plan = live_plan(conn, plan_id=plan_id)
    if plan is None:
        raise Problem("plan.not_found", plan=plan_id)
    year, county, method = plan.year, plan.county_code, plan.method
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
    today = calendar_today().isoformat()
    for n, item in enumerate(result_rows(conn, plan_id=plan_id, today=today), start=1):
        owner_text, _ = owner_cell(
            item.owner, item.owner_kind, item.basis, credit_code=item.credit_code
        )
        table.rows.append(
            [
                n,
                item.code,
                item.name,
                item.township or "",
                item.river,
                owner_text,
                item.due_date or "",
                local_date(item.started_at).isoformat() if item.started_at else "",
                result_text(item.status, item.violation, item.follow_up, item.suspicion),
            ]
        )
    return table


def draw_facts(conn: Conn, plan_id: str) -> list[tuple[str, str]]:
    """What anyone needs to check the draw: how, with which seed, from how many
    outfalls (and their fingerprint), when. The candidate list itself stays in the
    database (`plan verify`); the fingerprint lets it be matched."""
    from inspector.services.plans.draw import candidate_digest

    inputs, _county = plan_inputs(conn, plan_id=plan_id)
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
    record_file: str | None = None
    """Where the draw record went when it is not inside `file` (a CSV's `.draw.json`)."""

    def as_json(self) -> dict[str, Any]:
        return {
            "plan_id": self.plan_id,
            "file": self.file,
            "rows": self.rows,
            "published_at": self.published_at,
            "record_file": self.record_file or self.file,
        }


def plan_record(conn: Conn, plan_id: str) -> dict[str, Any] | None:
    """The draw record of a plan (None for a plan without stored inputs)."""
    from inspector.services.plans.draw import draw_record

    inputs, county = plan_inputs(conn, plan_id=plan_id)
    if not inputs.get("candidates"):
        return None
    region = ReferenceData.load(conn).regions.get(county or "")
    return draw_record(inputs, county_name=region.name_zh if region else "")


def record_lines(record: dict[str, Any]) -> list[str]:
    """The record as JSON text, one candidate or drawn item per line, under the mark."""
    text = json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True)
    return [RECORD_MARK, *text.splitlines()]


def candidate_table(record: dict[str, Any]) -> Table:
    """The candidate list, as a person reads it: every outfall the draw was made from."""
    drawn = {d["code"] for d in record["drawn"]}
    table = Table(
        key="draw_candidates",
        title=t(
            "publish.candidates",
            count=record["candidate_count"],
            seed=record["seed"],
            algorithm=record["algorithm"],
        ),
        columns=[t(f"publish.cand.{c}") for c in ("code", "stratum", "drawn")],
    )
    for stratum, codes in sorted(record["candidates"].items()):
        for code in codes:
            table.rows.append([code, stratum, t("ui.yes") if code in drawn else ""])
    return table


def publish_results(db: Database, plan_id: str, path: Path) -> Publication:
    """Write the plan's result list to `path` (.csv, .xlsx or .md), with its draw record,
    and record when it was published."""
    path = Path(path)
    if path.suffix.lower() not in PUBLIC_FORMATS:
        raise Problem("report.table_format", file=path.name, formats=", ".join(PUBLIC_FORMATS))
    with db.read() as conn:
        table = results_table(conn, plan_id)
        facts = draw_facts(conn, plan_id)
        record = plan_record(conn, plan_id)
    record_file = _write_publication(table, path, facts, record)
    now = dt.datetime.now(dt.UTC)
    with db.write(reason=keyed("reason.plan_results_published")) as w:
        w.update(Plan, plan_id, {"published_at": now})
        stamp = w.get(Plan, plan_id)
    assert stamp is not None
    return Publication(
        plan_id=plan_id,
        file=str(path),
        rows=len(table.rows),
        published_at=stamp["published_at"],
        record_file=str(record_file) if record_file else None,
    )


def _write_publication(
    table: Table, path: Path, facts: list[tuple[str, str]], record: dict[str, Any] | None
) -> Path | None:
    suffix = path.suffix.lower()
    if record is None or suffix == ".csv":
        write_table(table, path, facts=facts)
        if record is None:
            return None
        beside = path.with_name(path.stem + ".draw.json")
        with atomic_file(beside) as tmp:
            tmp.write_text("\n".join(record_lines(record)[1:]) + "\n", encoding="utf-8")
        return beside
    candidates = candidate_table(record)
    raw = Table(key="draw_record", title=t("publish.record"), columns=[RECORD_MARK])
    raw.rows = [[line] for line in record_lines(record)[1:]]
    if suffix == ".xlsx":
        write_xlsx(
            Document(
                key=table.key,
                title=table.title,
                facts=list(facts),
                sections=[
                    Section(title=table.title, tables=[table]),
                    Section(title=t("publish.candidates_sheet"), tables=[candidates]),
                    Section(title=t("publish.record"), tables=[raw]),
                ],
            ),
            path,
        )
    else:
        doc = Document(
            key=table.key,
            title=table.title,
            facts=list(facts),
            sections=[
                Section(title=table.title, tables=[table]),
                Section(title=t("publish.candidates_sheet"), tables=[candidates]),
            ],
        )
        text = render_markdown(doc)
        text += "\n" + "\n".join([f"## {t('publish.record')}", "", RECORD_MARK, "```json"])
        text += "\n" + "\n".join(record_lines(record)[1:]) + "\n```\n"
        with atomic_file(path) as tmp:
            tmp.write_text(text, encoding="utf-8")
    return None


def read_record(path: Path) -> dict[str, Any]:
    """The draw record inside a published file (.xlsx, .md) or a record file (.json)."""
    path = Path(path)
    if not path.is_file():
        raise Problem("io.not_found", path=path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            return dict(jsontext.loads(path.read_text(encoding="utf-8-sig")))
        if suffix == ".md":
            lines = path.read_text(encoding="utf-8-sig").splitlines()
            start = lines.index(RECORD_MARK) + 2  # the mark, then the fence
            end = lines.index("```", start)
            return dict(jsontext.loads("\n".join(lines[start:end])))
        if suffix == ".xlsx":
            return _xlsx_record(path)
    except (ValueError, TypeError, UnicodeDecodeError):
        raise Problem("plan.record_unreadable", file=path.name) from None
    if suffix == ".csv":
        raise Problem("plan.record_in_csv", file=path.name, beside=path.stem + ".draw.json")
    raise Problem("plan.record_format", file=path.name)


def _xlsx_record(path: Path) -> dict[str, Any]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise Problem("table.bad_xlsx", file=path.name, error=type(exc).__name__) from None
    try:
        for sheet in book.worksheets:
            lines: list[str] | None = None
            for (value,) in sheet.iter_rows(min_col=1, max_col=1, values_only=True):
                if lines is not None:
                    if value is None:
                        break
                    lines.append(str(value))
                elif value == RECORD_MARK:
                    lines = []
            if lines:
                return dict(jsontext.loads("\n".join(lines)))
    finally:
        book.close()
    raise ValueError("no record")
