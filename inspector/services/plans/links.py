"""Which inspection fulfils which plan item.

The link is stored on both sides, `inspection.plan_item_id` and `plan_item.inspection_id`
(with the item's status set to done), and made in one of two ways:

- **explicitly**: the inspection form offers the open items of the outfall and the
  inspector picks one (`link_inspection(w, inspection_id, item_id=...)`);
- **automatically**: an inspection recorded with task source self-inspection or
  double-random, for an outfall that has a pending item in a live plan of the same
  calendar year (UTC+8), fulfils that item. When several items qualify, the one in a
  plan whose method matches the task source wins, then the earliest due date, then the
  item id. Routine, complaint and incident inspections never fulfil an item by
  themselves.

`link_inspection` is called right after an inspection is saved, in the same transaction,
so the link travels in the same bundle as the inspection. `link_pending` does the same
for every inspection not yet linked (those that arrived from a replica that did not
link them) and returns items whose inspection was deleted to pending; `inspector plan
link` runs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from inspector.data import plan_items as items_data
from inspector.data.writer import Writer
from inspector.domain.choices import PlanItemStatus, TaskSource
from inspector.domain.periods import local_date
from inspector.i18n import Problem
from inspector.i18n.reasons import keyed
from inspector.models import Inspection, PlanItem
from inspector.services.register import reader

#: Task sources an automatic link accepts, and the plan method each prefers.
PLANNED_SOURCES: dict[str, str] = {
    TaskSource.SELF_INSPECTION.value: "full_coverage",
    TaskSource.DOUBLE_RANDOM.value: "double_random",
}


def _inspection(w: Writer, inspection_id: str) -> dict[str, Any]:
    insp = w.get(Inspection, inspection_id)
    if insp is None or insp["deleted"]:
        raise Problem("plan.inspection_not_found", inspection=inspection_id)
    return insp


def matching_item(w: Writer, inspection: dict[str, Any]) -> str | None:
    """The pending item an inspection fulfils automatically, if any."""
    source = inspection["task_source"]
    if source not in PLANNED_SOURCES:
        return None
    return items_data.matching_item(
        reader(w),
        outfall_id=inspection["outfall_id"],
        year=local_date(inspection["started_at"]).year,
        method=PLANNED_SOURCES[source],
    )


def link_inspection(w: Writer, inspection_id: str, *, item_id: str | None = None) -> str | None:
    """Link an inspection to the plan item it fulfils; returns the item id, or None when
    it fulfils none. With `item_id`, that item (checked: same outfall, not cancelled, not
    fulfilled by another inspection); without, the one it names or the automatic match."""
    insp = _inspection(w, inspection_id)
    target = item_id or insp["plan_item_id"] or matching_item(w, insp)
    if target is None:
        return None
    item = w.get(PlanItem, target)
    if item is None or item["deleted"]:
        raise Problem("plan.item_not_found", item=target)
    if item["outfall_id"] != insp["outfall_id"]:
        raise Problem("plan.link_other_outfall")
    if item["status"] == PlanItemStatus.CANCELLED:
        raise Problem("plan.item_cancelled")
    other = item["inspection_id"]
    if other and other != inspection_id:
        holder = w.get(Inspection, other)
        if holder is not None and not holder["deleted"]:
            raise Problem("plan.item_taken")
    w.update(Inspection, inspection_id, {"plan_item_id": target})
    w.update(PlanItem, target, {"inspection_id": inspection_id, "status": PlanItemStatus.DONE})
    return str(target)


def unlink_inspection(w: Writer, item_id: str, *, reason: str | None = None) -> None:
    """Return an item to pending (its inspection was the wrong one)."""
    item = w.get(PlanItem, item_id)
    if item is None or item["deleted"]:
        raise Problem("plan.item_not_found", item=item_id)
    if item["inspection_id"]:
        insp = w.get(Inspection, item["inspection_id"])
        if insp is not None and insp["plan_item_id"] == item_id:
            w.update(Inspection, insp["id"], {"plan_item_id": None}, reason=reason)
    w.update(
        PlanItem,
        item_id,
        {"inspection_id": None, "status": PlanItemStatus.PENDING},
        reason=reason,
    )


def cancel_item(w: Writer, item_id: str, *, reason: str) -> None:
    """Take an item out of the plan (the outfall was abolished, say); kept, marked."""
    item = w.get(PlanItem, item_id)
    if item is None or item["deleted"]:
        raise Problem("plan.item_not_found", item=item_id)
    if not reason.strip():
        raise Problem("plan.reason_needed")
    w.update(PlanItem, item_id, {"status": PlanItemStatus.CANCELLED}, reason=reason)


@dataclass
class LinkReport:
    linked: int = 0
    reopened: int = 0

    def as_json(self) -> dict[str, int]:
        return {"linked": self.linked, "reopened": self.reopened}


def link_pending(w: Writer, *, plan_id: str | None = None) -> LinkReport:
    """Link every inspection that should fulfil an item and does not yet; reopen items
    whose inspection was deleted. Idempotent."""
    report = LinkReport()
    for item_id in items_data.items_done_by_deleted(reader(w), plan_id=plan_id):
        unlink_inspection(w, item_id, reason=keyed("reason.inspection_deleted"))
        report.reopened += 1
    to_link = items_data.inspections_to_link(
        reader(w), sources=tuple(PLANNED_SOURCES), plan_id=plan_id
    )
    for inspection_id in to_link:
        try:
            found = link_inspection(w, inspection_id)
        except Problem:
            # A stale or contradictory link is for a person to sort out (plan show lists
            # it); it must not stop the others from being linked.
            continue
        if found is not None:
            report.linked += 1
    return report
