"""A recorded NMEA log made by walking a line: what a receiver would have sent as an
inspector walked along a river bank at a steady pace, one epoch a second.

Each epoch is the burst a combined GPS + BeiDou receiver sends (NMEA 4.10): GNRMC, GNGGA,
a GSA per constellation (GPGSA, BDGSA), GNGST. `poor` stretches have few satellites and a
large error (the accuracy gate refuses them); `dropouts` have no fix at all. The tests and
the demo use these logs; nothing is downloaded. Deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from inspector.domain.geo import haversine_m, offset
from inspector.gnss.nmea import checksum

WALK_MPS = 1.2


@dataclass(frozen=True)
class Walk:
    line: Sequence[tuple[float, float]]
    """(lat, lon) vertices to walk along, WGS-84."""
    start: dt.datetime
    """UTC time of the first epoch."""
    seconds: int = 600
    start_m: float = 0.0
    """How far along the line the walk begins."""
    speed_mps: float = WALK_MPS
    side_m: float = 8.0
    """How far from the line the path runs (on the bank, not in the water)."""
    poor: tuple[tuple[int, int], ...] = ()
    """(first, last) seconds of a poor fix: few satellites, tens of metres of error."""
    dropouts: tuple[tuple[int, int], ...] = ()
    """(first, last) seconds without a fix (under a bridge, beside a wall)."""
    seed: int = 1
    extra: dict[str, str] = field(default_factory=dict)


def sentence(body: str) -> str:
    return f"${body}*{checksum(body)}"


def _dm(value: float, degrees_width: int) -> str:
    value = abs(value)
    degrees = int(value)
    minutes = (value - degrees) * 60
    return f"{degrees:0{degrees_width}d}{minutes:08.5f}"


def _lat(lat: float) -> str:
    return f"{_dm(lat, 2)},{'N' if lat >= 0 else 'S'}"


def _lon(lon: float) -> str:
    return f"{_dm(lon, 3)},{'E' if lon >= 0 else 'W'}"


def point_along(line: Sequence[tuple[float, float]], metres: float) -> tuple[float, float, float]:
    """(lat, lon, heading) `metres` along the line (clamped to its ends)."""
    travelled = 0.0
    for (lat1, lon1), (lat2, lon2) in itertools.pairwise(line):
        step = haversine_m(lat1, lon1, lat2, lon2)
        if step > 0 and travelled + step >= metres:
            f = (metres - travelled) / step
            heading = _heading(lat1, lon1, lat2, lon2)
            return lat1 + (lat2 - lat1) * f, lon1 + (lon2 - lon1) * f, heading
        travelled += step
    (lat1, lon1), (lat2, lon2) = line[-2], line[-1]
    return lat2, lon2, _heading(lat1, lon1, lat2, lon2)


def _heading(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from inspector.domain.geo import bearing_deg

    return bearing_deg(lat1, lon1, lat2, lon2)


def _within(second: int, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(a <= second <= b for a, b in spans)


def epochs(walk: Walk) -> Iterator[list[str]]:
    """Each second's sentences."""
    rng = random.Random(walk.seed)
    for second in range(walk.seconds):
        when = walk.start + dt.timedelta(seconds=second)
        hhmmss = when.strftime("%H%M%S") + ".00"
        ddmmyy = when.strftime("%d%m%y")
        lat, lon, heading = point_along(walk.line, walk.start_m + second * walk.speed_mps)
        # The bank, to the right of the direction of travel.
        right = math.radians(heading + 90)
        lat, lon = offset(lat, lon, walk.side_m * math.cos(right), walk.side_m * math.sin(right))
        if _within(second, walk.dropouts):
            yield [
                sentence(f"GNRMC,{hhmmss},V,,,,,,,{ddmmyy},,,N,V"),
                sentence(f"GNGGA,{hhmmss},,,,,0,03,99.99,,M,,M,,"),
                sentence("GPGSA,A,1,,,,,,,,,,,,,99.99,99.99,99.99,1"),
                sentence("BDGSA,A,1,,,,,,,,,,,,,99.99,99.99,99.99,4"),
            ]
            continue
        poor = _within(second, walk.poor)
        if poor:
            sats, hdop, sigma = rng.randint(4, 5), round(rng.uniform(5.5, 8.0), 2), 22.0
        else:
            sats, hdop, sigma = rng.randint(14, 22), round(rng.uniform(0.6, 1.1), 2), 1.6
        # What the receiver reports is the truth plus its error.
        err_n, err_e = rng.gauss(0, sigma * 0.5), rng.gauss(0, sigma * 0.5)
        mlat, mlon = offset(lat, lon, err_n, err_e)
        sd_lat = round(sigma * rng.uniform(0.8, 1.1) / math.sqrt(2), 1)
        sd_lon = round(sigma * rng.uniform(0.8, 1.1) / math.sqrt(2), 1)
        knots = walk.speed_mps / (1852 / 3600) * rng.uniform(0.9, 1.1)
        gps = ",".join(f"{n:02d}" for n in (2, 5, 7, 13, 15, 18, 20, 24)[: max(3, sats // 2)])
        bds = ",".join(
            f"{n:02d}" for n in (6, 9, 16, 19, 21, 22, 26, 36)[: max(1, sats - sats // 2)]
        )
        gps_fields = (gps + "," * (12 - gps.count(",") - 1)).rstrip()
        bds_fields = (bds + "," * (12 - bds.count(",") - 1)).rstrip()
        pdop, vdop = round(hdop * 1.6, 2), round(hdop * 1.3, 2)
        yield [
            sentence(
                f"GNRMC,{hhmmss},A,{_lat(mlat)},{_lon(mlon)},{knots:.3f},{heading:.2f},{ddmmyy},,,A,V"
            ),
            sentence(
                f"GNGGA,{hhmmss},{_lat(mlat)},{_lon(mlon)},1,{sats:02d},{hdop:.2f},"
                f"{95 + rng.uniform(-1, 1):.1f},M,-20.1,M,,"
            ),
            sentence(f"GPGSA,A,3,{gps_fields},{pdop:.2f},{hdop:.2f},{vdop:.2f},1"),
            sentence(f"BDGSA,A,3,{bds_fields},{pdop:.2f},{hdop:.2f},{vdop:.2f},4"),
            sentence(
                f"GNGST,{hhmmss},{sigma:.1f},{sigma:.1f},{sigma * 0.7:.1f},45.0,"
                f"{sd_lat:.1f},{sd_lon:.1f},{sigma * 1.5:.1f}"
            ),
        ]


def write_log(walk: Walk, path: object) -> int:
    """Write the walk's sentences to `path` (CRLF, as receivers send them); returns the
    number of epochs."""
    from pathlib import Path

    count = 0
    with Path(str(path)).open("w", encoding="ascii", newline="\r\n") as out:
        for burst in epochs(walk):
            out.write("\n".join(burst) + "\n")
            count += 1
    return count
