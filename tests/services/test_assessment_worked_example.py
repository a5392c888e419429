"""A worked example: one year of the assessment of a small city, computed by hand from
the rules and then by the program, which must agree on every figure.

The city is 三门峡 (six counties) under the shipped card (附件1 as far as it is known):
total = 0.6 x water quality + 0.4 x key work; key work = the manual items (95 points)
+ enforcement (5, one off per case) - 1 per incident (the assumed deduction); grades 90 /
80 / 60 on the exact total; the last two each month warned; 3 months last: 约谈, 6: 问责;
an annual fail: 约谈, 问责 and 环评限批; three falls of water quality in a row: 问责.

Each month every county's water quality (W) and key work by hand (K) are entered as one
figure. Base figures, and the month's total T = 0.6 W + 0.4 (K + 5):

    A 湖滨区 411202  W 95  K 90   T = 57   + 38   = 95.0
    B 陕州区 411203  W 92  K 88   T = 55.2 + 37.2 = 92.4
    C 渑池县 411221  W 90  K 86   T = 54   + 36.4 = 90.4
    D 卢氏县 411224  W 88  K 85   T = 52.8 + 36   = 88.8
    E 义马市 411281  W 86  K 84   T = 51.6 + 35.6 = 87.2
    F 灵宝市 411282  W 84  K 82   T = 50.4 + 34.8 = 85.2

Departures from the base:

    D months 1-6   W 70 K 80      T = 42 + 34 = 76            (D last six times)
    E months 7-9   W 75 K 80      T = 45 + 34 = 79            (E last three times)
    F month 2      K not entered  missing: not ranked in month 2, the others are
    B March        two cases (one outfall visited twice for the same illegal discharge,
                   another with a hidden pipe): enforcement 5 - 2 = 3,
                   T = 55.2 + 0.4 x 91 = 91.6
    C May          an enterprise faked its monitoring data: one case, enforcement 4,
                   T = 54 + 0.4 x 90 = 90.0, excellent, NOT a fail
    E August       one incident: key work 80 + 5 - 1 = 84, T = 45 + 33.6 = 78.6
    F July         adjustment +3 for a flood (重大自然灾害): T = 85.2 + 3 = 88.2
    C months 9-11  W 89, 88, 87 (three falls in a row): T = 89.8, 89.2, 88.6
    A October      W 89.99 K 85.01: T = 53.994 + 36.004 = 89.998, shown 90.00, GOOD
    B November     its assessment data found forged (第十二条): fails, ranked last

Monthly order (best first) and who is last / warned (bottom two):

    1, 3-6   A B C E F D     D last, F and D warned
    2        A B C E D       (F missing) D last, E and D warned
    7        A B C D F E     E last, F and E warned (F 88.2 < D 88.8)
    8, 9     A B C D F E     E last, F and E warned
    10       B A C D E F     F last, E and F warned (A 89.998 > C 89.2)
    11       A D C E F B     B last (falsified), F and B warned
    12       A B C D E F     F last, E and F warned

So over the year: D last 6 times (问责); E 3 times (约谈); F 2 (10, 12: nothing);
B once. Warned: D 6; E 2, 7, 8, 9, 10, 12 = 6; F every month but 2 = 11; B 1.

The year (each section the mean of the months in which it was entered; cases and
incidents over the whole year; monthly adjustments stay in their month):

    A  W (95 x 11 + 89.99) / 12 = 94.5825   K (90 x 11 + 85.01) / 12 = 89.584166...
       T = 0.6 x 94.5825 + 0.4 x 94.584166... = 56.7495 + 37.833666... = 94.583166...
       shown 94.58, excellent
    B  W 92, K 88 + 3 (two cases) = 91: T = 55.2 + 36.4 = 91.6, but FAILED (第十二条):
       约谈, 问责, 环评限批
    C  W (90 x 9 + 89 + 88 + 87) / 12 = 89.5, K 86 + 4 = 90: T = 53.7 + 36 = 89.7, good;
       water quality fell in months 9, 10, 11: 持续恶化, 问责
    D  W (70 x 6 + 88 x 6) / 12 = 79, K (80 x 6 + 85 x 6) / 12 = 82.5 + 5 = 87.5:
       T = 47.4 + 35 = 82.4, good; six months last: 问责
    E  W (75 x 3 + 86 x 9) / 12 = 83.25, K (80 x 3 + 84 x 9) / 12 = 83 + 5 - 1 = 87:
       T = 49.95 + 34.8 = 84.75, good; three months last: 约谈
    F  W 84 (12 months), K 82 (11 months) + 5 = 87: T = 50.4 + 34.8 = 85.2, good

Results are due to the city government by 31 January 2027.

Departments (30 + 70): 住建局 30 + 68 = 98, 生态环境局 28 + 65 = 93, 城管局 26 + 62 = 88,
水利局 25 + 60 = 85, 农业农村局 20 + 55 = 75 + 5 (adjusted: drought) = 80. The first three
are advanced units: 住建局, 生态环境局, 城管局.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from inspector.domain.assessment import shown
from inspector.domain.choices import Consequence, Grade
from inspector.models import Incident
from inspector.services import assessment as a
from tests.services.registers import inspect, outfalls

CST = dt.timezone(dt.timedelta(hours=8))
A, B, C, D, E, F = "411202", "411203", "411221", "411224", "411281", "411282"
BASE = {A: (95, 90), B: (92, 88), C: (90, 86), D: (88, 85), E: (86, 84), F: (84, 82)}


def figures(county: str, month: int) -> tuple[object, object | None]:
    water, other = BASE[county]
    if county == D and month <= 6:
        return 70, 80
    if county == E and 7 <= month <= 9:
        return 75, 80
    if county == F and month == 2:
        return water, None
    if county == C and month in (9, 10, 11):
        return {9: 89, 10: 88, 11: 87}[month], other
    if county == A and month == 10:
        return "89.99", "85.01"
    return water, other


@pytest.fixture
def city(db):  # type: ignore[no-untyped-def]
    with db.write(actor="市考核办") as w:
        for month in range(1, 13):
            for county in BASE:
                water, other = figures(county, month)
                a.enter_score(w, county=county, year=2026, month=month, item="water_quality",
                              score=water, basis=f"{month}月水质通报")  # fmt: skip
                if other is not None:
                    a.enter_score(w, county=county, year=2026, month=month,
                                  item="key_work_other", score=other)  # fmt: skip
        b = outfalls(w, 2, county=B, river="青龙涧河", prefix="B")
        inspect(w, b[0], on=dt.date(2026, 3, 5), violation="illegal_discharge",
                violation_desc="偷排")  # fmt: skip
        inspect(w, b[0], on=dt.date(2026, 3, 20), violation="illegal_discharge",
                violation_desc="复查仍偷排")  # fmt: skip
        inspect(w, b[1], on=dt.date(2026, 3, 12), violation="hidden_pipe",
                violation_desc="暗管")  # fmt: skip
        c = outfalls(w, 1, county=C, river="涧河", prefix="C")
        inspect(w, c[0], on=dt.date(2026, 5, 8), violation="falsification",
                violation_desc="企业篡改在线监测数据")  # fmt: skip
        w.create(
            Incident,
            {
                "river": "涧河",
                "region_code": E,
                "occurred_at": dt.datetime(2026, 8, 15, 14, 0, tzinfo=CST),
                "description": "化工企业泄漏",
            },
        )
        a.enter_score(w, county=F, year=2026, month=7, item="adjustment", score=3,
                      cause="natural_disaster", basis="7月特大暴雨洪灾，经市政府同意")  # fmt: skip
        a.enter_score(w, county=B, year=2026, month=11, item="falsification",
                      basis="三环考〔2026〕5号：上报断面水质数据经核查系伪造（已查实）")  # fmt: skip
        for name, first, second in (
            ("住建局", 30, 68),
            ("生态环境局", 28, 65),
            ("城管局", 26, 62),
            ("水利局", 25, 60),
            ("农业农村局", 20, 55),
        ):
            a.enter_department_score(w, city="411200", year=2026, department=name,
                                     part="dept_a", score=first)  # fmt: skip
            a.enter_department_score(w, city="411200", year=2026, department=name,
                                     part="dept_b", score=second)  # fmt: skip
        a.enter_department_score(w, city="411200", year=2026, department="农业农村局",
                                 part="adjustment", score=5, cause="natural_disaster",
                                 basis="特大干旱")  # fmt: skip
    return db


def totals(db, month: int) -> dict[str, Decimal | None]:  # type: ignore[no-untyped-def]
    with db.read() as conn:
        return {
            c.county: shown(c.total)
            for c in a.scorecards(conn, year=2026, month=month, city="411200")
        }


def test_monthly_totals_match_the_hand_calculation(city) -> None:  # type: ignore[no-untyped-def]
    d = Decimal
    assert totals(city, 1) == {A: d("95.00"), B: d("92.40"), C: d("90.40"), D: d("76.00"),
                               E: d("87.20"), F: d("85.20")}  # fmt: skip
    assert totals(city, 2)[F] is None
    assert totals(city, 3)[B] == d("91.60")
    assert totals(city, 5)[C] == d("90.00")
    assert totals(city, 7)[F] == d("88.20")
    assert totals(city, 8)[E] == d("78.60")
    assert [totals(city, m)[C] for m in (9, 10, 11)] == [d("89.80"), d("89.20"), d("88.60")]
    with city.read() as conn:
        october = {c.county: c for c in a.scorecards(conn, year=2026, month=10, city="411200")}
        may = {c.county: c for c in a.scorecards(conn, year=2026, month=5, city="411200")}
        november = {c.county: c for c in a.scorecards(conn, year=2026, month=11, city="411200")}
    assert october[A].total == Fraction("89.998")
    assert shown(october[A].total) == d("90.00")
    assert october[A].grade is Grade.GOOD
    assert (may[C].cases, may[C].enforcement, may[C].grade) == (1, 4, Grade.EXCELLENT)
    assert november[B].grade is Grade.FAIL


def test_monthly_ranking_and_consequences_match_the_hand_calculation(city) -> None:  # type: ignore[no-untyped-def]
    with city.read() as conn:
        standings = a.year_standings(conn, year=2026, city="411200")
    order = {m: [r.card.county for r in standings.months[m].ranked] for m in standings.months}
    assert order[1] == [A, B, C, E, F, D]
    assert order[2] == [A, B, C, E, D]
    assert [c.county for c in standings.months[2].missing] == [F]
    assert order[7] == [A, B, C, D, F, E]
    assert order[10] == [B, A, C, D, E, F]
    assert order[11] == [A, D, C, E, F, B]
    t = standings.tallies
    assert t[D].months_last == [1, 2, 3, 4, 5, 6]
    assert t[E].months_last == [7, 8, 9]
    assert t[F].months_last == [10, 12]
    assert t[B].months_last == [11]
    assert t[A].months_last == t[C].months_last == []
    assert t[D].months_warned == [1, 2, 3, 4, 5, 6]
    assert t[E].months_warned == [2, 7, 8, 9, 10, 12]
    assert t[F].months_warned == [1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    assert t[F].months_missing == [2]
    assert t[B].months_warned == [11]
    assert (t[D].consequence, t[E].consequence, t[F].consequence) == (
        Consequence.ACCOUNTABILITY,
        Consequence.INTERVIEW,
        Consequence.NONE,
    )


def test_the_year_matches_the_hand_calculation(city) -> None:  # type: ignore[no-untyped-def]
    with city.read() as conn:
        standings = a.year_standings(conn, year=2026, city="411200")
    year = {c: cy.card for c, cy in standings.counties.items()}
    assert year[A].water_quality == Fraction("94.5825")
    assert year[A].total == Fraction("56.7495") + Fraction("0.4") * (Fraction("1075.01") / 12 + 5)
    assert shown(year[A].total) == Decimal("94.58")
    assert [shown(year[c].total) for c in (B, C, D, E, F)] == [
        Decimal("91.60"),
        Decimal("89.70"),
        Decimal("82.40"),
        Decimal("84.75"),
        Decimal("85.20"),
    ]
    assert [year[c].grade for c in (A, B, C, D, E, F)] == [
        Grade.EXCELLENT,
        Grade.FAIL,
        Grade.GOOD,
        Grade.GOOD,
        Grade.GOOD,
        Grade.GOOD,
    ]
    assert (year[B].cases, year[C].cases, year[E].incidents) == (2, 1, 1)
    what = {c: cy.consequences for c, cy in standings.counties.items()}
    assert what[A] == what[F] == []
    assert what[B] == [
        Consequence.INTERVIEW,
        Consequence.ACCOUNTABILITY,
        Consequence.EIA_SUSPENSION,
    ]
    assert standings.counties[C].deteriorating == [9, 10, 11]
    assert what[C] == [Consequence.ACCOUNTABILITY]
    assert what[D] == [Consequence.ACCOUNTABILITY]
    assert what[E] == [Consequence.INTERVIEW]
    assert standings.due == dt.date(2027, 1, 31)


def test_the_departments_match_the_hand_calculation(city) -> None:  # type: ignore[no-untyped-def]
    with city.read() as conn:
        results = a.department_results(conn, year=2026, city="411200")
    assert [(r.card.department, r.position, shown(r.card.total), r.advanced)
            for r in results.ranked] == [
        ("住建局", 1, Decimal("98.00"), True),
        ("生态环境局", 2, Decimal("93.00"), True),
        ("城管局", 3, Decimal("88.00"), True),
        ("水利局", 4, Decimal("85.00"), False),
        ("农业农村局", 5, Decimal("80.00"), False),
    ]  # fmt: skip
    assert results.missing == []
