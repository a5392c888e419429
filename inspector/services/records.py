"""A record named as a person knows it: by its outfall's code and name, its own name or
code, and the date that tells it from its siblings; never by an id a person cannot read.
Used by every list that shows records (conflicts, bundle previews, what is not yet at
the centre, duplicates) on screen and on the command line."""

from __future__ import annotations

import datetime as dt

from inspector.data.engine import Conn
from inspector.data.records import record_facts
from inspector.i18n import language, t

_MOMENTS = {"started_at", "taken_at", "occurred_at", "notified_at"}


def _detail(text: str) -> str:
    """A stored date stays a date; a stored UTC moment becomes its local minute (UTC+8)."""
    from inspector.domain.periods import CALENDAR_TZ

    if len(text) > 10 and text[4] == "-":
        try:
            moment = dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)
        except ValueError:
            return text
        return moment.astimezone(CALENDAR_TZ).strftime("%Y-%m-%d %H:%M")
    return text


def record_label(conn: Conn, entity: str, row_id: str) -> str:
    kind = t(f"entity.{entity}")
    facts = record_facts(conn, entity=entity, row_id=row_id)
    if facts is None:
        # Not (or no longer) here: the id is all there is.
        return f"{kind} {row_id[:8]}"
    if entity == "outfall":
        return f"{facts.outfall_code} {facts.outfall_name}"
    own = " ".join(p for p in (_place(conn, entity, facts), _detail(facts.detail or "")) if p)
    if facts.outfall_code:
        return f"{facts.outfall_code} {facts.outfall_name} · {kind} {own}".rstrip()
    return f"{kind} {own}".rstrip() if own else f"{kind} {row_id[:8]}"


def _place(conn: Conn, entity: str, facts: object) -> str:
    """The record's own name and code, place names as the reference data gives them."""
    from inspector.data.reference import ReferenceData

    name = getattr(facts, "name", None) or ""
    code = getattr(facts, "code", None) or ""
    if entity in ("plan", "incident_notice", "assessment_entry") and code:
        region = ReferenceData.load(conn).regions.get(code)
        code = region.name(language()) if region else code
    if entity == "incident" and name:
        river = ReferenceData.load(conn).rivers.get(name)
        name = river.label(language()) if river else name
    if entity == "assessment_entry" and name:
        from inspector.domain.choices import AssessmentItem

        item = AssessmentItem.parse(name)
        name = item.label(language()) if item else name
    if entity == "owner" and code:
        return f"{name} ({code})"
    return " ".join(p for p in (name, code) if p)
