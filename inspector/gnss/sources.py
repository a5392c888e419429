"""Where NMEA comes from: a serial port (a COM port on Windows, /dev/tty* elsewhere; a
Bluetooth receiver paired as a serial port is one too), gpsd on this machine, or a
recorded log replayed at the pace it was recorded.

Each source yields lines, and b"" whenever it has nothing more to give for now (the
receiver paused between bursts, or said nothing for `TIMEOUT_S`), and raises
`SourceLost` with a reason when the device goes away (unplugged, gpsd stopped, the log
ended). Reads block on the device and wait at most `TIMEOUT_S`, so the reader notices
silence and a request to stop within that time.
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
import time
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TIMEOUT_S = 0.5
BURST_GAP_S = 0.05
"""A serial receiver quiet this long has sent its burst (bytes within one come back to
back; bursts are most of a second apart)."""
BURST_MAX_S = 0.5
"""The longest a serial read gathers before the lines it has are handed on."""
MAX_PARTIAL = 65536
GPSD_PORT = 2947
DEFAULT_BAUD = 9600


class SourceLost(Exception):
    """The device stopped answering; `reason` names the message `gnss.lost.<reason>`."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}" if detail else reason)


@dataclass(frozen=True)
class SourceSpec:
    kind: str
    """"serial", "gpsd" or "log"."""
    target: str
    """The port, the host:port, or the file."""
    baud: int = DEFAULT_BAUD
    speed: float = 1.0
    """Replay speed of a log: 1 plays it in real time, 0 as fast as it reads."""
    loop: bool = False

    @property
    def label(self) -> str:
        if self.kind == "gpsd":
            return f"gpsd {self.target}"
        if self.kind == "log":
            return Path(self.target).name
        return self.target


_SERIAL = re.compile(r"^(COM\d+|/dev/[^@\s]+)(?:@(\d+))?$", re.IGNORECASE)


def parse_spec(text: str, *, speed: float = 1.0, loop: bool = False) -> SourceSpec:
    """`COM3`, `COM3@4800`, `/dev/ttyUSB0`, `/dev/rfcomm0@38400`, `gpsd`,
    `gpsd://127.0.0.1:2947`, or the path of a recorded log."""
    text = text.strip()
    if text in ("gpsd", "gpsd://") or text.startswith("gpsd://"):
        rest = text.removeprefix("gpsd://").removeprefix("gpsd") or f"127.0.0.1:{GPSD_PORT}"
        host, _, port = rest.partition(":")
        return SourceSpec("gpsd", f"{host or '127.0.0.1'}:{port or GPSD_PORT}")
    match = _SERIAL.match(text)
    if match:
        return SourceSpec("serial", match[1], baud=int(match[2] or DEFAULT_BAUD))
    return SourceSpec("log", text, speed=speed, loop=loop)


class Source:
    def lines(self) -> Iterator[bytes]:
        raise NotImplementedError

    def close(self) -> None:
        """Stop reading (from another thread too)."""


class SerialSource(Source):
    def __init__(self, spec: SourceSpec) -> None:
        self.spec = spec
        self._port: object | None = None

    def lines(self) -> Iterator[bytes]:
        import serial

        try:
            port = serial.Serial(self.spec.target, self.spec.baud, timeout=TIMEOUT_S)
        except (serial.SerialException, OSError, ValueError) as exc:
            raise SourceLost("cannot_open", str(exc)) from None
        self._port = port
        try:
            buffer = b""
            while port.is_open:
                try:
                    chunk = _burst(port)
                except (serial.SerialException, OSError, TypeError) as exc:
                    # Unplugged: pyserial reports "device reports readiness to read but
                    # returned no data" or an OSError; either way it is gone.
                    raise SourceLost("unplugged", str(exc)) from None
                buffer = yield from _lines_of(buffer + chunk)
                yield b""  # the burst is over, or silence, which the reader measures
        finally:
            self.close()

    def close(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            # Closing a port that has gone away may fail in any way: it is closed either way.
            with contextlib.suppress(Exception):
                port.close()  # type: ignore[attr-defined]


class GpsdSource(Source):
    """gpsd's raw NMEA stream (`?WATCH={"enable":true,"nmea":true}`), on localhost only:
    this program talks to no network."""

    def __init__(self, spec: SourceSpec) -> None:
        self.spec = spec
        self._sock: socket.socket | None = None

    def lines(self) -> Iterator[bytes]:
        host, _, port = self.spec.target.partition(":")
        try:
            sock = socket.create_connection((host, int(port)), timeout=2.0)
        except (OSError, ValueError) as exc:
            raise SourceLost("cannot_open", str(exc)) from None
        self._sock = sock
        sock.settimeout(TIMEOUT_S)
        try:
            sock.sendall(b'?WATCH={"enable":true,"nmea":true};\n')
            buffer = b""
            while True:
                try:
                    chunk = sock.recv(4096)
                except TimeoutError:
                    yield b""
                    continue
                except OSError as exc:
                    raise SourceLost("unplugged", str(exc)) from None
                if not chunk:
                    raise SourceLost("gpsd_closed")
                # gpsd's own JSON reports (VERSION, DEVICES, WATCH) are not NMEA: the
                # reader counts them as malformed unless they are left out here.
                buffer = yield from _lines_of(buffer + chunk, only_nmea=True)
                yield b""
        finally:
            self.close()

    def close(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            sock.close()


def _burst(port: Any) -> bytes:
    """One burst of a serial receiver: wait (at most the port's timeout) for its first
    byte, then let the rest gather in the driver's buffer until it pauses for
    `BURST_GAP_S`. At 9600 baud a burst takes a few hundred milliseconds to arrive, and
    reading it line by line (`readline`) woke the thread for every byte."""
    data = port.read(1)
    # A receiver that never pauses (10 Hz, or every sentence it has switched on) is read
    # in slices of `BURST_MAX_S`, never held back until it stops.
    for _ in range(int(BURST_MAX_S / BURST_GAP_S) if data else 0):
        time.sleep(BURST_GAP_S)
        waiting = port.in_waiting
        if not waiting:
            break
        data += port.read(waiting)
    return bytes(data)


def _lines_of(data: bytes, *, only_nmea: bool = False) -> Generator[bytes, None, bytes]:
    """Yield the complete lines of `data`; return what is left of an unfinished one (not
    kept past `MAX_PARTIAL`: a receiver that never ends a line is sending noise)."""
    *complete, rest = data.split(b"\n")
    for line in complete:
        if not only_nmea or line.startswith(b"$"):
            yield line
    return rest if len(rest) <= MAX_PARTIAL else b""


class LogSource(Source):
    """A recorded NMEA log, replayed epoch by epoch at the pace it was recorded (one
    epoch per second at `speed` 1), so the map moves as it would have in the field."""

    def __init__(self, spec: SourceSpec) -> None:
        self.spec = spec
        self._stop = threading.Event()

    def lines(self) -> Iterator[bytes]:
        path = Path(self.spec.target)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SourceLost("cannot_open", f"{path}: {exc.strerror or exc}") from None
        records = data.splitlines()
        while True:
            previous: bytes | None = None
            next_at = time.monotonic()
            for line in records:
                stamp = _epoch_of(line)
                new_epoch = stamp is not None and previous is not None and stamp != previous
                if new_epoch:
                    yield b""  # the receiver's pause between bursts
                if new_epoch and self.spec.speed > 0:
                    next_at += 1.0 / self.spec.speed
                    if self._stop.wait(max(0.0, next_at - time.monotonic())):
                        return
                if stamp is not None:
                    previous = stamp
                if self._stop.is_set():
                    return
                yield line
            if not self.spec.loop:
                raise SourceLost("log_ended", path.name)

    def close(self) -> None:
        self._stop.set()


def _epoch_of(line: bytes) -> bytes | None:
    """The UTC time field of a sentence that carries one first (GGA, RMC, GNS, GST)."""
    if len(line) < 8 or line[:1] != b"$" or line[3:6] not in (b"GGA", b"RMC", b"GNS", b"GST"):
        return None
    parts = line.split(b",", 2)
    return parts[1] if len(parts) > 2 else None


def open_source(spec: SourceSpec) -> Source:
    if spec.kind == "serial":
        return SerialSource(spec)
    if spec.kind == "gpsd":
        return GpsdSource(spec)
    return LogSource(spec)


def serial_ports() -> list[tuple[str, str]]:
    """(device, description) of the serial ports this machine has, for a person to choose
    ("" where the system has no description: pyserial says "n/a", which the receiver
    dialog showed as it was)."""
    try:
        from serial.tools import list_ports
    except ImportError:
        return []
    return sorted((p.device, _described(p.description)) for p in list_ports.comports())


def _described(description: str | None) -> str:
    text = (description or "").strip()
    return "" if text.lower() in ("", "n/a", "none", "unknown") else text
