"""Progress arithmetic on a register whose every number is known."""

from __future__ import annotations

import datetime as dt

import pytest

from inspector.domain.choices import State
from inspector.models import Outfall
from inspector.services import register as reg
from inspector.services.progress import compute_progress, targets_for

BASE = {
    "county_code": "410823",
    "lat": 35.0,
    "lon": 113.3,
    "river": "沁河",
    "category": "城镇生活污水散排口",
}


def make(
    w,
    n: int,
    state: State,
    *,
    county: str = "410823",
    river: str = "沁河",
    deadline: str | None = None,
) -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        oid = reg.create_outfall(
            w, {**BASE, "name": f"{state}{county}{river}{i}", "county_code": county, "river": river}
        )
        w.update(Outfall, oid, {"state": state.value})
        if deadline:
            reg.plan_remediation(w, oid, {"measure": "ban", "deadline": deadline})


def test_shares_by_county_and_river_against_targets(db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as w:
        make(w, 2, State.SUSPECTED)
        make(w, 1, State.REJECTED)  # not an outfall: in no share
        make(w, 2, State.CONFIRMED)
        make(w, 2, State.TRACED, river="黄河")
        make(w, 1, State.IN_REMEDIATION, deadline="2026-01-31")
        make(w, 1, State.IN_REMEDIATION, deadline="2027-01-31", county="410825", river="蟒河")
        make(w, 1, State.CLOSED, county="410825", river="蟒河")
        make(w, 1, State.IN_SERVICE, county="410825", river="蟒河")
    with db.read() as conn:
        p = compute_progress(conn, year=2024, city_code="410800", today=dt.date(2026, 3, 1))
    o = p.overall
    # The outfall put in service directly (no remediation) is retained without works: its
    # own figure, never remediated or closed; those shares are of the 9 needing works.
    assert (o.total, o.investigated, o.traced, o.remediated, o.closed) == (10, 8, 6, 1, 1)
    assert o.retained == 1
    assert o.share("traced") == pytest.approx(0.6)
    assert o.share("closed") == pytest.approx(1 / 9)
    assert p.by_county["410825"].total == 3
    assert p.by_river["黄河"].traced == 2
    # 焦作: by end of 2024, 70 % remediated; traced 80 % and investigation complete carry over.
    assert p.targets == {"investigated": 1.0, "traced": 0.8, "remediated": 0.7, "closed": None}
    assert p.behind("traced")
    assert [(x.code[:6], x.days) for x in p.overdue] == [("410823", 29)]
    assert p.overdue_count == 1


def test_targets_carry_forward_and_are_absent_for_a_city_without_them(db) -> None:  # type: ignore[no-untyped-def]
    with db.read() as conn:
        assert targets_for(conn, "410800", 2022)["remediated"] is None
        assert targets_for(conn, "410800", 2026)["remediated"] == 1.0
        assert set(targets_for(conn, "411200", 2025).values()) == {None}


def test_demo_progress_is_plausible(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.read() as conn:
        p = compute_progress(conn, year=2026, city_code="410800", today=dt.date(2026, 11, 23))
    with demo_db.read() as conn:
        live = conn.execute("SELECT COUNT(*) FROM outfall WHERE deleted=0").fetchone()[0]
        rejected = conn.execute(
            "SELECT COUNT(*) FROM outfall WHERE state='rejected' AND deleted=0"
        ).fetchone()[0]
    assert live >= 2200
    assert p.overall.total == live - rejected
    assert len(p.by_county) == 11
    assert p.overdue_count > 0
    assert all(x.days > 0 for x in p.overdue)
    # The dashboard lists the first few and counts them all, from one pass.
    with demo_db.read() as conn:
        first = compute_progress(
            conn, year=2026, city_code="410800", today=dt.date(2026, 11, 23), overdue_limit=2
        )
    assert first.overdue_count == p.overdue_count > 2
    assert first.overdue == p.overdue[:2]


def test_a_later_milestone_target_raises_an_earlier_one(db) -> None:  # type: ignore[no-untyped-def]
    """焦作 sets traced 80 % (2023) and remediated 100 % (2025): an outfall is remediated
    only once traced, so from 2025 tracing must reach 100 % too, and says why."""
    from inspector.i18n import t
    from inspector.services.progress import Progress, describe_targets, targets_in_force

    with db.read() as conn:
        assert targets_for(conn, "410800", 2023) == {
            "investigated": 1.0,
            "traced": 0.8,
            "remediated": 0.3,
            "closed": None,
        }
        assert targets_for(conn, "410800", 2026)["traced"] == 1.0
        traced = targets_in_force(conn, "410800", 2026)["traced"]
        assert (traced.set_share, traced.set_year) == (0.8, 2023)
        assert (traced.raised_by, traced.raised_year) == ("remediated", 2025)
        text = describe_targets(
            Progress(
                year=2026, city_code="410800", target_details=targets_in_force(conn, "410800", 2026)
            )
        )
    assert t("targets.target_own", metric=t("metric.remediated"), share="100%", year=2025) in text
    assert "Traced 100% (2025; set at 80%" in text
    assert "Traced 80%" not in text
