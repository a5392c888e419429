"""The county assessment on a real database: hand-entered scores, violations from
inspections counted by month in China time, falsification, ranking, export."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import load_workbook

from inspector.data.history import record_history
from inspector.domain.assessment import shown
from inspector.domain.choices import Consequence, Grade
from inspector.i18n import Problem
from inspector.models import Inspection
from inspector.services import assessment as a
from inspector.services.assessment_report import assessment_document
from inspector.services.document import render_markdown, write_document
from tests.services.registers import inspect, outfalls

CST = dt.timezone(dt.timedelta(hours=8))
COUNTIES = ["410800SFQ", "410802", "410803", "410804", "410811", "410821", "410822", "410823",
            "410825", "410882", "410883"]  # fmt: skip


def enter_all(w, month: int, low: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Every county 90/90, except `low` at 60/60."""
    for county in COUNTIES:
        score = 60 if county == low else 90
        a.enter_score(w, county=county, year=2026, month=month, item="water_quality", score=score)
        a.enter_score(w, county=county, year=2026, month=month, item="key_work_other", score=score)


def card_of(db, county: str, month: int):  # type: ignore[no-untyped-def]
    with db.read() as conn:
        return next(c for c in a.scorecards(conn, year=2026, month=month) if c.county == county)


def test_a_scorecard_from_hand_scores_and_inspections(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as w:
        ids = outfalls(w, 3)
        a.enter_score(
            w, county="武陟县", year=2026, month=3, item="水质", score="85", basis="3月月报"
        )
        a.enter_score(w, county="410823", year=2026, month=3, item="key_work_other", score=88)
        # Two violations in March (China time), one on 1 April just after midnight there,
        # which is still 31 March in UTC: it counts in April.
        inspect(w, ids[0], on=dt.date(2026, 3, 3), violation="illegal_discharge")
        w.create(
            Inspection,
            {
                "outfall_id": ids[1],
                "started_at": dt.datetime(2026, 3, 31, 23, 30, tzinfo=CST),
                "violation": "hidden_pipe",
            },
        )
        w.create(
            Inspection,
            {
                "outfall_id": ids[2],
                "started_at": dt.datetime(2026, 4, 1, 0, 30, tzinfo=CST),
                "violation": "over_limit",
            },
        )
        inspect(w, ids[2], on=dt.date(2026, 3, 20))  # no violation: no deduction
    march = card_of(db, "410823", 3)
    # 0.6 x 85 + 0.4 x (88 + 5 - 2) = 51 + 36.4 = 87.40
    assert (march.cases, march.enforcement) == (2, 3)
    assert march.total == Decimal("87.40")
    assert march.grade is Grade.GOOD
    assert card_of(db, "410823", 4).cases == 1
    assert card_of(db, "410823", 0).cases == 3  # the year
    with db.read() as conn:
        entries = a.entries(conn, year=2026)
    assert {(e.item, e.entered_by) for e in entries} == {
        ("water_quality", "tester"),
        ("key_work_other", "tester"),
    }
    assert next(e for e in entries if e.item == "water_quality").basis == "3月月报"


def test_the_same_score_entered_twice_is_one_row_with_its_history(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as w:
        first = a.enter_score(
            w, county="410823", year=2026, month=5, item="water_quality", score=80
        )
    with db.write() as w:
        again = a.enter_score(w, county="温县", year=2026, month=5, item="water_quality", score=80)
        assert again != first
        corrected = a.enter_score(
            w,
            county="410823",
            year=2026,
            month=5,
            item="water_quality",
            score=82.5,
            basis="更正：5月月报复核",
        )
    assert corrected == first == a.entry_id("410823", 2026, 5, "water_quality")
    with db.read() as conn:
        history = [c for c in record_history(conn, "assessment_entry", first) if c.field == "score"]
        assert [(c.old, c.new) for c in history] == [(None, 80.0), (80.0, 82.5)]
        assert conn.execute("SELECT COUNT(*) FROM assessment_entry").fetchone()[0] == 2
    with db.write() as w:
        a.remove_entry(w, county="410823", year=2026, month=5, item="water_quality")
        with pytest.raises(Problem):
            a.remove_entry(w, county="410823", year=2026, month=5, item="water_quality")
    assert card_of(db, "410823", 5).water_quality is None


def test_falsification_of_assessment_data_fails_the_county_only_by_a_recorded_finding(db) -> None:  # type: ignore[no-untyped-def]
    """第十二条: the county's assessment data tampered with or forged, recorded with its
    proof (查实), fails it for that month and the year; an enterprise faking its own
    monitoring data in the same month is an enforcement case only."""
    with db.write() as w:
        ids = outfalls(w, 1)
        enter_all(w, 6)
        enter_all(w, 7)
        inspect(
            w, ids[0], on=dt.date(2026, 6, 9), violation="falsification", violation_desc="篡改参数"
        )
        a.enter_score(
            w, county="410825", year=2026, month=7, item="falsification", basis="焦环考〔2026〕3号"
        )
    june = card_of(db, "410823", 6)
    assert not june.falsified
    assert june.grade is Grade.EXCELLENT
    assert june.enforcement == 4
    assert card_of(db, "410825", 7).grade is Grade.FAIL
    year = card_of(db, "410825", 0)
    assert year.findings == ("焦环考〔2026〕3号",)
    assert year.grade is Grade.FAIL
    with db.read() as conn:
        ranked = a.ranking(conn, year=2026, month=7).ranked
    assert ranked[-1].card.county == "410825"
    assert ranked[-1].last


def test_the_year_card_averages_the_months_unless_a_year_score_is_entered(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as w:
        for month, score in ((1, 80), (2, 85), (3, "90.5")):
            a.enter_score(
                w, county="410823", year=2026, month=month, item="water_quality", score=score
            )
        a.enter_score(w, county="410823", year=2026, month=1, item="key_work_other", score=70)
    year = card_of(db, "410823", 0)
    # (80 + 85 + 90.5) / 3 = 85.1666..., kept exact (shown 85.17)
    assert year.water_quality == Fraction(2555, 30)
    assert shown(year.water_quality) == Decimal("85.17")
    assert year.key_work_manual == 70
    with db.write() as w:
        a.enter_score(w, county="410823", year=2026, month=0, item="water_quality", score=88)
    assert card_of(db, "410823", 0).water_quality == Decimal("88")


def test_monthly_ranking_consequences_over_the_year(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with db.write() as w:
        for month in range(1, 7):
            enter_all(w, month, low="410803" if month <= 3 else "410804")
        # July: one county has no score yet; the month is ranked among the others.
        enter_all(w, 7, low="410804")
        a.remove_entry(w, county="410821", year=2026, month=7, item="key_work_other")
    with db.read() as conn:
        standings = a.year_standings(conn, year=2026, city="410800")
        doc = assessment_document(conn, year=2026, city="410800")
    assert sorted(standings.months) == [1, 2, 3, 4, 5, 6, 7]
    assert [c.county for c in standings.months[7].missing] == ["410821"]
    assert standings.tallies["410821"].months_missing == [7]
    assert standings.tallies["410803"].months_last == [1, 2, 3]
    assert standings.tallies["410803"].consequence is Consequence.INTERVIEW
    assert standings.tallies["410804"].months_last == [4, 5, 6, 7]
    assert standings.tallies["410804"].consequence is Consequence.INTERVIEW
    assert standings.tallies["410823"].consequence is Consequence.NONE
    # Nine counties tie above the last one each month: only one below them, so all warned.
    assert len(standings.tallies["410823"].months_warned) == 7
    assert standings.due == dt.date(2027, 1, 31)

    path = tmp_path / "考核.xlsx"
    write_document(doc, path)
    book = load_workbook(path)
    values = [c for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row]
    assert "Zhongzhan District" in values
    assert "Public interview" in values
    assert 90.0 in values  # the yearly totals of the counties never last
    assert "2027-01-31" in values
    assert sum(len(ws._charts) for ws in book.worksheets) == 1
    text = render_markdown(doc)
    assert "| Zhongzhan District | 3 | 7 | 0 | Pass |  | Public interview |" in text
    assert "| Xiuwu County | 1 ⚠ | 1 ⚠ | 1 ⚠ | 1 ⚠ | 1 ⚠ | 1 ⚠ | missing |" in text
    assert "Entered by" in text


def test_the_public_version_names_nobody(db) -> None:  # type: ignore[no-untyped-def]
    """The results published without staff names: no entered-by column, no bases."""
    with db.write(actor="王芳") as w:
        enter_all(w, 1)
    with db.read() as conn:
        public = render_markdown(assessment_document(conn, year=2026, city="410800", public=True))
        full = render_markdown(assessment_document(conn, year=2026, city="410800"))
    assert "王芳" in full
    assert "王芳" not in public
    assert "public version" in public


@pytest.mark.parametrize(
    ("kw", "key"),
    [
        ({"item": "water_quality", "score": 101}, "assess.bad_score"),
        ({"item": "water_quality", "score": "九十"}, "assess.bad_score"),
        ({"item": "water_quality", "score": "nan"}, "assess.bad_score"),
        ({"item": "key_work_other", "score": 96}, "assess.bad_score"),
        ({"item": "wq1", "score": 61}, "assess.bad_score"),
        ({"item": "kw_a", "score": 10}, "assess.not_manual"),
        ({"item": "enforcement", "score": 5}, "assess.not_manual"),
        ({"item": "water_quality"}, "assess.score_needed"),
        ({"item": "falsification", "score": 0, "basis": "x"}, "assess.no_score_for"),
        ({"item": "falsification"}, "assess.falsification_basis"),
        ({"item": "falsification", "basis": "  "}, "assess.falsification_basis"),
        ({"item": "exclusion"}, "assess.exclusion_reason"),
        ({"item": "adjustment", "score": 2, "basis": "洪水"}, "assess.adjustment_cause"),
        (
            {"item": "adjustment", "score": 2, "cause": "natural_disaster"},
            "assess.adjustment_reason",
        ),
        (
            {"item": "adjustment", "score": 0, "cause": "natural_disaster", "basis": "x"},
            "assess.adjustment_zero",
        ),
        (
            {"item": "adjustment", "score": -101, "cause": "natural_disaster", "basis": "x"},
            "assess.bad_score",
        ),
        ({"item": "bonus", "score": 1}, "assess.bad_item"),
        ({"item": "water_quality", "score": 80, "month": 13}, "assess.bad_month"),
        ({"item": "water_quality", "score": 80, "county": "焦作市"}, "plan.unknown_county"),
        ({"item": "water_quality", "score": 80, "year": 1999}, "plan.bad_year"),
    ],
)
def test_bad_entries_are_refused(db, kw, key) -> None:  # type: ignore[no-untyped-def]
    values = {"county": "410823", "year": 2026, "month": 3, **kw}
    with db.write() as w, pytest.raises(Problem) as caught:
        a.enter_score(w, **values)
    assert caught.value.key == key
