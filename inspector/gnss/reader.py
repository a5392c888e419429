"""The receiver loop: read a source, assemble fixes, report each change and every loss.

It runs in a thread (the UI's thread worker, or the command line's own) and reports by
calling `report` with a `Reading`: a new fix, the receiver lost (unplugged, silent,
closed) and found again. A lost receiver is reported the moment the source says so, or
after `SILENCE_S` without a sentence; the last position is then no longer current, and
`fix.judge` refuses it as stale a few seconds later whatever happens.

A receiver sends a burst of sentences a second; the loop sleeps in the read in between
and reports once per burst, so reading it costs about a tenth of one percent of a core
(tests/benchmarks/test_map_bench.py).
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
        # A receiver sends its epoch as a burst of sentences, and several of them change
        # the fix (GGA, then GST's accuracy): the epoch is reported once, when the source
        # has nothing more to give for now, so the app wakes once a second, not per line.
        changed = False
        try:
            for line in self._source.lines():
                if self.stop.is_set():
                    return
                if not line:
                    if changed:
                        changed = False
                        self._report_fix()
                    if not silent and self.clock() - heard > SILENCE_S:
                        silent = True
                        self.report(self._reading("lost", "silent"))
                    continue
                heard = self.clock()
                if assembler.feed(line) is not None:
                    changed = True
                if silent and assembler.stats.sentences:
                    silent = False
        except SourceLost:
            if changed:
                self._report_fix()  # the last epoch before the end, then the end
            raise

    def _report_fix(self) -> None:
        fix = self.assembler.fix
        if fix is not None:
            self.report(self._reading("live" if fix.measured else "no_fix"))
