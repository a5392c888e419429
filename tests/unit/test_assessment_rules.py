"""Each rule of the county assessment, on the shipped card (三门峡 joint prevention and
assessment rules, 附件1; DESIGN §8), one test per rule, named after it. The rules'
article numbers are not in reference/domain.md except 第十二条 (falsification); where a
test cannot name the article it names the part of the document."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from inspector.domain.assessment import (
    Adjustment,
    DepartmentCard,
    Scorecard,
    annual_consequences,
    deterioration,
    enforcement_score,
    grade_of,
    rank,
    rank_departments,
    shown,
    tally,
)
from inspector.domain.choices import Consequence, Grade
from inspector.services.assessment import shipped_scheme

SCHEME = shipped_scheme()


def card(
    county: str,
    water: str | None,
    other: str | None,
    cases: int = 0,
    *,
    findings: tuple[str, ...] = (),
    incidents: int = 0,
    adjustment: str | None = None,
    excluded: str | None = None,
) -> Scorecard:
    lumps = {}
    if water is not None:
        lumps["water_quality"] = Fraction(Decimal(water))
    if other is not None:
        lumps["key_work"] = Fraction(Decimal(other))
    return Scorecard(
        county=county,
        year=2026,
        month=3,
        scheme=SCHEME,
        lumps=lumps,
        cases=cases,
        incidents=incidents,
        findings=findings,
        adjustments=()
        if adjustment is None
        else (Adjustment(Fraction(Decimal(adjustment)), "natural_disaster", "暴雨"),),
        excluded=excluded,
    )


def test_total_is_sixty_percent_water_and_forty_percent_key_work() -> None:
    """附件1: total = 60 % water quality + 40 % key work."""
    # Water quality 85; key work = 88 (by hand) + enforcement 5 - 2 cases = 91.
    # Total = 0.6 x 85 + 0.4 x 91 = 51 + 36.4 = 87.4: good.
    c = card("410823", "85", "88", cases=2)
    assert c.enforcement == 3
    assert c.key_work == 91
    assert c.total == Fraction("87.4")
    assert c.grade is Grade.GOOD


@pytest.mark.parametrize(("cases", "points"), [(0, 5), (1, 4), (3, 2), (5, 0), (9, 0), (-1, 5)])
def test_enforcement_loses_a_point_per_case_down_to_zero(cases: int, points: int) -> None:
    """附件1 enforcement item (5 points): one point off per case, never below zero."""
    assert enforcement_score(cases, SCHEME.enforcement) == points


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        ("100", Grade.EXCELLENT),
        ("90", Grade.EXCELLENT),
        ("89.9999", Grade.GOOD),
        ("80", Grade.GOOD),
        ("79.995", Grade.PASS),
        ("60", Grade.PASS),
        ("59.999", Grade.FAIL),
        ("0", Grade.FAIL),
    ],
)
def test_grade_boundaries_on_the_exact_total(total: str, grade: Grade) -> None:
    """Grades (≥ 90 优秀, 80-90 良好, 60-80 合格, < 60 不合格) of the exact total."""
    assert grade_of(Fraction(Decimal(total)), SCHEME) is grade


def test_grade_at_the_boundary_is_the_exact_totals_not_the_rounded_one() -> None:
    """Wrong 3: the total was rounded before it was graded, lifting 89.996 into 优秀.
    0.6 x 89.99 + 0.4 x 90.005 = 53.994 + 36.002 = 89.996: good, though shown as 90.00."""
    c = card("410823", "89.99", "85.005")  # key work 85.005 + 5 = 90.005
    assert c.total == Fraction("89.996")
    assert shown(c.total) == Decimal("90.00")
    assert c.grade is Grade.GOOD
    # Under 80 and 60 the same: 79.996 is a pass, 59.998 a fail.
    assert card("x", "79.99", "75.005").grade is Grade.PASS
    assert card("y", "59.997", "55.0").grade is Grade.FAIL  # 35.9982 + 24 = 59.9982


def test_shown_rounds_half_up_only_what_is_shown() -> None:
    assert shown(Fraction("89.995")) == Decimal("90.00")
    assert shown(Fraction("89.994999")) == Decimal("89.99")
    assert shown(Fraction(1, 3)) == Decimal("0.33")
    assert shown(None) is None


def test_falsification_of_assessment_data_fails_outright() -> None:
    """第十二条: a county whose assessment data was tampered with or forged (a recorded
    finding, 查实) fails, whatever its scores, and ranks below every other county."""
    cheat = card("410804", "100", "95", findings=("三环考〔2026〕5号",))
    weak = card("410802", "50", "45")
    assert cheat.total == 100
    assert cheat.grade is Grade.FAIL
    ranking = rank([cheat, weak])
    assert [r.card.county for r in ranking.ranked] == ["410802", "410804"]
    assert ranking.ranked[1].last


def test_an_enterprise_faking_its_monitoring_data_is_an_enforcement_case_not_a_fail() -> None:
    """Wrong 5: an enterprise caught faking its own online monitoring data costs the
    enforcement item a point, like any case; it does not fail the county."""
    c = card("410823", "90", "86", cases=1)
    assert not c.falsified
    assert c.enforcement == 4
    assert c.total == Fraction(90)  # 54 + 0.4 x 90
    assert c.grade is Grade.EXCELLENT


def test_incidents_are_deducted_from_key_work() -> None:
    """附件1 incident deduction (1 point per incident in the shipped card, an assumed
    value): key work 80 + 5 - 2 incidents = 83."""
    c = card("a", "80", "80", incidents=2)
    assert c.incident_deduction == 2
    assert c.key_work == 83


def test_an_adjustment_is_recorded_and_moves_the_total_within_0_to_100() -> None:
    """Disaster adjustment (重大自然灾害 etc.): added to the total, never silent."""
    c = card("a", "70", "70", adjustment="3")  # 42 + 30 = 72, + 3
    assert c.raw_total == 72
    assert c.total == 75
    assert c.adjusted
    assert card("b", "100", "95", adjustment="5").total == 100


def test_missing_scores_leave_the_card_out_of_the_ranking_not_the_month() -> None:
    """Wrong 4: a county missing a score is shown as missing; the others are ranked."""
    c = card("410821", "88", None)
    assert c.missing == ("key_work",)
    assert c.total is None
    assert c.grade is None
    ranking = rank([c, card("410822", "80", "80"), card("410823", "70", "70")])
    assert [r.card.county for r in ranking.ranked] == ["410822", "410823"]
    assert ranking.ranked[1].last
    assert ranking.missing == [c]
    # A falsified county is ranked (last) even without its scores.
    f = card("410825", None, None, findings=("查实",))
    assert f.grade is Grade.FAIL
    assert rank([f]).ranked[0].card is f


def test_an_excluded_county_is_neither_ranked_nor_missing() -> None:
    c = card("410800SFQ", None, None, excluded="不在考核范围")
    ranking = rank([c, card("a", "80", "80")])
    assert ranking.excluded == [c]
    assert ranking.missing == []
    assert c.grade is None


def test_the_bottom_two_are_warned_and_ties_share_their_standing() -> None:
    """Monthly ranking: the last two are warned (预警)."""
    cards = [
        card("a", "90", "85"),
        card("b", "85", "80"),
        card("c", "80", "75"),
        card("d", "80", "75"),
    ]
    by = {r.card.county: r for r in rank(cards).ranked}
    assert [by[c].position for c in "abcd"] == [1, 2, 3, 3]
    assert [by[c].warned for c in "abcd"] == [False, False, True, True]
    assert [by[c].last for c in "abcd"] == [False, False, True, True]


def test_months_last_bring_an_interview_at_three_and_accountability_at_six() -> None:
    """三次末位约谈，六次问责."""

    def month(last: str):  # type: ignore[no-untyped-def]
        others = [card(c, "90", "90") for c in "abc" if c != last]
        return rank([*others, card(last, "60", "60")])

    monthly = {m: month("a" if m <= 6 else "b") for m in range(1, 10)}
    tallies = tally(monthly, ["a", "b", "c"], SCHEME)
    assert tallies["a"].months_last == [1, 2, 3, 4, 5, 6]
    assert tallies["a"].consequence is Consequence.ACCOUNTABILITY
    assert tallies["b"].consequence is Consequence.INTERVIEW
    assert tallies["c"].consequence is Consequence.NONE


def test_an_annual_fail_brings_interview_accountability_and_the_eia_suspension() -> None:
    """An annual fail: 约谈, 问责, and 暂停新增重点水污染物排放建设项目环评审批 (民生、
    节能减排项目除外)."""
    failed = card("a", "50", "50")
    assert failed.grade is Grade.FAIL
    assert annual_consequences(failed, None, deteriorating=False) == [
        Consequence.INTERVIEW,
        Consequence.ACCOUNTABILITY,
        Consequence.EIA_SUSPENSION,
    ]
    assert "民生" in SCHEME.eia_exceptions_zh
    assert annual_consequences(card("b", "90", "90"), None, deteriorating=False) == []


def test_continuing_deterioration_brings_accountability() -> None:
    """水环境质量持续恶化 → 问责 (measured, by assumption, as three falls in a row)."""
    f = Fraction
    assert deterioration([(1, f(90)), (2, f(89)), (3, f(88)), (4, f(87))], 3) == [2, 3, 4]
    assert deterioration([(1, f(90)), (2, f(89)), (3, f(89)), (4, f(88))], 3) is None
    assert annual_consequences(card("a", "90", "90"), None, deteriorating=True) == [
        Consequence.ACCOUNTABILITY
    ]


def test_departments_are_ranked_and_the_top_three_are_advanced_units() -> None:
    """市政府有关部门: 30 + 70 points, ranked, the first three 先进单位."""

    def dept(name: str, a: int, b: int, adj: int = 0) -> DepartmentCard:
        return DepartmentCard(
            name,
            2026,
            SCHEME,
            {"dept_a": Fraction(a), "dept_b": Fraction(b)},
            (Adjustment(Fraction(adj), "natural_disaster", "洪水"),) if adj else (),
        )

    ranked, missing = rank_departments(
        [
            dept("水利局", 25, 60),
            dept("住建局", 30, 68),
            dept("生态环境局", 28, 65),
            dept("农业农村局", 20, 55, adj=5),
            DepartmentCard("城管局", 2026, SCHEME, {"dept_a": Fraction(26)}),
        ],
        SCHEME,
    )
    assert [(r.card.department, r.position, r.advanced) for r in ranked] == [
        ("住建局", 1, True),
        ("生态环境局", 2, True),
        ("水利局", 3, True),
        ("农业农村局", 4, False),
    ]
    assert ranked[3].card.total == 80
    assert [c.department for c in missing] == ["城管局"]
