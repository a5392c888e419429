"""The UI refuses what every importer would refuse (issue 10): on a county office's
replica, the city's closing (市级销号) cannot be signed, and another county's outfall
cannot be edited; nothing is stored."""

from __future__ import annotations

from typing import Any

from tests.ui.conftest import outfall_in_state, settle, state_of
from tests.ui.test_workflows import SIZE, fill, modal_error, open_outfall


def _make_county(db: Any, outfall_id: str, *, other: bool = False) -> None:
    """The demo's replica, as the county office of the outfall's own county (or, with
    `other`, of another county of the same city)."""
    with db.transaction() as conn:
        (county,) = conn.execute(
            "SELECT county_code FROM outfall WHERE id=?", (outfall_id,)
        ).fetchone()
        if other:
            (county,) = conn.execute(
                "SELECT code FROM region WHERE parent_code=(SELECT parent_code FROM region"
                " WHERE code=?) AND code<>? ORDER BY code LIMIT 1",
                (county, county),
            ).fetchone()
        conn.execute("UPDATE replica SET role='county', region_code=? WHERE is_self=1", (county,))


async def test_a_county_office_cannot_sign_the_citys_closing(make_app: Any, ui_db: Any) -> None:
    outfall_id = outfall_in_state(ui_db, "pre_closed")
    _make_county(ui_db, outfall_id)
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_outfall(pilot, outfall_id, tab="remediation")
        await pilot.press("l")
        await settle(pilot)
        assert app.screen is not screen
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "only the city's central record may sign the closing" in modal_error(app)
        await pilot.press("escape")
        await settle(pilot)
    assert state_of(ui_db, outfall_id) == "pre_closed"
    with ui_db.read() as conn:
        signed = conn.execute(
            "SELECT city_signoff_on FROM remediation WHERE outfall_id=?", (outfall_id,)
        ).fetchall()
    assert all(on is None for (on,) in signed)


async def test_a_county_office_cannot_edit_another_countys_outfall(
    make_app: Any, ui_db: Any
) -> None:
    outfall_id = outfall_in_state(ui_db, "in_service")
    _make_county(ui_db, outfall_id, other=True)
    with ui_db.read() as conn:
        before = conn.execute("SELECT COUNT(*) FROM op").fetchone()
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_outfall(pilot, outfall_id)
        await fill(pilot, screen, "approval_no", "越权审〔2026〕1号")
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = str(screen.query_one("#details-error").render())
        assert "outside region" in error
        assert "nothing was changed" in error
    with ui_db.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM op").fetchone() == before
        assert conn.execute(
            "SELECT approval_no FROM outfall WHERE id=?", (outfall_id,)
        ).fetchone() != ("越权审〔2026〕1号",)
