"""County and department assessment (考核) rules, as exact arithmetic over a scheme
(`inspector.domain.scheme`, the 附件1 scorecard and the rules around it).

- total = 60 % of the water-quality score + 40 % of the key-work score (weights from the
  scheme), each section the sum of its items; the enforcement item loses a point per
  enforcement *case* (not per visit) down to zero; each recorded incident takes its
  deduction off key work, down to zero; a recorded, reasoned adjustment (重大自然灾害 and
  the like) is added to the total, which stays within 0-100.
- grade from the EXACT total: >= 90 excellent, 80 <= total < 90 good, 60 <= total < 80
  pass, below 60 fail. Nothing is rounded before it is graded or ranked: 89.996 is good,
  though it is shown as 90.00. Only what is shown is rounded (`shown`), half-up to cents.
- 第十二条: a county whose assessment data was tampered with or forged (a finding
  recorded with its basis, 查实) fails outright, whatever its scores, and ranks below
  every county without one. An enterprise faking its own monitoring data is an
  enforcement case like any other violation, not a fail of the county.

Monthly ranking is among the counties scored that month. A county missing a score is
shown as missing and left out of that month's ranking, but does not stop the others
being ranked; a county not assessed at all (a zone outside the scheme) is excluded by a
recorded exclusion with its reason. A county is *last* when no ranked county is below
it, and *warned* (bottom two) when fewer than two are, so counties tied at the bottom
share the consequence. Three months last in a year bring a public interview (约谈), six
accountability (问责). An annual fail brings the scheme's consequences (约谈, 问责 and the
suspension of 环评 approvals for new projects adding key water pollutants, livelihood and
energy-saving projects excepted), and continuing deterioration of water quality brings
accountability.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from inspector.domain.choices import AssessmentItem, Consequence, Grade
from inspector.domain.scheme import Item, Scheme

_CENT = Decimal("0.01")
HUNDRED = Fraction(100)

#: Entries that stand on their basis alone: a falsification finding on its proof (查实),
#: an exclusion and an adjustment on their reason. A county's entry names them by its
#: item, a department's by its part (only an adjustment there).
NEEDS_BASIS: frozenset[str] = frozenset(
    {
        AssessmentItem.FALSIFICATION.value,
        AssessmentItem.EXCLUSION.value,
        AssessmentItem.ADJUSTMENT.value,
    }
)


#: The records that may need a basis, by table, and the field saying what each one is.
BASIS_KIND: dict[str, str] = {"assessment_entry": "item", "department_entry": "part"}


def basis_missing(item: str | None, basis: str | None) -> bool:
    """Whether an entry of `item` (an item or a part key) lacks the basis it needs: the
    one rule for a score entered here and for an entry arriving from another replica."""
    return item in NEEDS_BASIS and not (basis or "").strip()


def exact(value: float | int | str | Decimal | Fraction) -> Fraction:
    """A score as an exact number (floats go through their shortest text form)."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, float):
        return Fraction(Decimal(repr(value)))
    return Fraction(Decimal(str(value).strip()) if isinstance(value, str) else value)


def shown(value: Fraction | None) -> Decimal | None:
    """What is shown of an exact figure: rounded half-up to two places. Never graded."""
    if value is None:
        return None
    quotient = Decimal(value.numerator) / Decimal(value.denominator)
    # Decimal division is exact to 28 digits, far past the cent that decides the rounding
    # except for a value that lies on the half-cent itself, which is then exact.
    return quotient.quantize(_CENT, rounding=ROUND_HALF_UP)


def grade_of(total: Fraction | Decimal, scheme: Scheme) -> Grade:
    value = Fraction(total) if isinstance(total, Decimal) else total
    if value >= scheme.excellent:
        return Grade.EXCELLENT
    if value >= scheme.good:
        return Grade.GOOD
    if value >= scheme.pass_mark:
        return Grade.PASS
    return Grade.FAIL


def enforcement_score(cases: int, item: Item | None) -> Fraction:
    """The enforcement item: its points less `per_case` per case found, down to zero."""
    if item is None:
        return Fraction(0)
    return max(Fraction(0), item.points - item.per_case * max(0, cases))


def weighted_total(water_quality: Fraction, key_work: Fraction, scheme: Scheme) -> Fraction:
    return scheme.water_weight * water_quality + scheme.key_work_weight * key_work


@dataclass(frozen=True)
class Adjustment:
    """A recorded change of a total for a cause beyond the county's control."""

    points: Fraction
    cause: str
    reason: str


@dataclass(frozen=True)
class Scorecard:
    """One county's assessment for one period (a month, or the year when month is 0)."""

    county: str
    year: int
    month: int
    scheme: Scheme
    scores: Mapping[str, Fraction] = field(default_factory=dict)
    """Hand-entered scores of the card's manual items, by item key."""
    lumps: Mapping[str, Fraction] = field(default_factory=dict)
    """A section's manual items entered as one figure (`water_quality`, `key_work`):
    stands for them only while none of them is entered on its own."""
    cases: int = 0
    """Enforcement cases found in the county in the period (automatic)."""
    incidents: int = 0
    """Incidents recorded in the county in the period (automatic)."""
    findings: tuple[str, ...] = ()
    """Recorded falsification findings (第十二条), each by its basis (查实)."""
    adjustments: tuple[Adjustment, ...] = ()
    excluded: str | None = None
    """Why the county is not assessed in this period (None: it is)."""

    # -- sections ------------------------------------------------------------------------

    def _manual(self, section: str) -> Fraction | None:
        leaves = self.scheme.section(section).manual()
        entered = [self.scores[leaf.key] for leaf in leaves if leaf.key in self.scores]
        if entered:
            return sum(entered, Fraction(0)) if len(entered) == len(leaves) else None
        return self.lumps.get(section)

    def by_lump(self, section: str) -> bool:
        """Whether the section's manual items stand as one figure."""
        leaves = self.scheme.section(section).manual()
        return section in self.lumps and not any(leaf.key in self.scores for leaf in leaves)

    def _deduction(self, section: str) -> Fraction:
        return sum(
            (d.per * self.incidents for d in self.scheme.deductions if d.section == section),
            Fraction(0),
        )

    @property
    def incident_deduction(self) -> Fraction:
        return sum((d.per * self.incidents for d in self.scheme.deductions), Fraction(0))

    @property
    def water_quality(self) -> Fraction | None:
        manual = self._manual("water_quality")
        if manual is None:
            return None
        return max(Fraction(0), manual - self._deduction("water_quality"))

    @property
    def key_work_manual(self) -> Fraction | None:
        """The key-work items entered by hand (all but enforcement)."""
        return self._manual("key_work")

    @property
    def enforcement(self) -> Fraction:
        return enforcement_score(self.cases, self.scheme.enforcement)

    @property
    def key_work(self) -> Fraction | None:
        manual = self.key_work_manual
        if manual is None:
            return None
        return max(Fraction(0), manual + self.enforcement - self._deduction("key_work"))

    @property
    def missing(self) -> tuple[str, ...]:
        """What is not entered yet: a whole section's key when nothing of it is, else
        the keys of its items still missing."""
        out: list[str] = []
        for section in ("water_quality", "key_work"):
            leaves = self.scheme.section(section).manual()
            if any(leaf.key in self.scores for leaf in leaves):
                out += [leaf.key for leaf in leaves if leaf.key not in self.scores]
            elif section not in self.lumps:
                out.append(section)
        return tuple(out)

    # -- the total -----------------------------------------------------------------------

    @property
    def raw_total(self) -> Fraction | None:
        """The weighted sum before any adjustment, exact."""
        water, key = self.water_quality, self.key_work
        if water is None or key is None:
            return None
        return weighted_total(water, key, self.scheme)

    @property
    def adjustment(self) -> Fraction:
        return sum((a.points for a in self.adjustments), Fraction(0))

    @property
    def adjusted(self) -> bool:
        return bool(self.adjustments)

    @property
    def total(self) -> Fraction | None:
        raw = self.raw_total
        if raw is None:
            return None
        return min(HUNDRED, max(Fraction(0), raw + self.adjustment))

    @property
    def falsified(self) -> bool:
        return bool(self.findings)

    @property
    def grade(self) -> Grade | None:
        if self.excluded is not None:
            return None
        if self.falsified:
            return Grade.FAIL
        total = self.total
        return None if total is None else grade_of(total, self.scheme)

    @property
    def rankable(self) -> bool:
        return self.excluded is None and (self.falsified or self.total is not None)


@dataclass(frozen=True)
class Ranked:
    card: Scorecard
    position: int
    """1 is best; counties with the same standing share a position."""
    below: int
    """How many ranked counties stand below this one."""
    warned_below: int = 2
    """Fewer ranked counties than this below: warned (the scheme's bottom n)."""

    @property
    def last(self) -> bool:
        return self.below == 0

    @property
    def warned(self) -> bool:
        return self.below < self.warned_below


def _standing(card: Scorecard) -> tuple[int, Fraction]:
    """Sort key, best first: no falsification, then the higher exact total."""
    total = card.total
    return (1 if card.falsified else 0, -(total if total is not None else Fraction(0)))


@dataclass(frozen=True)
class Ranking:
    ranked: list[Ranked]
    """Best first (ties by county code, for display only)."""
    missing: list[Scorecard]
    """Assessed, but a score is missing: shown as missing, not ranked."""
    excluded: list[Scorecard]
    """Not assessed in the period, by a recorded exclusion."""


def rank(cards: Iterable[Scorecard], *, warned: int = 2) -> Ranking:
    """Rank the counties scored in the period among themselves."""
    cards = list(cards)
    pool = [c for c in cards if c.rankable]
    pool.sort(key=lambda c: (_standing(c), c.county))
    keys = [_standing(c) for c in pool]
    out = []
    for card, key in zip(pool, keys, strict=True):
        better = sum(1 for k in keys if k < key)
        worse = sum(1 for k in keys if k > key)
        out.append(Ranked(card=card, position=better + 1, below=worse, warned_below=warned))
    return Ranking(
        ranked=out,
        missing=sorted(
            (c for c in cards if c.excluded is None and not c.rankable), key=lambda c: c.county
        ),
        excluded=sorted((c for c in cards if c.excluded is not None), key=lambda c: c.county),
    )


@dataclass
class YearTally:
    """A county's monthly standings counted over a year."""

    county: str
    interview_after: int = 3
    accountability_after: int = 6
    months_last: list[int] = field(default_factory=list)
    months_warned: list[int] = field(default_factory=list)
    months_missing: list[int] = field(default_factory=list)
    months_excluded: list[int] = field(default_factory=list)

    @property
    def consequence(self) -> Consequence:
        if len(self.months_last) >= self.accountability_after:
            return Consequence.ACCOUNTABILITY
        if len(self.months_last) >= self.interview_after:
            return Consequence.INTERVIEW
        return Consequence.NONE


def tally(
    monthly: Mapping[int, Ranking], counties: Iterable[str], scheme: Scheme
) -> dict[str, YearTally]:
    """Each county's months last, warned, missing and excluded, from the monthly
    rankings. Every month with a ranking counts, however many counties it lacks."""

    def new(county: str) -> YearTally:
        return YearTally(county, scheme.interview_after_last, scheme.accountability_after_last)

    out = {c: new(c) for c in counties}
    for month in sorted(monthly):
        ranking = monthly[month]
        for r in ranking.ranked:
            entry = out.setdefault(r.card.county, new(r.card.county))
            if r.last:
                entry.months_last.append(month)
            if r.warned:
                entry.months_warned.append(month)
        for card in ranking.missing:
            out.setdefault(card.county, new(card.county)).months_missing.append(month)
        for card in ranking.excluded:
            out.setdefault(card.county, new(card.county)).months_excluded.append(month)
    return out


def deterioration(monthly_water: Sequence[tuple[int, Fraction]], declines: int) -> list[int] | None:
    """The months of the first run of `declines` consecutive falls of the water-quality
    score (each scored month lower than the scored month before it), or None."""
    if declines <= 0:
        return None
    run: list[int] = []
    previous: Fraction | None = None
    for month, value in sorted(monthly_water):
        if previous is not None and value < previous:
            run.append(month)
            if len(run) >= declines:
                return run
        else:
            run = []
        previous = value
    return None


def annual_consequences(
    year_card: Scorecard, tally_: YearTally | None, deteriorating: bool
) -> list[Consequence]:
    """Everything the year brings a county: its monthly standings' consequence, the
    scheme's consequences of an annual fail, accountability for continuing
    deterioration; each once, in the order of `Consequence`."""
    found: set[Consequence] = set()
    if tally_ is not None and tally_.consequence is not Consequence.NONE:
        found.add(tally_.consequence)
    if year_card.grade is Grade.FAIL:
        found |= {Consequence.of(c) for c in year_card.scheme.annual_fail}
    if deteriorating:
        found.add(Consequence.ACCOUNTABILITY)
    return [c for c in Consequence if c in found]


# -- city departments ------------------------------------------------------------------------


@dataclass(frozen=True)
class DepartmentCard:
    """A city department's assessment (市政府有关部门): the scheme's parts (30 + 70)."""

    department: str
    year: int
    scheme: Scheme
    scores: Mapping[str, Fraction] = field(default_factory=dict)
    adjustments: tuple[Adjustment, ...] = ()

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(p.key for p in self.scheme.department_parts if p.key not in self.scores)

    @property
    def raw_total(self) -> Fraction | None:
        if self.missing:
            return None
        return sum((self.scores[p.key] for p in self.scheme.department_parts), Fraction(0))

    @property
    def adjustment(self) -> Fraction:
        return sum((a.points for a in self.adjustments), Fraction(0))

    @property
    def total(self) -> Fraction | None:
        raw = self.raw_total
        if raw is None:
            return None
        return min(HUNDRED, max(Fraction(0), raw + self.adjustment))


@dataclass(frozen=True)
class DepartmentRanked:
    card: DepartmentCard
    position: int
    advanced: bool
    """Among the scheme's top n (先进单位); ties at the edge share it."""


def rank_departments(
    cards: Iterable[DepartmentCard], scheme: Scheme
) -> tuple[list[DepartmentRanked], list[DepartmentCard]]:
    """Departments with a total, best first, and those still missing a part."""
    cards = list(cards)
    pool = sorted(
        (c for c in cards if c.total is not None),
        key=lambda c: (-(c.total or Fraction(0)), c.department),
    )
    out = []
    for card in pool:
        position = 1 + sum(1 for other in pool if (other.total or 0) > (card.total or 0))
        out.append(DepartmentRanked(card, position, advanced=position <= scheme.advanced_units))
    missing = sorted((c for c in cards if c.total is None), key=lambda c: c.department)
    return out, missing
