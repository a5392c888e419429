"""A record a person is shown is named by its code and name, never by an id prefix: the
conflicts a bundle import reports, a duplicate merge, and records without a name of
their own (an inspection, a plan item) named through their outfall and date."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from inspector.cli import run
from inspector.i18n.reasons import keyed
from inspector.models import Inspection, Outfall
from inspector.services import register as reg
from inspector.services.sync.exchange import export_bundle
from tests.sync.conftest import OUTFALL
from tests.sync.test_exchange import send

UUID_PREFIX = re.compile(r"\b[0-9a-f]{8}\b")


def test_bundle_import_names_conflicting_records_by_code_and_name(  # type: ignore[no-untyped-def]
    make_replicas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dbs = make_replicas()
    with dbs["field1"].write() as w:
        oid = reg.create_outfall(w, {**OUTFALL, "code": "410823QT0007"})
        insp = w.create(
            Inspection,
            {"outfall_id": oid, "started_at": "2026-05-01 01:30", "inspectors": ["张三", "李四"]},
        )
    send(dbs["field1"], dbs["central"], tmp_path, "f1-c")
    send(dbs["central"], dbs["field2"], tmp_path, "c-f2")
    with dbs["central"].write(reason=keyed("details.reason")) as w:
        w.update(Outfall, oid, {"notes": "中心：按图纸"})
        w.update(Inspection, insp, {"notes": "中心复核"})
    with dbs["field2"].write(reason="现场复核") as w:
        w.update(Outfall, oid, {"notes": "现场：实测"})
        w.update(Inspection, insp, {"notes": "现场补记"})
    bundle = tmp_path / "f2-c.bundle"
    export_bundle(dbs["field2"], bundle, to=dbs["central"].replica_id)
    capsys.readouterr()
    assert run(["--db", str(dbs["central"].path), "bundle", "import", str(bundle), "--trust"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if "Conflict:" in line]
    assert len(lines) == 2
    assert any(f"410823QT0007 {OUTFALL['name']}, Notes" in line for line in lines)
    # The inspection by its outfall and its local start (01:30 UTC is 09:30 in UTC+8).
    assert any(
        f"410823QT0007 {OUTFALL['name']} · Inspection 2026-05-01 09:30" in line for line in lines
    )
    assert not any(UUID_PREFIX.search(line) for line in lines)
    # Why each side changed it, in the reader's language or as the person typed it.
    assert run(["--db", str(dbs["central"].path), "conflicts", "list"]) == 0
    out = capsys.readouterr().out
    assert "Why: current value “现场复核”; other value “Details edited”" in out


def test_a_duplicate_merge_names_both_outfalls(  # type: ignore[no-untyped-def]
    make_replicas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from inspector.services.sync.duplicates import list_duplicates

    dbs = make_replicas()
    with dbs["field1"].write() as w:
        reg.create_outfall(w, {**OUTFALL, "code": "410823QT0001"})
    with dbs["field2"].write() as w:
        reg.create_outfall(w, {**OUTFALL, "code": "410823QT0001", "name": "另一登记"})
    send(dbs["field1"], dbs["central"], tmp_path, "1")
    send(dbs["field2"], dbs["central"], tmp_path, "2")
    (pair,) = list_duplicates(dbs["central"])
    capsys.readouterr()
    assert run(["--db", str(dbs["central"].path), "duplicates", "merge", pair.id]) == 0
    out = capsys.readouterr().out
    assert "410823QT0001 另一登记" in out or f"410823QT0001 {OUTFALL['name']}" in out
    assert not UUID_PREFIX.search(out)


def test_plan_list_shows_ids_a_person_can_type_back(  # type: ignore[no-untyped-def]
    demo_db, capsys: pytest.CaptureFixture[str]
) -> None:
    """Plans drawn in one millisecond share their first 13 characters, which was all the
    list showed: four plans, one id, and `plan show` said it was ambiguous."""
    from inspector.domain.ids import unique_prefixes

    capsys.readouterr()
    assert run(["--db", str(demo_db.path), "plan", "list"]) == 0
    rows = capsys.readouterr().out.splitlines()[2:]
    shown = [row.split()[0] for row in rows]
    assert len(shown) == len(set(shown)) >= 2
    for prefix in shown:
        assert run(["--db", str(demo_db.path), "plan", "show", prefix, "--json"]) == 0
        capsys.readouterr()
    ids = ["019a-1", "019a-2", "0200-0"]
    assert unique_prefixes(ids, ids, minimum=3) == {
        "019a-1": "019a-1",
        "019a-2": "019a-2",
        "0200-0": "020",
    }
