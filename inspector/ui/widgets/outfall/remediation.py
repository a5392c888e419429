"""Remediation (整治) and closing (销号): the plan, the works, the sign-offs.

Each button is one step of `inspector.services.register`. Buttons are never hidden: a
step taken too early is refused with the service's own words naming what is missing, and
the line above the buttons says beforehand what the next step still needs.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static

from inspector.data.outfall_record import OutfallRecord
from inspector.domain.choices import Measure, RemediationStatus
from inspector.i18n import t
from inspector.ui.text import label, yes_no
from inspector.ui.widgets.forms.fields import field_label
from inspector.ui.widgets.infotable import facts
from inspector.ui.widgets.outfall.base import OutfallTab

STEPS = (
    ("plan", "rem.plan", "P"),
    ("start_works", "rem.start", "W"),
    ("complete", "rem.complete", "C"),
    ("county_signoff", "rem.county", "K"),
    ("city_signoff", "rem.city", "L"),
    ("settle", "rem.settle", "S"),
)


class RemediationTab(OutfallTab):
    def compose(self) -> ComposeResult:
        yield Static(id="rem-current")
        yield Static("", id="rem-next", classes="hint", markup=False)
        with Horizontal(classes="tab-buttons"):
            for action, key, letter in STEPS:
                yield Button(f"{t(key)} ({letter})", id=f"rem-{action}")

    def show(self, record: OutfallRecord) -> None:
        super().show(record)
        rem = record.remediation
        current = self.query_one("#rem-current", Static)
        if rem is None:
            current.update(t("rem.none"))
        else:
            current.update(facts(self._pairs(rem, record.merge_target_code), label_width=20))

    def show_next(self, steps: list[tuple[str, list[str]]]) -> None:
        """What the outfall may become next, and what each step still needs."""
        if not steps:
            self.query_one("#rem-next", Static).update(t("rem.next.none"))
            return
        parts = []
        for target, missing in steps:
            if missing:
                parts.append(
                    t("rem.next.needs", state=target, missing=t("ui.list_sep").join(missing))
                )
            else:
                parts.append(t("rem.next.ready", state=target))
        self.query_one("#rem-next", Static).update(
            t("rem.next", steps=t("ui.step_sep").join(parts))
        )

    def _pairs(self, rem: dict[str, Any], merge_code: str | None) -> list[tuple[str, Any]]:
        def f(name: str) -> str:
            return field_label("remediation", name)

        passed = rem.get("retest_passed")
        return [
            (f("measure"), label(Measure, rem.get("measure"))),
            (f("merge_target_id"), merge_code),
            (f("status"), label(RemediationStatus, rem.get("status"))),
            (f("plan_text"), rem.get("plan_text")),
            (f("responsible"), rem.get("responsible")),
            (f("deadline"), rem.get("deadline")),
            (f("transition_end"), rem.get("transition_end")),
            (f("immediate"), yes_no(bool(rem.get("immediate")))),
            (f("evidence"), rem.get("evidence")),
            (f("retest_result"), rem.get("retest_result")),
            (f("retest_passed"), yes_no(None if passed is None else bool(passed))),
            (f("county_signoff_by"), rem.get("county_signoff_by")),
            (f("county_signoff_on"), rem.get("county_signoff_on")),
            (f("city_signoff_by"), rem.get("city_signoff_by")),
            (f("city_signoff_on"), rem.get("city_signoff_on")),
        ]

    @on(Button.Pressed)
    async def _step(self, event: Button.Pressed) -> None:
        button = event.button.id or ""
        if button.startswith("rem-"):
            event.stop()
            await self.screen.run_action(button.removeprefix("rem-"))
