"""What the terminal UI keeps for itself: form drafts, and the register's indexes.

Drafts are local (they never sync): half-typed forms of this laptop (an inspection, a new
outfall, an owner being assigned...), saved field by field, so a crash or a flat battery
loses at most the field being typed.

The indexes serve the register and the dashboard on a million outfalls. Rows flagged
`deleted` never show, so both indexes are partial (`WHERE deleted = 0`): a count or a
grouping of the live register then reads one index and never touches the table.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Index, UniqueConstraint, text
from sqlmodel import JSON, Field, SQLModel

from inspector.models.register import Outfall


class FormDraft(SQLModel, table=True):
    """A form being typed: each field's text exactly as typed, not yet validated.

    One draft per form and subject: `form` names the form (`inspection`, `new_outfall`,
    `assign_owner`...), `subject` what it is about (an outfall's id; "" for a form about
    nothing yet, such as a new outfall).
    """

    __tablename__ = "form_draft"
    __table_args__ = (UniqueConstraint("form", "subject", name="uq_form_draft_subject"),)

    id: str = Field(primary_key=True, max_length=64)
    form: str = Field(max_length=64)
    subject: str = Field(default="", max_length=64)
    fields: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    """Field name -> the text (or list, or flag) typed into it."""
    saved_at: dt.datetime
    actor: str = Field(default="", max_length=100)


_outfall = Outfall.__table__  # type: ignore[attr-defined]

#: Counting and grouping the live register by any of its filters reads only this index.
OUTFALL_LIVE_GROUPS = Index(
    "ix_outfall_live_groups",
    _outfall.c.county_code,
    _outfall.c.river,
    _outfall.c.state,
    _outfall.c.category,
    sqlite_where=text("deleted = 0"),
)
#: Finding outfalls by name (the ledger import matches a row by name and county).
OUTFALL_NAME = Index("ix_outfall_name", _outfall.c.name)
#: The register sorted by name, and by river, in reading order (pinyin, not code point).
OUTFALL_NAME_KEY = Index("ix_outfall_name_key", _outfall.c.name_key)
OUTFALL_RIVER_KEY = Index("ix_outfall_river_key_code", _outfall.c.river_key, _outfall.c.code)
