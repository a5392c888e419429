"""The receiver loop: read a source, assemble fixes, report each change and every loss.

It runs in a thread (the UI's thread worker, or the command line's own) and reports by
calling `report` with a `Reading`: a new fix, the receiver lost (unplugged, silent,
closed) and found again. A lost receiver is reported the moment the source says so, or
after `SILENCE_S` without a sentence; the last position is then no longer current, and
`fix.judge` refuses it as stale a few seconds later whatever happens.

A receiver sends a few sentences a second and the loop sleeps in the read in between, so
it costs well under one percent of a core (measured in tests/benchmarks).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from inspector.gnss.fix import Fix
from inspector.gnss.nmea import Assembler, Stats
from inspector.gnss.sources import SourceLost, SourceSpec, open_source

SILENCE_S = 3.0
"""No sentence for this long: the receiver is taken to be gone."""
RETRY_S = 2.0
"""How soon a lost device is opened again (a cable plugged back in comes back by itself)."""


@dataclass(frozen=True)
class Reading:
    """What the reader reports. `state` is "live", "no_fix", "lost" or "stopped"."""

    state: str
    fix: Fix | None
    stats: Stats
    device: str
    reason: str = ""
    """For "lost": why (a key of the messages `gnss.lost.<reason>`)."""
    detail: str = ""


class GnssReader:
    def __init__(
        self,
        spec: SourceSpec,
        report: Callable[[Reading], None],
        *,
        stop: threading.Event | None = None,
        retry: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.spec = spec
        self.report = report
        self.stop = stop or threading.Event()
        self.retry = retry
        self.clock = clock
        self.assembler = Assembler(device=spec.label, clock=clock)
        self._source = open_source(spec)

    def close(self) -> None:
        self.stop.set()
        self._source.close()

    def _reading(self, state: str, reason: str = "", detail: str = "") -> Reading:
        a = self.assembler
        return Reading(state, a.fix, a.stats, self.spec.label, reason, detail)

    def run(self) -> None:
        """Read until stopped (or, without `retry`, until the source is lost)."""
        while not self.stop.is_set():
            try:
                self._read()
            except SourceLost as lost:
                self.report(self._reading("lost", lost.reason, lost.detail))
                if not self.retry or lost.reason == "log_ended":
                    break
                if self.stop.wait(RETRY_S):
                    break
                self._source = open_source(self.spec)
        if self.stop.is_set():
            # Asked to stop: say so. A source that was lost has said so already, and
            # that must stay the last word (never a quiet "stopped" over a loss).
            self.report(self._reading("stopped"))

    def _read(self) -> None:
        assembler = self.assembler
        heard = self.clock()
        silent = False
        for line in self._source.lines():
            if self.stop.is_set():
                return
            now = self.clock()
            if not line:
                if not silent and now - heard > SILENCE_S:
                    silent = True
                    self.report(self._reading("lost", "silent"))
                continue
            heard = now
            fix = assembler.feed(line)
            if silent and assembler.stats.sentences:
                silent = False
            if fix is not None:
                self.report(self._reading("live" if fix.measured else "no_fix"))
