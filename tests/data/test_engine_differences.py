"""Where SQLite and PostgreSQL differ, and what the program does so that they do not
differ for it (issue 14): each test runs on both engines and expects the same answer."""

from __future__ import annotations

import re

import pytest

from inspector.data import engine
from inspector.data.commits import begin_immediate, commit, rollback
from inspector.models import Outfall
from inspector.models.spec import ValidationFailed
from inspector.services import register as reg
from tests.conftest import both_engines

pytestmark = both_engines

OUTFALL = {
    "name": "温县黄庄镇蟒河左岸1#城镇雨洪排口",
    "county_code": "410825",
    "lat": 34.95,
    "lon": 113.05,
    "river": "蟒河",
    "category": "城镇雨洪排口",
}


def test_a_time_reads_back_in_utc_as_written_whatever_zone_it_was_given_in(db) -> None:  # type: ignore[no-untyped-def]
    """SQLite keeps a time's text as written (a '+08:00' stays); PostgreSQL keeps the
    moment and gives it in the session's zone. The program writes every time as UTC
    text (`moments`), and the adapter reads PostgreSQL's in UTC in that same format, so
    both give the text that was written."""
    import datetime as dt

    from inspector.domain.moments import to_stored

    beijing = dt.datetime(2026, 3, 1, 8, 0, 0, 250000, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    stored = to_stored(beijing)
    assert stored == "2026-03-01 00:00:00.250000"
    with db.read() as conn:
        conn.execute("UPDATE replica SET first_seen = ? WHERE is_self = 1", (stored,))
        assert conn.execute("SELECT first_seen FROM replica WHERE is_self = 1").fetchone() == (
            stored,
        )
        # What the engines do with an offset the program never writes.
        conn.execute("UPDATE replica SET first_seen = ? WHERE is_self = 1", (beijing.isoformat(),))
        raw = conn.execute("SELECT first_seen FROM replica WHERE is_self = 1").fetchone()[0]
    if db.dialect == "sqlite":
        assert raw == "2026-03-01T08:00:00.250000+08:00"
    else:
        assert raw == stored


def test_an_id_prefix_is_found_whatever_its_case(db) -> None:  # type: ignore[no-untyped-def]
    """SQLite's LIKE folds ASCII case, PostgreSQL's does not: prefixes are lower-cased
    (ids are lower-case hex) and their wildcards escaped (`dialects.id_prefix`)."""
    from inspector.data.sync.trust import records_with_id_prefix

    with db.read() as conn:
        for prefix in (db.replica_id[:8], db.replica_id[:8].upper()):
            assert [r.id for r in records_with_id_prefix(conn, prefix=prefix)] == [db.replica_id]
        assert records_with_id_prefix(conn, prefix="%") == []
        assert records_with_id_prefix(conn, prefix="_") == []


def test_an_over_long_text_is_refused_before_either_engine_sees_it(db) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL refuses a VARCHAR(n) value longer than n, SQLite stores it: the write
    path checks every limited field first, so both refuse it alike, with a sentence."""
    with pytest.raises(ValidationFailed), db.write() as w:
        reg.create_outfall(w, {**OUTFALL, "name": "排" * 201})
    with db.write() as w:
        oid = reg.create_outfall(w, {**OUTFALL, "name": "排" * 200})
    with pytest.raises(ValidationFailed), db.write() as w:
        w.update(Outfall, oid, {"river": "河" * 61})


def test_a_nul_character_is_refused_before_either_engine_sees_it(db) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL cannot store U+0000 in any text; SQLite can. A form or spreadsheet
    cell holding one is refused, naming the field, on both."""
    with (
        pytest.raises(ValidationFailed, match="Outfall name contains a NUL character"),
        db.write() as w,
    ):
        reg.create_outfall(w, {**OUTFALL, "name": "排口\x00一"})
    with db.write() as w:
        oid = reg.create_outfall(w, OUTFALL)
    with pytest.raises(ValidationFailed, match="Notes contains a NUL"), db.write() as w:
        w.update(Outfall, oid, {"notes": "\x00"})


@pytest.mark.parametrize(
    ("actor", "reason", "because"),
    [
        ("巡" * 101, None, "Name of who made the change is too long (at most 100"),
        ("巡查员\x00", None, "Name of who made the change contains a NUL"),
        ("巡查员", "因" * 2001, "Reason for the change is too long (at most 2000"),
        ("巡查员", "整治\x00", "Reason for the change contains a NUL"),
    ],
    ids=["long name", "name with NUL", "long reason", "reason with NUL"],
)
def test_who_made_a_change_and_why_are_held_to_what_every_log_can_store(  # type: ignore[no-untyped-def]
    db, actor: str, reason: str | None, because: str
) -> None:
    """The log's actor and reason travel in bundles, and a replica on PostgreSQL cannot
    store them longer than its columns or with a NUL: refused at the write, not at the
    central record a season later."""
    with db.write() as w:
        oid = reg.create_outfall(w, OUTFALL)
    with pytest.raises(ValidationFailed, match=re.escape(because)), db.write(actor=actor) as w:
        w.update(Outfall, oid, {"notes": "复核"}, reason=reason)
    with db.write(actor="巡查员") as w:
        w.update(Outfall, oid, {"notes": "复核"}, reason="因" * 2000)


def test_an_integer_beyond_64_bits_is_refused_before_either_engine_sees_it() -> None:
    """Python's integers have no bound; SQLite's and PostgreSQL's stop at 64 bits (and
    a value past it failed the save on one and the import on the other)."""
    from inspector.models import Photo, Plan
    from inspector.models.spec import Invalid, spec_for

    sample_size = spec_for(Plan).fields["sample_size"]
    assert sample_size.clean(2**63 - 1) == 2**63 - 1
    for value in (2**63, "9223372036854775808", 10**30):
        with pytest.raises(Invalid) as refused:
            sample_size.clean(value)
        assert refused.value.params == {"max": 2**63 - 1}
    assert spec_for(Photo).fields["width"].le == 2**63 - 1
    assert spec_for(Outfall).fields["investigation_level"].le == 3


def test_json_in_a_cell_nested_past_pythons_recursion_is_refused_as_malformed() -> None:
    """A spreadsheet cell holding a list or object thousands of levels deep made the
    reader raise RecursionError (a traceback) instead of the field's sentence."""
    from inspector.models import Inspection
    from inspector.models.spec import Invalid, spec_for

    for model, name, text in (
        (Inspection, "inspectors", "[" * 5000 + "]" * 5000),
        (Outfall, "position_fix", '{"a":' * 5000 + "1" + "}" * 5000),
    ):
        with pytest.raises(Invalid) as refused:
            spec_for(model).fields[name].clean(text)
        assert refused.value.code == "not_list"


def test_an_over_long_text_written_around_the_checks_is_refused_by_postgresql_only(db) -> None:  # type: ignore[no-untyped-def]
    """Why the checks above matter: the engines disagree below them."""
    with db.read() as conn:
        begin_immediate(conn)
        try:
            if db.dialect == "sqlite":
                conn.execute("UPDATE replica SET name = ? WHERE is_self = 1", ("名" * 101,))
            else:
                with pytest.raises(engine.DatabaseError):
                    conn.execute("UPDATE replica SET name = ? WHERE is_self = 1", ("名" * 101,))
        finally:
            rollback(conn)


def test_integers_are_64_bit_on_both(db) -> None:  # type: ignore[no-untyped-def]
    """A hybrid clock (milliseconds << 16, ~1.1e17) fits on both; past 2^63 neither
    takes it."""
    big = (1 << 62) + 1
    with db.read() as conn:
        begin_immediate(conn)
        conn.execute(
            "INSERT INTO op (op_id, origin, seq, hlc, entity, row_id, fields, bases, actor)"
            " VALUES (?, ?, ?, ?, 'outfall', 'r', '{}', '{}', 'a')",
            ("o1", db.replica_id, 1, big),
        )
        assert conn.execute("SELECT hlc FROM op WHERE op_id = 'o1'").fetchone() == (big,)
        rollback(conn)
        begin_immediate(conn)
        with pytest.raises((engine.DatabaseError, OverflowError)):
            conn.execute(
                "INSERT INTO op (op_id, origin, seq, hlc, entity, row_id, fields, bases, actor)"
                " VALUES (?, ?, ?, ?, 'outfall', 'r', '{}', '{}', 'a')",
                ("o2", db.replica_id, 2, 1 << 63),
            )
        if conn.in_transaction:
            rollback(conn)


def test_an_upsert_is_one_spelling_on_both(db) -> None:  # type: ignore[no-untyped-def]
    """INSERT OR REPLACE/IGNORE are SQLite's; ON CONFLICT is both engines'."""
    db.set_meta("colour", "blue")
    db.set_meta("colour", "green")
    assert db.get_meta("colour") == "green"
    with db.read() as conn:
        begin_immediate(conn)
        for _ in range(2):
            conn.execute(
                "INSERT INTO region (code, name_zh, name_en, parent_code, level, local)"
                " VALUES ('990000', '外', 'Elsewhere', NULL, 'city', ?) ON CONFLICT DO NOTHING",
                (0,),
            )
        commit(conn)
        assert conn.execute("SELECT COUNT(*) FROM region WHERE code = '990000'").fetchone() == (1,)


def test_booleans_read_back_as_0_and_1_so_operations_hash_alike(db) -> None:  # type: ignore[no-untyped-def]
    """psycopg gives True/False; an operation serialised from them would say `true`
    where SQLite's says `1`, and its hash (and every signature over it) would differ."""
    with db.write() as w:
        oid = reg.create_outfall(w, OUTFALL)
    with db.write() as w:
        w.delete(Outfall, oid, reason="重复录入")
    with db.read() as conn:
        assert conn.execute("SELECT deleted FROM outfall WHERE id = ?", (oid,)).fetchone() == (1,)
        assert conn.execute("SELECT is_self, trusted FROM replica").fetchall() == [(1, 1)]
        fields = conn.execute(
            "SELECT fields FROM op WHERE row_id = ? ORDER BY seq DESC LIMIT 1", (oid,)
        ).fetchone()[0]
    assert fields == '{"deleted":true}'


#: Log rows as a hostile bundle may hold them: every character JSON and COPY escape,
#: the widest integers, no reason and no bundle.
_AWKWARD_ROWS = [
    (
        f"01890000-0000-7000-8000-00000000000{i}",
        "origin-a",
        i + 1,
        2**63 - 1 - i,
        "outfall",
        f"row-{i}",
        '{"notes":"引号\\" 反斜杠\\\\ 换行\\n 制表\\t"}',
        "{}",
        actor,
        reason,
        None,
    )
    for i, (actor, reason) in enumerate(
        [
            ("张三", None),
            ('he said "no"\\', "line\nbreak\ttab\r\x01\u2028 😀"),
            ("\\N", "\\."),
        ]
    )
]


def test_many_rows_are_written_exactly_as_given_whichever_way_they_go(db) -> None:  # type: ignore[no-untyped-def]
    """`insert_rows` writes by `executemany` or one statement over a packed JSON array
    (SQLite), or by COPY of rows or of COPY text made beforehand (PostgreSQL): each way
    stores exactly the values given, tabs, backslashes, `\\N` and newlines included, and
    a refused row leaves none of them."""
    from inspector.data import dialects
    from inspector.data.engine import IntegrityError

    columns = (
        "op_id", "origin", "seq", "hlc", "entity", "row_id", "fields", "bases", "actor",
        "reason", "bundle_id",
    )  # fmt: skip
    packed = dialects.pack_rows(db.dialect, _AWKWARD_ROWS)
    assert isinstance(packed, str if db.dialect == "sqlite" else bytes)
    for way in (None, packed):
        with db.transaction() as conn:
            conn.execute("DELETE FROM op WHERE origin = 'origin-a'")
            dialects.insert_rows(conn, "op", columns, [] if way else _AWKWARD_ROWS, packed=way)
            stored = conn.execute(
                f"SELECT {', '.join(columns)} FROM op WHERE origin = 'origin-a' ORDER BY seq"
            ).fetchall()
        assert [tuple(r) for r in stored] == _AWKWARD_ROWS
        # The same ids again: refused, and the transaction with it leaves the rows as
        # they were.
        again = [(*r[:2], r[2] + 10, *r[3:]) for r in _AWKWARD_ROWS]
        repacked = dialects.pack_rows(db.dialect, again) if way else None
        with pytest.raises(IntegrityError):
            _write_again(db, columns, again, repacked)
        with db.read() as conn:
            stored = conn.execute(
                f"SELECT {', '.join(columns)} FROM op WHERE origin = 'origin-a' ORDER BY seq"
            ).fetchall()
        assert [tuple(r) for r in stored] == _AWKWARD_ROWS


def _write_again(
    db, columns: tuple[str, ...], rows: list[tuple], packed: str | bytes | None
) -> None:  # type: ignore[no-untyped-def]
    from inspector.data import dialects

    with db.transaction() as conn:
        conn.execute("DELETE FROM op WHERE op_id = ?", (rows[0][0],))
        dialects.insert_rows(conn, "op", columns, rows, packed=packed)


_LOG_COLUMNS = (
    "op_id", "origin", "seq", "hlc", "entity", "row_id", "fields", "bases", "actor", "reason",
    "bundle_id",
)  # fmt: skip


def test_rows_stored_while_a_block_runs_are_there_for_the_blocks_first_reading(db) -> None:  # type: ignore[no-untyped-def]
    """`rows_inserted_meanwhile`: on PostgreSQL the server stores packed rows while the
    block runs (a COPY behind it); a reading in the block waits for them and sees them,
    on both engines alike."""
    from inspector.data import dialects

    rows = [(*r[:2], r[2] + 100, *r[3:]) for r in _AWKWARD_ROWS]
    rows = [(f"0189ffff-0000-7000-8000-00000000000{i}", *r[1:]) for i, r in enumerate(rows)]
    with db.transaction() as conn:
        with dialects.rows_inserted_meanwhile(
            conn, "op", _LOG_COLUMNS, [], packed=dialects.pack_rows(db.dialect, rows)
        ):
            seen = conn.execute("SELECT COUNT(*) FROM op WHERE seq > 100").fetchone()[0]
        assert seen == len(rows)


def test_a_refused_row_stored_behind_a_block_is_raised_and_rolled_back_with_it(db) -> None:  # type: ignore[no-untyped-def]
    """A row the server refuses while the block runs raises `IntegrityError` at the
    block's first use of the connection, or at its end; the rollback that follows
    leaves nothing of the transaction, and the connection serves the next one."""
    from inspector.data import dialects
    from inspector.data.engine import IntegrityError

    with db.transaction() as conn:
        dialects.insert_rows(conn, "op", _LOG_COLUMNS, _AWKWARD_ROWS[:1])
    clash = [(*r[:2], r[2] + 10, *r[3:]) for r in _AWKWARD_ROWS]  # the first id again
    packed = dialects.pack_rows(db.dialect, clash)

    def clash_in_a_transaction(reading: bool) -> None:
        with db.transaction() as conn:
            conn.execute("INSERT INTO meta (key, value) VALUES ('probe', 'written')")
            with dialects.rows_inserted_meanwhile(conn, "op", _LOG_COLUMNS, [], packed=packed):
                if reading:
                    conn.execute("SELECT COUNT(*) FROM op").fetchone()

    for reading in (True, False):
        with pytest.raises(IntegrityError):
            clash_in_a_transaction(reading)
        with db.read() as conn:
            assert conn.execute("SELECT COUNT(*) FROM op WHERE seq > 10").fetchone()[0] == 0
            assert conn.execute("SELECT value FROM meta WHERE key = 'probe'").fetchone() is None
