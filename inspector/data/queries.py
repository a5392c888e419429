"""SQL that more than one module relies on, defined once.

"The current main owner" and "the live remediation" are rules of the register; the
workflows, the ledger export and the reports must agree on them exactly.
"""

from __future__ import annotations

#: Id of an outfall's current main owner assignment. Parameters: outfall id, today (ISO).
CURRENT_MAIN_ASSIGNMENT = (
    "SELECT id FROM owner_assignment WHERE outfall_id={outfall} AND role='main' AND deleted=0 "
    "AND (valid_until IS NULL OR valid_until > {today}) ORDER BY id DESC LIMIT 1"
)

#: Id of an outfall's live remediation: the newest not cancelled or deleted.
CURRENT_REMEDIATION = (
    "SELECT id FROM remediation WHERE outfall_id={outfall} AND deleted=0 "
    "AND status != 'cancelled' ORDER BY id DESC LIMIT 1"
)


def current_main_assignment_sql(outfall: str = "?", today: str = "?") -> str:
    return CURRENT_MAIN_ASSIGNMENT.format(outfall=outfall, today=today)


def current_remediation_sql(outfall: str = "?") -> str:
    return CURRENT_REMEDIATION.format(outfall=outfall)
