"""Names and notes that look like Rich markup are shown as typed: a table once read
"某公司[/]" as a closing tag (MarkupError: the app crashed drawing it) and showed
"[bold]X" as a bold X."""

from __future__ import annotations

from typing import Any

from inspector.models import Outfall, Owner, OwnerAssignment
from tests.ui.conftest import settle
from tests.ui.test_what_fits import screen_lines

OWNER = "焦作[/]某某化工有限公司"
EVIDENCE = "[bold]现场照片[/bold]"
NAME = "[reverse]武陟县排口[/]"


async def test_markup_in_a_name_is_shown_as_typed(make_app: Any, ui_db: Any) -> None:
    with ui_db.read() as conn:
        assignment, owner, outfall = conn.execute(
            "SELECT a.id, a.owner_id, a.outfall_id FROM owner_assignment a "
            "JOIN plan_item i ON i.outfall_id = a.outfall_id "
            "WHERE a.deleted = 0 AND a.valid_until IS NULL LIMIT 1"
        ).fetchone()
    with ui_db.write() as w:
        w.update(Owner, owner, {"name": OWNER})
        w.update(OwnerAssignment, assignment, {"evidence": EVIDENCE})
        w.update(Outfall, outfall, {"name": NAME})
    app = make_app("en")
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        app.open_outfall(outfall, tab="owner")
        await settle(pilot)
        text = "\n".join(screen_lines(app))
        assert OWNER in text
        assert EVIDENCE in text
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        plans = app.screen.query_one("#plan-table")
        items = app.screen.query_one("#item-table")
        for row in range(plans.row_count):
            plans.move_cursor(row=row)
            await settle(pilot)
            if NAME in "\n".join(screen_lines(app)):
                break
        else:
            raise AssertionError(f"no plan lists {NAME}")
        assert items.row_count


def test_every_list_table_is_the_applications_own() -> None:
    """A DataTable made directly would read its text cells as markup again."""
    import re
    from pathlib import Path

    import inspector.ui

    root = Path(inspector.ui.__file__).parent
    direct = [
        f"{path.relative_to(root)}:{n}"
        for path in sorted(root.rglob("*.py"))
        if path.name != "table.py"
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if re.search(r"(?<![\w.])DataTable\(", line)
    ]
    assert direct == []
