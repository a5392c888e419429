"""Snapshots of the Plans section at 120x40 in both languages: the plans with the items of
one, the assessment tab, the progress tab, the complaints tab, the recusals tab, and the
dialogs: the draw refusing an empty form, publishing a plan's results, declaring a
recusal (refusing an empty form), withdrawing one, exporting the year's assessment, the
assessment card in force.

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


async def _fixed_path(pilot: Any) -> None:
    """The path box shows where its file will go, resolved: a run's own temporary folder
    would differ from run to run, so the snapshot types a fixed one."""
    box = pilot.app.screen.query_one("#control-path")
    box.value = "/srv/reports/" + box.value.rpartition("/")[2]
    await settle(pilot)


async def _publish(pilot: Any) -> None:
    await _plans(pilot)
    await pilot.press("p")
    await settle(pilot)
    await _fixed_path(pilot)


async def _recusals(pilot: Any) -> None:
    """The demo's declarations replaced by fixed ones: the demo picks its owner by ids,
    which are new in every build."""
    from inspector.models import Recusal
    from inspector.services.plans import declare_recusal
    from tests.ui.conftest import TODAY

    await settle(pilot)
    with pilot.app.ctx.db.write(reason="snapshot recusals") as w:
        for (rid,) in w.conn.execute("SELECT id FROM recusal WHERE deleted=0").fetchall():
            w.delete(Recusal, rid)
        codes = [
            row[0]
            for row in w.conn.execute(
                "SELECT code FROM outfall WHERE county_code='410825' AND deleted=0 "
                "ORDER BY code LIMIT 3"
            )
        ]
        for n, (name, code, reason) in enumerate(
            [
                ("张伟", codes[0], "配偶在排污单位任职"),
                ("李娜", codes[1], None),
                (
                    "王芳",
                    codes[2],
                    "曾参与该排污口的设计施工，与本次检查存在利害关系，依法申请回避",
                ),
            ]
        ):
            declare_recusal(
                w,
                inspector=name,
                outfall_code=code,
                reason=reason,
                declared_on=TODAY.replace(day=n + 1),
            )
    await pilot.press("f5")
    await settle(pilot)
    pilot.app.screen.show_tab("recusals")
    await settle(pilot)


async def _recuse(pilot: Any) -> None:
    await _recusals(pilot)
    await pilot.press("c")
    await settle(pilot)
    await pilot.press("ctrl+s")  # nobody named
    await settle(pilot)


async def _withdraw(pilot: Any) -> None:
    await _recusals(pilot)
    await pilot.press("down", "down")
    await pilot.press("w")
    await settle(pilot)


async def _export(pilot: Any) -> None:
    await _tab("assessment")(pilot)
    await pilot.press("s")
    await settle(pilot)
    await _fixed_path(pilot)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_publish_dialog(snap_compare: Any, make_app: Any, lang: str) -> None:
    assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=_publish)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_recusals_tab(snap_compare: Any, make_app: Any, lang: str) -> None:
    assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=_recusals)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_recuse_dialog_refusing_an_empty_form(snap_compare: Any, make_app: Any, lang: str) -> None:
    assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=_recuse)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_withdraw_dialog(snap_compare: Any, make_app: Any, lang: str) -> None:
    assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=_withdraw)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_assessment_export_dialog(snap_compare: Any, make_app: Any, lang: str) -> None:
    assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=_export)


async def _complaints(pilot: Any) -> None:
    await _tab("complaints")(pilot)


async def _scheme(pilot: Any) -> None:
    await _tab("assessment")(pilot)
    await pilot.press("k")
    await settle(pilot)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_complaints_tab(snap_compare: Any, make_app: Any, lang: str) -> None:
    assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=_complaints)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_assessment_card_dialog(snap_compare: Any, make_app: Any, lang: str) -> None:
    assert snap_compare(make_app(lang), terminal_size=SIZE, run_before=_scheme)
