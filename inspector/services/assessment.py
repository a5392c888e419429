"""County assessment (考核, DESIGN §8) from the register and from scores entered by hand.

What the app computes itself, from inspections in the period (days in UTC+8):

- violations found: every live inspection of the county's outfalls that records a
  violation counts one (a falsification of monitoring data included); the enforcement
  item loses a point for each (`inspector.domain.assessment`);
- falsification: an inspection recording falsification of monitoring data fails the
  county for that month and for the year.

What it cannot, and a person enters with `enter_score` (who and when are stored on the
row, and every change is in the operation log): the water-quality score (the app holds
no monitoring-section data), the rest of the key-work score (out of 95), and proven
falsifications known from elsewhere (a case number as the basis).

The yearly card takes each manual item from its yearly entry (month 0) when there is
one, else the mean of that year's monthly entries, rounded half-up to two decimals.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from inspector.data.reference import ReferenceData
from inspector.data.writer import Writer
from inspector.domain import periods
from inspector.domain.assessment import (
    KEY_WORK_OTHER_MAX,
    Ranked,
    Scorecard,
    YearTally,
    decimal,
    rank,
    tally,
)
from inspector.domain.choices import AssessmentItem, Violation
from inspector.domain.periods import local_date
from inspector.i18n import Problem
from inspector.models import AssessmentEntry

_NAMESPACE = uuid.UUID("6f1d3c2e-8a4b-5e7f-9c0d-1a2b3c4d5e6f")
MAXIMUM = {
    AssessmentItem.WATER_QUALITY: Decimal(100),
    AssessmentItem.KEY_WORK_OTHER: Decimal(KEY_WORK_OTHER_MAX),
}


def entry_id(county: str, year: int, month: int, item: str) -> str:
    """The same (county, period, item) is the same row on every replica."""
    return str(uuid.uuid5(_NAMESPACE, f"assessment/{county}/{year}/{month}/{item}"))


def _county(conn: sqlite3.Connection, text: str) -> str:
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


def _item(text: str) -> AssessmentItem:
    item = AssessmentItem.parse(text)
    if item is None:
        raise Problem(
            "assess.bad_item", item=text, options=", ".join(i.value for i in AssessmentItem)
        )
    return item


def enter_score(
    w: Writer,
    *,
    county: str,
    year: int,
    month: int,
    item: str,
    score: float | str | Decimal | None = None,
    basis: str | None = None,
    entered_by: str | None = None,
    entered_at: dt.datetime | None = None,
) -> str:
    """Enter (or correct) a hand-made score, or record a proven falsification; returns
    the entry's id. `month` 0 is the whole year."""
    code = _county(w.conn, county)
    _period(year, month)
    kind = _item(item)
    value: Decimal | None = None
    if kind is AssessmentItem.FALSIFICATION:
        if score is not None:
            raise Problem("assess.falsification_no_score")
        if not (basis or "").strip():
            raise Problem("assess.falsification_basis")
    else:
        if score is None or (isinstance(score, str) and not score.strip()):
            raise Problem("assess.score_needed", item=kind.zh)
        try:
            value = decimal(str(score).strip() if isinstance(score, str) else score)
        except ArithmeticError:
            raise Problem("assess.bad_score", score=score, max=MAXIMUM[kind]) from None
        if not value.is_finite() or not 0 <= value <= MAXIMUM[kind]:
            raise Problem("assess.bad_score", score=score, max=MAXIMUM[kind])
    values: dict[str, Any] = {
        "county_code": code,
        "year": year,
        "month": month,
        "item": kind.value,
        "score": float(value) if value is not None else None,
        "basis": (basis or "").strip() or None,
        "entered_by": entered_by or w.actor,
        "entered_at": entered_at or dt.datetime.now(dt.UTC),
        "deleted": False,
    }
    row_id = entry_id(code, year, month, kind.value)
    if w.get(AssessmentEntry, row_id) is None:
        values.pop("deleted")
        return w.create(AssessmentEntry, values, row_id=row_id)
    w.update(AssessmentEntry, row_id, values)
    return row_id


def remove_entry(w: Writer, *, county: str, year: int, month: int, item: str) -> None:
    code = _county(w.conn, county)
    _period(year, month)
    row_id = entry_id(code, year, month, _item(item).value)
    row = w.get(AssessmentEntry, row_id)
    if row is None or row["deleted"]:
        raise Problem("assess.no_entry")
    w.delete(AssessmentEntry, row_id)


# -- automatic parts -----------------------------------------------------------------------


@dataclass
class Findings:
    """What the inspections of a period say, per county."""

    violations: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    falsifications: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def findings(conn: sqlite3.Connection, period: periods.Period) -> Findings:
    start, end = period.utc_bounds()
    out = Findings()
    for county, code, started, violation in conn.execute(
        "SELECT o.county_code, o.code, i.started_at, i.violation FROM inspection i "
        "JOIN outfall o ON o.id = i.outfall_id WHERE i.deleted = 0 AND o.deleted = 0 "
        "AND i.violation IS NOT NULL AND i.started_at >= ? AND i.started_at < ? "
        "ORDER BY i.started_at, i.id",
        (start, end),
    ):
        out.violations[county] += 1
        if violation == Violation.FALSIFICATION:
            out.falsifications[county].append(f"{local_date(started).isoformat()} {code}")
    return out


# -- scorecards ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    county: str
    year: int
    month: int
    item: str
    score: Decimal | None
    basis: str | None
    entered_by: str
    entered_at: str

    def as_json(self) -> dict[str, Any]:
        return {
            "county": self.county,
            "year": self.year,
            "month": self.month,
            "item": self.item,
            "score": None if self.score is None else float(self.score),
            "basis": self.basis,
            "entered_by": self.entered_by,
            "entered_at": self.entered_at,
            "manual": True,
        }


def entries(conn: sqlite3.Connection, *, year: int) -> list[Entry]:
    return [
        Entry(c, y, m, item, None if s is None else decimal(s), basis, by, at)
        for c, y, m, item, s, basis, by, at in conn.execute(
            "SELECT county_code, year, month, item, score, basis, entered_by, entered_at "
            "FROM assessment_entry WHERE deleted = 0 AND year = ? "
            "ORDER BY county_code, month, item",
            (year,),
        )
    ]


def _counties(conn: sqlite3.Connection, city: str | None) -> list[str]:
    ref = ReferenceData.load(conn)
    return sorted(r.code for r in ref.counties(city))


def _mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    total = sum(values, Decimal(0))
    return (total / len(values)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def scorecards(
    conn: sqlite3.Connection, *, year: int, month: int, city: str | None = None
) -> list[Scorecard]:
    """Every county's card for a month (1-12) or the year (0)."""
    period = _period(year, month)
    found = findings(conn, period)
    manual: dict[tuple[str, int, str], Entry] = {
        (e.county, e.month, e.item): e for e in entries(conn, year=year)
    }
    cards = []
    for county in _counties(conn, city):

        def value(item: AssessmentItem, county: str = county) -> Decimal | None:
            own = manual.get((county, month, item.value))
            if own is not None or month != 0:
                return None if own is None else own.score
            monthly = [
                e.score
                for (c, m, i), e in manual.items()
                if c == county and i == item.value and m != 0 and e.score is not None
            ]
            return _mean(monthly)

        proofs = list(found.falsifications.get(county, []))
        for (c, m, i), e in manual.items():
            if c == county and i == AssessmentItem.FALSIFICATION and (m == month or month == 0):
                proofs.append(e.basis or "")
        cards.append(
            Scorecard(
                county=county,
                year=year,
                month=month,
                water_quality=value(AssessmentItem.WATER_QUALITY),
                key_work_other=value(AssessmentItem.KEY_WORK_OTHER),
                violations=found.violations.get(county, 0),
                falsifications=tuple(proofs),
            )
        )
    return cards


def ranking(
    conn: sqlite3.Connection, *, year: int, month: int, city: str | None = None
) -> tuple[list[Ranked], list[Scorecard]]:
    return rank(scorecards(conn, year=year, month=month, city=city))


@dataclass
class YearStandings:
    year: int
    months: dict[int, list[Ranked]]
    """Every month in which at least one county can be ranked."""
    unranked: dict[int, list[Scorecard]]
    tallies: dict[str, YearTally]
    """Counted over the complete months only."""

    @property
    def complete(self) -> list[int]:
        """Months in which every county is ranked: only these bring consequences."""
        return sorted(m for m, left in self.unranked.items() if not left)

    @property
    def provisional(self) -> list[int]:
        return sorted(m for m, left in self.unranked.items() if left)


def year_standings(
    conn: sqlite3.Connection, *, year: int, city: str | None = None, through: int = 12
) -> YearStandings:
    """Each month's ranking, and each county's months last and warned.

    A month in which some county still lacks a hand-entered score is shown but is
    provisional: being last among the counties that happen to be scored is no ground for
    a warning, so its standings are not counted until every county is ranked.
    """
    months: dict[int, list[Ranked]] = {}
    unranked: dict[int, list[Scorecard]] = {}
    for month in range(1, through + 1):
        ranked, left = ranking(conn, year=year, month=month, city=city)
        if ranked:
            months[month] = ranked
            unranked[month] = left
    complete = {m: r for m, r in months.items() if not unranked[m]}
    return YearStandings(
        year=year,
        months=months,
        unranked=unranked,
        tallies=tally(complete, _counties(conn, city)),
    )


def card_json(card: Scorecard, ref: ReferenceData | None = None) -> dict[str, Any]:
    def num(value: Decimal | None) -> float | None:
        return None if value is None else float(value)

    region = ref.regions.get(card.county) if ref else None
    return {
        "county": card.county,
        "county_name": region.name_zh if region else card.county,
        "year": card.year,
        "month": card.month,
        "water_quality": num(card.water_quality),
        "water_quality_manual": True,
        "key_work_other": num(card.key_work_other),
        "key_work_other_manual": True,
        "violations": card.violations,
        "enforcement": card.enforcement,
        "key_work": num(card.key_work),
        "falsified": card.falsified,
        "falsifications": list(card.falsifications),
        "total": num(card.total),
        "grade": card.grade.value if card.grade else None,
        "missing": list(card.missing),
    }
