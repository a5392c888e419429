"""The demo opens with sync material: a field laptop's bundle brought conflicts and a
possible duplicate to the central record, and the history shows both directions."""

from __future__ import annotations

from inspector.services.sync.conflicts import list_conflicts, resolve_conflict
from inspector.services.sync.duplicates import list_duplicates
from inspector.services.sync.exchange import bundle_history


def test_demo_has_open_conflicts_a_duplicate_and_history(demo_db) -> None:  # type: ignore[no-untyped-def]
    conflicts = list_conflicts(demo_db)
    assert len(conflicts) >= 3
    assert {c.other_origin for c in conflicts} == {"武陟县巡查终端（演示）"}
    assert {"mouth_size", "notes"} <= {c.field for c in conflicts}
    (pair,) = list_duplicates(demo_db)
    assert pair.reason == "nearby"
    assert pair.distance_m is not None
    assert pair.distance_m < 15
    directions = {h["direction"] for h in bundle_history(demo_db)}
    assert directions == {"sent", "received"}
    # And they can be worked through, as a person at the centre would.
    outcome = resolve_conflict(demo_db, conflicts[0].id, decision="reverse")
    assert outcome.closed
