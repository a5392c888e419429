"""The public list (信息公开, DESIGN §8): outfalls, their owners (organisations only), and
their remediation measures and results, with no personal names or phone numbers.

Why a list of its own beside `ledger export --public`: that export is the register in
ledger form (it round-trips through `ledger import`), with the personal columns removed.
The public list is what a county posts: the columns of a public remediation notice
(location, type, tracing, owner, measure, progress, result, closing dates), built only
from structured fields. Free text (notes, remediation plans, evidence, re-test remarks)
is never published, because a name or a phone number typed into it cannot be told
apart from the rest; a re-test is published as passed or not passed.

Which outfalls: every outfall confirmed on site (suspected points are not yet known to
be outfalls; rejected ones are not outfalls), abolished ones included, for their result
is what the public wants to see.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inspector.data import public_list as public_data
from inspector.data.db import Database
from inspector.data.engine import Conn
from inspector.data.reference import ReferenceData
from inspector.domain.choices import (
    AssignmentBasis,
    Category,
    Measure,
    RemediationStatus,
    State,
)
from inspector.domain.owners import is_private_person
from inspector.domain.periods import today as calendar_today
from inspector.i18n import Problem, language, t
from inspector.services.document import Table, write_table

PUBLIC_FORMATS = (".csv", ".xlsx", ".md")
_HIDDEN_STATES = (State.SUSPECTED.value, State.REJECTED.value)

COLUMNS = (
    "code",
    "name",
    "county",
    "township",
    "river",
    "category",
    "lon",
    "lat",
    "state",
    "tracing",
    "owner",
    "credit_code",
    "measure",
    "deadline",
    "progress",
    "retest",
    "pre_closed_on",
    "closed_on",
)


def owner_cell(
    name: str | None,
    kind: str | None,
    basis: str | None,
    *,
    credit_code: str | None = None,
    lang: str | None = None,
) -> tuple[str, bool]:
    """What the public sees as an outfall's owner, and whether it is an organisation
    whose credit code may be shown. A private person is never named: the kind on record,
    the credit code and the name's form all count (`domain.owners.is_private_person`)."""
    if basis == AssignmentBasis.GOVERNMENT_BACKSTOP:
        return AssignmentBasis.GOVERNMENT_BACKSTOP.label(lang or language()), False
    if name is None:
        return "", False
    if is_private_person(name, credit_code, kind):
        return t("ledger.public_individual", lang=lang), False
    return name, True


def _label(kind: Any, key: str | None, lang: str) -> str:
    return kind.of(key).label(lang) if key else ""


def public_rows(conn: Conn, *, county: str | None = None) -> Iterator[dict[str, Any]]:
    """The public list, one outfall at a time, in county and code order."""
    lang = language()
    ref = ReferenceData.load(conn)
    today = calendar_today().isoformat()
    for row in public_data.public_rows(
        conn, today=today, hidden_states=_HIDDEN_STATES, county_code=county
    ):
        (
            code,
            name,
            county_code,
            township,
            river,
            category,
            lon,
            lat,
            state,
            owner,
            kind,
            credit,
            basis,
            measure,
            deadline,
            status,
            retest,
            pre_closed,
            closed,
        ) = row
        owner_text, organisation = owner_cell(owner, kind, basis, credit_code=credit, lang=lang)
        region = ref.regions.get(county_code)
        if basis == AssignmentBasis.GOVERNMENT_BACKSTOP:
            tracing = t("public.traced_backstop")
        elif owner is not None:
            tracing = t("public.traced")
        else:
            tracing = t("public.not_traced")
        if retest is None:
            retest_text = ""
        else:
            retest_text = t("public.retest_passed" if retest else "public.retest_failed")
        yield {
            "code": code,
            "name": name,
            "county": region.name(lang) if region else county_code,
            "township": township or "",
            "river": river,
            "category": _label(Category, category, lang),
            "lon": round(lon, 6),
            "lat": round(lat, 6),
            "state": _label(State, state, lang),
            "tracing": tracing,
            "owner": owner_text,
            "credit_code": credit if organisation and credit else "",
            "measure": _label(Measure, measure, lang),
            "deadline": deadline or "",
            "progress": _label(RemediationStatus, status, lang),
            "retest": retest_text,
            "pre_closed_on": pre_closed or "",
            "closed_on": closed or "",
        }


def public_table(conn: Conn, *, county: str | None = None) -> Table:
    """The public list as a table (what the UI shows and the export writes)."""
    table = Table(
        key="public_list",
        title=t("public.title"),
        columns=[t(f"public.col.{c}") for c in COLUMNS],
    )
    for row in public_rows(conn, county=county):
        table.rows.append([row[c] for c in COLUMNS])
    return table


@dataclass
class PublicExport:
    file: str
    rows: int

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file, "rows": self.rows}


def export_public_list(db: Database, path: Path, *, county: str | None = None) -> PublicExport:
    """Write the public list to `path` (.csv, .xlsx or .md)."""
    path = Path(path)
    if path.suffix.lower() not in PUBLIC_FORMATS:
        raise Problem("report.table_format", file=path.name, formats=", ".join(PUBLIC_FORMATS))
    with db.read() as conn:
        code = None
        if county is not None:
            ref = ReferenceData.load(conn)
            code = ref.region_code(county)
            if code is None or ref.regions[code].level != "county":
                raise Problem("plan.unknown_county", county=county)
        table = public_table(conn, county=code)
    write_table(table, path)
    return PublicExport(file=str(path), rows=len(table.rows))
