"""Each rule of the county assessment (DESIGN §8) with a worked example."""

from __future__ import annotations

from decimal import Decimal

import pytest

from inspector.domain.assessment import (
    Scorecard,
    enforcement_score,
    grade_of,
    rank,
    tally,
    weighted_total,
)
from inspector.domain.choices import Consequence, Grade


def card(
    county: str,
    water: str | None,
    other: str | None,
    violations: int = 0,
    falsified: bool = False,
) -> Scorecard:
    return Scorecard(
        county=county,
        year=2026,
        month=3,
        water_quality=None if water is None else Decimal(water),
        key_work_other=None if other is None else Decimal(other),
        violations=violations,
        falsifications=("2026-03-12 410823GY0001",) if falsified else (),
    )


def test_total_is_sixty_percent_water_and_forty_percent_key_work() -> None:
    # Water quality 85; key work = 88 (by hand) + enforcement 5 - 2 violations = 91.
    # Total = 0.6 x 85 + 0.4 x 91 = 51 + 36.4 = 87.40: good.
    c = card("410823", "85", "88", violations=2)
    assert c.enforcement == 3
    assert c.key_work == Decimal("91")
    assert c.total == Decimal("87.40")
    assert c.grade is Grade.GOOD


@pytest.mark.parametrize(
    ("violations", "points"), [(0, 5), (1, 4), (3, 2), (5, 0), (9, 0), (-1, 5)]
)
def test_enforcement_loses_a_point_per_violation_down_to_zero(violations: int, points: int) -> None:
    assert enforcement_score(violations) == points


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        ("100", Grade.EXCELLENT),
        ("90.00", Grade.EXCELLENT),
        ("89.99", Grade.GOOD),
        ("80", Grade.GOOD),
        ("79.99", Grade.PASS),
        ("60", Grade.PASS),
        ("59.99", Grade.FAIL),
        ("0", Grade.FAIL),
    ],
)
def test_grade_boundaries(total: str, grade: Grade) -> None:
    assert grade_of(Decimal(total)) is grade


def test_the_total_is_rounded_half_up_in_exact_decimals() -> None:
    # 0.6 x 89.335 + 0.4 x 90.985 = 53.601 + 36.394 = 89.995 exactly, which rounds
    # half-up to 90.00: excellent. In binary floating point the same sum rounds to 89.99.
    assert round(0.6 * 89.335 + 0.4 * 90.985, 2) == 89.99
    total = weighted_total(Decimal("89.335"), Decimal("90.985"))
    assert total == Decimal("90.00")
    assert grade_of(total) is Grade.EXCELLENT


def test_proven_falsification_fails_outright() -> None:
    # A perfect 100 with a falsification fails, and ranks below a county scoring 50.
    cheat = card("410804", "100", "95", falsified=True)
    weak = card("410802", "50", "45")
    assert cheat.total == Decimal("100.00")
    assert cheat.grade is Grade.FAIL
    ranked, _ = rank([cheat, weak])
    assert [r.card.county for r in ranked] == ["410802", "410804"]
    assert ranked[1].last


def test_missing_manual_scores_leave_the_card_incomplete_and_unranked() -> None:
    c = card("410821", "88", None)
    assert c.missing == ("key_work_other",)
    assert c.total is None
    assert c.grade is None
    ranked, unranked = rank([c, card("410822", "80", "80")])
    assert [r.card.county for r in ranked] == ["410822"]
    assert unranked == [c]
    # ...unless it falsified: then it fails and ranks last without its scores.
    f = card("410825", None, None, falsified=True)
    assert f.grade is Grade.FAIL
    assert rank([f])[0][0].card is f


def test_the_bottom_two_are_warned_and_ties_share_their_standing() -> None:
    # Totals 90, 85, 80, 80 (equal water and key work give equal totals).
    cards = [
        card("a", "90", "85"),
        card("b", "85", "80"),
        card("c", "80", "75"),
        card("d", "80", "75"),
    ]
    ranked, _ = rank(cards)
    by = {r.card.county: r for r in ranked}
    assert [by[c].position for c in "abcd"] == [1, 2, 3, 3]
    assert [by[c].warned for c in "abcd"] == [False, False, True, True]
    assert [by[c].last for c in "abcd"] == [False, False, True, True]
    # Totals 90, 85, 80, 70: the last two are warned, one is last.
    cards[3] = card("d", "70", "65")
    by = {r.card.county: r for r in rank(cards)[0]}
    assert [by[c].warned for c in "abcd"] == [False, False, True, True]
    assert [by[c].last for c in "abcd"] == [False, False, False, True]


def test_months_last_bring_an_interview_at_three_and_accountability_at_six() -> None:
    def month(last: str) -> list:  # type: ignore[type-arg]
        others = [card(c, "90", "90") for c in "abc" if c != last]
        return rank([*others, card(last, "60", "60")])[0]

    monthly = {m: month("a" if m <= 6 else "b") for m in range(1, 10)}
    tallies = tally(monthly, ["a", "b", "c"])
    assert tallies["a"].months_last == [1, 2, 3, 4, 5, 6]
    assert tallies["a"].consequence is Consequence.ACCOUNTABILITY
    assert tallies["b"].months_last == [7, 8, 9]
    assert tallies["b"].consequence is Consequence.INTERVIEW
    assert tallies["c"].consequence is Consequence.NONE
    # The two tied above the last have only one county below them: the tie straddles the
    # bottom two, and both are warned rather than one picked arbitrarily.
    assert len(tallies["c"].months_warned) == 9
    assert tallies["c"].months_last == []
    two_months = tally({m: monthly[m] for m in (7, 8)}, ["a", "b", "c"])
    assert two_months["b"].consequence is Consequence.NONE
