"""Proposing, for each photo, the outfall and inspection it belongs to.

By position: the nearest registered outfall within a radius (default 50 m; a bounding
box on the outfall lat/lon index finds candidates, haversine ranks them, the
geodesic measures the winner), preferring among those in the radius one that was being
inspected when the photo was taken. By time, for photos without a position (or with
no outfall in the radius): the inspection whose window holds the moment. The inspection
is then the one of that outfall whose window holds the moment, else the nearest one
that day (flagged). Flags say what a reviewer should look at.

Pure reads on a sqlite3 connection: the caller decides what to do with a proposal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from inspector.data.engine import Conn
from inspector.data.inspections import inspection_times, inspections_started_between
from inspector.data.outfalls import outfall_positions_in_box
from inspector.data.photos import photo_timing
from inspector.data.spatial import point_of
from inspector.domain import geo
from inspector.domain.photos import PhotoFlag, skew_flagged
from inspector.models.spec import DATETIME_FORMAT, parse_stored_datetime

DEFAULT_RADIUS_M = 50.0
#: An inspection's window is widened by this much on both sides: people photograph the
#: outfall on arrival and on leaving, and few inspectors record the minute exactly.
WINDOW_MARGIN = dt.timedelta(minutes=30)
#: An inspection with no end recorded is taken to last this long.
DEFAULT_DURATION = dt.timedelta(hours=2)
#: How far from its window an inspection may still be proposed (flagged) for a photo.
SAME_DAY = dt.timedelta(hours=12)


@dataclass(frozen=True)
class PhotoFacts:
    """What matching needs to know about a photo."""

    photo_id: str
    lat: float | None
    lon: float | None
    moment: dt.datetime | None
    """GPS time when present, else the camera's (UTC)."""
    clock_skew_s: float | None = None

    def intrinsic_flags(self) -> list[str]:
        """Flags that belong to the photo itself, whatever it is linked to."""
        flags = []
        if self.lat is None or self.lon is None:
            flags.append(PhotoFlag.NO_GPS.value)
        if self.moment is None:
            flags.append(PhotoFlag.NO_TIME.value)
        if skew_flagged(self.clock_skew_s):
            flags.append(PhotoFlag.CLOCK_SKEW.value)
        return flags


@dataclass(frozen=True)
class Proposal:
    photo_id: str
    outfall_id: str | None
    inspection_id: str | None
    distance_m: float | None
    basis: str
    """position, time or none."""
    flags: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Window:
    inspection_id: str
    outfall_id: str
    start: dt.datetime
    end: dt.datetime

    def holds(self, moment: dt.datetime) -> bool:
        return self.start - WINDOW_MARGIN <= moment <= self.end + WINDOW_MARGIN

    def gap(self, moment: dt.datetime) -> dt.timedelta:
        if moment < self.start:
            return self.start - moment
        if moment > self.end:
            return moment - self.end
        return dt.timedelta(0)


def _text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime(DATETIME_FORMAT)


def _windows(conn: Conn, moment: dt.datetime, *, outfall_id: str | None = None) -> list[_Window]:
    """Inspections whose (widened) window lies within SAME_DAY of `moment`."""
    out = []
    for iid, oid, started, ended in inspections_started_between(
        conn,
        earliest=_text(moment - SAME_DAY - DEFAULT_DURATION),
        latest=_text(moment + SAME_DAY),
        outfall_id=outfall_id,
    ):
        start = parse_stored_datetime(started)
        end = parse_stored_datetime(ended) if ended else start + DEFAULT_DURATION
        out.append(_Window(iid, oid, start, max(end, start)))
    return out


def _nearby(
    conn: Conn, lat: float, lon: float, radius_m: float
) -> list[tuple[float, str, float, float]]:
    """(haversine metres, outfall id, lat, lon) of outfalls within the radius, nearest first."""
    rows = outfall_positions_in_box(conn, box=geo.degrees_box(lat, lon, radius_m))
    ranked = sorted(
        (geo.haversine_m(lat, lon, olat, olon), oid, olat, olon) for oid, olat, olon in rows
    )
    # Haversine and the ellipsoid differ by < 0.5 %: keep a margin at the edge.
    return [r for r in ranked if r[0] <= radius_m * 1.005]


def outfall_position(conn: Conn, outfall_id: str) -> tuple[float, float] | None:
    point = point_of(conn, outfall_id=outfall_id)
    return None if point is None else (float(point.lat), float(point.lon))


def distance_to(conn: Conn, facts: PhotoFacts, outfall_id: str) -> float | None:
    """Geodesic metres from the photo's position to the outfall's registered one."""
    if facts.lat is None or facts.lon is None:
        return None
    position = outfall_position(conn, outfall_id)
    if position is None:
        return None
    return round(geo.distance_m(facts.lat, facts.lon, *position), 1)


def link_flags(
    conn: Conn,
    facts: PhotoFacts,
    *,
    outfall_id: str | None,
    inspection_id: str | None,
    distance_m: float | None,
    radius_m: float = DEFAULT_RADIUS_M,
) -> list[str]:
    """Every flag of a photo linked as given: its own, and those of the link."""
    flags = facts.intrinsic_flags()
    if outfall_id is not None and distance_m is not None and distance_m > radius_m:
        flags.append(PhotoFlag.FAR.value)
    if inspection_id is not None and facts.moment is not None:
        row = inspection_times(conn, inspection_id=inspection_id)
        if row is not None:
            start = parse_stored_datetime(row.started_at)
            end = parse_stored_datetime(row.ended_at) if row.ended_at else start + DEFAULT_DURATION
            if not _Window(row.id, row.outfall_id, start, max(start, end)).holds(facts.moment):
                flags.append(PhotoFlag.TIME_OUTSIDE.value)
    return flags


def _inspection_for(
    conn: Conn, outfall_id: str, moment: dt.datetime | None
) -> tuple[str | None, bool]:
    """(inspection id, whether its window holds the moment) for a photo of an outfall."""
    if moment is None:
        return None, False
    windows = _windows(conn, moment, outfall_id=outfall_id)
    if not windows:
        return None, False
    best = min(windows, key=lambda w: (not w.holds(moment), w.gap(moment), w.start))
    return best.inspection_id, best.holds(moment)


def propose(conn: Conn, facts: PhotoFacts, *, radius_m: float = DEFAULT_RADIUS_M) -> Proposal:
    """The outfall and inspection a photo most likely belongs to, with its flags."""
    flags = facts.intrinsic_flags()
    if facts.lat is not None and facts.lon is not None:
        nearby = _nearby(conn, facts.lat, facts.lon, radius_m)
        if nearby:
            chosen = nearby[0][1]
            if facts.moment is not None and len(nearby) > 1:
                # Two outfalls a few metres apart: the one being inspected at the time wins.
                inspected = {
                    w.outfall_id for w in _windows(conn, facts.moment) if w.holds(facts.moment)
                }
                chosen = next((oid for _, oid, _, _ in nearby if oid in inspected), chosen)
            return _proposal(conn, facts, chosen, basis="position", flags=flags, radius_m=radius_m)
    if facts.moment is None:
        return Proposal(
            facts.photo_id, None, None, None, "none", [*flags, PhotoFlag.NO_MATCH.value]
        )
    holding = [w for w in _windows(conn, facts.moment) if w.holds(facts.moment)]
    if not holding:
        return Proposal(
            facts.photo_id, None, None, None, "none", [*flags, PhotoFlag.NO_MATCH.value]
        )
    holding.sort(
        key=lambda w: (
            w.gap(facts.moment or w.start),
            abs((w.start - (facts.moment or w.start)).total_seconds()),
        )
    )
    if len({w.outfall_id for w in holding}) > 1:
        flags.append(PhotoFlag.AMBIGUOUS.value)
    best = holding[0]
    distance = distance_to(conn, facts, best.outfall_id)
    if distance is not None and distance > radius_m:
        flags.append(PhotoFlag.FAR.value)
    return Proposal(facts.photo_id, best.outfall_id, best.inspection_id, distance, "time", flags)


def _proposal(
    conn: Conn,
    facts: PhotoFacts,
    outfall_id: str,
    *,
    basis: str,
    flags: list[str],
    radius_m: float,
) -> Proposal:
    inspection_id, inside = _inspection_for(conn, outfall_id, facts.moment)
    if inspection_id is not None and not inside:
        flags = [*flags, PhotoFlag.TIME_OUTSIDE.value]
    distance = distance_to(conn, facts, outfall_id)
    if distance is not None and distance > radius_m:
        flags = [*flags, PhotoFlag.FAR.value]
    return Proposal(facts.photo_id, outfall_id, inspection_id, distance, basis, flags)


def facts_of(conn: Conn, photo_ids: Iterable[str]) -> list[PhotoFacts]:
    """PhotoFacts of stored photos, in the order given (unknown ids are skipped)."""
    out = []
    for pid in photo_ids:
        row = photo_timing(conn, photo_id=pid)
        if row is None:
            continue
        moment_text = row.gps_time or row.taken_at
        out.append(
            PhotoFacts(
                photo_id=row.id,
                lat=row.lat,
                lon=row.lon,
                moment=parse_stored_datetime(moment_text) if moment_text else None,
                clock_skew_s=row.clock_skew_s,
            )
        )
    return out
