"""Revoking a replica from the Sync screen (issue 10): it asks first, with the reason
every later refusal shows, and nothing changes until the person confirms."""

from __future__ import annotations

from typing import Any

from tests.sync.conftest import full_state
from tests.ui.conftest import settle
from tests.ui.test_sync import SIZE, message, open_section


def _revocations(db: Any) -> list[tuple[Any, ...]]:
    with db.read() as conn:
        return [
            tuple(r)
            for r in conn.execute("SELECT replica_id, through, reason, document FROM revocation")
        ]


async def test_revoking_asks_first_needs_a_reason_and_then_refuses_the_laptop(
    make_app: Any, ui_db: Any
) -> None:
    """The demo is the city's central record; its field laptop is revoked from the Sync
    screen: Esc and an empty reason change nothing; confirmed, the laptop is revoked
    (signed, since this is the centre) and the list says so."""
    from inspector.ui.screens.sync import SyncScreen

    before = full_state(ui_db)
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_section(pilot, "f6")
        assert isinstance(screen, SyncScreen)
        table = screen.query_one("#sync-replicas")
        assert table.row_count >= 1
        laptop = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        assert "trusted" in str(table.get_row_at(0))

        await pilot.press("ctrl+y")
        await settle(pilot)
        assert app.screen.id == "revoke-dialog"
        body = str(app.screen.query_one("#confirm-body").render())
        assert "stay and are relayed as before" in body
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert full_state(ui_db) == before
        assert _revocations(ui_db) == []

        await pilot.press("ctrl+y")
        await settle(pilot)
        await pilot.press("ctrl+s")  # no reason given
        await settle(pilot)
        assert app.screen is screen
        assert "Give a reason" in message(screen)
        assert _revocations(ui_db) == []

        await pilot.press("ctrl+y")
        await settle(pilot)
        app.screen.query_one("#confirm-note").value = "笔记本丢失"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert "is revoked" in message(screen)
        assert "revoked on" in str(table.get_row_at(0))
    (revoked,) = _revocations(ui_db)
    assert revoked[0] == laptop
    assert revoked[2] == "笔记本丢失"
    assert revoked[3] is not None  # signed by the centre: it travels
    assert full_state(ui_db)["op"] == before["op"]
