"""The county assessment as a document to export (XLSX or Markdown): the yearly
scorecards, the monthly rankings, what the year brings each county, the adjustments and
falsification findings, the enforcement cases, the city departments' ranking, and every
score entered by hand with who entered it and when.

The results are due to the city government by the scheme's date (31 January of the next
year), shown among the facts. The public version (`public=True`) leaves out every
person's name: who entered what, and the bases written by hand.
"""

from __future__ import annotations

from fractions import Fraction

from inspector.data import assessment as store
from inspector.data.engine import Conn
from inspector.data.reference import ReferenceData
from inspector.domain import periods
from inspector.domain.assessment import Scorecard, shown
from inspector.domain.choices import AdjustmentCause, AssessmentItem, Consequence, Grade, Violation
from inspector.domain.periods import local_date
from inspector.i18n import language, t
from inspector.services.assessment import (
    department_results,
    entries,
    scheme_for,
    year_standings,
)
from inspector.services.document import COUNT, SCORE, Chart, Document, Section, Series, Table

#: The scorecard table's columns, in order (keys of `assess.col.*`).
SCORECARD_COLUMNS = (
    "county",
    "water_quality",
    "key_work_manual",
    "cases",
    "enforcement",
    "incidents",
    "key_work",
    "adjustment",
    "total",
    "grade",
    "falsification",
    "missing",
)
#: Columns of figures in that table (by index).
SCORECARD_FORMATS = {1: SCORE, 2: SCORE, 3: COUNT, 4: SCORE, 5: COUNT, 6: SCORE, 7: SCORE, 8: SCORE}


def _name(ref: ReferenceData, code: str) -> str:
    region = ref.regions.get(code)
    return region.name(language()) if region else code


def missing_label(card: Scorecard, lang: str) -> str:
    """What a card still lacks, in words (a section, or its items)."""
    sep = "、" if lang == "zh" else ", "
    out = []
    for key in card.missing:
        item = card.scheme.item(key)
        if item is not None:
            out.append(item.label(lang))
        else:
            out.append(t(f"assess.section.{key}"))
    return sep.join(out)


def scorecard_row(card: Scorecard, ref: ReferenceData) -> list[object]:
    """A county's card as a row of `SCORECARD_COLUMNS`; figures are shown rounded (the
    grade is the exact total's)."""
    lang = language()
    sep = "、" if lang == "zh" else ", "
    if card.excluded is not None:
        return [
            _name(ref, card.county),
            *([None] * 7),
            None,
            t("assess.excluded_grade"),
            "",
            t("assess.excluded_because", reason=card.excluded),
        ]
    return [
        _name(ref, card.county),
        shown(card.water_quality),
        shown(card.key_work_manual),
        card.cases,
        shown(card.enforcement),
        card.incidents,
        shown(card.key_work),
        shown(card.adjustment) if card.adjusted else None,
        shown(card.total),
        card.grade.label(lang) if card.grade else "",
        sep.join(card.findings),
        missing_label(card, lang),
    ]


def scorecard_table(cards: list[Scorecard], ref: ReferenceData, *, key: str, title: str) -> Table:
    table = Table(
        key=key,
        title=title,
        columns=[t(f"assess.col.{k}") for k in SCORECARD_COLUMNS],
        formats=dict(SCORECARD_FORMATS),
    )
    table.rows = [scorecard_row(card, ref) for card in cards]
    return table


def _consequences(items: list[Consequence], lang: str) -> str:
    sep = "；" if lang == "zh" else "; "
    return sep.join(c.label(lang) for c in items) or Consequence.NONE.label(lang)


def assessment_document(
    conn: Conn, *, year: int, city: str | None, public: bool = False
) -> Document:
    ref = ReferenceData.load(conn)
    lang = language()
    scope = ref.regions[city].name(lang) if city else t("report.all_regions")
    scheme = scheme_for(conn, city)
    standings = year_standings(conn, year=year, city=city)
    counties = sorted(standings.counties)
    cards = [standings.counties[c].card for c in counties]

    yearly = scorecard_table(cards, ref, key="assessment_year", title=t("assess.t.year", year=year))
    totals = [(c, c.total) for c in cards if c.total is not None and c.excluded is None]
    chart = Chart(
        key="assessment_totals",
        title=t("assess.c.totals", year=year),
        kind="bar",
        categories=[_name(ref, c.county) for c, _ in totals],
        series=[Series(t("assess.col.total"), [float(shown(v) or 0) for _, v in totals])],
    )
    months = sorted(standings.months)
    positions = Table(
        key="monthly_ranking",
        title=t("assess.t.monthly"),
        columns=[t("assess.col.county")] + [t("assess.month", month=m) for m in months],
    )
    for county in counties:
        row: list[object] = [_name(ref, county)]
        for m in months:
            ranking = standings.months[m]
            found = next((r for r in ranking.ranked if r.card.county == county), None)
            if found is not None:
                row.append(f"{found.position}{' ⚠' if found.warned else ''}")
            elif any(c.county == county for c in ranking.excluded):
                row.append(t("assess.mark.excluded"))
            else:
                row.append(t("assess.mark.missing"))
        positions.rows.append(row)
    consequences = Table(
        key="consequences",
        title=t("assess.t.consequences"),
        columns=[
            t(f"assess.col.{k}")
            for k in (
                "county",
                "months_last",
                "months_warned",
                "months_missing",
                "grade",
                "deterioration",
                "consequence",
            )
        ],
        formats={1: COUNT, 2: COUNT, 3: COUNT},
    )
    for county in counties:
        cy = standings.counties[county]
        tl = cy.tally
        falling = (
            t("assess.falling", months=t("assess.list_sep").join(str(m) for m in cy.deteriorating))
            if cy.deteriorating
            else ""
        )
        consequences.rows.append(
            [
                _name(ref, county),
                len(tl.months_last),
                len(tl.months_warned),
                len(tl.months_missing),
                cy.card.grade.label(lang) if cy.card.grade else "",
                falling,
                _consequences(cy.consequences, lang),
            ]
        )
    eia = scheme.eia_exceptions_zh if lang == "zh" else scheme.eia_exceptions_en
    consequence_notes = [t("assess.monthly_note")]
    if any(Consequence.EIA_SUSPENSION in cy.consequences for cy in standings.counties.values()):
        consequence_notes.append(t("assess.eia_note", exceptions=eia))

    adjustments = Table(
        key="adjustments",
        title=t("assess.t.adjustments"),
        columns=[
            t(f"assess.col.{k}") for k in ("county", "period", "adjustment", "cause", "reason")
        ],
        formats={2: SCORE},
    )
    findings = Table(
        key="findings",
        title=t("assess.t.findings"),
        columns=[t(f"assess.col.{k}") for k in ("county", "period", "basis")],
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
    in_scope = set(counties)
    for e in entries(conn, year=year):
        if e.county not in in_scope:
            continue
        period = t("assess.whole_year") if e.month == 0 else t("assess.month", month=e.month)
        if e.item == AssessmentItem.ADJUSTMENT.value and e.score is not None:
            cause = AdjustmentCause.parse(e.cause or "")
            adjustments.rows.append(
                [
                    _name(ref, e.county),
                    period,
                    shown(e.score),
                    cause.label(lang) if cause else (e.cause or ""),
                    e.basis or "",
                ]
            )
        if e.item == AssessmentItem.FALSIFICATION.value:
            findings.rows.append([_name(ref, e.county), period, e.basis or ""])
        item = scheme.item(e.item)
        special = AssessmentItem.parse(e.item)
        label = item.label(lang) if item else (special.label(lang) if special else e.item)
        manual.rows.append(
            [
                _name(ref, e.county),
                period,
                label,
                None if e.score is None else shown(e.score),
                e.basis or "",
                e.entered_by,
                e.entered_at[:16],
            ]
        )

    case_table = Table(
        key="cases",
        title=t("assess.t.cases"),
        columns=[
            t(f"assess.col.{k}")
            for k in ("county", "outfall", "violation", "first_found", "visits")
        ],
        formats={4: COUNT},
    )
    for case in store.cases(conn, period=periods.year(year)):
        if case.county not in in_scope:
            continue
        kind = Violation.parse(case.violation)
        case_table.rows.append(
            [
                _name(ref, case.county),
                case.outfall_code,
                kind.label(lang) if kind else case.violation,
                local_date(case.first_found),
                case.visits,
            ]
        )

    departments = department_results(conn, year=year, city=city)
    dept_table = Table(
        key="departments",
        title=t("assess.t.departments"),
        columns=[t("assess.col.position"), t("assess.col.department")]
        + [p.label(lang) for p in scheme.department_parts]
        + [t("assess.col.adjustment"), t("assess.col.total"), t("assess.col.advanced")],
        formats={2 + i: SCORE for i in range(len(scheme.department_parts) + 2)},
    )
    for r in departments.ranked:
        dept_table.rows.append(
            [
                r.position,
                r.card.department,
                *(shown(r.card.scores.get(p.key)) for p in scheme.department_parts),
                shown(r.card.adjustment) if r.card.adjustments else None,
                shown(r.card.total),
                t("assess.advanced") if r.advanced else "",
            ]
        )
    for c in departments.missing:
        dept_table.rows.append(
            [
                "",
                c.department,
                *(shown(c.scores.get(p.key)) for p in scheme.department_parts),
                shown(c.adjustment) if c.adjustments else None,
                None,
                t("assess.mark.missing"),
            ]
        )

    due = standings.due
    facts = [
        (t("report.f.scope"), scope),
        (t("assess.f.scheme"), scheme.name(lang)),
        (t("assess.f.rules"), rules_text(scheme)),
        (t("assess.f.due"), due.isoformat() if due else ""),
    ]
    if public:
        facts.append((t("assess.f.public"), t("assess.public_note")))
    sections = [
        Section(title=t("assess.s.year"), tables=[yearly], charts=[chart]),
        Section(
            title=t("assess.s.monthly"),
            paragraphs=consequence_notes,
            tables=[positions, consequences],
        ),
        Section(
            title=t("assess.s.adjustments"),
            paragraphs=[t("assess.adjustments_note")],
            tables=[adjustments, findings],
        ),
        Section(
            title=t("assess.s.cases"), paragraphs=[t("assess.cases_note")], tables=[case_table]
        ),
        Section(
            title=t("assess.s.departments"),
            paragraphs=[t("assess.departments_note", n=scheme.advanced_units)],
            tables=[dept_table],
        ),
    ]
    if not public:
        sections.append(
            Section(
                title=t("assess.s.manual"),
                paragraphs=[t("assess.manual_note")],
                tables=[manual],
            )
        )
    return Document(
        key=f"assessment-{year}-{city or 'all'}{'-public' if public else ''}",
        title=t("assess.title_public" if public else "assess.title", scope=scope, year=year),
        facts=facts,
        sections=sections,
    )


def _pts(value: Fraction) -> str:
    return str(shown(value)).removesuffix(".00")


def rules_text(scheme: object) -> str:
    """The scheme's rules in one sentence (weights, grades, enforcement, consequences)."""
    from inspector.domain.scheme import Scheme

    assert isinstance(scheme, Scheme)
    enforcement = scheme.enforcement
    return t(
        "assess.rules",
        water=_pts(scheme.water_weight * 100),
        key=_pts(scheme.key_work_weight * 100),
        excellent=_pts(scheme.excellent),
        good=_pts(scheme.good),
        pass_=_pts(scheme.pass_mark),
        enforcement=_pts(enforcement.points) if enforcement else "0",
        per_case=_pts(enforcement.per_case) if enforcement else "0",
        interview=scheme.interview_after_last,
        accountability=scheme.accountability_after_last,
    )


__all__ = [
    "SCORECARD_COLUMNS",
    "Grade",
    "assessment_document",
    "missing_label",
    "rules_text",
    "scorecard_row",
    "scorecard_table",
]
