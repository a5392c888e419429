"""Positions: parsing what people type, datum conversion to WGS-84, regions and distances.

Storage is always WGS-84 latitude/longitude. Chinese map apps (Gaode, Tencent, Apple in
China) show GCJ-02, Baidu shows BD-09; both are offset by hundreds of metres, so a typed
position keeps the datum it was typed in and is converted once, here.

The GCJ-02 forward transform is the widely published public-domain algorithm; the
inverses are solved iteratively to well under a millimetre instead of using the usual
one-step approximation (which is off by metres).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from inspector.domain.choices import Datum


class PositionError(ValueError):
    """Text that is not a usable coordinate; `code` names the i18n message."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params: dict[str, Any] = params
        super().__init__(code)


# -- parsing ---------------------------------------------------------------------------

_DEG = "°º˚度dD"
_MIN = "'′’‘`分mM"
_SEC = '"″”“秒sS'
_HEMI_PREFIX = {
    "北纬": "N",
    "南纬": "S",
    "东经": "E",
    "西经": "W",
    "北": "N",
    "南": "S",
    "东": "E",
    "西": "W",
}
_NUMBER = re.compile(r"\d+(?:\.\d*)?|\.\d+")
_PLAIN_DECIMAL = re.compile(r"\s*[-+]?\d{1,3}(?:\.\d+)?\s*")


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip()
    # NFKC turns ″ into ′′; collapse doubled primes back into a seconds mark.
    return text.replace("′′", '"').replace("''", '"').replace("−", "-")


def _split_hemisphere(text: str) -> tuple[str, str | None]:
    for prefix, hemi in _HEMI_PREFIX.items():
        if text.startswith(prefix):
            return text[len(prefix) :].strip(), hemi
    if text and text[0] in "NSEWnsew" and (len(text) == 1 or not text[1].isalpha()):
        return text[1:].strip(), text[0].upper()
    if text and text[-1] in "NSEWnsew":
        # A lower-case "s" straight after a number is a seconds mark ("55.1s"), not south.
        if text[-1] == "s" and len(text) > 1 and (text[-2].isdigit() or text[-2] == "."):
            return text, None
        return text[:-1].strip(), text[-1].upper()
    return text, None


def parse_coordinate(text: str, axis: str) -> float:
    """Parse one latitude (`axis="lat"`) or longitude (`axis="lon"`) in decimal or DMS.

    Accepts `35.2153`, `-35.2153`, `35°12'55.1"N`, `N 35 12 55.1`, `35:12:55.1`,
    `35°12.918'`, `北纬35度12分55.1秒`. A minus sign together with a hemisphere letter is
    refused: `-35 S` could mean south or (double negation) north, and geopy reads it as
    north, which would put an outfall in the wrong hemisphere without a word.
    """
    if axis not in ("lat", "lon"):
        raise ValueError(axis)
    if _PLAIN_DECIMAL.fullmatch(text):
        # Most ledgers hold plain decimals: skip the general parser for them.
        value = float(text)
        limit = 90.0 if axis == "lat" else 180.0
        if abs(value) > limit:
            raise PositionError("coord_out_of_range", value=text, limit=int(limit))
        return value
    raw = text
    text = _normalise(text)
    if not text:
        raise PositionError("coord_empty")
    text, hemi = _split_hemisphere(text)
    negative = False
    if text.startswith(("-", "+")):
        negative = text[0] == "-"
        text = text[1:].strip()
    if hemi is not None:
        if negative:
            raise PositionError("coord_sign_and_hemisphere", value=raw)
        if (axis == "lat") != (hemi in "NS"):
            raise PositionError("coord_wrong_hemisphere", value=raw, hemisphere=hemi)
        negative = hemi in "SW"
    value = _parse_magnitude(text, raw)
    limit = 90.0 if axis == "lat" else 180.0
    if not math.isfinite(value) or value > limit:
        raise PositionError("coord_out_of_range", value=raw, limit=int(limit))
    return -value if negative else value


def _parse_magnitude(text: str, raw: str) -> float:
    if re.fullmatch(r"\d+(?:\.\d*)?|\.\d+", text):
        return float(text)
    # Degrees, minutes, seconds: numbers marked by unit signs, or separated by spaces/colons.
    tokens: list[tuple[str, str]] = []  # (number, unit)
    pos = 0
    for match in _NUMBER.finditer(text):
        gap = text[pos : match.start()].strip(" :")
        if gap and tokens and tokens[-1][1] == "":
            tokens[-1] = (tokens[-1][0], gap)
        elif gap:
            raise PositionError("coord_unreadable", value=raw)
        tokens.append((match.group(), ""))
        pos = match.end()
    tail = text[pos:].strip(" :")
    if tail and tokens and tokens[-1][1] == "":
        tokens[-1] = (tokens[-1][0], tail)
    elif tail:
        raise PositionError("coord_unreadable", value=raw)
    if not tokens or len(tokens) > 3:
        raise PositionError("coord_unreadable", value=raw)
    parts = [0.0, 0.0, 0.0]
    for i, (number, unit) in enumerate(tokens):
        slot = i
        if unit:
            if unit in _DEG:
                slot = 0
            elif unit in _MIN:
                slot = 1
            elif unit in _SEC:
                slot = 2
            else:
                raise PositionError("coord_unreadable", value=raw)
        # Parts must come in order and start at degrees: "35.2s" alone is not 35.2 seconds.
        if slot < i or (i == 0 and slot != 0):
            raise PositionError("coord_unreadable", value=raw)
        # Only the last given part may carry a fraction: "35.5°12'" is nonsense.
        if "." in number and i != len(tokens) - 1:
            raise PositionError("coord_unreadable", value=raw)
        parts[slot] = float(number)
    degrees, minutes, seconds = parts
    if minutes >= 60 or seconds >= 60:
        raise PositionError("coord_minutes_seconds", value=raw)
    return degrees + minutes / 60 + seconds / 3600


_PAIR_SPLIT = re.compile(r"\s*[,;，；/、]\s*")


@dataclass(frozen=True)
class ParsedPosition:
    lat: float
    lon: float
    swapped: bool = False
    """True when the text gave longitude first (recognised because it exceeded 90)."""


def parse_position(text: str) -> ParsedPosition:
    """Parse "lat, lon" as typed into a form; DMS and hemisphere letters allowed.

    Without hemisphere letters the order is latitude first; a first value above 90 can only
    be a longitude, so "113.2, 35.1" is read as longitude first and reported as such.
    """
    norm = _normalise(text)
    parts = [p for p in _PAIR_SPLIT.split(norm) if p]
    if len(parts) != 2:
        # "35°12'N 113°14'E": split after the first hemisphere letter.
        m = re.match(r"^(.*?[NSns])\s+(.*[EWew])$|^(.*?[EWew])\s+(.*[NSns])$", norm)
        if not m:
            halves = norm.split()
            if len(halves) == 2:
                parts = halves
            else:
                raise PositionError("position_unreadable", value=text)
        else:
            parts = [g for g in m.groups() if g]
    first, second = parts
    first_hemi = _split_hemisphere(first)[1]
    if first_hemi in ("E", "W"):
        lon = _axis(first, "lon")
        lat = _axis(second, "lat")
        return ParsedPosition(lat, lon, swapped=True)
    try:
        lat = _axis(first, "lat")
    except PositionError as exc:
        if exc.code != "coord_out_of_range":
            raise
        # Above 90 it can only be a longitude typed first; if the pair does not read that
        # way either, the problem is the first value as typed, and the message quotes it.
        try:
            lon = _axis(first, "lon")
            lat = _axis(second, "lat")
        except PositionError:
            raise exc from None
        return ParsedPosition(lat, lon, swapped=True)
    lon = _axis(second, "lon")
    return ParsedPosition(lat, lon)


def _axis(text: str, axis: str) -> float:
    """One half of a typed pair; a problem names its axis (`params["axis"]`), so a form
    can say which of the two values it is about."""
    try:
        return parse_coordinate(text, axis)
    except PositionError as exc:
        exc.params.setdefault("axis", axis)
        raise


# -- datums ----------------------------------------------------------------------------

_A = 6378245.0  # Krasovsky 1940 semi-major axis, as GCJ-02 uses it
_EE = 0.00669342162296594323
_X_PI = math.pi * 3000.0 / 180.0


def in_china(lat: float, lon: float) -> bool:
    """The rough box inside which GCJ-02 differs from WGS-84 (outside, they coincide)."""
    return 72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271


def _delta_lat(x: float, y: float) -> float:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _delta_lon(x: float, y: float) -> float:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def wgs84_to_gcj02(lat: float, lon: float) -> tuple[float, float]:
    if not in_china(lat, lon):
        return lat, lon
    dlat = _delta_lat(lon - 105.0, lat - 35.0)
    dlon = _delta_lon(lon - 105.0, lat - 35.0)
    radlat = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(radlat) ** 2
    sqrtmagic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrtmagic) * math.pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * math.cos(radlat) * math.pi)
    return lat + dlat, lon + dlon


def gcj02_to_bd09(lat: float, lon: float) -> tuple[float, float]:
    z = math.sqrt(lon * lon + lat * lat) + 0.00002 * math.sin(lat * _X_PI)
    theta = math.atan2(lat, lon) + 0.000003 * math.cos(lon * _X_PI)
    return z * math.sin(theta) + 0.006, z * math.cos(theta) + 0.0065


def _invert(forward, lat: float, lon: float) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Solve forward(x) = (lat, lon) by fixed-point iteration (the offset field is smooth)."""
    x_lat, x_lon = lat, lon
    for _ in range(40):
        f_lat, f_lon = forward(x_lat, x_lon)
        d_lat, d_lon = f_lat - lat, f_lon - lon
        x_lat -= d_lat
        x_lon -= d_lon
        if abs(d_lat) < 1e-11 and abs(d_lon) < 1e-11:
            break
    return x_lat, x_lon


def gcj02_to_wgs84(lat: float, lon: float) -> tuple[float, float]:
    if not in_china(lat, lon):
        return lat, lon
    return _invert(wgs84_to_gcj02, lat, lon)


def bd09_to_gcj02(lat: float, lon: float) -> tuple[float, float]:
    return _invert(gcj02_to_bd09, lat, lon)


def to_wgs84(lat: float, lon: float, datum: Datum) -> tuple[float, float]:
    """Convert a position typed in `datum` to WGS-84.

    CGCS2000 and WGS-84 differ by centimetres, far below a phone GPS fix: taken as equal.
    """
    if datum is Datum.GCJ02:
        return gcj02_to_wgs84(lat, lon)
    if datum is Datum.BD09:
        return gcj02_to_wgs84(*bd09_to_gcj02(lat, lon))
    return lat, lon


def from_wgs84(lat: float, lon: float, datum: Datum) -> tuple[float, float]:
    if datum is Datum.GCJ02:
        return wgs84_to_gcj02(lat, lon)
    if datum is Datum.BD09:
        return gcj02_to_bd09(*wgs84_to_gcj02(lat, lon))
    return lat, lon


# -- regions and distances -------------------------------------------------------------

EARTH_RADIUS_M = 6_371_008.8


@dataclass(frozen=True)
class BBox:
    south: float
    west: float
    north: float
    east: float

    def contains(self, lat: float, lon: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lon <= self.east

    def distance_outside_m(self, lat: float, lon: float) -> float:
        """Roughly how far a point lies outside the box, in metres (0 inside)."""
        if self.contains(lat, lon):
            return 0.0
        clat = min(max(lat, self.south), self.north)
        clon = min(max(lon, self.west), self.east)
        return haversine_m(lat, lon, clat, clon)


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance; for ranking candidates before an exact geodesic."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


GREAT_CIRCLE_ERROR = 0.006
"""`haversine_m` and `distance_m` differ by less than this fraction of the distance: the
ellipsoid's radii of curvature run from 6,335 km (meridian at the equator) to 6,400 km
(at the poles) against the sphere's 6,371 km, -0.56 % to +0.45 %. A ranking by the one
is exact for the other only beyond this margin (tests/unit/test_geo.py holds it)."""


WGS84_A = 6_378_137.0
WGS84_F = 1 / 298.257223563
_WGS84_B = WGS84_A * (1 - WGS84_F)
_SECOND_ECCENTRICITY_SQ = (WGS84_A**2 - _WGS84_B**2) / _WGS84_B**2
VINCENTY_SPAN_DEG = 5.0
"""Below this many degrees apart in latitude and in longitude, distances are solved by
Vincenty's iteration; farther, by Karney's method."""


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Geodesic distance on the WGS-84 ellipsoid.

    Within a few hundred kilometres (every distance an inspector walks or a register
    compares) Vincenty's inverse formula, which agrees with Karney's to well under a
    millimetre here (tests/unit/test_geo.py) at a fifth of the cost: the nearest-outfalls
    list measures twenty or more each time. Farther, where Vincenty converges slowly or
    not at all (nearly antipodal points), Karney's method through geopy.
    """
    if abs(lat2 - lat1) < VINCENTY_SPAN_DEG and abs(lon2 - lon1) < VINCENTY_SPAN_DEG:
        near = _vincenty_m(lat1, lon1, lat2, lon2)
        if near is not None:
            return near
    return karney_m(lat1, lon1, lat2, lon2)


def karney_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Geodesic distance on the WGS-84 ellipsoid by Karney's method (any two points)."""
    # Imported here, so that only the commands that measure far distances pay for it.
    from geopy.distance import geodesic

    return float(geodesic((lat1, lon1), (lat2, lon2), ellipsoid="WGS-84").meters)


def _vincenty_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float | None:
    """Vincenty's inverse formula (1975) on WGS-84; None if it does not converge."""
    f = WGS84_F
    diff = math.radians(lon2 - lon1)
    u1 = math.atan((1 - f) * math.tan(math.radians(lat1)))
    u2 = math.atan((1 - f) * math.tan(math.radians(lat2)))
    sin_u1, cos_u1, sin_u2, cos_u2 = math.sin(u1), math.cos(u1), math.sin(u2), math.cos(u2)
    lam = diff
    for _ in range(100):
        sin_lam, cos_lam = math.sin(lam), math.cos(lam)
        sin_s = math.hypot(cos_u2 * sin_lam, cos_u1 * sin_u2 - sin_u1 * cos_u2 * cos_lam)
        if sin_s == 0:
            return 0.0  # the same point
        cos_s = sin_u1 * sin_u2 + cos_u1 * cos_u2 * cos_lam
        sigma = math.atan2(sin_s, cos_s)
        sin_a = cos_u1 * cos_u2 * sin_lam / sin_s
        cos2_a = 1 - sin_a * sin_a
        # On the equator cos2_a is 0 and the term vanishes.
        cos_2sm = cos_s - 2 * sin_u1 * sin_u2 / cos2_a if cos2_a else 0.0
        c = f / 16 * cos2_a * (4 + f * (4 - 3 * cos2_a))
        previous = lam
        lam = diff + (1 - c) * f * sin_a * (
            sigma + c * sin_s * (cos_2sm + c * cos_s * (-1 + 2 * cos_2sm * cos_2sm))
        )
        if abs(lam - previous) < 1e-12:
            break
    else:
        return None
    usq = cos2_a * _SECOND_ECCENTRICITY_SQ
    a = 1 + usq / 16384 * (4096 + usq * (-768 + usq * (320 - 175 * usq)))
    b = usq / 1024 * (256 + usq * (-128 + usq * (74 - 47 * usq)))
    inner = cos_s * (-1 + 2 * cos_2sm**2) - b / 6 * cos_2sm * (-3 + 4 * sin_s**2) * (
        -3 + 4 * cos_2sm**2
    )
    delta = b * sin_s * (cos_2sm + b / 4 * inner)
    return _WGS84_B * a * (sigma - delta)


def degrees_box(lat: float, lon: float, radius_m: float) -> BBox:
    """A box that surely contains every point within `radius_m` of (lat, lon)."""
    dlat = math.degrees(radius_m / EARTH_RADIUS_M) * 1.01
    dlon = dlat / max(math.cos(math.radians(lat)), 1e-6)
    return BBox(lat - dlat, lon - dlon, lat + dlat, lon + dlon)


def bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial bearing from the first point to the second, degrees clockwise from true
    north (0-360). Over the few kilometres an inspector walks it differs from the
    ellipsoidal azimuth by far less than a compass can show."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(x, y)) + 360.0) % 360.0


COMPASS_POINTS = ("n", "ne", "e", "se", "s", "sw", "w", "nw")
"""The eight compass points, as keys of the i18n messages `compass.<key>`."""


def compass_point(bearing: float) -> str:
    """The nearest of the eight compass points to a bearing in degrees."""
    return COMPASS_POINTS[int(((bearing % 360.0) + 22.5) // 45.0) % 8]


def metres_per_degree(lat: float) -> tuple[float, float]:
    """Metres in one degree of latitude and of longitude near `lat` (spherical: for
    drawing and for offsets of a few kilometres, not for survey)."""
    per_lat = math.pi * EARTH_RADIUS_M / 180.0
    return per_lat, per_lat * max(math.cos(math.radians(lat)), 1e-6)


def offset(lat: float, lon: float, north_m: float, east_m: float) -> tuple[float, float]:
    """The point `north_m` north and `east_m` east of (lat, lon)."""
    per_lat, per_lon = metres_per_degree(lat)
    return lat + north_m / per_lat, lon + east_m / per_lon
