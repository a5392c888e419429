"""The demo's plans, assessment and incident, and the public list made from the demo."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from inspector.services import plans
from inspector.services.assessment import scorecards, year_standings
from inspector.services.doctor import run_doctor
from inspector.services.incidents import list_incidents
from inspector.services.public_list import export_public_list, public_table

TODAY = dt.date(2026, 11, 23)


def test_this_years_plans_are_partly_fulfilled_and_verify(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.read() as conn:
        summaries = plans.list_plans(conn, today=TODAY, year=2026)
        assert {p.county for p in summaries} == {"410823", "410825", "410882", "410821"}
        for summary in summaries:
            assert 0 < summary.done < summary.items
            assert plans.verify_plan(conn, summary.id).ok
        assert sum(p.overdue for p in summaries) > 0
        assert any(p.published_at for p in summaries)
        done = [
            i
            for p in summaries
            for i in plans.plan_items(conn, p.id, today=TODAY)
            if i.status == "done"
        ]
        assert all(i.inspection_id and i.inspected_on for i in done)
        # Each done item is linked both ways.
        for item in done:
            linked = conn.execute(
                "SELECT plan_item_id FROM inspection WHERE id=?", (item.inspection_id,)
            ).fetchone()[0]
            assert linked == item.id
        (recusal,) = plans.list_recusals(conn)
        wen = next(p for p in summaries if p.county == "410825")
        owner_outfalls = {
            oid
            for (oid,) in conn.execute(
                "SELECT a.outfall_id FROM owner_assignment a JOIN owner w ON w.id = a.owner_id "
                "WHERE w.name = ? AND a.deleted = 0",
                (recusal.owner_name,),
            )
        }
        for item in plans.plan_items(conn, wen.id, today=TODAY):
            if item.outfall_id in owner_outfalls:
                assert recusal.inspector not in (item.inspector_a, item.inspector_b)


def test_the_demo_assessment_and_incident(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.read() as conn:
        standings = year_standings(conn, year=2026, city="410800")
        july = {c.county: c for c in scorecards(conn, year=2026, month=7, city="410800")}
        (incident,) = list_incidents(conn)
    assert sorted(standings.months) == list(range(1, 11))
    # October is only partly entered: the counties without a score are missing, the
    # others ranked; the demonstration zone is recorded as not assessed.
    assert len(standings.months[10].missing) == 5
    assert [c.county for c in standings.months[10].excluded] == ["410800SFQ"]
    assert july["410804"].falsified
    assert july["410804"].grade is not None
    assert july["410804"].grade.value == "fail"
    assert len(incident.notices) == 3
    assert len(incident.pending) == 1
    assert july["410821"].adjusted  # the July flood
    with demo_db.read() as conn:
        from inspector.services.assessment import department_results
        from inspector.services.complaints import overdue

        departments = department_results(conn, year=2026, city="410800")
        late = overdue(conn, city="410800", today=TODAY)
    assert len(departments.ranked) == 5
    assert sum(r.advanced for r in departments.ranked) == 3
    assert late.count == 1


def test_the_demo_is_still_exactly_its_operation_log(demo_db) -> None:  # type: ignore[no-untyped-def]
    report = run_doctor(demo_db, backup=False, full=True)
    assert report.problems == 0, report.as_json()


def test_the_public_list_names_no_person(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with demo_db.read() as conn:
        table = public_table(conn)
        phones = [p for (p,) in conn.execute("SELECT phone FROM owner WHERE phone IS NOT NULL")]
        contacts = [
            c for (c,) in conn.execute("SELECT contact FROM owner WHERE contact IS NOT NULL")
        ]
        individuals = [n for (n,) in conn.execute("SELECT name FROM owner WHERE kind='individual'")]
        staff = {
            n
            for (names,) in conn.execute("SELECT inspectors FROM inspection")
            for n in json.loads(names)
        }
        signers = {
            n
            for row in conn.execute("SELECT county_signoff_by, city_signoff_by FROM remediation")
            for n in row
            if n
        }
        listed = conn.execute(
            "SELECT COUNT(*) FROM outfall WHERE deleted=0 AND state NOT IN ('suspected', 'rejected')"
        ).fetchone()[0]
        companies = [
            n for (n,) in conn.execute("SELECT name FROM owner WHERE kind='enterprise' LIMIT 50")
        ]
    assert len(table.rows) == listed
    assert phones
    assert contacts
    assert individuals
    assert staff
    assert signers
    for path in (tmp_path / "公开清单.csv", tmp_path / "公开清单.xlsx", tmp_path / "公开清单.md"):
        report = export_public_list(demo_db, path)
        assert report.rows == listed
    text = (tmp_path / "公开清单.csv").read_text(encoding="utf-8-sig")
    for secret in (*phones, *contacts, *individuals, *staff, *signers):
        assert secret not in text, secret
    assert any(company in text for company in companies)
    header = text.splitlines()[0]
    assert "Remediation measure" in header
    assert "Result" in header
    assert "Re-test passed" in text
