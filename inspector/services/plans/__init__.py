"""Self-inspection plans (年度自查计划, 双随机一公开): the draw, its items, their
fulfilment by inspections, declared conflicts of interest, the published result.

The names below are the API the Plans screen and the dashboard use; each module's
docstring gives the rules.
"""

from __future__ import annotations

from inspector.services.plans.draw import (
    Draft,
    DrawnItem,
    DrawRequest,
    Verification,
    compute,
    prepare_draw,
    save_plan,
    split_names,
    verify_plan,
)
from inspector.services.plans.links import (
    LinkReport,
    cancel_item,
    link_inspection,
    link_pending,
    unlink_inspection,
)
from inspector.services.plans.publish import Publication, publish_results, results_table
from inspector.services.plans.recusals import (
    RecusalView,
    declare_recusal,
    list_recusals,
    withdraw_recusal,
)
from inspector.services.plans.views import (
    ItemView,
    PlanSummary,
    due_items,
    find_plan,
    list_plans,
    plan_items,
    plan_of,
    plan_summary,
)

__all__ = [
    "Draft",
    "DrawRequest",
    "DrawnItem",
    "ItemView",
    "LinkReport",
    "PlanSummary",
    "Publication",
    "RecusalView",
    "Verification",
    "cancel_item",
    "compute",
    "declare_recusal",
    "due_items",
    "find_plan",
    "link_inspection",
    "link_pending",
    "list_plans",
    "list_recusals",
    "plan_items",
    "plan_of",
    "plan_summary",
    "prepare_draw",
    "publish_results",
    "results_table",
    "save_plan",
    "split_names",
    "unlink_inspection",
    "verify_plan",
    "withdraw_recusal",
]
