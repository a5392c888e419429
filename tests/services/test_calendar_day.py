"""Which day it is, on a laptop whose clock is set to another zone.

Deadlines, overdue days and the dates a form proposes are counted on the city's calendar
(China's date). The fixture puts the machine in a zone whose date differs from China's at
the moment the test runs (UTC-12 or UTC+14: at any moment one of them does), so each test
here fails if any of these places asks the machine for its own date.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator

import pytest

from inspector.domain.periods import CALENDAR_TZ, today
from tests.conftest import db_target


def china_date() -> dt.date:
    return dt.datetime.now(CALENDAR_TZ).date()


@pytest.fixture
def another_day(monkeypatch: pytest.MonkeyPatch) -> Iterator[dt.date]:
    """The machine's zone set so that its date is not China's; yields China's date."""
    for zone in ("Etc/GMT+12", "Etc/GMT-14"):  # POSIX signs: these are UTC-12 and UTC+14
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        if dt.date.today() != china_date():
            break
    assert dt.date.today() != china_date(), "no zone found whose date differs from China's"
    yield china_date()
    monkeypatch.undo()
    time.tzset()


def test_today_is_chinas_date(another_day: dt.date) -> None:
    assert today() == another_day


def test_the_register_and_the_screens_count_from_chinas_date(db, another_day: dt.date) -> None:  # type: ignore[no-untyped-def]
    from inspector.data.browse import RegisterQuery
    from inspector.ui.context import UiContext

    assert RegisterQuery().today == another_day
    assert UiContext(db).today() == another_day


def test_a_sign_off_without_a_date_is_dated_on_chinas_calendar(db, another_day: dt.date) -> None:  # type: ignore[no-untyped-def]
    from inspector.domain.choices import State
    from inspector.models import Remediation
    from inspector.services import register as reg
    from tests.services.test_workflows import BASE, FRUITLESS

    with db.write() as w:
        oid = reg.create_outfall(w, BASE)
        reg.transition(w, oid, State.CONFIRMED)
        reg.add_trace_record(w, oid, FRUITLESS)
        reg.assign_government_backstop(w, oid, evidence="溯源未果")
        reg.transition(w, oid, State.TRACED)
        reg.plan_remediation(w, oid, {"measure": "ban", "deadline": "2027-12-31"})
        reg.transition(w, oid, State.IN_REMEDIATION)
        reg.record_completion(w, oid, evidence="已封堵")
        reg.county_signoff(w, oid, by="县局")
        rem = w.get(Remediation, reg.current_remediation(w.conn, oid)["id"])  # type: ignore[index]
    assert rem["county_signoff_on"] == another_day.isoformat()


def test_the_command_line_counts_overdue_days_from_chinas_date(
    db, another_day: dt.date, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    from inspector.cli import run

    received = (another_day - dt.timedelta(days=70)).isoformat()
    path = db_target(db)
    assert run(["--db", path, "complaint", "record", "--content", "排口冒黑水",
                "--county", "武陟县", "--received", received, "--json"]) == 0  # fmt: skip
    capsys.readouterr()
    assert run(["--db", path, "complaint", "list", "--overdue", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["today"] == another_day.isoformat()
    assert [c["overdue_days"] for c in listed["complaints"]] == [10]
