"""`inspector nearby`: from a typed position or a receiver's fix, text or JSON; a poor or
stale fix refused in one sentence; `layers` and `gnss` around it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from inspector.gnss.track import Walk, write_log
from inspector.services.demo_map import WALK_RIVER, demo_rivers
from tests.conftest import run_inspector

START = dt.datetime(2026, 11, 23, 2, 30, tzinfo=dt.UTC)


@pytest.fixture
def walk_line() -> list[tuple[float, float]]:
    river = demo_rivers()[WALK_RIVER]
    return list(river.points[300:330])


def _nearest_by_hand(db, lat: float, lon: float) -> str:  # type: ignore[no-untyped-def]
    from inspector.domain.geo import haversine_m

    with db.read() as conn:
        rows = conn.execute("SELECT code, lat, lon FROM outfall WHERE deleted=0").fetchall()
    return min(rows, key=lambda r: haversine_m(lat, lon, r[1], r[2]))[0]


def test_nearby_from_a_typed_position(demo_db) -> None:  # type: ignore[no-untyped-def]
    result = run_inspector("--db", str(demo_db.path), "nearby", "--lat", "35.02", "--lon", "113.3",
                           "--count", "5", "--json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    outfalls = doc["outfalls"]
    assert len(outfalls) == 5
    assert outfalls[0]["code"] == _nearest_by_hand(demo_db, 35.02, 113.3)
    distances = [o["distance_m"] for o in outfalls]
    assert distances == sorted(distances)
    assert all(0 <= o["bearing_deg"] < 360 and o["compass"] for o in outfalls)


def test_nearby_accepts_dms_and_gcj02(demo_db) -> None:  # type: ignore[no-untyped-def]
    result = run_inspector("--db", str(demo_db.path), "nearby", "--lat", "35°01'12\"N",
                           "--lon", "113°18'E", "--datum", "gcj02", "--count", "1")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert " m " in result.stdout


def test_nearby_from_a_receiver_records_its_fix(demo_db, tmp_path: Path, walk_line) -> None:  # type: ignore[no-untyped-def]
    log = tmp_path / "walk.nmea"
    write_log(Walk(walk_line, START, seconds=5), log)
    result = run_inspector("--db", str(demo_db.path), "nearby", "--gnss", str(log), "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["position_source"] == "gnss"
    assert doc["accuracy_m"] < 10
    assert doc["position_fix"]["quality"] == "gps"
    assert doc["position_fix"]["systems"] == ["BeiDou", "GPS"]
    assert doc["outfalls"][0]["code"] == _nearest_by_hand(demo_db, doc["lat"], doc["lon"])


def test_a_poor_fix_is_refused_in_one_sentence(demo_db, tmp_path: Path, walk_line) -> None:  # type: ignore[no-untyped-def]
    log = tmp_path / "poor.nmea"
    write_log(Walk(walk_line, START, seconds=5, poor=((0, 4),)), log)
    result = run_inspector("--db", str(demo_db.path), "nearby", "--gnss", str(log))
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1
    assert "not accurate enough" in lines[0]
    assert "10 m required" in lines[0]
    assert result.stdout == ""
    # A looser requirement lets the same receiver through.
    result = run_inspector("--db", str(demo_db.path), "nearby", "--gnss", str(log),
                           "--max-accuracy", "50")  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_no_fix_at_all_is_refused(demo_db, tmp_path: Path, walk_line) -> None:  # type: ignore[no-untyped-def]
    log = tmp_path / "dark.nmea"
    write_log(Walk(walk_line, START, seconds=3, dropouts=((0, 2),)), log)
    result = run_inspector("--lang", "zh", "--db", str(demo_db.path), "nearby", "--gnss", str(log))
    assert result.returncode == 1
    assert "不使用接收机位置" in result.stderr


def test_usage_mistakes(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_inspector("--db", str(demo_db.path), "nearby")
    assert result.returncode == 1
    assert "--lat" in result.stderr
    result = run_inspector("--db", str(demo_db.path), "nearby", "--lat", "95", "--lon", "113")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    result = run_inspector(
        "--db", str(demo_db.path), "nearby", "--gnss", str(tmp_path / "none.nmea")
    )
    assert result.returncode == 1
    assert "none.nmea" in result.stderr


def test_layers_and_gnss_commands(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    listed = run_inspector("--db", str(demo_db.path), "layers", "list", "--json")
    assert {layer["kind"] for layer in json.loads(listed.stdout)} == {"rivers", "boundaries"}
    walk = tmp_path / "w.nmea"
    made = run_inspector("--db", str(demo_db.path), "gnss", "walk", str(walk), "--seconds", "20")
    assert made.returncode == 0, made.stderr
    read = run_inspector("gnss", "read", str(walk), "--seconds", "3", "--json")
    doc = json.loads(read.stdout)
    assert doc["stats"]["sentences"] > 0
    assert doc["stats"]["skipped"] == 0
    assert doc["last_fix"]["quality"] == "gps"
