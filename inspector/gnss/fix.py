"""A position fix and the rules for using it: the accuracy gate and the stale-fix rule.

A fix is never used when it is older than a few seconds or worse than the configured
accuracy (QField's "accuracy requirement" does the same). Accuracy is the receiver's own
estimate when it sends one (GST: the standard deviations of latitude and longitude
error), else HDOP times a user equivalent range error for the kind of fix, which is
what most field tools show; the basis is recorded with the position.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

#: GGA fix quality digit -> our key. 0 is no fix at all.
QUALITY = {
    1: "gps",
    2: "dgps",
    3: "pps",
    4: "rtk_fixed",
    5: "rtk_float",
    6: "estimated",
    7: "manual",
    8: "simulated",
}

#: Fixes that are measurements. Dead reckoning, a typed-in position and a simulator's
#: output are not evidence of where anyone stood.
MEASURED = frozenset({"gps", "dgps", "pps", "rtk_fixed", "rtk_float"})

#: User equivalent range error (metres, one sigma) by kind of fix: horizontal accuracy
#: is estimated as HDOP x UERE when the receiver sends no GST. Autonomous single-frequency
#: receivers are usually quoted at 3-5 m; SBAS/DGPS about 1 m; RTK centimetres.
UERE_M = {
    "gps": 4.0,
    "pps": 3.0,
    "dgps": 1.0,
    "rtk_float": 0.3,
    "rtk_fixed": 0.03,
}

#: NMEA talker id -> constellation. GN is a combined solution of several.
SYSTEMS = {
    "GP": "GPS",
    "BD": "BeiDou",
    "GB": "BeiDou",
    "GL": "GLONASS",
    "GA": "Galileo",
    "GQ": "QZSS",
    "QZ": "QZSS",
    "GI": "NavIC",
    "GN": "GNSS",
}


@dataclass(frozen=True)
class Fix:
    """One epoch's position as the receiver gave it."""

    lat: float
    lon: float
    quality: str
    """A key of QUALITY's values."""
    received: float
    """`time.monotonic()` when the epoch's first sentence arrived: the age is measured
    from here, not from the receiver's clock (which may be wrong, or a recording's)."""
    hdop: float | None = None
    satellites: int | None = None
    accuracy_m: float | None = None
    """Horizontal accuracy, metres (one sigma, as receivers report it)."""
    accuracy_basis: str | None = None
    """"gst" (the receiver's own estimate) or "hdop" (HDOP x UERE)."""
    altitude_m: float | None = None
    utc: dt.datetime | None = None
    """The receiver's time of the fix (UTC), when it sent one."""
    speed_mps: float | None = None
    course_deg: float | None = None
    systems: tuple[str, ...] = ()
    """Constellations whose sentences made this epoch (GPS, BeiDou, GLONASS...)."""
    device: str = ""

    @property
    def measured(self) -> bool:
        return self.quality in MEASURED

    def systems_label(self) -> str:
        """The constellations of the fix as a reader of the language names them (北斗, not
        BeiDou, in Chinese)."""
        from inspector.i18n import t

        return "+".join(t(f"gnss.system.{system}") for system in self.systems)

    def age_s(self, now: float) -> float:
        return max(0.0, now - self.received)

    def evidence(self, now: float) -> dict[str, Any]:
        """What is kept with a position taken from this fix (`position_fix`)."""
        out: dict[str, Any] = {
            "quality": self.quality,
            "hdop": self.hdop,
            "satellites": self.satellites,
            "age_s": round(self.age_s(now), 1),
            "accuracy_basis": self.accuracy_basis,
            "systems": list(self.systems),
            "device": self.device,
        }
        if self.utc is not None:
            out["utc"] = self.utc.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        if self.altitude_m is not None:
            out["altitude_m"] = self.altitude_m
        return {k: v for k, v in out.items() if v is not None}


def estimate_accuracy(quality: str, hdop: float | None) -> float | None:
    uere = UERE_M.get(quality)
    if uere is None or hdop is None or not math.isfinite(hdop) or hdop <= 0:
        return None
    return round(hdop * uere, 2)


@dataclass(frozen=True)
class Gate:
    """When a fix may be used."""

    max_accuracy_m: float = 10.0
    """The accuracy requirement: a fix estimated worse than this is refused."""
    max_age_s: float = 5.0
    """A fix older than this is stale (the receiver stopped, or the cable came out)."""


DEFAULT_GATE = Gate()


@dataclass(frozen=True)
class Verdict:
    """Whether a fix may be used; `reason` names the message `gnss.refused.<reason>`."""

    ok: bool
    reason: str = ""
    params: dict[str, Any] = field(default_factory=dict)


def judge(fix: Fix | None, *, now: float, gate: Gate = DEFAULT_GATE) -> Verdict:
    """The accuracy gate and the stale-fix rule, in the order a person would fix them."""
    if fix is None or fix.quality == "none":
        return Verdict(False, "no_fix")
    age = fix.age_s(now)
    if age > gate.max_age_s:
        return Verdict(False, "stale", {"age": round(age), "limit": _num(gate.max_age_s)})
    if not fix.measured:
        return Verdict(False, "not_measured", {"quality": fix.quality})
    if fix.accuracy_m is None:
        return Verdict(False, "no_accuracy")
    if fix.accuracy_m > gate.max_accuracy_m:
        return Verdict(
            False,
            "poor",
            {"accuracy": f"{fix.accuracy_m:.1f}", "limit": _num(gate.max_accuracy_m)},
        )
    return Verdict(True)


def _num(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x
