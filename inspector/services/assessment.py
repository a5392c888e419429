"""County and department assessment (考核) from the register, from the scheme in force
(the 附件1 card, `inspector.domain.scheme`) and from what a person enters by hand.

What the app computes itself, from the period's records (days in UTC+8):

- enforcement cases: the violations found by live inspections of a county's outfalls,
  one case per outfall and kind of violation however many visits found it; the
  enforcement item loses `per_case` points for each. An enterprise found faking its own
  monitoring data is such a case, nothing more;
- incidents: the incidents recorded in the county, each taking the card's deduction.

What a person enters with `enter_score` (who and when are stored on the row, and every
change is in the operation log): each manual item of the card with its basis (or a
section as one figure), a finding that the county's assessment data was tampered with or
forged (第十二条, with its basis, 查实: it fails the county), an adjustment for force
majeure (with its cause and reason), and an exclusion of a county from the assessment
(with its reason).

The yearly card takes each section's hand-entered part from the year's own entries
(month 0) when there are any, else the exact mean of the months in which the section was
complete; cases and incidents are counted over the year.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any

from inspector.data import assessment as store
from inspector.data.engine import Conn
from inspector.data.reference import ReferenceData
from inspector.data.writer import Writer
from inspector.domain import jsontext, periods
from inspector.domain.assessment import (
    Adjustment,
    DepartmentCard,
    DepartmentRanked,
    Ranking,
    Scorecard,
    YearTally,
    annual_consequences,
    basis_missing,
    deterioration,
    exact,
    rank,
    rank_departments,
    shown,
    tally,
)
from inspector.domain.choices import AdjustmentCause, AssessmentItem, Consequence
from inspector.domain.scheme import Scheme, SchemeError, parse_scheme
from inspector.i18n import Problem, language
from inspector.models import AssessmentEntry, DepartmentEntry

_NAMESPACE = uuid.UUID("6f1d3c2e-8a4b-5e7f-9c0d-1a2b3c4d5e6f")
SHIPPED = "scorecard.json"
#: Items that are not the card's: how each is entered.
LUMPS = {"water_quality": "water_quality", "key_work_other": "key_work"}


def entry_id(county: str, year: int, month: int, item: str) -> str:
    """The same (county, period, item) is the same row on every replica."""
    return str(uuid.uuid5(_NAMESPACE, f"assessment/{county}/{year}/{month}/{item}"))


def department_entry_id(city: str, year: int, department: str, part: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"department/{city}/{year}/{department}/{part}"))


# -- the scheme in force -------------------------------------------------------------------


@functools.cache
def shipped_scheme() -> Scheme:
    """The card shipped in the wheel (`db/reference/scorecard.json`)."""
    from inspector.locations import package_resource

    path = package_resource("db") / "reference" / SHIPPED
    return parse_scheme(json.loads(path.read_text(encoding="utf-8")))


def scheme_for(conn: Conn, city: str | None) -> Scheme:
    """The card in force for a city: its own if it loaded one, else the shipped card."""
    if city is not None:
        row = store.scheme_row(conn, city=city)
        if row is not None:
            return _cached_parse(json.dumps(row.document, sort_keys=True, ensure_ascii=False))
    return shipped_scheme()


@functools.lru_cache(maxsize=8)
def _cached_parse(text: str) -> Scheme:
    return parse_scheme(json.loads(text))


def _scheme_problem(error: SchemeError, file: str) -> Problem:
    from inspector.i18n import t

    return Problem(
        "assess.scheme.invalid",
        file=file,
        where=error.where,
        what=t(f"assess.scheme.{error.what}", **error.detail),
    )


def read_scheme_file(path: Path) -> tuple[dict[str, Any], Scheme]:
    """Read and check a card file; every fault is one sentence naming the file and item."""
    try:
        document = jsontext.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Problem("reference.unreadable", file=path.name, error=type(exc).__name__) from None
    try:
        scheme = parse_scheme(document)
    except SchemeError as error:
        raise _scheme_problem(error, path.name) from None
    return document, scheme


def scheme_lines(scheme: Scheme, lang: str) -> list[list[str]]:
    """The card as rows of (key, points, item, how it is scored), sections first, each
    item's sub-indicators indented under it, then the deductions."""
    from inspector.i18n import t

    rows: list[list[str]] = []

    def rule(item: Any) -> str:
        if item.items:
            return ""
        text = (
            t("assess.rule.violations", per=_fmt(item.per_case))
            if item.rule == "violations"
            else t("assess.rule.manual")
        )
        return text + (t("assess.rule.undocumented") if item.undocumented else "")

    def walk(item: Any, depth: int) -> None:
        rows.append(["  " * depth + item.key, _fmt(item.points), item.label(lang), rule(item)])
        for child in item.items:
            walk(child, depth + 1)

    for section in (scheme.water_quality, scheme.key_work):
        rows.append([section.key, _fmt(section.points), t(f"assess.section.{section.key}"), ""])
        for item in section.items:
            walk(item, 1)
    for d in scheme.deductions:
        text = t("assess.rule.incidents", per=_fmt(d.per), section=t(f"assess.section.{d.section}"))
        rows.append(
            [d.key, d.label(lang), "", text + (t("assess.rule.assumed") if d.assumed else "")]
        )
    for p in scheme.department_parts:
        rows.append([p.key, _fmt(p.points), p.label(lang), t("assess.rule.manual")])
    return rows


def resolve_city(conn: Conn, text: str | None) -> str | None:
    from inspector.services.progress import resolve_city as resolve

    return resolve(conn, text)


def city_of_county(conn: Conn, county: str) -> str | None:
    region = ReferenceData.load(conn).regions.get(county)
    return region.parent_code if region else None


# -- entering ------------------------------------------------------------------------------


def _county(conn: Conn, text: str) -> str:
    ref = ReferenceData.load(conn)
    code = ref.region_code(text)
    if code is None or ref.regions[code].level != "county":
        raise Problem("plan.unknown_county", county=text)
    return code


def _period(year: int, month: int) -> periods.Period:
    if not 2000 <= year <= 2100:
        raise Problem("plan.bad_year", year=year)
    if not 0 <= month <= 12:
        raise Problem("assess.bad_month", month=month)
    return periods.year(year) if month == 0 else periods.month(year, month)


def _number(score: Any, *, low: Fraction, high: Fraction) -> Fraction:
    try:
        value = Decimal(str(score).strip())
    except (InvalidOperation, ValueError):
        raise Problem("assess.bad_score", score=score, low=_fmt(low), max=_fmt(high)) from None
    if not value.is_finite() or not low <= Fraction(value) <= high:
        raise Problem("assess.bad_score", score=score, low=_fmt(low), max=_fmt(high))
    return Fraction(value)


def _fmt(value: Fraction) -> str:
    return str(shown(value)).removesuffix(".00")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def item_options(scheme: Scheme, lang: str) -> list[tuple[str, str]]:
    """(label, key) of everything a county entry can record, the card's items first."""
    out = [
        (f"{leaf.key} · {leaf.label(lang)} ({_fmt(leaf.points)})", leaf.key)
        for section in (scheme.water_quality, scheme.key_work)
        for leaf in section.manual()
    ]
    out += [(f"{i.value} · {i.label(lang)}", i.value) for i in AssessmentItem]
    return out


def enter_score(
    w: Writer,
    *,
    county: str,
    year: int,
    month: int,
    item: str,
    score: float | str | Decimal | None = None,
    basis: str | None = None,
    cause: str | None = None,
    entered_by: str | None = None,
    entered_at: dt.datetime | None = None,
) -> str:
    """Enter (or correct) an item of a county's card, or record a falsification finding,
    an adjustment or an exclusion; returns the entry's id. `month` 0 is the whole year."""
    code = _county(w.conn, county)
    _period(year, month)
    scheme = scheme_for(w.conn, city_of_county(w.conn, code))
    text = (item or "").strip()
    leaf = scheme.item(text)
    special = None if leaf is not None else AssessmentItem.parse(text)
    if leaf is None and special is None:
        options = ", ".join(key for _label, key in item_options(scheme, "en"))
        raise Problem("assess.bad_item", item=item, options=options)
    if leaf is not None and (leaf.items or leaf.rule != "manual"):
        raise Problem("assess.not_manual", item=leaf.label(language()))
    reason = (basis or "").strip() or None
    value: Fraction | None = None
    kind_cause: str | None = None
    if special in (AssessmentItem.FALSIFICATION, AssessmentItem.EXCLUSION):
        if not _blank(score):
            raise Problem("assess.no_score_for", item=special.label(language()))
        if basis_missing(special.value, reason):
            key = (
                "assess.falsification_basis"
                if special is AssessmentItem.FALSIFICATION
                else "assess.exclusion_reason"
            )
            raise Problem(key)
    elif special is AssessmentItem.ADJUSTMENT:
        if _blank(score):
            raise Problem("assess.score_needed", item=special.label(language()))
        value = _number(score, low=Fraction(-100), high=Fraction(100))
        if value == 0:
            raise Problem("assess.adjustment_zero")
        parsed = AdjustmentCause.parse(cause or "") if cause else None
        if parsed is None:
            raise Problem(
                "assess.adjustment_cause",
                options=", ".join(c.value for c in AdjustmentCause),
            )
        kind_cause = parsed.value
        if basis_missing(special.value, reason):
            raise Problem("assess.adjustment_reason")
    else:
        label = leaf.label(language()) if leaf else special.label(language())  # type: ignore[union-attr]
        if _blank(score):
            raise Problem("assess.score_needed", item=label)
        if leaf is not None:
            high = leaf.points
        else:
            high = scheme.section(LUMPS[special.value]).manual_points  # type: ignore[union-attr]
        value = _number(score, low=Fraction(0), high=high)
    key = leaf.key if leaf is not None else special.value  # type: ignore[union-attr]
    values: dict[str, Any] = {
        "county_code": code,
        "year": year,
        "month": month,
        "item": key,
        "score": None if value is None else float(Decimal(value.numerator) / value.denominator),
        "basis": reason,
        "cause": kind_cause,
        "entered_by": entered_by or w.actor,
        "entered_at": entered_at or dt.datetime.now(dt.UTC),
        "deleted": False,
    }
    row_id = entry_id(code, year, month, key)
    if w.get(AssessmentEntry, row_id) is None:
        values.pop("deleted")
        return w.create(AssessmentEntry, values, row_id=row_id)
    w.update(AssessmentEntry, row_id, values)
    return row_id


def remove_entry(w: Writer, *, county: str, year: int, month: int, item: str) -> None:
    code = _county(w.conn, county)
    _period(year, month)
    special = AssessmentItem.parse(item)
    key = special.value if special is not None else item.strip()
    row_id = entry_id(code, year, month, key)
    row = w.get(AssessmentEntry, row_id)
    if row is None or row["deleted"]:
        raise Problem("assess.no_entry")
    w.delete(AssessmentEntry, row_id)


# -- entries as read -----------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    county: str
    year: int
    month: int
    item: str
    score: Fraction | None
    basis: str | None
    cause: str | None
    entered_by: str
    entered_at: str

    def as_json(self, *, public: bool = False) -> dict[str, Any]:
        out = {
            "county": self.county,
            "year": self.year,
            "month": self.month,
            "item": self.item,
            "score": None if self.score is None else float(self.score),
            "basis": self.basis,
            "cause": self.cause,
            "manual": True,
        }
        if not public:
            out |= {"entered_by": self.entered_by, "entered_at": self.entered_at}
        return out


def entries(conn: Conn, *, year: int) -> list[Entry]:
    return [
        Entry(
            r.county,
            r.year,
            r.month,
            r.item,
            None if r.score is None else exact(r.score),
            r.basis,
            r.cause,
            r.entered_by,
            r.entered_at,
        )
        for r in store.entry_rows(conn, year=year)
    ]


def _counties(conn: Conn, city: str | None) -> list[str]:
    ref = ReferenceData.load(conn)
    return sorted(r.code for r in ref.counties(city))


# -- scorecards ----------------------------------------------------------------------------


@dataclass
class _Year:
    """A year's entries and records, read once, from which every month's card is made."""

    year: int
    entries: dict[tuple[str, int], dict[str, Entry]]
    cases: dict[int, dict[str, int]]
    incidents: dict[int, dict[str, int]]
    schemes: dict[str | None, Scheme]
    parents: dict[str, str | None]


def _read_year(conn: Conn, year: int, months: list[int]) -> _Year:
    by: dict[tuple[str, int], dict[str, Entry]] = defaultdict(dict)
    for e in entries(conn, year=year):
        by[(e.county, e.month)][e.item] = e
    cases: dict[int, dict[str, int]] = {}
    incidents: dict[int, dict[str, int]] = {}
    for month in months:
        period = _period(year, month)
        counted: dict[str, int] = defaultdict(int)
        for case in store.cases(conn, period=period):
            counted[case.county] += 1
        cases[month] = counted
        incidents[month] = store.incident_counts(conn, period=period)
    ref = ReferenceData.load(conn)
    parents = {code: r.parent_code for code, r in ref.regions.items()}
    schemes = {city: scheme_for(conn, city) for city in set(parents.values())}
    schemes[None] = shipped_scheme()
    return _Year(year, by, cases, incidents, schemes, parents)


def _adjustment(entry: Entry | None) -> tuple[Adjustment, ...]:
    if entry is None or entry.score is None:
        return ()
    return (Adjustment(entry.score, entry.cause or AdjustmentCause.OTHER.value, entry.basis or ""),)


def _card(data: _Year, county: str, month: int) -> Scorecard:
    scheme = data.schemes.get(data.parents.get(county), data.schemes[None])
    own = data.entries.get((county, month), {})
    whole_year = data.entries.get((county, 0), {})
    exclusion = own.get(AssessmentItem.EXCLUSION.value) or whole_year.get(
        AssessmentItem.EXCLUSION.value
    )
    findings = [e.basis or "" for e in (own.get(AssessmentItem.FALSIFICATION.value),) if e]
    if month == 0:
        findings += [
            e.basis or ""
            for (c, m), items in sorted(data.entries.items())
            if c == county and m != 0
            for item, e in items.items()
            if item == AssessmentItem.FALSIFICATION.value
        ]
    scores = {
        item: e.score
        for item, e in own.items()
        if e.score is not None and scheme.item(item) is not None
    }
    lumps = {
        section: own[key].score
        for key, section in LUMPS.items()
        if key in own and own[key].score is not None
    }
    card = Scorecard(
        county=county,
        year=data.year,
        month=month,
        scheme=scheme,
        scores=scores,
        lumps=lumps,  # type: ignore[arg-type]
        cases=data.cases.get(month, {}).get(county, 0),
        incidents=data.incidents.get(month, {}).get(county, 0),
        findings=tuple(findings),
        adjustments=_adjustment(own.get(AssessmentItem.ADJUSTMENT.value)),
        excluded=None if exclusion is None else (exclusion.basis or ""),
    )
    if month != 0:
        return card
    # The year: a section not entered for the year is the mean of its complete months.
    months = [_card(data, county, m) for m in range(1, 13)]
    year_lumps = dict(card.lumps)
    for section in ("water_quality", "key_work"):
        if card._manual(section) is not None:
            continue
        values = [m._manual(section) for m in months if m.excluded is None]
        complete = [v for v in values if v is not None]
        if complete:
            year_lumps[section] = sum(complete, Fraction(0)) / len(complete)
    return Scorecard(
        county=county,
        year=data.year,
        month=0,
        scheme=scheme,
        scores=dict(card.scores),
        lumps=year_lumps,
        cases=card.cases,
        incidents=card.incidents,
        findings=card.findings,
        adjustments=card.adjustments,
        excluded=card.excluded,
    )


def scorecards(conn: Conn, *, year: int, month: int, city: str | None = None) -> list[Scorecard]:
    """Every county's card for a month (1-12) or the year (0)."""
    _period(year, month)
    data = _read_year(conn, year, [month] if month else list(range(13)))
    return [_card(data, county, month) for county in _counties(conn, city)]


def ranking(conn: Conn, *, year: int, month: int, city: str | None = None) -> Ranking:
    cards = scorecards(conn, year=year, month=month, city=city)
    scheme = cards[0].scheme if cards else scheme_for(conn, city)
    return rank(cards, warned=scheme.warned)


@dataclass
class CountyYear:
    """What the year brings one county."""

    card: Scorecard
    tally: YearTally
    deteriorating: list[int] | None
    """The months of a run of falling water-quality scores (持续恶化), or None."""
    consequences: list[Consequence]


@dataclass
class YearStandings:
    year: int
    months: dict[int, Ranking]
    """Every month in which at least one county is ranked."""
    tallies: dict[str, YearTally]
    counties: dict[str, CountyYear] = field(default_factory=dict)
    due: dt.date | None = None
    """When the results are due to the city government."""


def year_standings(
    conn: Conn, *, year: int, city: str | None = None, through: int = 12
) -> YearStandings:
    """Each month's ranking among the counties scored that month, each county's months
    last, warned, missing and excluded, and what the year brings each county."""
    _period(year, 0)
    data = _read_year(conn, year, list(range(13)))
    counties = _counties(conn, city)
    scheme = scheme_for(conn, city)
    months: dict[int, Ranking] = {}
    water: dict[str, list[tuple[int, Fraction]]] = defaultdict(list)
    for month in range(1, through + 1):
        cards = [_card(data, c, month) for c in counties]
        for card in cards:
            if card.excluded is None and card.water_quality is not None:
                water[card.county].append((month, card.water_quality))
        ranking_ = rank(cards, warned=scheme.warned)
        if ranking_.ranked:
            months[month] = ranking_
    tallies = tally(months, counties, scheme)
    result = YearStandings(
        year=year,
        months=months,
        tallies=tallies,
        due=dt.date(year + 1, *scheme.results_due),
    )
    for county in counties:
        card = _card(data, county, 0)
        falling = deterioration(water.get(county, []), card.scheme.deterioration_declines)
        result.counties[county] = CountyYear(
            card=card,
            tally=tallies[county],
            deteriorating=falling,
            consequences=[]
            if card.excluded is not None
            else annual_consequences(card, tallies[county], falling is not None),
        )
    return result


# -- departments ---------------------------------------------------------------------------


def _city(conn: Conn, text: str) -> str:
    code = resolve_city(conn, text)
    if code is None:
        raise Problem("report.unknown_city", city=text)
    return code


def enter_department_score(
    w: Writer,
    *,
    city: str,
    year: int,
    department: str,
    part: str,
    score: float | str | Decimal | None,
    basis: str | None = None,
    cause: str | None = None,
    entered_by: str | None = None,
    entered_at: dt.datetime | None = None,
) -> str:
    """Enter a part of a city department's assessment, or an adjustment of its total."""
    code = _city(w.conn, city)
    _period(year, 0)
    name = (department or "").strip()
    if not name:
        raise Problem("assess.dept.name_needed")
    scheme = scheme_for(w.conn, code)
    reason = (basis or "").strip() or None
    kind_cause = None
    parts = {p.key: p for p in scheme.department_parts}
    if part == AssessmentItem.ADJUSTMENT.value:
        if _blank(score):
            raise Problem("assess.score_needed", item=AssessmentItem.ADJUSTMENT.label(language()))
        value = _number(score, low=Fraction(-100), high=Fraction(100))
        parsed = AdjustmentCause.parse(cause or "") if cause else None
        if parsed is None:
            raise Problem(
                "assess.adjustment_cause", options=", ".join(c.value for c in AdjustmentCause)
            )
        if basis_missing(part, reason):
            raise Problem("assess.adjustment_reason")
        kind_cause = parsed.value
    elif part in parts:
        if _blank(score):
            raise Problem("assess.score_needed", item=parts[part].label(language()))
        value = _number(score, low=Fraction(0), high=parts[part].points)
    else:
        options = ", ".join([*parts, AssessmentItem.ADJUSTMENT.value])
        raise Problem("assess.dept.bad_part", part=part, options=options)
    values: dict[str, Any] = {
        "city_code": code,
        "year": year,
        "department": name,
        "part": part,
        "score": float(Decimal(value.numerator) / value.denominator),
        "basis": reason,
        "cause": kind_cause,
        "entered_by": entered_by or w.actor,
        "entered_at": entered_at or dt.datetime.now(dt.UTC),
        "deleted": False,
    }
    row_id = department_entry_id(code, year, name, part)
    if w.get(DepartmentEntry, row_id) is None:
        values.pop("deleted")
        return w.create(DepartmentEntry, values, row_id=row_id)
    w.update(DepartmentEntry, row_id, values)
    return row_id


@dataclass
class DepartmentResults:
    city: str | None
    year: int
    scheme: Scheme
    ranked: list[DepartmentRanked]
    missing: list[DepartmentCard]
    bases: dict[str, dict[str, str]]
    """Per department, the basis entered for each part (and the adjustment)."""


def department_results(conn: Conn, *, year: int, city: str | None) -> DepartmentResults:
    scheme = scheme_for(conn, city)
    rows = store.department_rows(conn, year=year, city=city)
    scores: dict[str, dict[str, Fraction]] = defaultdict(dict)
    adjustments: dict[str, list[Adjustment]] = defaultdict(list)
    bases: dict[str, dict[str, str]] = defaultdict(dict)
    for r in rows:
        if r.part == AssessmentItem.ADJUSTMENT.value:
            adjustments[r.department].append(
                Adjustment(exact(r.score), r.cause or "other", r.basis or "")
            )
        else:
            scores[r.department][r.part] = exact(r.score)
        if r.basis:
            bases[r.department][r.part] = r.basis
    names = sorted(set(scores) | set(adjustments))
    cards = [
        DepartmentCard(n, year, scheme, scores.get(n, {}), tuple(adjustments.get(n, [])))
        for n in names
    ]
    ranked, missing = rank_departments(cards, scheme)
    return DepartmentResults(city, year, scheme, ranked, missing, dict(bases))


# -- as JSON -------------------------------------------------------------------------------


def _num(value: Fraction | None) -> float | None:
    figure = shown(value)
    return None if figure is None else float(figure)


def card_json(card: Scorecard, ref: ReferenceData | None = None) -> dict[str, Any]:
    region = ref.regions.get(card.county) if ref else None
    scheme = card.scheme
    items = []
    for section in (scheme.water_quality, scheme.key_work):
        for leaf in section.leaves():
            entry: dict[str, Any] = {
                "key": leaf.key,
                "section": section.key,
                "points": float(leaf.points),
                "rule": leaf.rule,
            }
            if leaf.rule == "violations":
                entry["score"] = _num(card.enforcement)
                entry["cases"] = card.cases
            else:
                entry["score"] = _num(card.scores.get(leaf.key))
            items.append(entry)
    return {
        "county": card.county,
        "county_name": region.name_zh if region else card.county,
        "year": card.year,
        "month": card.month,
        "excluded": card.excluded,
        "items": items,
        "water_quality": _num(card.water_quality),
        "water_quality_as_one_figure": card.by_lump("water_quality"),
        "key_work_manual": _num(card.key_work_manual),
        "key_work_manual_as_one_figure": card.by_lump("key_work"),
        "cases": card.cases,
        "enforcement": _num(card.enforcement),
        "incidents": card.incidents,
        "incident_deduction": _num(card.incident_deduction),
        "key_work": _num(card.key_work),
        "raw_total": _num(card.raw_total),
        "adjustment": _num(card.adjustment) if card.adjusted else None,
        "adjustments": [
            {"points": float(a.points), "cause": a.cause, "reason": a.reason}
            for a in card.adjustments
        ],
        "total": _num(card.total),
        "total_exact": None if card.total is None else str(card.total),
        "grade": card.grade.value if card.grade else None,
        "falsified": card.falsified,
        "falsification_findings": list(card.findings),
        "missing": list(card.missing),
    }
