"""NMEA parsing against published sample sentences, damaged input, the accuracy gate and
the stale-fix rule.

Where each sample sentence was published (copied exactly, checksums included):

- DALE: Dale DePriest, "NMEA data" (gpsinformation.org/dale/nmea.htm), the GGA example.
- NOAA: NOAA Physical Sciences Laboratory, ATOMIC 2020 cruise, R/V Ronald H. Brown raw GPS
  log gps02001420_raw.txt (downloads.psl.noaa.gov/psd3/cruises/ATOMIC_2020/RHB/flux/
  Raw_Share/20014/), a Hemisphere VS100 receiver: DGPS GGA, RMC, GSA and GST.
- QUECTEL: electrodragon "NEMA-dat" notes (w2.electrodragon.com/Network-dat/location-dat/
  NEMA-dat/NEMA-dat.md), a Quectel module's `AT+QGNSSRD?` answer: GPS + BeiDou, GN talker.
- SBG: SBG Systems ELLIPSE/HPINS firmware reference, SBG_ECOM_LOG_NMEA_GSA (11),
  "Multi-Constellation Example" (NMEA 4.10 GSA with system ids): GLONASS and BeiDou (GB).
- UBLOX: chris.cnie.de/avr/neo-6.html, a u-blox NEO-6M's output before its first fix.
- CNBLOGS: cnblogs.com/bluestorm/p/17807688.html, "GPS NMEA 0183协议规格说明": its first
  GGA example is printed with a checksum that does not match (a real-world bad sentence).
"""

from __future__ import annotations

import datetime as dt
import math

import pytest

from inspector.gnss.fix import Fix, Gate, estimate_accuracy, judge
from inspector.gnss.nmea import Assembler
from inspector.gnss.track import checksum

DALE_GGA = "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47"
NOAA = [
    "$GPGGA,195959.00,1541.31258893,N,05130.51204125,W,2,06,1.5,9.2,M,-37.6,M,4.0,0138*7E",
    "$GPRMC,195959.00,A,1541.31258893,N,05130.51204125,W,0.26,147.44,140120,16.9,W,D*0B",
    "$GPGSA,M,3,14,16,26,27,29,31,,,,,,,2.7,1.5,2.3*34",
    "$GPGSV,3,1,12,03,09,280,,04,11,322,,08,11,209,35,14,68,160,42*70",
    "$GPGST,195959.00,0.30,0.36,0.26,283.74,0.26,0.36,0.68*68",
]
QUECTEL = [
    "$GNRMC,075620.000,A,2234.2809,N,11353.2465,E,0.20,253.84,140525,,,A*7F",
    "$GNGGA,075620.000,2234.2809,N,11353.2465,E,1,12,0.91,52.5,M,-2.9,M,,*5F",
    "$GPGSA,A,3,12,19,13,15,05,29,194,06,,,,,1.20,0.91,0.79*3E",
    "$BDGSA,A,3,03,10,07,13,,,,,,,,,1.20,0.91,0.79*11",
    "$BDGSV,4,1,14,10,65,231,36,03,64,189,38,07,63,205,37,08,52,325,*6F",
]
SBG_GLONASS_GSA = "$GLGSA,A,3,87,79,71,78,72,88,86,65,,,,,1.9,1.1,1.6,2*3F"
SBG_BEIDOU_GSA = "$GBGSA,A,3,41,27,13,5,29,20,32,,,,,,1.9,1.1,1.6,4*08"
UBLOX_NO_FIX = ["$GPRMC,,V,,,,,,,,,,N*53", "$GPGGA,,,,,,0,00,99.99,,,,,,*48"]
CNBLOGS_BAD = "$GPGGA,121252.000,3937.3032,N,11611.6046,E,1,05,2.0,45.9,M,-5.7,M,,0000*77"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def feed(assembler: Assembler, lines: list[str]) -> Fix | None:
    last = None
    for line in lines:
        fix = assembler.feed(line)
        last = fix or last
    return last


def test_the_published_checksums_are_what_the_sentences_say() -> None:
    for line in [DALE_GGA, *NOAA, *QUECTEL, SBG_GLONASS_GSA, SBG_BEIDOU_GSA, *UBLOX_NO_FIX]:
        body, given = line[1:].split("*")
        assert checksum(body) == given, line
    body, given = CNBLOGS_BAD[1:].split("*")
    assert checksum(body) != given


def test_gga_gives_position_quality_hdop_and_satellites() -> None:
    fix = Assembler().feed(DALE_GGA)
    assert fix is not None
    assert fix.lat == pytest.approx(48 + 7.038 / 60)
    assert fix.lon == pytest.approx(11 + 31.0 / 60)
    assert (fix.quality, fix.hdop, fix.satellites, fix.altitude_m) == ("gps", 0.9, 8, 545.4)
    # No GST: accuracy is HDOP times the user equivalent range error of an autonomous fix.
    assert fix.accuracy_basis == "hdop"
    assert fix.accuracy_m == estimate_accuracy("gps", 0.9)
    assert fix.systems == ("GPS",)


def test_a_dgps_epoch_with_gst_takes_the_receivers_own_accuracy() -> None:
    assembler = Assembler()
    fix = feed(assembler, NOAA)
    assert fix is not None
    assert fix.quality == "dgps"
    assert fix.lat == pytest.approx(15 + 41.31258893 / 60)
    assert fix.lon == pytest.approx(-(51 + 30.51204125 / 60))
    assert fix.accuracy_basis == "gst"
    assert fix.accuracy_m == pytest.approx(math.hypot(0.26, 0.36), abs=0.01)
    assert fix.utc == dt.datetime(2020, 1, 14, 19, 59, 59, tzinfo=dt.UTC)
    assert assembler.stats.ignored == 1  # the GSV: well-formed, not used
    assert assembler.stats.skipped == 0


def test_combined_gps_and_beidou_epoch_names_both_constellations() -> None:
    assembler = Assembler()
    feed(assembler, QUECTEL)
    fix = assembler.fix
    assert fix is not None
    assert fix.lat == pytest.approx(22 + 34.2809 / 60)
    assert fix.lon == pytest.approx(113 + 53.2465 / 60)
    assert (fix.quality, fix.hdop, fix.satellites) == ("gps", 0.91, 12)
    # The GSAs after the GGA are remembered for the fix that follows; the GN talker is
    # a combined solution, not a constellation.
    again = assembler.feed(QUECTEL[1])
    assert again is not None
    assert again.systems == ("BeiDou", "GPS")


def test_glonass_and_gb_talker_beidou_are_recognised_by_nmea_410_system_ids() -> None:
    assembler = Assembler()
    feed(assembler, [SBG_GLONASS_GSA, SBG_BEIDOU_GSA])
    fix = assembler.feed(DALE_GGA)
    assert fix is not None
    assert set(fix.systems) >= {"GLONASS", "BeiDou"}
    assert assembler.stats.skipped == 0


def test_no_fix_sentences_give_a_fix_that_is_never_usable() -> None:
    clock = Clock()
    assembler = Assembler(clock=clock)
    fix = feed(assembler, UBLOX_NO_FIX)
    assert fix is not None
    assert fix.quality == "none"
    assert math.isnan(fix.lat)
    verdict = judge(fix, now=clock.now)
    assert (verdict.ok, verdict.reason) == (False, "no_fix")


@pytest.mark.parametrize(
    "line",
    [
        CNBLOGS_BAD,  # published with a wrong checksum
        DALE_GGA.replace("4807.038", "4807.039"),  # one digit damaged on the cable
        DALE_GGA[:-1] + "8",
    ],
)
def test_checksum_failures_are_skipped_and_counted(line: str) -> None:
    assembler = Assembler()
    assert assembler.feed(line) is None
    assert assembler.stats.bad_checksum == 1
    assert assembler.fix is None


@pytest.mark.parametrize(
    "line",
    [
        DALE_GGA[:40],  # cut off mid-sentence: no checksum at all
        "$GPGGA",
        "GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47",  # no $
        "\x00\xff\xfe garbage from a baud-rate mismatch",
        "$GPGGA," + "9" * 300,
        "$" + "GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,",
    ],
)
def test_malformed_lines_are_skipped_and_counted_never_raised(line: str) -> None:
    assembler = Assembler()
    assert assembler.feed(line) is None
    assert assembler.stats.skipped == 1
    # And the stream goes on: the next good sentence is read as if nothing happened.
    assert assembler.feed(DALE_GGA) is not None


def test_sentences_not_used_are_checked_and_counted_but_never_parsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pynmeagps

    parsed: list[str] = []
    parse = pynmeagps.NMEAReader.parse

    def parse_and_note(text: str, **kwargs: object) -> object:
        parsed.append(text[3:6])
        return parse(text, **kwargs)

    monkeypatch.setattr(pynmeagps.NMEAReader, "parse", staticmethod(parse_and_note))
    gsv = "$GPGSV,3,1,11,03,03,111,00,04,15,270,00,06,01,010,00,13,06,292,00*74"  # NMEA docs
    vtg = "$GPVTG,054.7,T,034.4,M,005.5,N,010.2,K*48"
    assembler = Assembler()
    assert feed(assembler, [*QUECTEL, gsv, vtg, gsv[:-1] + "5", "$GPGSV,1,1,00"]) is not None
    # Satellites in view come several a second per constellation: parsing them was
    # most of the cost of reading a receiver, for nothing.
    assert sorted(set(parsed)) == ["GGA", "GSA", "RMC"]
    stats = assembler.stats
    assert (stats.ignored, stats.bad_checksum, stats.malformed) == (3, 1, 1)


def test_bytes_with_invalid_encoding_are_malformed() -> None:
    assembler = Assembler()
    assert assembler.feed(b"$GPGGA,\xff\xfe,1*00\r\n") is None
    assert assembler.stats.malformed == 1


def test_a_position_out_of_range_is_malformed() -> None:
    body = "GPGGA,123519,9907.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,"
    assembler = Assembler()
    assert assembler.feed(f"${body}*{checksum(body)}") is None
    assert assembler.stats.malformed == 1


def test_proprietary_sentences_are_ignored_not_counted_as_bad() -> None:
    assembler = Assembler()
    assembler.feed("$PGRMM,WGS 84*06")
    assert (assembler.stats.ignored, assembler.stats.skipped) == (1, 0)


# -- the accuracy gate and the stale-fix rule -------------------------------------------


def _fix(**overrides: object) -> Fix:
    values: dict[str, object] = {
        "lat": 35.0, "lon": 113.3, "quality": "gps", "received": 100.0, "hdop": 0.9,
        "satellites": 12, "accuracy_m": 3.0, "accuracy_basis": "gst",
    }  # fmt: skip
    values.update(overrides)
    return Fix(**values)  # type: ignore[arg-type]


def test_a_fresh_accurate_fix_passes() -> None:
    assert judge(_fix(), now=101.0).ok


def test_a_fix_older_than_the_limit_is_stale() -> None:
    verdict = judge(_fix(), now=100.0 + 5.5, gate=Gate(max_age_s=5))
    assert (verdict.ok, verdict.reason) == (False, "stale")
    assert verdict.params["limit"] == 5
    assert judge(_fix(), now=104.9, gate=Gate(max_age_s=5)).ok


def test_a_fix_worse_than_the_requirement_is_poor() -> None:
    verdict = judge(_fix(accuracy_m=12.5), now=100.5, gate=Gate(max_accuracy_m=10))
    assert (verdict.ok, verdict.reason) == (False, "poor")
    assert verdict.params == {"accuracy": "12.5", "limit": 10}
    assert judge(_fix(accuracy_m=9.9), now=100.5, gate=Gate(max_accuracy_m=10)).ok


@pytest.mark.parametrize("quality", ["estimated", "manual", "simulated"])
def test_positions_that_are_not_measurements_are_refused(quality: str) -> None:
    verdict = judge(_fix(quality=quality), now=100.5)
    assert (verdict.ok, verdict.reason) == (False, "not_measured")


def test_a_fix_without_any_accuracy_is_refused() -> None:
    verdict = judge(_fix(accuracy_m=None, hdop=None), now=100.5)
    assert (verdict.ok, verdict.reason) == (False, "no_accuracy")


def test_no_fix_at_all() -> None:
    assert judge(None, now=0.0).reason == "no_fix"


def test_age_is_measured_from_arrival_not_the_receivers_clock() -> None:
    clock = Clock()
    assembler = Assembler(clock=clock)
    fix = assembler.feed(DALE_GGA)  # its UTC time is from another decade
    assert fix is not None
    clock.now += 2
    assert judge(fix, now=clock.now).ok
    clock.now += 10
    assert judge(fix, now=clock.now).reason == "stale"


def test_an_old_gst_does_not_lend_its_accuracy_to_a_later_epoch() -> None:
    clock = Clock()
    assembler = Assembler(clock=clock)
    feed(assembler, NOAA)
    clock.now += 0.5
    fix = assembler.feed(QUECTEL[1])  # another epoch, hours later by its time
    assert fix is not None
    assert fix.accuracy_basis == "hdop"


def test_evidence_keeps_quality_hdop_satellites_age_and_device() -> None:
    clock = Clock()
    assembler = Assembler(device="COM3", clock=clock)
    fix = feed(assembler, NOAA)
    assert fix is not None
    clock.now += 1.25
    evidence = fix.evidence(clock.now)
    assert evidence["quality"] == "dgps"
    assert evidence["hdop"] == 1.5
    assert evidence["satellites"] == 6
    assert evidence["age_s"] == 1.2
    assert evidence["device"] == "COM3"
    assert evidence["accuracy_basis"] == "gst"
    assert evidence["utc"].startswith("2020-01-14T19:59:59")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "The receiver's position is not used: the fix is stale: 3600 s old"),
        ("zh", "不使用接收机位置：定位已过时：3600 秒前"),
    ],
)
def test_a_refusal_reads_as_one_sentence(lang: str, expected: str) -> None:
    """In English the reason after the colon read "…is not used: The fix is stale"."""
    import time

    from textual.app import App

    from inspector.gnss.nmea import Stats
    from inspector.gnss.reader import Reading
    from inspector.i18n import Problem, set_language
    from inspector.ui.gnss import GnssLink

    set_language(lang)
    link = GnssLink(App())
    link._reader = object()  # type: ignore[assignment]  # connected, as far as it knows
    link.update(Reading("live", _fix(received=time.monotonic() - 3600), Stats(), "demo"))
    with pytest.raises(Problem) as refused:
        link.take()
    assert str(refused.value).startswith(expected)
