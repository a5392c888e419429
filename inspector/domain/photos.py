"""Rules about photos that need no image library and no database.

Turning EXIF values into numbers (rationals that may be 0/0, references that may be
missing), the camera-clock skew a GPS timestamp reveals, and the flags a person reviewing
a photo's link should see.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from typing import Any

from inspector.domain.choices import Choice


class PhotoFlag(Choice):
    """Why a photo's link to an outfall or inspection deserves a second look."""

    NO_GPS = ("no_gps", "无位置信息", "No position")
    FAR = ("far", "距排污口过远", "Far from the outfall")
    TIME_OUTSIDE = ("time_outside", "拍摄时间不在巡查时段内", "Taken outside the inspection")
    CLOCK_SKEW = ("clock_skew", "相机时钟偏差", "Camera clock skew")
    NO_TIME = ("no_time", "无拍摄时间", "No time taken")
    AMBIGUOUS = ("ambiguous", "匹配不唯一", "Several equally good matches")
    NO_MATCH = ("no_match", "未找到匹配", "Nothing matched")


#: A camera clock further than this from the GPS clock is flagged.
SKEW_TOLERANCE_S = 300.0
#: Phones and cameras sold in China set their clock to Beijing time; EXIF before 2.31
#: has no field saying so.
DEFAULT_UTC_OFFSET = dt.timedelta(hours=8)


def rational(value: Any) -> float | None:
    """A float from an EXIF number (int, float, IFDRational or (num, den)); None for 0/0,
    infinities and anything else that is not a finite number."""
    if isinstance(value, tuple) and len(value) == 2:
        num, den = value
        try:
            if float(den) == 0:
                return None
            value = float(num) / float(den)
        except (TypeError, ValueError):
            return None
    try:
        number = float(value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return number if math.isfinite(number) else None


def dms_to_degrees(parts: Any, ref: Any, *, axis: str) -> float | None:
    """Degrees from EXIF (degrees, minutes, seconds) and an N/S/E/W reference.

    Returns None when any part is unreadable, out of range, or the reference is missing
    or wrong for the axis: a position in the wrong hemisphere is worse than none.
    """
    if isinstance(parts, int | float) or not isinstance(parts, Iterable) or isinstance(parts, str):
        return None
    values = [rational(p) for p in parts]
    if len(values) != 3 or any(v is None or v < 0 for v in values):
        return None
    degrees, minutes, seconds = (float(v) for v in values if v is not None)
    if minutes >= 60 or seconds >= 60:
        return None
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "replace")
    ref = str(ref or "").strip("\x00 ").upper()
    allowed = ("N", "S") if axis == "lat" else ("E", "W")
    if ref not in allowed:
        return None
    value = degrees + minutes / 60 + seconds / 3600
    if value > (90 if axis == "lat" else 180):
        return None
    return -value if ref in ("S", "W") else value


def parse_exif_datetime(text: Any) -> dt.datetime | None:
    """A naive datetime from EXIF "YYYY:MM:DD HH:MM:SS" (blank or zero dates are None)."""
    if isinstance(text, bytes):
        text = text.decode("ascii", "replace")
    if not isinstance(text, str):
        return None
    text = text.strip("\x00 ")
    for fmt in ("%Y:%m:%d %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y:%m:%d %H:%M"):
        try:
            return dt.datetime.strptime(text[:19], fmt)
        except ValueError:
            continue
    return None


def parse_utc_offset(text: Any) -> dt.timedelta | None:
    """EXIF OffsetTime* ("+08:00") as a timedelta."""
    if isinstance(text, bytes):
        text = text.decode("ascii", "replace")
    if not isinstance(text, str):
        return None
    text = text.strip("\x00 ")
    if len(text) != 6 or text[0] not in "+-" or text[3] != ":":
        return None
    try:
        hours, minutes = int(text[1:3]), int(text[4:6])
    except ValueError:
        return None
    if hours > 14 or minutes >= 60:
        return None
    delta = dt.timedelta(hours=hours, minutes=minutes)
    return -delta if text[0] == "-" else delta


def gps_datetime(date_stamp: Any, time_stamp: Any) -> dt.datetime | None:
    """The GPS fix time (always UTC) from GPSDateStamp and GPSTimeStamp."""
    if isinstance(date_stamp, bytes):
        date_stamp = date_stamp.decode("ascii", "replace")
    if not isinstance(date_stamp, str):
        return None
    try:
        day = dt.datetime.strptime(date_stamp.strip("\x00 ")[:10], "%Y:%m:%d")
    except ValueError:
        return None
    if isinstance(time_stamp, str | bytes) or not isinstance(time_stamp, Iterable):
        return None
    parts = [rational(p) for p in time_stamp]
    if len(parts) != 3 or any(p is None or p < 0 for p in parts):
        return None
    hours, minutes, seconds = (float(p) for p in parts if p is not None)
    if hours >= 24 or minutes >= 60 or seconds >= 61:
        return None
    moment = day + dt.timedelta(hours=hours, minutes=minutes, seconds=seconds)
    return moment.replace(tzinfo=dt.UTC)


def camera_time_utc(local: dt.datetime, offset: dt.timedelta | None) -> dt.datetime:
    """The camera's claimed moment in UTC, assuming Beijing time when EXIF gives no offset."""
    zone = dt.timezone(offset if offset is not None else DEFAULT_UTC_OFFSET)
    return local.replace(tzinfo=zone).astimezone(dt.UTC)


def clock_skew_s(camera_utc: dt.datetime, gps_utc: dt.datetime) -> float:
    """How far the camera clock is ahead of the GPS clock, in seconds (negative: behind)."""
    return (camera_utc - gps_utc).total_seconds()


def skew_flagged(skew: float | None) -> bool:
    return skew is not None and abs(skew) > SKEW_TOLERANCE_S


def accuracy_from_dop(dop: float | None) -> float | None:
    """A horizontal accuracy estimate from a dilution of precision.

    Consumer receivers have a user range error of about 5 m; accuracy ≈ DOP × 5 m is the
    usual rule of thumb. Only used when the camera wrote no GPSHPositioningError.
    """
    if dop is None or dop <= 0:
        return None
    return round(dop * 5.0, 1)
