"""County assessment (考核) rules of DESIGN §8, as plain arithmetic.

- total = 60 % of the water-quality score + 40 % of the key-work score (both out of 100);
- key work = the enforcement item (5 points, one lost per violation found in the period,
  never below zero) + the rest of the key work (out of 95), scored by the city by hand;
- grade: total >= 90 excellent, 80 <= total < 90 good, 60 <= total < 80 pass, below 60 fail;
- any proven falsification of monitoring data fails the county outright, whatever its
  scores, and ranks it below every county without one.

Scores are exact decimals; the total is rounded half-up to two places and the grade is
that of the rounded total, the figure that is published.

Monthly ranking (consequences counted over the calendar year): a county is *last* when no
ranked county is below it, and *warned* (bottom two) when fewer than two are below it, so
counties tied at the bottom share the consequence instead of being split arbitrarily. Six
months last in a year means accountability (问责); three or more, a public interview (约谈).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from inspector.domain.choices import Consequence, Grade

WATER_WEIGHT = Decimal("0.6")
KEY_WORK_WEIGHT = Decimal("0.4")
ENFORCEMENT_POINTS = 5
KEY_WORK_OTHER_MAX = 95
LAST_FOR_INTERVIEW = 3
LAST_FOR_ACCOUNTABILITY = 6
_CENT = Decimal("0.01")


def decimal(value: float | int | str | Decimal) -> Decimal:
    """A score as an exact decimal (floats go through their shortest text form)."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def enforcement_score(violations: int) -> int:
    """5 points, one lost per violation found, down to zero."""
    return max(0, ENFORCEMENT_POINTS - max(0, violations))


def grade_of(total: Decimal) -> Grade:
    if total >= 90:
        return Grade.EXCELLENT
    if total >= 80:
        return Grade.GOOD
    if total >= 60:
        return Grade.PASS
    return Grade.FAIL


def weighted_total(water_quality: Decimal, key_work: Decimal) -> Decimal:
    total = WATER_WEIGHT * water_quality + KEY_WORK_WEIGHT * key_work
    return total.quantize(_CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Scorecard:
    """One county's assessment for one period (a month, or the year when month is 0)."""

    county: str
    year: int
    month: int
    water_quality: Decimal | None
    """Manual: the app holds no section water-quality data."""
    key_work_other: Decimal | None
    """Manual: key work other than enforcement, out of 95."""
    violations: int
    """Automatic: violations found by inspections in the period."""
    falsifications: tuple[str, ...] = ()
    """What proves falsification of monitoring data (inspections or entries), if any."""

    @property
    def enforcement(self) -> int:
        return enforcement_score(self.violations)

    @property
    def key_work(self) -> Decimal | None:
        if self.key_work_other is None:
            return None
        return self.key_work_other + self.enforcement

    @property
    def falsified(self) -> bool:
        return bool(self.falsifications)

    @property
    def missing(self) -> tuple[str, ...]:
        """Manual items not yet entered."""
        out = []
        if self.water_quality is None:
            out.append("water_quality")
        if self.key_work_other is None:
            out.append("key_work_other")
        return tuple(out)

    @property
    def total(self) -> Decimal | None:
        key = self.key_work
        if self.water_quality is None or key is None:
            return None
        return weighted_total(self.water_quality, key)

    @property
    def grade(self) -> Grade | None:
        if self.falsified:
            return Grade.FAIL
        total = self.total
        return None if total is None else grade_of(total)

    @property
    def rankable(self) -> bool:
        return self.falsified or self.total is not None


@dataclass(frozen=True)
class Ranked:
    card: Scorecard
    position: int
    """1 is best; counties with the same standing share a position."""
    below: int
    """How many ranked counties stand below this one."""

    @property
    def last(self) -> bool:
        return self.below == 0

    @property
    def warned(self) -> bool:
        return self.below < 2


def _standing(card: Scorecard) -> tuple[int, Decimal]:
    """Sort key, best first: no falsification, then the higher total."""
    total = card.total
    return (1 if card.falsified else 0, -(total if total is not None else Decimal(0)))


def rank(cards: Iterable[Scorecard]) -> tuple[list[Ranked], list[Scorecard]]:
    """Ranked counties (best first, ties by county code for display only) and the
    counties left unranked because manual scores are missing."""
    pool = [c for c in cards if c.rankable]
    unranked = sorted((c for c in cards if not c.rankable), key=lambda c: c.county)
    pool.sort(key=lambda c: (_standing(c), c.county))
    keys = [_standing(c) for c in pool]
    out = []
    for card, key in zip(pool, keys, strict=True):
        better = sum(1 for k in keys if k < key)
        worse = sum(1 for k in keys if k > key)
        out.append(Ranked(card=card, position=better + 1, below=worse))
    return out, unranked


@dataclass
class YearTally:
    """A county's monthly standings counted over a year."""

    county: str
    months_last: list[int] = field(default_factory=list)
    months_warned: list[int] = field(default_factory=list)

    @property
    def consequence(self) -> Consequence:
        if len(self.months_last) >= LAST_FOR_ACCOUNTABILITY:
            return Consequence.ACCOUNTABILITY
        if len(self.months_last) >= LAST_FOR_INTERVIEW:
            return Consequence.INTERVIEW
        return Consequence.NONE


def tally(monthly: Mapping[int, list[Ranked]], counties: Iterable[str]) -> dict[str, YearTally]:
    """Each county's months last and months warned, from the monthly rankings."""
    out = {c: YearTally(c) for c in counties}
    for month in sorted(monthly):
        for r in monthly[month]:
            entry = out.setdefault(r.card.county, YearTally(r.card.county))
            if r.last:
                entry.months_last.append(month)
            if r.warned:
                entry.months_warned.append(month)
    return out
