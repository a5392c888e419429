"""The seeded draw: reproducible to the letter, fair over many seeds, and exact in its
arithmetic (inspector.domain.draw)."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter
from collections.abc import Callable, Sequence
from fractions import Fraction
from statistics import NormalDist

import pytest

from inspector.domain import draw as d
from inspector.domain.draw import Candidate, DrawError

SEED, YEAR, COUNTY = "20260105", 2026, "410823"
FLAT = [Candidate(f"O-{i:03d}") for i in range(1, 41)]
STRATA = {"a": 25, "b": 10, "c": 5}
STRATIFIED = [Candidate(f"S-{h}-{i:02d}", h) for h, n in STRATA.items() for i in range(n)]


# -- reproducibility ------------------------------------------------------------------------

#: Checked in: if any of these change, a published draw can no longer be re-run. Do not
#: "update" them; a new algorithm needs a new ALGORITHM version string instead.
FIXED_FLAT = ["O-021", "O-013", "O-016", "O-006", "O-008", "O-020", "O-026", "O-010"]
FIXED_STRATIFIED = ["S-a-12", "S-a-00", "S-a-08", "S-c-03", "S-b-08", "S-a-20", "S-b-09"]
FIXED_PAIRS = [
    ("张伟", "刘洋"),
    ("王芳", "李娜"),
    ("李娜", "刘洋"),
    ("王芳", "张伟"),
    ("张伟", "李娜"),
    ("王芳", "刘洋"),
    ("张伟", "王芳"),
]


def test_a_fixed_seed_gives_the_checked_in_list() -> None:
    chosen, seats = d.draw_sample(FLAT, 8, seed=SEED, year=YEAR, county=COUNTY)
    assert [c.outfall_id for c in chosen] == FIXED_FLAT
    assert seats == {"": 8}
    chosen, seats = d.draw_sample(STRATIFIED, 7, seed=SEED, year=YEAR, county=COUNTY)
    assert [c.outfall_id for c in chosen] == FIXED_STRATIFIED
    assert seats == {"a": 4, "b": 2, "c": 1}
    pairs = d.assign_pairs(
        FIXED_STRATIFIED,
        ["张伟", "王芳", "李娜", "刘洋"],
        excluded={"S-a-08": ["王芳"]},
        seed=SEED,
        year=YEAR,
        county=COUNTY,
    )
    assert pairs == FIXED_PAIRS


def test_the_rank_is_the_documented_sha256() -> None:
    """Anyone can re-run the draw with hashlib alone: sort by SHA-256 of the joined text."""

    def rank(outfall_id: str) -> str:
        text = "\x1f".join(("outfall-inspector/draw/1", SEED, str(YEAR), COUNTY, outfall_id))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    by_hand = sorted(FLAT, key=lambda c: (rank(c.outfall_id), c.outfall_id))[:8]
    assert [c.outfall_id for c in by_hand] == FIXED_FLAT
    assert d.rank_key(seed=SEED, year=YEAR, county=COUNTY, outfall_id="O-001") == rank("O-001")


def test_candidate_order_does_not_matter_and_the_seed_does() -> None:
    forward, _ = d.draw_sample(FLAT, 8, seed=SEED, year=YEAR, county=COUNTY)
    backward, _ = d.draw_sample(FLAT[::-1], 8, seed=SEED, year=YEAR, county=COUNTY)
    other, _ = d.draw_sample(FLAT, 8, seed="20260106", year=YEAR, county=COUNTY)
    assert forward == backward
    assert other != forward
    elsewhere, _ = d.draw_sample(FLAT, 8, seed=SEED, year=YEAR, county="410825")
    assert elsewhere != forward  # the same seed in two counties gives unrelated draws


# -- fairness -------------------------------------------------------------------------------

ALPHA = 0.001
"""Significance level: a fair draw fails the test one time in a thousand."""
DRAWS = 2000


def chi_square_critical(df: int, alpha: float) -> float:
    """Upper alpha quantile of chi-square by the Wilson-Hilferty approximation (within
    0.2 % of the exact value for df >= 30)."""
    z = NormalDist().inv_cdf(1 - alpha)
    c = 2 / (9 * df)
    return float(df * (1 - c + z * math.sqrt(c)) ** 3)


def inclusion_statistic(
    sampler: Callable[[str], Sequence[Candidate]],
    candidates: Sequence[Candidate],
    n_of: dict[str, int],
) -> tuple[float, int]:
    """Chi-square statistic that every candidate is drawn equally often, and its degrees
    of freedom.

    Each draw is a simple random sample of n_h from the N_h candidates of each stratum,
    so each count is Binomial(S, p_h) with p_h = n_h / N_h, and the counts of a stratum
    are negatively correlated (they sum to S n_h). Then (N_h - 1)/N_h times
    sum((c - S p)^2 / (S p (1 - p))) over a stratum is chi-square with N_h - 1 degrees of
    freedom, and the strata add up.
    """
    counts: Counter[str] = Counter()
    for s in range(DRAWS):
        counts.update(c.outfall_id for c in sampler(f"seed-{s}"))
    statistic, df = 0.0, 0
    for stratum, n in n_of.items():
        members = [c for c in candidates if c.stratum == stratum]
        big_n = len(members)
        p = n / big_n
        expected, variance = DRAWS * p, DRAWS * p * (1 - p)
        part = sum((counts[c.outfall_id] - expected) ** 2 / variance for c in members)
        statistic += part * (big_n - 1) / big_n
        df += big_n - 1
    return statistic, df


def test_every_outfall_is_drawn_about_equally_often() -> None:
    def sampler(seed: str) -> list[Candidate]:
        return d.draw_sample(FLAT, 8, seed=seed, year=YEAR, county=COUNTY)[0]

    statistic, df = inclusion_statistic(sampler, FLAT, {"": 8})
    assert df == 39
    assert statistic < chi_square_critical(df, ALPHA)


def test_stratified_draws_are_fair_within_each_stratum() -> None:
    def sampler(seed: str) -> list[Candidate]:
        return d.draw_sample(STRATIFIED, 8, seed=seed, year=YEAR, county=COUNTY)[0]

    statistic, df = inclusion_statistic(sampler, STRATIFIED, {"a": 5, "b": 2, "c": 1})
    assert df == 37
    assert statistic < chi_square_critical(df, ALPHA)


def test_the_fairness_test_catches_a_biased_draw() -> None:
    """A draw that never reaches the last ten candidates must fail the same test."""

    def biased(seed: str) -> list[Candidate]:
        return d.draw_sample(FLAT[:30], 8, seed=seed, year=YEAR, county=COUNTY)[0]

    statistic, df = inclusion_statistic(biased, FLAT, {"": 8})
    assert statistic > chi_square_critical(df, ALPHA)


def test_the_chi_square_quantile_is_accurate() -> None:
    # Tabulated values: chi2(0.999; 39) = 72.055, chi2(0.999; 37) = 69.346.
    assert chi_square_critical(39, 0.001) == pytest.approx(72.055, rel=2e-3)
    assert chi_square_critical(37, 0.001) == pytest.approx(69.346, rel=2e-3)


def test_inspector_load_stays_even() -> None:
    ids = [f"O-{i:03d}" for i in range(12)]
    pool = ["甲", "乙", "丙", "丁", "戊"]
    pairs = d.assign_pairs(ids, pool, excluded={}, seed=SEED, year=YEAR, county=COUNTY)
    load = Counter(name for pair in pairs for name in pair)
    assert sum(load.values()) == 24
    assert max(load.values()) - min(load.values()) <= 1


# -- arithmetic -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["0.1", "10%", "1/10", " 0.10 ", "１０%"])
def test_fractions_are_exact(text: str) -> None:
    assert d.parse_fraction(text) == Fraction(1, 10)


def test_a_fraction_is_rounded_up_without_float_error() -> None:
    # 0.3 * 10 is 3.0000000000000004 in floating point, whose ceiling would be 4.
    assert d.sample_size(10, fraction=d.parse_fraction("0.3")) == 3
    assert d.sample_size(41, fraction=d.parse_fraction("0.1")) == 5  # 4.1 -> 5
    assert d.sample_size(3, fraction=d.parse_fraction("1%")) == 1  # never zero


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("0", "fraction_range"),
        ("1.5", "fraction_range"),
        ("-0.1", "fraction_range"),
        ("abc", "fraction_unreadable"),
        ("1/0", "fraction_unreadable"),
    ],
)
def test_bad_fractions(text: str, code: str) -> None:
    with pytest.raises(DrawError) as caught:
        d.parse_fraction(text)
    assert caught.value.code == code


def test_allocation_by_largest_remainder() -> None:
    # 7 seats over 25/10/5: quotas 4.375, 1.75, 0.875; floors 4, 1, 0; the two seats left
    # go to the largest remainders, c (0.875) and b (0.75).
    assert d.allocate(STRATA, 7) == {"a": 4, "b": 2, "c": 1}
    # Exact quotas need no rounding.
    assert d.allocate(STRATA, 8) == {"a": 5, "b": 2, "c": 1}
    # Equal remainders: the larger stratum first, then the key.
    assert d.allocate({"x": 2, "y": 4}, 1) == {"x": 0, "y": 1}
    assert d.allocate({"y": 3, "x": 3}, 1) == {"x": 1, "y": 0}
    assert sum(d.allocate({"p": 7, "q": 11, "r": 13}, 17).values()) == 17


def test_sample_size_limits() -> None:
    with pytest.raises(DrawError) as caught:
        d.sample_size(0, count=1)
    assert caught.value.code == "no_candidates"
    with pytest.raises(DrawError) as caught:
        d.sample_size(5, count=6)
    assert caught.value.code == "count_too_large"
    with pytest.raises(DrawError) as caught:
        d.sample_size(5, count=0)
    assert caught.value.code == "count_range"


def test_pairs_are_two_different_people_and_respect_conflicts() -> None:
    ids = [f"O-{i}" for i in range(30)]
    excluded = {"O-3": ["甲", "乙"], "O-7": ["丙"]}
    pairs = d.assign_pairs(
        ids, ["甲", "乙", "丙", "丁"], excluded=excluded, seed=SEED, year=YEAR, county=COUNTY
    )
    assert all(a != b for a, b in pairs)
    assert set(pairs[3]) == {"丙", "丁"}
    assert "丙" not in pairs[7]


def test_the_same_person_spelled_twice_is_one_person() -> None:
    assert d.clean_pool(["张三", " 张三", "张 三", "Li Wei", "li  wei"]) == ["张三", "Li Wei"]
    with pytest.raises(DrawError) as caught:
        d.assign_pairs(["O-1"], ["张三", "张 三"], excluded={}, seed=SEED, year=YEAR, county=COUNTY)
    assert caught.value.code == "pool_too_small"


def test_an_item_with_fewer_than_two_eligible_inspectors_is_refused() -> None:
    with pytest.raises(DrawError) as caught:
        d.assign_pairs(
            ["O-1", "O-2"],
            ["甲", "乙", "丙"],
            excluded={"O-2": ["甲", "乙"]},
            seed=SEED,
            year=YEAR,
            county=COUNTY,
        )
    assert caught.value.code == "too_few_eligible"
    assert caught.value.params == {"outfall_id": "O-2", "eligible": ["丙"]}


def test_due_dates_are_spread_over_working_days() -> None:
    dues = d.spread_due_dates(4, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 20))
    # Offsets 88, 176, 264, 353 days; 20 December 2026 is a Sunday, so the Friday before.
    assert dues == [
        dt.date(2026, 3, 30),
        dt.date(2026, 6, 26),
        dt.date(2026, 9, 22),
        dt.date(2026, 12, 18),
    ]
    many = d.spread_due_dates(200, start=dt.date(2026, 1, 5), end=dt.date(2026, 12, 20))
    assert many == sorted(many)
    assert all(day.weekday() < 5 for day in many)
    assert many[0] >= dt.date(2026, 1, 5)
    assert many[-1] <= dt.date(2026, 12, 20)
    # A weekend start with nowhere earlier to go moves forward.
    assert d.spread_due_dates(1, start=dt.date(2026, 11, 28), end=dt.date(2026, 11, 28)) == [
        dt.date(2026, 11, 28)
    ]
    assert d.spread_due_dates(1, start=dt.date(2026, 11, 28), end=dt.date(2026, 11, 30)) == [
        dt.date(2026, 11, 30)
    ]
    with pytest.raises(DrawError):
        d.spread_due_dates(1, start=dt.date(2026, 12, 21), end=dt.date(2026, 12, 20))


def test_targeted_priority_comes_before_rank() -> None:
    order = d.prioritised(
        FLAT[:5], {"O-004": 2, "O-002": 1, "O-005": 1}, seed=SEED, year=YEAR, county=COUNTY
    )
    ids = [c.outfall_id for c in order]
    assert ids[0] == "O-004"
    assert set(ids[1:3]) == {"O-002", "O-005"}


# -- version 2: ranked by public code (issue 13, 一公开) -----------------------------------

#: Checked in like the version-1 lists: a published draw of version 2 must come out the
#: same for ever.
CODES = [Candidate(f"410823QT{i:04d}") for i in range(1, 41)]
FIXED_BY_CODE = [
    "410823QT0025",
    "410823QT0004",
    "410823QT0024",
    "410823QT0038",
    "410823QT0010",
    "410823QT0018",
    "410823QT0008",
    "410823QT0037",
]
FIXED_PAIRS_BY_CODE = [("刘洋", "王芳"), ("张伟", "李娜"), ("王芳", "刘洋"), ("李娜", "张伟")]


def test_version_2_ranks_by_public_code_with_its_own_documented_sha256() -> None:
    """双随机一公开: the rank is the SHA-256 of the documented text with the outfall's
    public code, so anyone holding the published candidate list can re-run it."""
    assert d.ALGORITHM == "sha256-rank/2"

    def rank(code: str) -> str:
        text = "\x1f".join(("outfall-inspector/draw/2", SEED, str(YEAR), COUNTY, code))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    chosen, _ = d.draw_sample(CODES, 8, seed=SEED, year=YEAR, county=COUNTY, algorithm=d.ALGORITHM)
    assert [c.outfall_id for c in chosen] == FIXED_BY_CODE
    by_hand = sorted(CODES, key=lambda c: (rank(c.outfall_id), c.outfall_id))[:8]
    assert [c.outfall_id for c in by_hand] == FIXED_BY_CODE
    pairs = d.assign_pairs(
        FIXED_BY_CODE[:4],
        ["张伟", "王芳", "李娜", "刘洋"],
        excluded={},
        seed=SEED,
        year=YEAR,
        county=COUNTY,
        algorithm=d.ALGORITHM,
    )
    assert pairs == FIXED_PAIRS_BY_CODE


def test_both_versions_are_kept_and_an_unknown_one_is_refused() -> None:
    assert d.ALGORITHMS == ("sha256-rank/1", "sha256-rank/2")
    with pytest.raises(DrawError) as caught:
        d.rank_key(seed=SEED, year=YEAR, county=COUNTY, outfall_id="x", algorithm="md5/9")
    assert caught.value.code == "unknown_algorithm"
