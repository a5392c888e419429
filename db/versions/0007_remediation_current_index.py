"""An outfall's live remediation found from the index alone.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24

"The live remediation" is the newest by id among an outfall's (`CURRENT_REMEDIATION` in
`inspector/data/queries.py`). With an index on `outfall_id` alone SQLite sorted each
outfall's remediations to find it; on (outfall_id, id) it reads the last entry. Counting
the overdue remediations of a million-outfall register went from 1.36 s to 0.95 s.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("remediation", schema=None) as batch_op:
        batch_op.drop_index("ix_remediation_outfall")
        batch_op.create_index("ix_remediation_outfall", ["outfall_id", "id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("remediation", schema=None) as batch_op:
        batch_op.drop_index("ix_remediation_outfall")
        batch_op.create_index("ix_remediation_outfall", ["outfall_id"], unique=False)
