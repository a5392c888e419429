"""The receiver loop on real devices: a pseudo-terminal as a serial port (unplugged by
closing its other end), a gpsd speaking on localhost, and a recorded log."""

from __future__ import annotations

import datetime as dt
import os
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

from inspector.gnss.reader import GnssReader, Reading
from inspector.gnss.sources import SourceSpec, parse_spec
from inspector.gnss.track import Walk, epochs, write_log

LINE = [(35.0, 113.30), (35.004, 113.31)]
START = dt.datetime(2026, 11, 23, 2, 30, tzinfo=dt.UTC)


def _collect(
    reader: GnssReader, until: threading.Event | None = None
) -> tuple[list[Reading], threading.Thread]:
    readings: list[Reading] = []

    def report(reading: Reading) -> None:
        readings.append(reading)

    reader.report = report
    thread = threading.Thread(target=reader.run, daemon=True)
    thread.start()
    return readings, thread


def _wait(predicate, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError("timed out")


def test_source_specs() -> None:
    assert parse_spec("COM3") == SourceSpec("serial", "COM3")
    assert parse_spec("com7@4800") == SourceSpec("serial", "com7", baud=4800)
    assert parse_spec("/dev/ttyUSB0@38400").baud == 38400
    assert parse_spec("gpsd") == SourceSpec("gpsd", "127.0.0.1:2947")
    assert parse_spec("gpsd://localhost:3000") == SourceSpec("gpsd", "localhost:3000")
    assert parse_spec("walk.nmea").kind == "log"


def test_a_recorded_log_is_replayed_then_reported_ended(tmp_path: Path) -> None:
    path = tmp_path / "walk.nmea"
    write_log(Walk(LINE, START, seconds=5, dropouts=((3, 3),)), path)
    reader = GnssReader(SourceSpec("log", str(path), speed=0), lambda r: None, retry=False)
    readings, thread = _collect(reader)
    thread.join(10)
    states = [r.state for r in readings]
    assert "live" in states
    assert "no_fix" in states  # the dropout second
    assert readings[-1].state == "lost"
    assert readings[-1].reason == "log_ended"
    assert reader.assembler.stats.skipped == 0


def test_each_epoch_is_reported_once(tmp_path: Path) -> None:
    # An epoch changes the fix twice (GGA, then GST's accuracy); each report wakes the
    # app and redraws the map, so it is reported when its burst is over, once.
    path = tmp_path / "walk.nmea"
    write_log(Walk(LINE, START, seconds=6, dropouts=((3, 3),)), path)
    reader = GnssReader(SourceSpec("log", str(path), speed=0), lambda r: None, retry=False)
    readings, thread = _collect(reader)
    thread.join(10)
    assert [r.state for r in readings] == ["live"] * 3 + ["no_fix"] + ["live"] * 2 + ["lost"]
    assert all(r.fix is not None and r.fix.accuracy_basis == "gst" for r in readings[:3])


def test_a_damaged_log_skips_and_counts_bad_sentences(tmp_path: Path) -> None:
    lines = [s for burst in epochs(Walk(LINE, START, seconds=3)) for s in burst]
    lines.insert(
        2, lines[1][:20] + ("7" if lines[1][20] != "7" else "8") + lines[1][21:]
    )  # checksum now wrong
    lines.insert(4, "\x00\x13garbage")
    path = tmp_path / "bad.nmea"
    path.write_text("\n".join(lines) + "\n", encoding="latin-1")
    reader = GnssReader(SourceSpec("log", str(path), speed=0), lambda r: None, retry=False)
    readings, thread = _collect(reader)
    thread.join(10)
    stats = reader.assembler.stats
    assert (stats.bad_checksum, stats.malformed) == (1, 1)
    assert any(r.state == "live" for r in readings)


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_serial_receiver_unplugged_is_reported_at_once() -> None:
    master, slave = os.openpty()
    port = os.ttyname(slave)
    reader = GnssReader(parse_spec(port), lambda r: None, retry=False)
    readings, thread = _collect(reader)
    try:
        # The receiver talks once a second; opening the port drops what came before.
        for burst in epochs(Walk(LINE, START, seconds=40)):
            os.write(master, ("\r\n".join(burst) + "\r\n").encode())
            if any(r.state == "live" for r in readings):
                break
            time.sleep(0.25)
        _wait(lambda: any(r.state == "live" for r in readings))
        unplugged_at = time.monotonic()
        os.close(master)  # the cable comes out
        os.close(slave)
        _wait(lambda: any(r.state == "lost" for r in readings))
        lost = next(r for r in readings if r.state == "lost")
        assert lost.reason in ("unplugged", "silent")
        assert time.monotonic() - unplugged_at < 4.0
    finally:
        reader.close()
        thread.join(5)


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_serial_receiver_is_read_a_burst_at_a_time() -> None:
    master, slave = os.openpty()
    reader = GnssReader(parse_spec(os.ttyname(slave)), lambda r: None, retry=False)
    readings, thread = _collect(reader)
    bursts = [("\r\n".join(b) + "\r\n").encode() for b in epochs(Walk(LINE, START, seconds=60))]
    try:
        # Opening the port drops what came before: talk until the reader has heard.
        for sent, burst in enumerate(bursts):  # noqa: B007
            os.write(master, burst)
            time.sleep(0.25)
            if any(r.state == "live" for r in readings):
                break
        heard = len(readings)
        for burst in bursts[sent + 1 : sent + 5]:
            os.write(master, burst)
            time.sleep(0.3)
        _wait(lambda: len(readings) > heard)
        time.sleep(0.3)
        # Four bursts, four readings (fewer only if a loaded machine let two run together);
        # reading line by line reported each burst's GGA and GST separately.
        assert 1 <= len([r for r in readings[heard:] if r.state == "live"]) <= 4
        assert reader.assembler.stats.skipped == 0
    finally:
        reader.close()
        thread.join(5)
        os.close(master)
        os.close(slave)


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_serial_receiver_that_never_pauses_is_still_read() -> None:
    master, slave = os.openpty()
    reader = GnssReader(parse_spec(os.ttyname(slave)), lambda r: None, retry=False)
    readings, thread = _collect(reader)
    lines = [
        (line + "\r\n").encode()
        for burst in epochs(Walk(LINE, START, seconds=600))
        for line in burst
    ]
    try:
        # A sentence every 10 ms, never a gap long enough to call the burst over: the
        # reader must hand on what it has rather than wait for the stream to stop.
        for line in lines:
            os.write(master, line)
            time.sleep(0.01)
            if any(r.state == "live" for r in readings):
                break
        assert any(r.state == "live" for r in readings)
    finally:
        reader.close()
        thread.join(5)
        os.close(master)
        os.close(slave)


def test_a_receiver_that_cannot_be_opened_says_so(tmp_path: Path) -> None:
    reader = GnssReader(parse_spec("/dev/no-such-receiver"), lambda r: None, retry=False)
    readings, thread = _collect(reader)
    thread.join(5)
    assert readings[0].state == "lost"
    assert readings[0].reason == "cannot_open"


def test_gpsd_on_localhost_its_nmea_stream_and_its_going_away() -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    asked: list[bytes] = []

    def gpsd() -> None:
        conn, _ = server.accept()
        with conn:
            conn.sendall(b'{"class":"VERSION","release":"3.25","proto_major":3}\n')
            asked.append(conn.recv(200))
            conn.sendall(b'{"class":"DEVICES","devices":[]}\n')
            for burst in epochs(Walk(LINE, START, seconds=3)):
                conn.sendall(("\r\n".join(burst) + "\r\n").encode())
        server.close()  # gpsd stopped

    threading.Thread(target=gpsd, daemon=True).start()
    reader = GnssReader(parse_spec(f"gpsd://127.0.0.1:{port}"), lambda r: None, retry=False)
    readings, thread = _collect(reader)
    thread.join(10)
    assert asked
    assert asked[0].startswith(b"?WATCH=")
    assert any(r.state == "live" for r in readings)
    assert reader.assembler.stats.malformed == 0  # gpsd's JSON is not taken for NMEA
    assert [r.reason for r in readings if r.state == "lost"] == ["gpsd_closed"]
