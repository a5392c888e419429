"""The assessment rules issue 13 found wrong, each on a real database through the
services the command line and the UI call. Written against calls that existed before
the fix, so each can be run against the old code: every test here failed on it.

Source: the 三门峡 joint prevention and assessment rules (附件1 and 第十二条), as
summarised in DESIGN §8 and issue 13.
"""

from __future__ import annotations

import datetime as dt

from inspector.domain.choices import Consequence, Grade
from inspector.services import assessment as a
from tests.services.registers import inspect, outfalls

JIAOZUO = ["410800SFQ", "410802", "410803", "410804", "410811", "410821", "410822", "410823",
           "410825", "410882", "410883"]  # fmt: skip


def _card(db, county: str, month: int):  # type: ignore[no-untyped-def]
    with db.read() as conn:
        return next(c for c in a.scorecards(conn, year=2026, month=month) if c.county == county)


def _enter(w, county: str, month: int, water: object, other: object) -> None:  # type: ignore[no-untyped-def]
    a.enter_score(w, county=county, year=2026, month=month, item="water_quality", score=water)
    a.enter_score(w, county=county, year=2026, month=month, item="key_work_other", score=other)


def test_wrong_3_the_exact_total_is_graded_not_the_rounded_one(db) -> None:  # type: ignore[no-untyped-def]
    """附件1 grades (≥ 90 优秀): 0.6 x 89.99 + 0.4 x (85.005 + 5) = 53.994 + 36.002 = 89.996
    is 良好. The old code rounded it to 90.00 first and graded that 优秀."""
    with db.write() as w:
        _enter(w, "410823", 3, "89.99", "85.005")
    card = _card(db, "410823", 3)
    assert card.grade is Grade.GOOD


def test_wrong_3_the_year_mean_is_not_rounded_before_grading(db) -> None:  # type: ignore[no-untyped-def]
    """The same mistake in the yearly card: the mean of 89.99, 90 and 90 is 89.99666...,
    and 0.6 x that + 0.4 x 90 = 89.998: 良好. The old code rounded the mean to 90.00."""
    with db.write() as w:
        for month, water in ((1, "89.99"), (2, "90"), (3, "90")):
            _enter(w, "410823", month, water, "85")
    assert _card(db, "410823", 0).grade is Grade.GOOD


def test_wrong_4_one_unscored_county_cancels_no_consequence(db) -> None:  # type: ignore[no-untyped-def]
    """Monthly ranking (三次末位约谈，六次问责): a county last in six months is held
    accountable although another county has no score in one of those months. The old
    code counted no month in which any county was unscored."""
    with db.write() as w:
        for month in range(1, 7):
            for county in JIAOZUO:
                score = 60 if county == "410803" else 90
                if county == "410821" and month == 4:
                    continue  # no score this month: shown missing, the others still ranked
                _enter(w, county, month, score, score)
    with db.read() as conn:
        standings = a.year_standings(conn, year=2026, city="410800")
    assert standings.tallies["410803"].months_last == [1, 2, 3, 4, 5, 6]
    assert standings.tallies["410803"].consequence is Consequence.ACCOUNTABILITY


def test_wrong_5_an_enterprise_faking_its_monitoring_data_does_not_fail_the_county(db) -> None:  # type: ignore[no-untyped-def]
    """第十二条 fails a county whose assessment data was forged; an enterprise caught
    faking its own online monitoring data is an enforcement case (one point off), not a
    fail. The old code failed the county for the enterprise's offence."""
    with db.write() as w:
        ids = outfalls(w, 1)
        _enter(w, "410823", 6, 90, 86)
        inspect(
            w,
            ids[0],
            on=dt.date(2026, 6, 9),
            violation="falsification",
            violation_desc="企业在线监测设备参数被篡改",
        )
    card = _card(db, "410823", 6)
    assert card.enforcement == 4
    assert card.grade is Grade.EXCELLENT  # 0.6 x 90 + 0.4 x (86 + 4) = 90


def test_enforcement_loses_a_point_per_case_not_per_visit(db) -> None:  # type: ignore[no-untyped-def]
    """附件1 enforcement item: one point per case. Three visits finding the same hidden
    pipe at one outfall are one case; the old code took a point per visit."""
    with db.write() as w:
        ids = outfalls(w, 2)
        _enter(w, "410823", 3, 90, 90)
        for day in (3, 10, 17):
            inspect(w, ids[0], on=dt.date(2026, 3, day), violation="hidden_pipe",
                    violation_desc="私设暗管")  # fmt: skip
        inspect(w, ids[1], on=dt.date(2026, 3, 20), violation="over_limit",
                violation_desc="超标")  # fmt: skip
    card = _card(db, "410823", 3)
    assert card.enforcement == 3  # two cases
