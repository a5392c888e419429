"""The yearly and self-inspection reports on a register whose every number is known,
read back from the Markdown and from the workbook (with openpyxl)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from inspector.domain.choices import State
from inspector.i18n import Problem
from inspector.models import Outfall, Remediation
from inspector.services import plans
from inspector.services import register as reg
from inspector.services.document import render_markdown, write_document
from inspector.services.reports import annual_report, self_inspection_report
from tests.services.registers import inspect, outfalls, written_at

UTC = dt.UTC
NOW = dt.datetime(2027, 1, 8, 2, 0, tzinfo=UTC)


@pytest.fixture
def year(db):  # type: ignore[no-untyped-def]
    """2026 in Wuzhi: ten traced outfalls at the start of the year, three remediated in
    March, one closed in June, one overdue; a plan of four items, three done (one late),
    one violation found; and two outfalls in Wen county."""
    with written_at(db, dt.datetime(2025, 12, 1, tzinfo=UTC)) as w:
        ids = outfalls(w, 10, state=State.TRACED)
        outfalls(w, 2, county="410825", river="蟒河", prefix="W")
        for oid in ids[:5]:
            reg.plan_remediation(w, oid, {"measure": "standardise", "deadline": "2026-09-30"})
        w.update(Outfall, ids[4], {"state": "in_remediation"})
        overdue = reg.current_remediation(w, ids[4])
        assert overdue is not None
        w.update(Remediation, overdue["id"], {"deadline": "2026-02-01"})
    with written_at(db, dt.datetime(2026, 3, 10, tzinfo=UTC)) as w:
        for oid in ids[1:4]:
            w.update(Outfall, oid, {"state": "remediated"})
    with written_at(db, dt.datetime(2026, 6, 1, tzinfo=UTC)) as w:
        w.update(Outfall, ids[0], {"state": "closed"})
        rem = reg.current_remediation(w, ids[0])
        assert rem is not None
        w.update(
            Remediation,
            rem["id"],
            {"county_signoff_on": "2026-05-20", "city_signoff_on": "2026-06-01"},
        )
    with written_at(db, dt.datetime(2026, 1, 5, tzinfo=UTC)) as w:
        draft = plans.prepare_draw(
            w.conn,
            plans.DrawRequest(
                year=2026,
                county="410823",
                inspectors=["张伟", "王芳"],
                count=4,
                seed="r",
                start=dt.date(2026, 1, 5),
            ),
            today=dt.date(2026, 1, 5),
        )
        plans.save_plan(w, draft)
    items = sorted(draft.items, key=lambda i: i.due_date)
    assert [i.due_date for i in items] == [
        dt.date(2026, 4, 2),
        dt.date(2026, 6, 26),
        dt.date(2026, 9, 23),
        dt.date(2026, 12, 18),
    ]
    with db.write() as w:
        for item, day in zip(
            (items[0], items[1], items[3]),
            (dt.date(2026, 3, 30), dt.date(2026, 7, 2), dt.date(2026, 12, 10)),
            strict=True,
        ):
            plans.link_inspection(w, inspect(w, item.outfall_id, on=day, source="double_random"))
        inspect(w, ids[5], on=dt.date(2026, 3, 15), violation="illegal_discharge",
                violation_desc="夜间偷排")  # fmt: skip
        inspect(w, ids[6], on=dt.date(2026, 7, 7), signage="absent", follow_up=True)
        inspect(w, ids[6], on=dt.date(2025, 12, 30))  # last year: not counted
        outfall_w = w.conn.execute("SELECT id FROM outfall WHERE code='410825W0001'").fetchone()[0]
        inspect(w, outfall_w, on=dt.date(2026, 2, 2))
    return ids


def rows(doc, key: str) -> list[list[object]]:  # type: ignore[no-untyped-def]
    return doc.table(key).rows  # type: ignore[no-any-return]


def test_the_yearly_report_of_a_county(db, year, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with db.read() as conn:
        doc = annual_report(conn, year=2026, county="武陟县", now=NOW)
    assert doc.key == "annual-2026-410823"
    assert dict(doc.facts)["Due"] == "2027-01-10"
    assert rows(doc, "summary") == [
        ["Outfalls at the end (rejected points excluded)", 10],
        ["Outfalls added in the period", 0],
        ["Inspections", 5],
        ["of which fulfilling plan items", 3],
        ["Violations found", 1],
        ["Closed by the city", 1],
        ["Remediations overdue", 1],
    ]
    progress = {r[0]: r[1:] for r in rows(doc, "progress")}
    assert progress["Investigated"][:4] == [10, 10, 0, 1.0]
    assert progress["Remediated"][:5] == [0, 4, 4, 0.4, 1.0]
    assert progress["Remediated"][5] == "no"
    assert progress["Closed"][:4] == [0, 1, 1, 0.1]
    # items 4, due 4, done 3, on time 2, overdue 1, cancelled 0, share 3/4
    assert rows(doc, "plans") == [["Wuzhi County", "Double-random sample", 4, 4, 3, 2, 1, 0, 0.75]]
    assert [r[1] for r in rows(doc, "violations")] == ["410823T0006"]
    assert [r[0] for r in rows(doc, "closed")] == ["410823T0001"]
    assert [(r[0], r[4]) for r in rows(doc, "overdue")] == [("410823T0005", 333)]
    with pytest.raises(KeyError):
        doc.table("progress_by_county")  # one county: no breakdown

    md, xlsx = tmp_path / "annual.md", tmp_path / "annual.xlsx"
    write_document(doc, md)
    write_document(doc, xlsx)
    text = md.read_text(encoding="utf-8")
    assert "| Remediated | 0 | 4 | 4 | 40.0% | 100.0% | no |" in text
    assert "| Wuzhi County | Double-random sample | 4 | 4 | 3 | 2 | 1 | 0 | 75.0% |" in text
    assert "夜间偷排" in text
    book = load_workbook(xlsx)
    sheet = next(ws for ws in book.worksheets if ws.title.startswith("2."))
    found = {row[0]: row for row in sheet.iter_rows(values_only=True) if row[0]}
    assert found["Remediated"][:6] == ("Remediated", 0, 4, 4, 0.4, 1)
    assert (
        sheet.cell(
            row=[c.value for c in sheet["A"]].index("Remediated") + 1, column=5
        ).number_format
        == "0.0%"
    )
    charts = [c for ws in book.worksheets for c in ws._charts]
    assert len(charts) == 4  # shares vs targets, plan fulfilment, inspections by month, violations


def test_the_yearly_report_of_a_city(db, year) -> None:  # type: ignore[no-untyped-def]
    with db.read() as conn:
        doc = annual_report(conn, year=2026, city="410800", now=NOW)
    by_county = {r[0]: r[1:] for r in rows(doc, "progress_by_county")}
    assert by_county["Wen County"] == [2, 1.0, 0.0, 0.0, 0.0]
    assert by_county["Wuzhi County"][0] == 10
    assert rows(doc, "summary")[2] == ["Inspections", 6]
    chart = doc.chart("remediated_by_county")
    assert chart.categories == ["Wuzhi County", "Wen County"]
    assert chart.series[0].values == [0.4, 0.0]
    assert chart.unit == "%"
    month = doc.chart("inspections_by_month")
    assert len(month.categories) == 12
    assert month.series[0].values[2] == 1.0  # March: one planned inspection
    assert sum(month.series[1].values) == 3.0  # the routine ones


def test_progress_is_the_year_as_it_ended_whenever_the_report_is_made(db, year) -> None:  # type: ignore[no-untyped-def]
    with written_at(db, dt.datetime(2027, 2, 1, tzinfo=UTC)) as w:
        for oid in year[4:8]:
            w.update(Outfall, oid, {"state": "remediated"})
    with db.read() as conn:
        later = annual_report(
            conn, year=2026, county="410823", now=dt.datetime(2027, 3, 1, tzinfo=UTC)
        )
    remediated = next(r for r in rows(later, "progress") if r[0] == "Remediated")
    assert remediated[2] == 4  # not 8: February 2027 is not 2026


def test_the_self_inspection_reports(db, year, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with db.read() as conn:
        first = self_inspection_report(conn, year=2026, half=1, county="410823", now=NOW)
        second = self_inspection_report(conn, year=2026, half=2, county="410823", now=NOW)
    assert dict(first.facts)["Due"] == "2026-06-30"
    assert dict(second.facts)["Due"] == "2026-12-20"
    # By 30 June: items due 2 (April, June), done 1 on time, 1 overdue (done 2 July).
    assert rows(first, "plans")[0][2:] == [4, 2, 1, 1, 1, 0, 0.5]
    # By 20 December: due 4, done 3 (one late), 1 overdue.
    assert rows(second, "plans")[0][2:] == [4, 4, 3, 2, 1, 0, 0.75]
    findings = {r[0]: r[1] for r in rows(second, "findings")}
    assert findings["Inspections"] == 5
    assert findings["Sign board absent"] == 1
    assert findings["Violations found"] == 1
    assert [r[1] for r in rows(second, "follow_ups")] == ["410823T0006", "410823T0007"]
    assert rows(first, "inspections_by_source")[-1] == ["Total", 2]
    path = tmp_path / "h1.xlsx"
    write_document(first, path)
    book = load_workbook(path)
    assert any(
        row[:3] == ("Wuzhi County", "Double-random sample", 4)
        for ws in book.worksheets
        for row in ws.iter_rows(values_only=True)
    )
    assert "50.0%" in render_markdown(first)


def test_reports_in_chinese(db, year) -> None:  # type: ignore[no-untyped-def]
    from inspector.i18n import set_language

    set_language("zh")
    with db.read() as conn:
        doc = annual_report(conn, year=2026, county="410823", now=NOW)
    text = render_markdown(doc)
    assert doc.title == "武陟县2026年度入河排污口排查整治工作情况"
    assert "- 报送期限：2027-01-10" in text
    assert "| 整治 | 0 | 4 | 4 | 40.0% | 100.0% | 否 |" in text


@pytest.mark.parametrize(
    ("kw", "key"),
    [
        ({"county": "不存在县"}, "plan.unknown_county"),
        ({"county": "焦作市"}, "plan.unknown_county"),
        ({"city": "410823"}, "report.unknown_city"),
        ({"year": 1999}, "plan.bad_year"),
    ],
)
def test_bad_report_requests(db, kw, key) -> None:  # type: ignore[no-untyped-def]
    with db.read() as conn, pytest.raises(Problem) as caught:
        annual_report(conn, **{"year": 2026, **kw})
    assert caught.value.key == key
    with db.read() as conn, pytest.raises(Problem) as caught:
        self_inspection_report(conn, year=2026, half=3)
    assert caught.value.key == "report.bad_half"
