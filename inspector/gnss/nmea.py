"""NMEA 0183 sentences in, fixes out: GGA, GNS, RMC, GSA and GST from any talker (GP,
BD/GB, GL, GA, GN...), parsed by pynmeagps.

A receiver sends a burst of sentences each second, all stamped with the same UTC time
(an epoch). The assembler keeps what the epoch has said so far and returns a new `Fix`
whenever its position or accuracy changes. A sentence that is damaged (bad checksum,
missing fields, garbage from a noisy cable) is skipped and counted, never raised:
`Stats` says how many.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace

from inspector.gnss.fix import QUALITY, SYSTEMS, Fix, estimate_accuracy

MAX_SENTENCE = 200
"""NMEA allows 82 characters; anything much longer is noise (or a different protocol)."""
KNOTS_TO_MPS = 1852.0 / 3600.0
#: RMC/GNS positioning mode letter -> fix quality key ("N" is no fix).
MODE_QUALITY = {
    "A": "gps",
    "D": "dgps",
    "P": "pps",
    "R": "rtk_fixed",
    "F": "rtk_float",
    "E": "estimated",
    "M": "manual",
    "S": "simulated",
}
NO_FIX = "none"
SYSTEMS_MEMORY_S = 2.5
#: NMEA 4.10 GSA system id -> constellation.
GSA_SYSTEM_ID = {
    "1": "GPS",
    "2": "GLONASS",
    "3": "Galileo",
    "4": "BeiDou",
    "5": "QZSS",
    "6": "NavIC",
}


@dataclass
class Stats:
    """What the assembler has seen, for the status line and the tests."""

    sentences: int = 0
    """Lines that parsed."""
    fixes: int = 0
    bad_checksum: int = 0
    malformed: int = 0
    ignored: int = 0
    """Well-formed sentences of kinds we do not use (GSV, VTG, proprietary...)."""

    @property
    def skipped(self) -> int:
        return self.bad_checksum + self.malformed


def checksum(body: str) -> str:
    """The checksum NMEA puts after `*`: the XOR of the characters between `$` and `*`."""
    value = 0
    for ch in body:
        value ^= ord(ch)
    return f"{value:02X}"


def _number(value: object) -> float | None:
    if value in ("", None):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _seconds_apart(a: dt.time | None, b: dt.time | None) -> float:
    if a is None or b is None:
        return 0.0 if a is b else math.inf
    day = 86400.0
    diff = abs(
        (a.hour * 3600 + a.minute * 60 + a.second) - (b.hour * 3600 + b.minute * 60 + b.second)
    )
    return min(diff, day - diff)


class Assembler:
    """Feeds on lines; returns the epoch's fix when it changes."""

    def __init__(self, *, device: str = "", clock: object = None) -> None:
        import time

        self.device = device
        self.stats = Stats()
        self._clock = clock if callable(clock) else time.monotonic
        self._epoch: dt.time | None = None
        self._received = 0.0
        self._fix: Fix | None = None
        self._systems: dict[str, float] = {}
        """Constellation -> when its sentences were last heard (a GSA may follow the
        epoch's GGA: the constellations of the last few seconds are the fix's)."""
        self._gga_seen = False
        self._motion: tuple[float | None, float | None] = (None, None)
        self._date: dt.date | None = None
        self._hdop: float | None = None
        self._gst: tuple[float, float, dt.time | None] | None = None
        """(monotonic time, metres, UTC time of its epoch) of the last GST."""

    @property
    def fix(self) -> Fix | None:
        return self._fix

    def feed(self, line: bytes | str) -> Fix | None:
        from pynmeagps import VALCKSUM, NMEAReader
        from pynmeagps.exceptions import NMEAMessageError, NMEAParseError, NMEATypeError

        text = line.decode("ascii", "replace") if isinstance(line, bytes) else line
        text = text.strip()
        if not text:
            return None
        if len(text) > MAX_SENTENCE or text[0] != "$" or "\ufffd" in text:
            self.stats.malformed += 1
            return None
        if text.startswith("$P"):
            self.stats.ignored += 1  # proprietary sentences: not ours to read
            return None
        if text[3:6] not in HANDLED:
            # Satellites in view (GSV: several a second for each constellation), VTG,
            # GLL, TXT: checked and counted but never parsed, which was most of what
            # reading a receiver cost.
            self._unused(text)
            return None
        try:
            message = NMEAReader.parse(text, validate=VALCKSUM)
        except NMEAParseError as exc:
            if "checksum" in str(exc).lower():
                self.stats.bad_checksum += 1
            else:
                self.stats.malformed += 1
            return None
        except (NMEAMessageError, NMEATypeError, ValueError, IndexError, TypeError, KeyError):
            self.stats.malformed += 1
            return None
        if message is None:
            self.stats.malformed += 1
            return None
        self.stats.sentences += 1
        handler = getattr(self, f"_on_{message.msgID.lower()}", None)
        if handler is None:
            self.stats.ignored += 1
            return None
        try:
            fix: Fix | None = handler(message)
            return fix
        except (AttributeError, TypeError, ValueError):
            # Parsed, but a field is missing or nonsense: the sentence is malformed.
            self.stats.sentences -= 1
            self.stats.malformed += 1
            return None

    def _unused(self, text: str) -> None:
        body, star, given = text[1:].rpartition("*")
        if not star or len(given) != 2 or "," not in body:
            self.stats.malformed += 1
        elif checksum(body) != given.upper():
            self.stats.bad_checksum += 1
        else:
            self.stats.ignored += 1

    # -- epochs --------------------------------------------------------------------------

    def _begin(self, message: object) -> None:
        """Start a new epoch when the sentence's time differs from the current one."""
        stamp = getattr(message, "time", None)
        if not isinstance(stamp, dt.time):
            stamp = None
        if stamp is None or stamp != self._epoch:
            self._epoch = stamp
            self._received = self._clock()
            self._fix = None
        self._heard(SYSTEMS.get(getattr(message, "talker", ""), "GNSS"))

    def _heard(self, system: str) -> None:
        self._systems[system] = self._clock()

    def _utc(self) -> dt.datetime | None:
        if self._epoch is None or self._date is None:
            return None
        return dt.datetime.combine(self._date, self._epoch).replace(tzinfo=dt.UTC)

    def _accuracy(self, quality: str, hdop: float | None) -> tuple[float | None, str | None]:
        # A receiver may send an epoch's GST after its GGA: the last second's estimate
        # stands for this one, never an older one (by the clock and by the epoch's time).
        gst = self._gst
        if (
            gst is not None
            and self._received - gst[0] <= 2.5
            and _seconds_apart(gst[2], self._epoch) <= 2
        ):
            return gst[1], "gst"
        estimate = estimate_accuracy(quality, hdop)
        return (estimate, "hdop") if estimate is not None else (None, None)

    def _position(
        self,
        message: object,
        *,
        quality: str,
        hdop: float | None = None,
        satellites: int | None = None,
        altitude: float | None = None,
        speed: float | None = None,
        course: float | None = None,
    ) -> Fix:
        lat = _number(getattr(message, "lat", None))
        lon = _number(getattr(message, "lon", None))
        previous = self._fix
        if lat is None or lon is None or quality == NO_FIX:
            quality, lat, lon = NO_FIX, math.nan, math.nan
        if not (lat != lat or (-90 <= lat <= 90 and -180 <= lon <= 180)):
            raise ValueError("position out of range")
        if hdop is None and previous is not None:
            hdop = previous.hdop
        if hdop is None:
            hdop = self._hdop
        if speed is None and course is None:
            speed, course = self._motion
        if previous is not None:
            satellites = satellites if satellites is not None else previous.satellites
            altitude = altitude if altitude is not None else previous.altitude_m
            speed = speed if speed is not None else previous.speed_mps
            course = course if course is not None else previous.course_deg
            if quality == "gps" and previous.quality != "gps" and previous.quality != NO_FIX:
                quality = previous.quality  # RMC's "A" after GGA's finer digit
        accuracy, basis = self._accuracy(quality, hdop)
        fix = Fix(
            lat=lat,
            lon=lon,
            quality=quality,
            received=self._received,
            hdop=hdop,
            satellites=satellites,
            accuracy_m=accuracy,
            accuracy_basis=basis,
            altitude_m=altitude,
            utc=self._utc(),
            speed_mps=speed,
            course_deg=course,
            systems=self._systems_seen(),
            device=self.device,
        )
        self._fix = fix
        self.stats.fixes += fix.quality != NO_FIX
        return fix

    # -- sentences -----------------------------------------------------------------------

    def _on_gga(self, m: object) -> Fix:
        self._begin(m)
        self._gga_seen = True
        digit = int(_number(getattr(m, "quality", 0)) or 0)
        hdop = _number(getattr(m, "HDOP", None))
        sats = _number(getattr(m, "numSV", None))
        return self._position(
            m,
            quality=QUALITY.get(digit, NO_FIX),
            hdop=hdop,
            satellites=int(sats) if sats is not None else None,
            altitude=_number(getattr(m, "alt", None)),
        )

    def _on_gns(self, m: object) -> Fix:
        self._begin(m)
        modes = str(getattr(m, "posMode", "") or "")
        # One letter per constellation; the best of them is the solution's kind.
        order = ("R", "F", "D", "P", "A", "E", "M", "S")
        best = next((letter for letter in order if letter in modes), "N")
        hdop = _number(getattr(m, "HDOP", None))
        sats = _number(getattr(m, "numSV", None))
        return self._position(
            m,
            quality=MODE_QUALITY.get(best, NO_FIX),
            hdop=hdop,
            satellites=int(sats) if sats is not None else None,
            altitude=_number(getattr(m, "alt", None)),
        )

    def _on_rmc(self, m: object) -> Fix | None:
        date = getattr(m, "date", None)
        if isinstance(date, dt.date):
            self._date = date
        self._begin(m)
        if self._gga_seen:
            # GGA says more (quality digit, HDOP, satellites): RMC adds speed and course.
            knots = _number(getattr(m, "spd", None))
            self._motion = (
                knots * KNOTS_TO_MPS if knots is not None else None,
                _number(getattr(m, "cog", None)),
            )
            if self._fix is not None:
                # The epoch's GGA came first: its fix gains the date, speed and course.
                speed, course = self._motion
                self._fix = replace(self._fix, utc=self._utc(), speed_mps=speed, course_deg=course)
            return None
        status = str(getattr(m, "status", "") or "")
        mode = str(getattr(m, "posMode", "") or "A")
        quality = MODE_QUALITY.get(mode, NO_FIX) if status == "A" else NO_FIX
        knots = _number(getattr(m, "spd", None))
        return self._position(
            m,
            quality=quality,
            speed=knots * KNOTS_TO_MPS if knots is not None else None,
            course=_number(getattr(m, "cog", None)),
        )

    def _systems_seen(self) -> tuple[str, ...]:
        now = self._clock()
        recent = {s for s, at in self._systems.items() if now - at <= SYSTEMS_MEMORY_S}
        named = recent - {"GNSS"}
        return tuple(sorted(named or recent))

    def _on_gsa(self, m: object) -> Fix | None:
        # NMEA 4.10 names the constellation of a GN talker's GSA in its last field.
        system = GSA_SYSTEM_ID.get(str(getattr(m, "systemId", "") or ""))
        self._heard(system or SYSTEMS.get(getattr(m, "talker", ""), "GNSS"))
        hdop = _number(getattr(m, "HDOP", None))
        if hdop is not None:
            self._hdop = hdop
        fix = self._fix
        if fix is None or fix.hdop is not None or hdop is None:
            return None
        # A receiver that sends no GGA: its HDOP comes from here.
        accuracy, basis = self._accuracy(fix.quality, hdop)
        self._fix = replace(fix, hdop=hdop, accuracy_m=accuracy, accuracy_basis=basis)
        return self._fix

    def _on_gst(self, m: object) -> Fix | None:
        self._begin(m)
        sd_lat = _number(getattr(m, "stdLat", None))
        sd_lon = _number(getattr(m, "stdLong", None))
        if sd_lat is None or sd_lon is None:
            return None
        metres = round(math.hypot(sd_lat, sd_lon), 2)
        self._gst = (self._received, metres, self._epoch)
        fix = self._fix
        if fix is None or fix.quality == NO_FIX:
            return None
        self._fix = replace(
            fix,
            accuracy_m=metres,
            accuracy_basis="gst",
            systems=self._systems_seen(),
            utc=self._utc(),
        )
        return self._fix


HANDLED = frozenset(
    name[len("_on_") :].upper() for name in vars(Assembler) if name.startswith("_on_")
)
"""The sentences the assembler reads (the kinds it has an `_on_` method for)."""
