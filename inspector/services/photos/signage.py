"""The signage check: what a sign board shows, recorded on the inspection, and the
findings that follow from what it lacks.

The checklist is the inspection's `signage` (present / damaged / absent) and
`signage_items` (what the sign shows). Findings are not stored separately: the database
view `signage_finding` derives them from the checklist (one row per missing item, one
for a damaged or absent sign), so they are queryable with SQL and can never disagree
with the record they come from, on this replica or after a merge.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from inspector.data.engine import Conn
from inspector.data.inspections import signage_findings
from inspector.domain.choices import PhotoKind, SignageItem, SignageState
from inspector.i18n import Problem, language, t
from inspector.i18n.reasons import keyed
from inspector.models import Inspection

if TYPE_CHECKING:
    from inspector.data.db import Database
    from inspector.data.writer import Writer

#: What every retained outfall's sign must show (HJ 1309-2023 §7), in checklist order.
REQUIRED: tuple[SignageItem, ...] = tuple(SignageItem)


@dataclass(frozen=True)
class ChecklistLine:
    item: str
    label: str
    shown: bool


@dataclass(frozen=True)
class Finding:
    inspection_id: str
    outfall_id: str
    started_at: str
    finding: str
    """item_missing, sign_absent or sign_damaged."""
    item: str | None

    def message(self, lang: str | None = None) -> str:
        lang = lang or language()
        if self.item is not None:
            label = SignageItem.of(self.item).label(lang)
            return t(f"signage.finding.{self.finding}", lang=lang, item=label)
        return t(f"signage.finding.{self.finding}", lang=lang)


def checklist(items: Iterable[str], *, lang: str | None = None) -> list[ChecklistLine]:
    """Every required item, ticked when the sign shows it."""
    lang = lang or language()
    shown = set(items)
    return [ChecklistLine(i.value, i.label(lang), i.value in shown) for i in REQUIRED]


def record_signage_check(
    db: Database,
    *,
    inspection_id: str,
    state: str,
    shown: Iterable[str],
    photo_id: str | None = None,
    actor: str | None = None,
) -> list[Finding]:
    """Record what the sign looks like on an inspection (and which photo shows it).

    `shown` holds SignageItem keys or labels. The photo, if given, becomes a signage
    photo of that inspection and its outfall. Returns the inspection's findings.
    """
    sign = SignageState.parse(state)
    if sign is None:
        raise Problem("signage.unknown_item", item=state)
    items: list[str] = []
    for text in shown:
        item = SignageItem.parse(text)
        if item is None:
            raise Problem("signage.unknown_item", item=text)
        if item.value not in items:
            items.append(item.value)
    if sign is SignageState.ABSENT and items:
        raise Problem("signage.absent_with_items")
    with db.write(actor=actor, reason=keyed("reason.signage_check")) as w:
        return write_signage_check(
            w, inspection_id=inspection_id, state=sign, shown=items, photo_id=photo_id
        )


def write_signage_check(
    w: Writer,
    *,
    inspection_id: str,
    state: SignageState,
    shown: list[str],
    photo_id: str | None = None,
) -> list[Finding]:
    """`record_signage_check` inside a caller's transaction, with values already checked."""
    ordered = [i.value for i in REQUIRED if i.value in shown]
    w.update(Inspection, inspection_id, {"signage": state.value, "signage_items": ordered})
    if photo_id is not None:
        from inspector.services.photos.review import link

        link(
            w, photo_id, outfall_id=None, inspection_id=inspection_id, kind=PhotoKind.SIGNAGE.value
        )
    w.flush()
    return findings(w.conn, inspection_id=inspection_id)


def findings(
    conn: Conn,
    *,
    inspection_id: str | None = None,
    outfall_id: str | None = None,
) -> list[Finding]:
    """Signage findings from the `signage_finding` view, newest inspection first."""
    return [
        Finding(*row)
        for row in signage_findings(conn, inspection_id=inspection_id, outfall_id=outfall_id)
    ]
