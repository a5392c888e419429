"""Issue 12b in the terminal: every number on screen right and agreeing, every text whole
and in the reader's language."""

from __future__ import annotations

from typing import Any

from tests.ui.conftest import settle

SIZE = (120, 40)


def shown_text(static: Any, width: int = 100) -> str:
    """What a Static shows, as plain text, its lines joined by spaces where they wrap."""
    import io

    from rich.console import Console

    console = Console(width=width, record=True, file=io.StringIO())
    console.print(static.content)
    return console.export_text()


async def test_dashboard_targets_agree_and_its_total_says_why_it_differs(make_app: Any) -> None:
    from textual.widgets import Static

    from inspector.data.browse import RegisterQuery, count

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        targets = " ".join(shown_text(app.screen.query_one("#progress-targets", Static)).split())
        assert "Traced 80%" not in targets
        assert "Traced 100% (2025; set at 80%" in targets
        shown = shown_text(app.screen.query_one("#progress-counties", Static))
        with app.ctx.read() as conn:
            listed = count(conn, RegisterQuery())
            rejected = conn.execute(
                "SELECT COUNT(*) FROM outfall WHERE deleted=0 AND state='rejected'"
            ).fetchone()[0]
        assert f"{listed - rejected:,}" in shown.splitlines()[1]  # the whole city's row
        assert f"({listed:,} rows in all)" in " ".join(shown.split())
        assert f"{rejected:,} points found not to be outfalls" in " ".join(shown.split())
