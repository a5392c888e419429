"""Reading what a photo says about itself: when, where, which way, with what camera.

Every field is read on its own and guarded: phones and editing tools write odd types,
offsets pointing nowhere, 0/0 rationals and missing references. A field that cannot be
read is left empty and named in `problems`; the photo itself is always kept.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from inspector.domain import photos as rules
from inspector.services.photos.formats import EXIF_WARNINGS

if TYPE_CHECKING:
    from PIL.Image import Image

# EXIF tags (CIPA DC-008). Base IFD:
MAKE, MODEL, ORIENTATION, DATETIME = 0x010F, 0x0110, 0x0112, 0x0132
EXIF_IFD, GPS_IFD = 0x8769, 0x8825
# Exif IFD:
DATETIME_ORIGINAL, DATETIME_DIGITIZED = 0x9003, 0x9004
OFFSET_TIME, OFFSET_TIME_ORIGINAL = 0x9010, 0x9011
# GPS IFD:
GPS_LAT_REF, GPS_LAT, GPS_LON_REF, GPS_LON = 0x01, 0x02, 0x03, 0x04
GPS_ALT_REF, GPS_ALT, GPS_TIME, GPS_DOP = 0x05, 0x06, 0x07, 0x0B
GPS_DIRECTION, GPS_DATE, GPS_H_ERROR = 0x11, 0x1D, 0x1F


@dataclass
class PhotoMeta:
    """Metadata as the `photo` table stores it; moments are aware (UTC) datetimes."""

    taken_at: dt.datetime | None = None
    gps_time: dt.datetime | None = None
    clock_skew_s: float | None = None
    lat: float | None = None
    lon: float | None = None
    altitude_m: float | None = None
    accuracy_m: float | None = None
    direction_deg: float | None = None
    camera_make: str | None = None
    camera_model: str | None = None
    orientation: int | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def best_time(self) -> dt.datetime | None:
        """When the photo was taken, as well as can be told: the GPS clock when present
        (satellites keep better time than a camera nobody set), else the camera's."""
        return self.gps_time or self.taken_at

    @property
    def has_position(self) -> bool:
        return self.lat is not None and self.lon is not None

    def as_values(self) -> dict[str, Any]:
        values = asdict(self)
        values["metadata_problems"] = values.pop("problems")
        return values


def _text(value: Any, limit: int = 80) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return None
    text = value.replace("\x00", "").strip()
    return text[:limit] or None


def read_metadata(image: Image) -> PhotoMeta:
    """Everything `PhotoMeta` holds, from an opened (not necessarily decoded) image."""
    meta = PhotoMeta()
    with warnings.catch_warnings(record=True) as caught:
        # Pillow warns ("Corrupt EXIF data") and skips what it cannot read.
        warnings.simplefilter("always")
        try:
            exif = image.getexif()
        except Exception:
            # Pillow raises a zoo of types (struct.error, SyntaxError, ValueError...) on
            # malformed EXIF: whatever it is, the photo has no readable metadata.
            meta.problems.append("exif")
            return meta
        sub = _ifd(exif, EXIF_IFD, meta)
        gps = _ifd(exif, GPS_IFD, meta)
    if image.info.get(EXIF_WARNINGS) or any("exif" in str(w.message).lower() for w in caught):
        meta.problems.append("exif")
    _guard(meta, "camera", lambda: _camera(exif, meta))
    _guard(meta, "orientation", lambda: _orientation(exif, meta))
    camera_utc = _guarded_value(meta, "taken_at", lambda: _taken_at(exif, sub, meta))
    if gps:
        _guard(meta, "gps_position", lambda: _position(gps, meta))
        _guard(meta, "altitude", lambda: _altitude(gps, meta))
        _guard(meta, "accuracy", lambda: _accuracy(gps, meta))
        _guard(meta, "direction", lambda: _direction(gps, meta))
        gps_utc = _guarded_value(meta, "gps_time", lambda: _gps_time(gps, meta))
        if camera_utc is not None and gps_utc is not None:
            meta.clock_skew_s = round(rules.clock_skew_s(camera_utc, gps_utc), 1)
    return meta


def _ifd(exif: Any, tag: int, meta: PhotoMeta) -> Mapping[int, Any]:
    try:
        ifd = exif.get_ifd(tag)
    except Exception:  # a bad offset or a loop: see read_metadata
        meta.problems.append("exif_ifd" if tag == EXIF_IFD else "gps")
        return {}
    return ifd if isinstance(ifd, Mapping) else {}


def _guard(meta: PhotoMeta, name: str, read: Callable[[], None]) -> None:
    try:
        read()
    except Exception:  # one field's odd type must not cost the others: see read_metadata
        meta.problems.append(name)


def _guarded_value(
    meta: PhotoMeta, name: str, read: Callable[[], dt.datetime | None]
) -> dt.datetime | None:
    try:
        return read()
    except Exception:  # see read_metadata
        meta.problems.append(name)
        return None


def _camera(exif: Mapping[int, Any], meta: PhotoMeta) -> None:
    meta.camera_make = _text(exif.get(MAKE))
    meta.camera_model = _text(exif.get(MODEL))


def _orientation(exif: Mapping[int, Any], meta: PhotoMeta) -> None:
    value = exif.get(ORIENTATION)
    if value is None:
        return
    if isinstance(value, int) and 1 <= value <= 8:
        meta.orientation = value
    else:
        meta.problems.append("orientation")


def _taken_at(
    exif: Mapping[int, Any], sub: Mapping[int, Any], meta: PhotoMeta
) -> dt.datetime | None:
    raw = sub.get(DATETIME_ORIGINAL) or sub.get(DATETIME_DIGITIZED) or exif.get(DATETIME)
    if raw is None:
        return None
    local = rules.parse_exif_datetime(raw)
    if local is None:
        meta.problems.append("taken_at")
        return None
    offset = rules.parse_utc_offset(sub.get(OFFSET_TIME_ORIGINAL) or sub.get(OFFSET_TIME))
    moment = rules.camera_time_utc(local, offset)
    meta.taken_at = moment
    return moment


def _position(gps: Mapping[int, Any], meta: PhotoMeta) -> None:
    if GPS_LAT not in gps and GPS_LON not in gps:
        return
    lat = rules.dms_to_degrees(gps.get(GPS_LAT), gps.get(GPS_LAT_REF), axis="lat")
    lon = rules.dms_to_degrees(gps.get(GPS_LON), gps.get(GPS_LON_REF), axis="lon")
    if lat is None or lon is None or (lat == 0 and lon == 0):
        # 0/0 is what some phones write when they had no fix: not a place anyone was.
        meta.problems.append("gps_position")
        return
    meta.lat, meta.lon = round(lat, 7), round(lon, 7)


def _altitude(gps: Mapping[int, Any], meta: PhotoMeta) -> None:
    if GPS_ALT not in gps:
        return
    value = rules.rational(gps[GPS_ALT])
    if value is None:
        meta.problems.append("altitude")
        return
    ref = gps.get(GPS_ALT_REF)
    below = ref in (1, b"\x01", "\x01")
    meta.altitude_m = round(-value if below else value, 2)


def _accuracy(gps: Mapping[int, Any], meta: PhotoMeta) -> None:
    if GPS_H_ERROR in gps:
        value = rules.rational(gps[GPS_H_ERROR])
        if value is not None and value >= 0:
            meta.accuracy_m = round(value, 1)
            return
        meta.problems.append("accuracy")
    if GPS_DOP in gps:
        meta.accuracy_m = rules.accuracy_from_dop(rules.rational(gps[GPS_DOP]))


def _direction(gps: Mapping[int, Any], meta: PhotoMeta) -> None:
    if GPS_DIRECTION not in gps:
        return
    value = rules.rational(gps[GPS_DIRECTION])
    if value is None or not 0 <= value <= 360:
        meta.problems.append("direction")
        return
    meta.direction_deg = round(value, 1)


def _gps_time(gps: Mapping[int, Any], meta: PhotoMeta) -> dt.datetime | None:
    if GPS_DATE not in gps or GPS_TIME not in gps:
        # Some cameras write the time of day alone: no moment can be made of it.
        return None
    moment = rules.gps_datetime(gps.get(GPS_DATE), gps.get(GPS_TIME))
    if moment is None:
        meta.problems.append("gps_time")
        return None
    meta.gps_time = moment
    return moment
