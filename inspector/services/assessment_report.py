"""The county assessment as a document to export (XLSX or Markdown): the yearly
scorecards, the monthly rankings with their consequences, and every score entered by
hand with who entered it and when."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

from inspector.data.reference import ReferenceData
from inspector.domain.assessment import Scorecard
from inspector.domain.choices import AssessmentItem
from inspector.i18n import language, t
from inspector.services.assessment import entries, scorecards, year_standings
from inspector.services.document import COUNT, SCORE, Chart, Document, Section, Series, Table

#: The scorecard table's columns, in order (keys of `assess.col.*`).
SCORECARD_COLUMNS = (
    "county",
    "water_quality",
    "key_work_other",
    "violations",
    "enforcement",
    "key_work",
    "total",
    "grade",
    "falsification",
    "missing",
)


def _name(ref: ReferenceData, code: str) -> str:
    region = ref.regions.get(code)
    return region.name(language()) if region else code


def scorecard_table(cards: list[Scorecard], ref: ReferenceData, *, key: str, title: str) -> Table:
    lang = language()
    table = Table(
        key=key,
        title=title,
        columns=[t(f"assess.col.{k}") for k in SCORECARD_COLUMNS],
        formats={1: SCORE, 2: SCORE, 3: COUNT, 4: COUNT, 5: SCORE, 6: SCORE},
    )
    sep = "、" if lang == "zh" else ", "
    for card in cards:
        table.rows.append(
            [
                _name(ref, card.county),
                card.water_quality,
                card.key_work_other,
                card.violations,
                card.enforcement,
                card.key_work,
                card.total,
                card.grade.label(lang) if card.grade else "",
                sep.join(card.falsifications),
                sep.join(AssessmentItem.of(m).label(lang) for m in card.missing),
            ]
        )
    return table


def assessment_document(conn: sqlite3.Connection, *, year: int, city: str | None) -> Document:
    ref = ReferenceData.load(conn)
    lang = language()
    scope = ref.regions[city].name(lang) if city else t("report.all_regions")
    cards = scorecards(conn, year=year, month=0, city=city)
    standings = year_standings(conn, year=year, city=city)
    counties = sorted(standings.tallies)

    yearly = scorecard_table(cards, ref, key="assessment_year", title=t("assess.t.year", year=year))
    chart = Chart(
        key="assessment_totals",
        title=t("assess.c.totals", year=year),
        kind="bar",
        categories=[_name(ref, c.county) for c in cards if c.total is not None],
        series=[
            Series(t("assess.col.total"), [float(c.total) for c in cards if c.total is not None])
        ],
    )
    months = sorted(standings.months)
    positions = Table(
        key="monthly_ranking",
        title=t("assess.t.monthly"),
        columns=[t("assess.col.county")]
        + [
            t("assess.month", month=m) + ("*" if m in standings.provisional else "") for m in months
        ],
    )
    for county in counties:
        row: list[object] = [_name(ref, county)]
        for m in months:
            found = next((r for r in standings.months[m] if r.card.county == county), None)
            if found is None:
                row.append("—")
            else:
                mark = " ⚠" if found.warned else ""
                row.append(f"{found.position}{mark}")
        positions.rows.append(row)
    consequences = Table(
        key="consequences",
        title=t("assess.t.consequences"),
        columns=[
            t(f"assess.col.{k}") for k in ("county", "months_last", "months_warned", "consequence")
        ],
        formats={1: COUNT, 2: COUNT},
    )
    for county in counties:
        tl = standings.tallies[county]
        consequences.rows.append(
            [
                _name(ref, county),
                len(tl.months_last),
                len(tl.months_warned),
                tl.consequence.label(lang),
            ]
        )
    manual = Table(
        key="manual_entries",
        title=t("assess.t.manual"),
        columns=[
            t(f"assess.col.{k}")
            for k in ("county", "period", "item", "score", "basis", "entered_by", "entered_at")
        ],
        formats={3: SCORE},
    )
    in_scope = {c.county for c in cards}
    for e in entries(conn, year=year):
        if e.county not in in_scope:
            continue
        period = t("assess.whole_year") if e.month == 0 else t("assess.month", month=e.month)
        manual.rows.append(
            [
                _name(ref, e.county),
                period,
                AssessmentItem.of(e.item).label(lang),
                e.score if e.score is None else Decimal(e.score),
                e.basis or "",
                e.entered_by,
                e.entered_at[:16],
            ]
        )
    return Document(
        key=f"assessment-{year}-{city or 'all'}",
        title=t("assess.title", scope=scope, year=year),
        facts=[(t("report.f.scope"), scope), (t("assess.f.rules"), t("assess.rules"))],
        sections=[
            Section(title=t("assess.s.year"), tables=[yearly], charts=[chart]),
            Section(
                title=t("assess.s.monthly"),
                paragraphs=[t("assess.monthly_note")],
                tables=[positions, consequences],
            ),
            Section(
                title=t("assess.s.manual"),
                paragraphs=[t("assess.manual_note")],
                tables=[manual],
            ),
        ],
    )
