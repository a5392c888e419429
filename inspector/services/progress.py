"""Progress against targets (DESIGN §8): per county and per river, the share of outfalls
investigated, traced, remediated and closed, beside the year's targets, and the
remediations that are overdue.

An outfall "has been traced" when its state has reached traced or any later state
(`domain.lifecycle.reached`); rejected points are not outfalls and are left out of every
share. A retained outfall that needed no works counts as remediated.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field

from inspector.data.queries import current_remediation_sql
from inspector.domain.choices import State
from inspector.domain.lifecycle import reached

METRICS: tuple[str, ...] = ("investigated", "traced", "remediated", "closed")
MILESTONE: dict[str, State] = {
    "investigated": State.CONFIRMED,
    "traced": State.TRACED,
    "remediated": State.REMEDIATED,
    "closed": State.CLOSED,
}


@dataclass
class Shares:
    """Counts of one group of outfalls (a county, a river, the whole city)."""

    total: int = 0
    investigated: int = 0
    traced: int = 0
    remediated: int = 0
    closed: int = 0

    def add(self, state: State, count: int) -> None:
        if state is State.REJECTED:
            return
        self.total += count
        for metric, milestone in MILESTONE.items():
            if reached(state, milestone):
                setattr(self, metric, getattr(self, metric) + count)

    def count(self, metric: str) -> int:
        return int(getattr(self, metric))

    def share(self, metric: str) -> float:
        return self.count(metric) / self.total if self.total else 0.0


@dataclass(frozen=True)
class Overdue:
    outfall_id: str
    code: str
    name: str
    county_code: str
    river: str
    deadline: dt.date
    days: int


@dataclass
class Progress:
    year: int
    city_code: str | None
    overall: Shares = field(default_factory=Shares)
    by_county: dict[str, Shares] = field(default_factory=dict)
    by_river: dict[str, Shares] = field(default_factory=dict)
    targets: dict[str, float | None] = field(default_factory=dict)
    """The share each metric should reach by the end of `year` (None: no target)."""
    overdue: list[Overdue] = field(default_factory=list)
    overdue_count: int = 0

    def behind(self, metric: str, shares: Shares | None = None) -> bool:
        """Whether a group (default: the whole city) is short of the year's target."""
        target = self.targets.get(metric)
        return target is not None and (shares or self.overall).share(metric) < target


def targets_for(conn: sqlite3.Connection, city_code: str, year: int) -> dict[str, float | None]:
    """Each metric's target for `year`: the latest one set for that year or before.

    A target reached in an earlier year stays in force (traced 80 % by 2023 still holds in
    2024 unless raised); a higher earlier target is never lowered by silence.
    """
    out: dict[str, float | None] = dict.fromkeys(METRICS)
    for metric, share in conn.execute(
        "SELECT metric, MAX(share) FROM target WHERE city_code=? AND year<=? GROUP BY metric",
        (city_code, year),
    ):
        out[metric] = float(share)
    return out


def compute_progress(
    conn: sqlite3.Connection,
    *,
    year: int,
    city_code: str | None = None,
    today: dt.date | None = None,
    overdue_limit: int = 50,
) -> Progress:
    """Progress of a city's register (or of every region, when `city_code` is None)."""
    today = today or dt.date.today()
    counties: list[str] | None = None
    if city_code is not None:
        counties = [
            r[0] for r in conn.execute("SELECT code FROM region WHERE parent_code=?", (city_code,))
        ]
    where, params = "o.deleted = 0", []
    if counties is not None:
        where += f" AND o.county_code IN ({', '.join('?' * len(counties))})"
        params += counties
    result = Progress(year=year, city_code=city_code)
    for county, river, state, count in conn.execute(
        f"SELECT o.county_code, o.river, o.state, COUNT(*) FROM outfall o WHERE {where} "
        "GROUP BY o.county_code, o.river, o.state",
        params,
    ):
        member = State.of(state)
        result.overall.add(member, count)
        result.by_county.setdefault(county, Shares()).add(member, count)
        result.by_river.setdefault(river, Shares()).add(member, count)
    if city_code is not None:
        result.targets = targets_for(conn, city_code, year)
    overdue_sql = (
        "FROM remediation r JOIN outfall o ON o.id = r.outfall_id "
        f"WHERE r.id = ({current_remediation_sql('o.id')}) AND r.deadline < ? "
        f"AND o.state = 'in_remediation' AND {where}"
    )
    result.overdue_count = conn.execute(
        f"SELECT COUNT(*) {overdue_sql}", (today.isoformat(), *params)
    ).fetchone()[0]
    for oid, code, name, county, river, deadline in conn.execute(
        f"SELECT o.id, o.code, o.name, o.county_code, o.river, r.deadline {overdue_sql} "
        "ORDER BY r.deadline, o.code LIMIT ?",
        (today.isoformat(), *params, overdue_limit),
    ):
        due = dt.date.fromisoformat(deadline)
        result.overdue.append(Overdue(oid, code, name, county, river, due, (today - due).days))
    return result
