"""Snapshots of the Plans section at 120x40 in both languages: the plans with the items of
one, the assessment tab, the progress tab, and the draw dialog refusing an empty form.

A draw ranks outfalls by a hash of their ids, and the demo's ids are new in every build of
it: the demo's own plans, and any draw, list other outfalls each time (the draw itself is
reproducible on one register: `test_plans.py` checks it). So the plan shown here holds the
eight outfalls of one county with the lowest codes, with fixed inspectors: what is
compared is how a plan is shown, not which outfalls a seed picks.

Update with `.venv/bin/python -m pytest tests/ui/test_snapshots_plans.py -p no:xdist
--snapshot-update`, then look at the SVGs (rsvg-convert) before committing them."""

from __future__ import annotations

from typing import Any

import pytest

from tests.ui.conftest import settle

SIZE = (120, 40)


async def _plans(pilot: Any) -> None:
    import dataclasses

    from inspector.services.plans import DrawRequest, prepare_draw, save_plan
    from tests.ui.conftest import TODAY

    await settle(pilot)
    names = ["张伟", "李娜", "王芳", "赵强"]
    request = DrawRequest(
        year=TODAY.year, county="410822", inspectors=names, count=8, seed="snapshot"
    )
    with pilot.app.ctx.db.write(reason="snapshot plan") as w:
        draft = prepare_draw(w.conn, request, today=TODAY)
        ids = [
            row[0]
            for row in w.conn.execute(
                "SELECT id FROM outfall WHERE county_code='410822' AND deleted=0 "
                "ORDER BY code LIMIT 8"
            )
        ]
        items = [
            dataclasses.replace(
                item, outfall_id=oid, inspector_a=names[n % 4], inspector_b=names[(n + 1) % 4]
            )
            for n, (item, oid) in enumerate(zip(draft.items, ids, strict=True))
        ]
        plan_id = save_plan(w, dataclasses.replace(draft, items=items))
    await pilot.press("f5")
    await settle(pilot)
    pilot.app.screen.plans_tab.reload(select=plan_id)
    await settle(pilot)


def _tab(name: str) -> Any:
    async def run(pilot: Any) -> None:
        await _plans(pilot)
        pilot.app.screen.show_tab(name)
        await settle(pilot)

    return run


async def _draw(pilot: Any) -> None:
    await _plans(pilot)
    await pilot.press("d")
    await settle(pilot)
    await pilot.press("ctrl+s")  # nothing filled in: each missing field is named
    await settle(pilot)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plans_list_and_items(snap_compare: Any, make_app: Any, lang: str) -> None:
    assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=_plans)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_assessment_tab(snap_compare: Any, make_app: Any, lang: str) -> None:
    assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=_tab("assessment"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_progress_tab(snap_compare: Any, make_app: Any, lang: str) -> None:
    assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=_tab("progress"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_draw_dialog_refusing_an_empty_form(snap_compare: Any, make_app: Any, lang: str) -> None:
    assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=_draw)
