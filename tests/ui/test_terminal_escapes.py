"""Names never drive the terminal from the UI either (issue 11, item 2): every screen,
drawn with escape sequences, bidirectional overrides and markup in outfall, owner, photo,
replica and inspector names and in conflicting values, sends none of them to the
terminal, and shows them as their escapes where the name is shown."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.ui.conftest import settle
from tests.ui.test_photos import outfall_with_photos

EVIL = "\x1b[2J\x1b]0;pwned\x07\u202e[/][bold]"
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
SIZE = (160, 50)


def raw_controls(text: str) -> list[str]:
    """Where control characters sit, with the text around them."""
    return [repr(text[max(0, m.start() - 24) : m.end() + 8]) for m in UNSAFE.finditer(text)]


def screen_text(app: Any) -> str:
    """Every character the screen would send to the terminal, as the compositor has it."""
    update = app.screen._compositor.render_full_update()
    return "".join(segment.text for strip in update.strips for segment in strip)


def bare(app: Any) -> Any:
    """The app without its last line of defence, to see that every screen escapes."""
    app._drop_controls.enabled = False
    return app


@pytest.fixture
def hostile(ui_db: Any) -> str:
    """The demo with hostile names where people's typing and other replicas' data go."""
    from inspector.models import Inspection, Outfall, Owner, Photo

    outfall_id = outfall_with_photos(ui_db)
    with ui_db.read() as conn:
        owner_id = conn.execute(
            "SELECT owner_id FROM owner_assignment WHERE outfall_id=? AND deleted=0", (outfall_id,)
        ).fetchone()
        photo_id = conn.execute(
            "SELECT id FROM photo WHERE outfall_id=? AND deleted=0", (outfall_id,)
        ).fetchone()[0]
        inspection_id = conn.execute(
            "SELECT id FROM inspection WHERE outfall_id=? AND deleted=0", (outfall_id,)
        ).fetchone()[0]
        conflicted = [
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT row_id FROM conflict WHERE entity='outfall' AND status='open'"
            )
        ]
    with ui_db.write(reason="hostile names" + EVIL) as w:
        w.update(Outfall, outfall_id, {"name": "排口" + EVIL, "notes": "备注" + EVIL})
        for other in conflicted:
            w.update(Outfall, other, {"name": "冲突排口" + EVIL})
        if owner_id is not None:
            w.update(Owner, owner_id[0], {"name": "宏达" + EVIL + "有限公司"})
        w.update(Photo, photo_id, {"original_name": "IMG" + EVIL + ".jpg"})
        w.update(Inspection, inspection_id, {"inspectors": ["张" + EVIL, "李四"]})
    with ui_db.read() as conn:
        conn.execute(
            "UPDATE conflict SET winner_value=?, loser_value=?",
            (json.dumps("甲" + EVIL), json.dumps("乙" + EVIL)),
        )
        conn.execute("UPDATE replica SET name=? WHERE is_self=1", ("市局" + EVIL,))
    return outfall_id


@pytest.mark.parametrize("key", ["f2", "f3", "f4", "f5", "f6", "f7", "f9"])
async def test_no_section_sends_a_control_character(make_app: Any, hostile: str, key: str) -> None:
    app = bare(make_app("en"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        text = screen_text(app)
        assert raw_controls(text) == []


@pytest.mark.parametrize(
    "tab", ["details", "owner", "trace", "inspections", "remediation", "photos", "history"]
)
async def test_no_outfall_tab_sends_a_control_character(
    make_app: Any, hostile: str, tab: str
) -> None:
    app = bare(make_app("en"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_outfall(hostile, tab=tab)
        await settle(pilot)
        text = screen_text(app)
        assert raw_controls(text) == []
        assert "\\x1b[2J" in text  # the name is shown, escaped
        assert "[/][bold]" in text  # and what looks like markup, as typed


async def test_the_register_and_conflicts_show_names_escaped(make_app: Any, hostile: str) -> None:
    app = bare(make_app("en"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        with app.ctx.db.read() as conn:
            (code,) = conn.execute("SELECT code FROM outfall WHERE id=?", (hostile,)).fetchone()
        await pilot.press("slash")
        await pilot.press(*code)
        await settle(pilot)
        assert "排口\\x1b[2J" in screen_text(app)
        await pilot.press("f7")
        await settle(pilot)
        text = screen_text(app)
        assert "甲\\x1b[2J" in text
        assert raw_controls(text) == []


async def test_the_last_line_of_defence_drops_what_a_screen_forgot(make_app: Any) -> None:
    from textual.screen import Screen
    from textual.widgets import Static

    class Careless(Screen[None]):
        def compose(self) -> Any:
            yield Static("前" + EVIL + "后", markup=False)

    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.push_screen(Careless())
        await settle(pilot)
        text = screen_text(app)
        assert "前[2J]0;pwned[/][bold]后" in text
        assert raw_controls(text) == []
