"""Progress at a past moment from the operation log, and where the present pace leads."""

from __future__ import annotations

import datetime as dt

import pytest

from inspector.domain.choices import State
from inspector.models import Outfall
from inspector.services.progress import (
    compute_pace,
    compute_progress,
    default_city,
    resolve_city,
    shares_at,
)
from tests.services.registers import outfalls, written_at

UTC = dt.UTC
TODAY = dt.date(2026, 10, 2)


def moment(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)  # type: ignore[misc]


@pytest.fixture
def history(db):  # type: ignore[no-untyped-def]
    """Twenty outfalls confirmed in January; four remediated in May (before the 90-day
    window), six more in August (inside it); one rejected."""
    with written_at(db, moment(2026, 1, 10)) as w:
        ids = outfalls(w, 20, state=State.TRACED)
        outfalls(w, 1, state=State.REJECTED, prefix="R")
    with written_at(db, moment(2026, 5, 1)) as w:
        for oid in ids[:4]:
            w.update(Outfall, oid, {"state": "remediated"})
    with written_at(db, moment(2026, 8, 15)) as w:
        for oid in ids[4:10]:
            w.update(Outfall, oid, {"state": "remediated"})
    return ids


def test_shares_at_a_past_moment(db, history) -> None:  # type: ignore[no-untyped-def]
    with db.read() as conn:
        before = shares_at(conn, moment(2025, 12, 31))
        june = shares_at(conn, moment(2026, 6, 1), city_code="410800")
        september = shares_at(conn, moment(2026, 9, 1), county_code="410823")
    assert before.overall.total == 0
    assert (june.overall.total, june.overall.traced, june.overall.remediated) == (20, 20, 4)
    assert september.overall.remediated == 10
    assert september.by_river["沁河"].remediated == 10


def test_the_present_pace_projected_to_the_deadline(db, history) -> None:  # type: ignore[no-untyped-def]
    with db.read() as conn:
        progress = compute_progress(conn, year=2026, city_code="410800", today=TODAY)
        pace = compute_pace(conn, progress, today=TODAY, window_days=90)
    p = pace.overall["remediated"]
    # The window starts 4 July: 4 remediated then, 10 now, so 6 in 90 days.
    assert (p.reached_before, p.reached, p.total) == (4, 10, 20)
    assert p.per_month == pytest.approx(2.0)
    # 90 days to 31 December: 6 more at this pace -> 16 of 20, 80 %.
    assert p.days_left == 90
    assert p.projected == 16
    assert p.projected_share == pytest.approx(0.8)
    # The 2026 target (carried from 2025) is 100 %: 10 short, 10 / 90 days x 30 a month.
    assert p.target == 1.0
    assert p.needed == 20
    assert p.needed_per_month == pytest.approx(10 / 90 * 30)
    assert p.on_course is False
    # At 6 per 90 days, the other 10 take 150 days.
    assert p.reaches_target_on(TODAY) == TODAY + dt.timedelta(days=150)
    traced = pace.overall["traced"]
    assert (traced.per_month, traced.on_course, traced.reaches_target_on(TODAY)) == (
        0.0,
        True,
        TODAY,
    )
    assert pace.overall["closed"].on_course is None  # no target for closing
    assert pace.by_county["410823"]["remediated"].projected == 16


def test_a_year_that_is_over_projects_nothing_more(db, history) -> None:  # type: ignore[no-untyped-def]
    with db.read() as conn:
        progress = compute_progress(conn, year=2025, city_code="410800", today=TODAY)
        pace = compute_pace(conn, progress, today=TODAY)
    p = pace.overall["remediated"]
    assert p.days_left == 0
    assert p.projected == p.reached == 10
    assert p.on_course is False
    # Late, but the pace still says when: 10 more at 6 per 90 days.
    assert p.reaches_target_on(TODAY) == TODAY + dt.timedelta(days=150)


def test_the_default_city(db, history) -> None:  # type: ignore[no-untyped-def]
    with db.read() as conn:
        assert default_city(conn) == "410800"  # from the register
        assert resolve_city(conn, "三门峡市") == "411200"
    from inspector.services.replica import init_replica

    init_replica(db, name="温县分局", role="county", region="410825")
    with db.read() as conn:
        assert default_city(conn) == "410800"


def test_the_past_state_is_the_last_writer_by_hlc_then_origin(db, history) -> None:  # type: ignore[no-untyped-def]
    """Two replicas set the same outfall's state at the same HLC: the greater origin wins,
    as in last-writer-wins merging."""
    with db.read() as conn:
        op_id, hlc, origin = conn.execute(
            "SELECT op_id, hlc, origin FROM op WHERE entity='outfall' AND row_id=? "
            "AND fields LIKE '%remediated%'",
            (history[9],),
        ).fetchone()
    raw = db.connect()
    try:
        for other, state in (("0" * 36, "confirmed"), ("z" * 36, "closed")):
            raw.execute(
                "INSERT INTO op (op_id, origin, seq, hlc, entity, row_id, fields, bases, actor) "
                "VALUES (?, ?, 1, ?, 'outfall', ?, ?, '{}', 'other replica')",
                (f"{op_id[:-4]}{other[:4]}", other, hlc, history[9], f'{{"state":"{state}"}}'),
            )
        with db.read() as conn:
            later = shares_at(conn, moment(2026, 9, 1))
    finally:
        raw.close()
    # closed (origin "zzz...") beats remediated and confirmed at the same HLC.
    assert later.overall.closed == 1
    assert later.overall.remediated == 10
    assert origin < "z" * 36
