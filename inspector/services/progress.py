"""Progress against targets (DESIGN §8): per county and per river, the share of outfalls
investigated, traced, remediated and closed, beside the year's targets, the remediations
that are overdue, and where the present pace leads by the year's deadline.

An outfall "has been traced" when its state has reached traced or any later state
(`domain.lifecycle.reached`); rejected points are not outfalls and are left out of every
share. An outfall in service counts as remediated and closed only when it got there
through works (a remediation of it was completed, and so signed off by the county and
the city); one retained without works (traced, then in service on its setting approval)
is counted as `retained`, its own figure, and never as a closing. The shares of
remediated and closed are of the outfalls that need works: the total less the retained.

Progress at a past moment (`shares_at`) is read from the operation log: each outfall's
state is the value of its latest state operation at that moment, in (HLC, origin) order,
the order last-writer-wins uses. Outfalls are grouped by their county and river today.

The pace (`compute_pace`): over the last `window_days` (90 by default), how many more
outfalls reached each milestone, per day; continued at that rate until 31 December of
the year, how many will have reached it (never more than the register holds today), and
what rate the target would need. Counting outfalls rather than shares keeps outfalls
newly found during the window from looking like lost progress.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from inspector.data import progress as progress_data
from inspector.data.engine import Conn
from inspector.data.progress import default_city
from inspector.data.remediations import count_retained_without_works, first_overdue
from inspector.domain.choices import State
from inspector.domain.hlc import LOGICAL_BITS
from inspector.domain.lifecycle import reached, retained_without_works
from inspector.domain.periods import today as calendar_today
from inspector.i18n import t

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
    rejected: int = 0
    """Points found not to be outfalls: listed in the register, left out of every share."""
    investigated: int = 0
    traced: int = 0
    remediated: int = 0
    closed: int = 0
    retained: int = 0
    """In service without works: kept on a setting approval, never remediated or closed."""

    def add(self, state: State, count: int, *, works: bool = True) -> None:
        """Count `count` outfalls in `state`; `works` says whether those in service got
        there through remediation (see `lifecycle.reached`)."""
        if state is State.REJECTED:
            self.rejected += count
            return
        self.total += count
        if retained_without_works(state, works=works):
            self.retained += count
        for metric, milestone in MILESTONE.items():
            if reached(state, milestone, works=works):
                setattr(self, metric, getattr(self, metric) + count)

    def count(self, metric: str) -> int:
        return int(getattr(self, metric))

    def base(self, metric: str) -> int:
        """What a metric's share is of: every outfall, or for remediated and closed, those
        that need works (the retained never will)."""
        if metric in ("remediated", "closed"):
            return self.total - self.retained
        return self.total

    def share(self, metric: str) -> float:
        base = self.base(metric)
        return self.count(metric) / base if base else 0.0

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "total": self.total,
            "retained": self.retained,
            "rejected": self.rejected,
        }
        for metric in METRICS:
            out[metric] = self.count(metric)
            out[f"{metric}_share"] = round(self.share(metric), 4)
        return out


@dataclass(frozen=True)
class Overdue:
    outfall_id: str
    code: str
    name: str
    county_code: str
    river: str
    deadline: dt.date
    """When it fell due: the end of its transition period, else its deadline."""
    days: int


@dataclass
class Progress:
    year: int
    city_code: str | None
    overall: Shares = field(default_factory=Shares)
    county_code: str | None = None
    """Set when the progress is of one county only."""
    by_county: dict[str, Shares] = field(default_factory=dict)
    by_river: dict[str, Shares] = field(default_factory=dict)
    targets: dict[str, float | None] = field(default_factory=dict)
    """The share each metric should reach by the end of `year` (None: no target)."""
    target_details: dict[str, Target] = field(default_factory=dict)
    """Where each target comes from (see `targets_in_force`)."""
    overdue: list[Overdue] = field(default_factory=list)
    overdue_count: int = 0

    def behind(self, metric: str, shares: Shares | None = None) -> bool:
        """Whether a group (default: the whole city) is short of the year's target."""
        target = self.targets.get(metric)
        return target is not None and (shares or self.overall).share(metric) < target

    def as_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "city": self.city_code,
            "targets": self.targets,
            "overall": self.overall.as_json(),
            "by_county": {k: v.as_json() for k, v in sorted(self.by_county.items())},
            "by_river": {k: v.as_json() for k, v in sorted(self.by_river.items())},
            "overdue_count": self.overdue_count,
            "overdue": [
                {
                    "outfall_id": o.outfall_id,
                    "code": o.code,
                    "name": o.name,
                    "county": o.county_code,
                    "river": o.river,
                    "deadline": o.deadline.isoformat(),
                    "days": o.days,
                }
                for o in self.overdue
            ],
        }


@dataclass(frozen=True)
class Target:
    """A milestone's target in force for a year, and where it comes from."""

    metric: str
    share: float
    """The share to reach by the end of the year."""
    set_share: float | None
    """The share the reference data sets for this milestone (None: none set)."""
    set_year: int | None
    """The year whose end that share was due by."""
    raised_by: str | None = None
    """A later milestone whose higher target this one takes on (None: its own)."""
    raised_year: int | None = None


def targets_in_force(conn: Conn, city_code: str, year: int) -> dict[str, Target]:
    """Each milestone's target for `year` (milestones without one are absent).

    A target set for an earlier year stays in force (traced 80 % by 2023 still holds in
    2024 unless raised); a higher earlier target is never lowered by silence. And the
    milestones are steps of one lifecycle: an outfall is remediated only after it is
    traced, and traced only after it is investigated, so a later milestone's target is
    also the least an earlier one must reach. Otherwise "traced 80 %, remediated 100 %"
    would read as two targets that cannot both be what is meant.
    """
    own: dict[str, tuple[float, int]] = {}
    for metric, share, set_year in progress_data.target_rows(conn, city_code=city_code, year=year):
        # Ordered by share: the last row is the highest, and the earliest year with it.
        own[metric] = (share, set_year)
    out: dict[str, Target] = {}
    floor: tuple[float, str, int] | None = None
    for metric in reversed(METRICS):
        mine = own.get(metric)
        if mine is not None and (floor is None or mine[0] >= floor[0]):
            out[metric] = Target(metric, mine[0], mine[0], mine[1])
            floor = (mine[0], metric, mine[1])
        elif floor is not None:
            share, by, by_year = floor
            out[metric] = Target(
                metric,
                share,
                mine[0] if mine else None,
                mine[1] if mine else None,
                raised_by=by,
                raised_year=by_year,
            )
    return out


def targets_for(conn: Conn, city_code: str, year: int) -> dict[str, float | None]:
    """Each metric's target share for `year` (None: no target); see `targets_in_force`."""
    in_force = targets_in_force(conn, city_code, year)
    return {m: in_force[m].share if m in in_force else None for m in METRICS}


def describe_targets(data: Progress) -> str:
    """The targets in force this year, each with the year it is due by, and why one is
    higher than the reference data sets it (a later milestone needs it first)."""
    parts = []
    for metric in METRICS:
        target = data.target_details.get(metric)
        name = t(f"metric.{metric}")
        if target is None:
            continue
        share = f"{target.share:.0%}"
        if target.raised_by is None:
            parts.append(t("targets.target_own", metric=name, share=share, year=target.set_year))
        else:
            parts.append(
                t(
                    "targets.target_raised"
                    if target.set_share is not None
                    else "targets.target_implied",
                    metric=name,
                    share=share,
                    year=target.raised_year,
                    own=f"{target.set_share or 0:.0%}",
                    by=t(f"metric.{target.raised_by}"),
                )
            )
    if not parts:
        return t("dash.no_targets")
    return t("targets.targets_in_force", year=data.year, targets=t("ui.list_sep").join(parts))


def compute_progress(
    conn: Conn,
    *,
    year: int,
    city_code: str | None = None,
    today: dt.date | None = None,
    overdue_limit: int = 50,
    county_code: str | None = None,
) -> Progress:
    """Progress of a city's register (or of every region, when `city_code` is None; or of
    one county, with `county_code`, measured against its city's targets)."""
    today = today or calendar_today()
    area = progress_data.progress_area(conn, city_code=city_code, county_code=county_code)
    result = Progress(year=year, city_code=city_code, county_code=county_code)
    retained = count_retained_without_works(conn, area=area)
    for county, river, state, count in progress_data.state_counts(conn, area=area):
        member = State.of(state)
        kept = retained.get((county, river), 0) if member is State.IN_SERVICE else 0
        for n, works in ((count - kept, True), (kept, False)):
            if n:
                result.overall.add(member, n, works=works)
                result.by_county.setdefault(county, Shares()).add(member, n, works=works)
                result.by_river.setdefault(river, Shares()).add(member, n, works=works)
    if city_code is not None:
        result.target_details = targets_in_force(conn, city_code, year)
        result.targets = {
            m: result.target_details[m].share if m in result.target_details else None
            for m in METRICS
        }
    overdue, result.overdue_count = first_overdue(conn, today=today, area=area, limit=overdue_limit)
    for row in overdue:
        result.overdue.append(
            Overdue(
                row.outfall_id,
                row.code,
                row.name,
                row.county_code,
                row.river,
                row.due,
                row.days(today),
            )
        )
    return result


# -- the past, from the operation log ------------------------------------------------------


def hlc_at(moment: dt.datetime) -> int:
    """The greatest HLC timestamp issued at or before `moment`."""
    ms = int(moment.timestamp() * 1000)
    return (ms << LOGICAL_BITS) | ((1 << LOGICAL_BITS) - 1)


@dataclass
class Snapshot:
    """Counts of outfalls by milestone at one moment."""

    at: dt.datetime
    overall: Shares = field(default_factory=Shares)
    by_county: dict[str, Shares] = field(default_factory=dict)
    by_river: dict[str, Shares] = field(default_factory=dict)


def shares_at(
    conn: Conn,
    moment: dt.datetime,
    *,
    city_code: str | None = None,
    county_code: str | None = None,
) -> Snapshot:
    """Each outfall's state at `moment` as the operation log has it, counted like
    `compute_progress` (outfalls registered later are not counted)."""
    area = progress_data.progress_area(conn, city_code=city_code, county_code=county_code)
    snapshot = Snapshot(at=moment)
    for county, river, state, works, count in progress_data.state_counts_at(
        conn, hlc=hlc_at(moment), area=area
    ):
        member = State.parse(state)
        if member is None:
            continue
        snapshot.overall.add(member, count, works=works)
        snapshot.by_county.setdefault(county, Shares()).add(member, count, works=works)
        snapshot.by_river.setdefault(river, Shares()).add(member, count, works=works)
    return snapshot


# -- pace ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pace:
    """Where one milestone of one group is heading by the year's deadline."""

    metric: str
    total: int
    reached: int
    reached_before: int
    """At the start of the window."""
    window_days: int
    deadline: dt.date
    days_left: int
    target: float | None

    @property
    def per_day(self) -> float:
        return max(0, self.reached - self.reached_before) / self.window_days

    @property
    def per_month(self) -> float:
        """At the present pace, outfalls reaching the milestone per 30 days."""
        return self.per_day * 30

    @property
    def projected(self) -> int:
        """How many will have reached it by the deadline at the present pace."""
        return min(self.total, self.reached + math.floor(self.per_day * self.days_left))

    @property
    def projected_share(self) -> float:
        return self.projected / self.total if self.total else 0.0

    @property
    def needed(self) -> int | None:
        """Outfalls the target needs at the deadline (None without a target)."""
        if self.target is None:
            return None
        return math.ceil(self.target * self.total - 1e-9)

    @property
    def needed_per_month(self) -> float | None:
        """The pace the target needs from today (0 when already met)."""
        needed = self.needed
        if needed is None:
            return None
        short = max(0, needed - self.reached)
        if not short:
            return 0.0
        return math.inf if self.days_left <= 0 else short / self.days_left * 30

    @property
    def on_course(self) -> bool | None:
        needed = self.needed
        return None if needed is None else self.projected >= needed

    def reaches_target_on(self, today: dt.date) -> dt.date | None:
        """When the target is met at the present pace (today if it is; None if the pace
        never gets there, or there is no target)."""
        needed = self.needed
        if needed is None:
            return None
        short = needed - self.reached
        if short <= 0:
            return today
        if self.per_day <= 0:
            return None
        return today + dt.timedelta(days=math.ceil(short / self.per_day))

    def as_json(self, today: dt.date) -> dict[str, Any]:
        reach = self.reaches_target_on(today)
        needed_pm = self.needed_per_month
        return {
            "metric": self.metric,
            "total": self.total,
            "reached": self.reached,
            "reached_before": self.reached_before,
            "window_days": self.window_days,
            "per_month": round(self.per_month, 2),
            "deadline": self.deadline.isoformat(),
            "days_left": self.days_left,
            "projected": self.projected,
            "projected_share": round(self.projected_share, 4),
            "target": self.target,
            "needed": self.needed,
            "needed_per_month": None
            if needed_pm is None or math.isinf(needed_pm)
            else round(needed_pm, 2),
            "on_course": self.on_course,
            "reaches_target_on": reach.isoformat() if reach else None,
        }


@dataclass
class PaceReport:
    today: dt.date
    deadline: dt.date
    window_days: int
    overall: dict[str, Pace] = field(default_factory=dict)
    by_county: dict[str, dict[str, Pace]] = field(default_factory=dict)
    by_river: dict[str, dict[str, Pace]] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        def group(paces: dict[str, Pace]) -> dict[str, Any]:
            return {m: p.as_json(self.today) for m, p in paces.items()}

        return {
            "today": self.today.isoformat(),
            "deadline": self.deadline.isoformat(),
            "window_days": self.window_days,
            "overall": group(self.overall),
            "by_county": {k: group(v) for k, v in sorted(self.by_county.items())},
            "by_river": {k: group(v) for k, v in sorted(self.by_river.items())},
        }


def compute_pace(
    conn: Conn,
    progress: Progress,
    *,
    today: dt.date | None = None,
    window_days: int = 90,
) -> PaceReport:
    """Where the present pace leads each group of `progress` by 31 December of its year.

    Reads the operation log once (a few seconds on a million outfalls): the dashboard
    should call it from a worker.
    """
    today = today or calendar_today()
    deadline = dt.date(progress.year, 12, 31)
    days_left = max(0, (deadline - today).days)
    window_start = dt.datetime.combine(today - dt.timedelta(days=window_days), dt.time(), dt.UTC)
    before = shares_at(
        conn, window_start, city_code=progress.city_code, county_code=progress.county_code
    )
    report = PaceReport(today=today, deadline=deadline, window_days=window_days)

    def paces(now: Shares, then: Shares | None) -> dict[str, Pace]:
        return {
            metric: Pace(
                metric=metric,
                total=now.base(metric),
                reached=now.count(metric),
                reached_before=then.count(metric) if then else 0,
                window_days=window_days,
                deadline=deadline,
                days_left=days_left,
                target=progress.targets.get(metric),
            )
            for metric in METRICS
        }

    report.overall = paces(progress.overall, before.overall)
    report.by_county = {k: paces(v, before.by_county.get(k)) for k, v in progress.by_county.items()}
    report.by_river = {k: paces(v, before.by_river.get(k)) for k, v in progress.by_river.items()}
    return report


def resolve_city(conn: Conn, text: str | None) -> str | None:
    """The city named by `text` (code or name), or `default_city` when none is given."""
    if text is None:
        return default_city(conn)
    from inspector.data.reference import ReferenceData
    from inspector.i18n import Problem

    ref = ReferenceData.load(conn)
    code = ref.region_code(text)
    if code is None or ref.regions[code].level != "city":
        raise Problem("report.unknown_city", city=text)
    return code
