"""The app's one receiver: started from the Map section, read by every screen that takes
a position (the map, a new outfall, an inspection).

The reader (`inspector.gnss.reader`) runs in a thread worker of the app, so leaving the
Map section does not stop it; each reading arrives as a message and is published on
`signal` to whoever subscribed. `take()` is the only way a screen gets a position from
it, and it applies the accuracy gate and the stale-fix rule every time.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.signal import Signal

from inspector.gnss.fix import DEFAULT_GATE, Fix, Gate, Verdict, judge
from inspector.i18n import Problem, clause, t

if TYPE_CHECKING:
    from textual.app import App

    from inspector.gnss.reader import GnssReader, Reading
    from inspector.gnss.sources import SourceSpec


class GnssUpdated(Message):
    """A reading from the receiver's thread (posted to the app)."""

    def __init__(self, reading: Reading) -> None:
        super().__init__()
        self.reading = reading


@dataclass(frozen=True)
class TakenFix:
    """A position taken from the receiver, with what is kept with it."""

    lat: float
    lon: float
    accuracy_m: float
    evidence: dict[str, Any]


class GnssLink:
    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.signal: Signal[Reading | None] = Signal(app, "gnss")
        self.reading: Reading | None = None
        self.spec: SourceSpec | None = None
        self.gate: Gate = DEFAULT_GATE
        self._reader: GnssReader | None = None

    @property
    def connected(self) -> bool:
        return self._reader is not None

    def start(self, spec: SourceSpec, *, gate: Gate | None = None) -> None:
        from inspector.gnss.reader import GnssReader

        self.stop()
        self.spec = spec
        if gate is not None:
            self.gate = gate

        def report(reading: Reading) -> None:
            # From the reader's thread: a message is the thread-safe way in.
            self.app.post_message(GnssUpdated(reading))

        reader = GnssReader(spec, report)
        self._reader = reader
        self.app.run_worker(reader.run, thread=True, group="gnss", name="gnss", exit_on_error=False)

    def stop(self) -> None:
        reader, self._reader = self._reader, None
        if reader is not None:
            reader.close()
        self.reading = None
        self.spec = None
        self.signal.publish(None)

    def update(self, reading: Reading) -> None:
        if self._reader is None:
            return  # a reading still on its way from a reader that was stopped
        self.reading = reading
        self.signal.publish(reading)

    @property
    def fix(self) -> Fix | None:
        return self.reading.fix if self.reading is not None else None

    @property
    def live(self) -> bool:
        """A measured fix that is current (the receiver is there and fresh)."""
        reading = self.reading
        return (
            reading is not None
            and reading.state == "live"
            and reading.fix is not None
            and reading.fix.age_s(time.monotonic()) <= self.gate.max_age_s
        )

    def verdict(self) -> Verdict:
        if self.reading is None:
            return Verdict(False, "not_connected")
        if self.reading.state == "lost":
            return Verdict(False, "lost")
        return judge(self.fix, now=time.monotonic(), gate=self.gate)

    def take(self) -> TakenFix:
        """The current fix, if the gate lets it be used; else Problem saying why not."""
        verdict = self.verdict()
        if not verdict.ok:
            raise Problem("gnss.refused", reason=clause(self.refusal(verdict)))
        fix = self.fix
        assert fix is not None
        assert fix.accuracy_m is not None
        return TakenFix(fix.lat, fix.lon, fix.accuracy_m, fix.evidence(time.monotonic()))

    def refusal(self, verdict: Verdict) -> str:
        if verdict.reason == "not_connected":
            return t("gnss.not_connected")
        if verdict.reason == "lost" and self.reading is not None:
            return t(
                "gnss.lost",
                device=self.reading.device,
                reason=t(f"gnss.lost.{self.reading.reason}"),
            )
        return t(f"gnss.refused.{verdict.reason}", **verdict.params)


def link_of(app: Any) -> GnssLink:
    link = getattr(app, "gnss", None)
    if not isinstance(link, GnssLink):
        raise RuntimeError("the app has no receiver link")
    return link


def take_or_say(node: Any) -> TakenFix | None:
    """The receiver's position for a form, or None after telling the person why not
    (no receiver, lost, stale, poor: the gate's own sentence)."""
    try:
        taken = link_of(node.app).take()
    except Problem as problem:
        node.notify(str(problem), severity="warning", timeout=8)
        return None
    quality = taken.evidence.get("quality", "")
    node.notify(
        t(
            "gnss.taken",
            accuracy=f"{taken.accuracy_m:.1f}",
            quality=t(f"gnss.quality.{quality}"),
            satellites=taken.evidence.get("satellites") or 0,
        )
    )
    return taken
