"""Stopping trust in a replica: a lost or stolen laptop, or one restored from an old
backup that issued again sequences it had already sent (notes/sync-trust.md).

A person here decides; on the central record the decision is also signed, and travels in
every bundle from here like a registration, so each replica that imports from the centre
stops trusting the revoked one too. What the revoked replica made up to the sequence the
person chooses (by default: all of its work held here) stays and is relayed as before;
nothing beyond is taken from any bundle, and bundles it signs itself are refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from inspector.data.db import Database
from inspector.data.sync import chain
from inspector.data.sync import trust as trust_data
from inspector.data.sync.merge import now_text
from inspector.i18n import Problem
from inspector.services.replica import identity
from inspector.services.sync import signing
from inspector.services.sync.exchange import resolve_replica

#: The longest reason kept (it is shown in every refusal of the replica's bundles).
REASON_LENGTH = 500


@dataclass(frozen=True)
class RevocationPlan:
    """What revoking a replica here would keep and stop."""

    replica_id: str
    name: str
    role: str
    held: int
    """Its operations held here (1..held)."""
    through: int
    """Its operations kept: 1..through; none beyond is taken from any bundle."""
    signed: bool
    """This replica is the central record: the revocation is signed and travels."""
    already: trust_data.RevocationRecord | None

    def as_json(self) -> dict[str, Any]:
        return {
            "replica": self.replica_id,
            "name": self.name,
            "role": self.role,
            "held": self.held,
            "through": self.through,
            "signed": self.signed,
        }


def plan_revocation(db: Database, replica: str, *, through: int | None = None) -> RevocationPlan:
    """Check that `replica` (id, id prefix or name) may be revoked here, keeping its
    operations up to `through` (default: all held here)."""
    me = identity(db)
    with db.read() as conn:
        peer = resolve_replica(conn, replica)
        if peer.is_self:
            raise Problem("revoke.self")
        held = chain.held_max(conn, peer.id)
        already = trust_data.revocation(conn, peer.id)
    name = peer.name or peer.id[:8]
    if through is None:
        through = held if already is None else min(held, already.through)
    if through < 0 or through > held:
        raise Problem("revoke.through_beyond", name=name, through=through, held=held)
    if already is not None and already.through <= through:
        raise Problem(
            "revoke.already", name=name, through=already.through, at=already.revoked_at[:16]
        )
    return RevocationPlan(peer.id, name, peer.role, held, through, me.role == "central", already)


def revoke_replica(
    db: Database, replica: str, *, reason: str, through: int | None = None
) -> RevocationPlan:
    """Revoke `replica` here (a person's decision), signed when this is the centre."""
    reason = " ".join(reason.split())
    if not reason:
        raise Problem("revoke.reason_empty")
    if len(reason) > REASON_LENGTH:
        raise Problem("revoke.reason_long", most=REASON_LENGTH)
    plan = plan_revocation(db, replica, through=through)
    me = identity(db)
    at = now_text()
    document = None
    if plan.signed:
        document = signing.issue_revocation(
            signing.own_key(db, me),
            issuer=me.id,
            replica_id=plan.replica_id,
            through=plan.through,
            reason=reason,
            revoked_at=at,
        )
    with db.transaction() as conn:
        trust_data.revoke(
            conn,
            replica_id=plan.replica_id,
            through=plan.through,
            reason=reason,
            decided_by=trust_data.PERSON,
            issuer=me.id if document else None,
            document=document,
            at=at,
        )
    return plan
