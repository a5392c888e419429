"""Small registers whose every number is known, built through the real workflows."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from typing import Any

from inspector.data.db import Database
from inspector.data.writer import Writer
from inspector.domain.choices import State
from inspector.domain.hlc import HybridClock
from inspector.models import Inspection, Outfall
from inspector.services import register as reg

CST = dt.timezone(dt.timedelta(hours=8))


def outfalls(
    w: Writer,
    n: int,
    *,
    county: str = "410823",
    river: str = "沁河",
    state: State = State.CONFIRMED,
    category: str = "城镇雨洪排口",
    prefix: str = "T",
) -> list[str]:
    """n outfalls with codes like 410823T0001 (the state set directly, for arithmetic)."""
    ids = []
    for i in range(n):
        oid = reg.create_outfall(
            w,
            {
                "code": f"{county}{prefix}{i + 1:04d}",
                "name": f"测试排污口{prefix}{i + 1}",
                "county_code": county,
                "township": "大封镇",
                "lat": 35.0,
                "lon": 113.3,
                "river": river,
                "category": category,
            },
        )
        if state is not State.SUSPECTED:
            w.update(Outfall, oid, {"state": state.value})
        ids.append(oid)
    return ids


def inspect(
    w: Writer,
    outfall_id: str,
    *,
    on: dt.date,
    source: str = "routine",
    violation: str | None = None,
    inspectors: tuple[str, str] = ("张伟", "王芳"),
    **extra: Any,
) -> str:
    values: dict[str, Any] = {
        "outfall_id": outfall_id,
        "started_at": dt.datetime.combine(on, dt.time(10, 0), CST),
        "inspectors": list(inspectors),
        "task_source": source,
        **extra,
    }
    if violation:
        values["violation"] = violation
    return w.create(Inspection, values)


@contextlib.contextmanager
def written_at(db: Database, moment: dt.datetime) -> Iterator[Writer]:
    """A write whose operations are stamped at `moment` (a simulated clock, as the demo
    uses), for testing what the operation log says about the past."""
    ms = int(moment.timestamp() * 1000)
    with db.write() as w:
        w.clock = HybridClock(last=w.clock.last, clock=lambda: ms)
        yield w
