"""Matching proposals and a person's review of them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from inspector.domain.photos import PhotoFlag
from inspector.i18n import Problem
from inspector.services.photos import importer, review
from tests.photos.conftest import OUTFALL_LAT, OUTFALL_LON, VISIT, offset, photo


def _import(site: dict[str, Any], folder: Path, **kw: Any) -> importer.ImportReport:
    return importer.import_folder(site["db"], folder, workers=1, collect=True, **kw)


def _by_name(site: dict[str, Any]) -> dict[str, review.ProposalView]:
    return {p.original_name: p for p in review.list_proposals(site["db"])}


def test_position_and_time_propose_outfall_and_inspection(
    site: dict[str, Any], tmp_path: Path
) -> None:
    moment = VISIT + dt.timedelta(minutes=12)
    lat, lon = offset(OUTFALL_LAT, OUTFALL_LON, -8, 5)
    photo(tmp_path, "close.jpg", taken=moment, gps_time=moment, lat=lat, lon=lon)
    _import(site, tmp_path)
    p = _by_name(site)["close.jpg"]
    assert (p.outfall_id, p.inspection_id, p.basis) == (site["a"], site["visit"], "position")
    assert p.distance_m == pytest.approx(9.4, abs=0.3)
    assert p.flags == []


def test_nearest_within_radius_prefers_the_outfall_being_inspected(
    site: dict[str, Any], tmp_path: Path
) -> None:
    # 25 m north of A is 5 m south of B; only A was inspected then.
    moment = VISIT + dt.timedelta(minutes=5)
    lat, lon = offset(OUTFALL_LAT, OUTFALL_LON, 25)
    photo(tmp_path, "between.jpg", taken=moment, lat=lat, lon=lon)
    photo(tmp_path, "next-day.jpg", taken=moment + dt.timedelta(days=1), lat=lat, lon=lon, seed=1)
    _import(site, tmp_path)
    got = _by_name(site)
    assert got["between.jpg"].outfall_id == site["a"]
    assert got["next-day.jpg"].outfall_id == site["b"]  # nobody was inspecting: the nearest
    assert got["next-day.jpg"].inspection_id is None


def test_photo_without_position_is_matched_by_time(site: dict[str, Any], tmp_path: Path) -> None:
    photo(tmp_path, "stripped.jpg", taken=VISIT + dt.timedelta(minutes=20))
    photo(tmp_path, "later.jpg", taken=VISIT + dt.timedelta(hours=5), seed=1)
    _import(site, tmp_path)
    got = _by_name(site)
    assert (got["stripped.jpg"].outfall_id, got["stripped.jpg"].inspection_id) == (
        site["a"],
        site["visit"],
    )
    assert got["stripped.jpg"].basis == "time"
    assert got["stripped.jpg"].flags == [PhotoFlag.NO_GPS.value]
    assert got["later.jpg"].outfall_id is None
    assert PhotoFlag.NO_MATCH.value in got["later.jpg"].flags


def test_far_photo_is_matched_by_time_and_flagged(site: dict[str, Any], tmp_path: Path) -> None:
    lat, lon = offset(OUTFALL_LAT, OUTFALL_LON, -150)
    photo(tmp_path, "bridge.jpg", taken=VISIT + dt.timedelta(minutes=3), lat=lat, lon=lon)
    _import(site, tmp_path)
    p = _by_name(site)["bridge.jpg"]
    assert p.outfall_id == site["a"]
    assert p.basis == "time"
    assert p.distance_m == pytest.approx(150, abs=1)
    assert p.flags == [PhotoFlag.FAR.value]


def test_time_outside_and_clock_skew_are_flagged(site: dict[str, Any], tmp_path: Path) -> None:
    lat, lon = offset(OUTFALL_LAT, OUTFALL_LON, 3)
    after = VISIT + dt.timedelta(hours=3)
    photo(tmp_path, "after.jpg", taken=after, gps_time=after, lat=lat, lon=lon)
    moment = VISIT + dt.timedelta(minutes=10)
    photo(
        tmp_path,
        "skewed.jpg",
        taken=moment + dt.timedelta(hours=2),
        gps_time=moment,
        lat=lat,
        lon=lon,
        seed=1,
    )
    _import(site, tmp_path)
    got = _by_name(site)
    assert got["after.jpg"].inspection_id == site["visit"]
    assert got["after.jpg"].flags == [PhotoFlag.TIME_OUTSIDE.value]
    # The GPS clock is trusted over the camera's: the skewed photo is inside the visit.
    assert got["skewed.jpg"].inspection_id == site["visit"]
    assert got["skewed.jpg"].flags == [PhotoFlag.CLOCK_SKEW.value]


def test_radius_is_a_parameter(site: dict[str, Any], tmp_path: Path) -> None:
    lat, lon = offset(OUTFALL_LAT, OUTFALL_LON, -80)
    photo(tmp_path, "80m.jpg", taken=VISIT + dt.timedelta(days=3), lat=lat, lon=lon)
    _import(site, tmp_path, radius_m=100)
    p = _by_name(site)["80m.jpg"]
    assert p.outfall_id == site["a"]
    assert p.flags == []


def test_accept_unflagged_on_import_leaves_the_rest_for_review(
    site: dict[str, Any], tmp_path: Path
) -> None:
    lat, lon = offset(OUTFALL_LAT, OUTFALL_LON, 4)
    photo(tmp_path, "ok.jpg", taken=VISIT + dt.timedelta(minutes=1), lat=lat, lon=lon)
    photo(tmp_path, "nogps.jpg", taken=VISIT + dt.timedelta(minutes=2), seed=1)
    report = _import(site, tmp_path, accept=True)
    assert (report.proposed, report.accepted) == (2, 1)
    assert [p.original_name for p in review.list_proposals(site["db"])] == ["nogps.jpg"]
    with site["db"].read() as conn:
        linked = conn.execute(
            "SELECT original_name, outfall_id, inspection_id, flags FROM photo WHERE outfall_id IS NOT NULL"
        ).fetchall()
    assert linked == [("ok.jpg", site["a"], site["visit"], "[]")]


def test_accept_all_accept_one_change_and_dismiss(site: dict[str, Any], tmp_path: Path) -> None:
    db = site["db"]
    for n in range(4):
        photo(tmp_path, f"p{n}.jpg", taken=VISIT + dt.timedelta(minutes=n + 1), seed=n)
    report = _import(site, tmp_path)
    ids = {p.path: p.sha256 for p in report.photos}
    assert review.count_proposals(db) == {"pending": 4, "dismissed": 0, "flagged": 4}
    assert review.accept_one(db, ids["p0.jpg"])
    flags = review.change(db, ids["p1.jpg"], outfall_id=site["c"])
    assert flags == [PhotoFlag.NO_GPS.value]
    review.dismiss(db, [ids["p2.jpg"]])
    assert review.count_proposals(db)["dismissed"] == 1
    assert review.accept(db) == 1  # only p3 is still pending
    with db.read() as conn:
        rows = dict(conn.execute("SELECT original_name, outfall_id FROM photo").fetchall())
    assert rows == {"p0.jpg": site["a"], "p1.jpg": site["c"], "p2.jpg": None, "p3.jpg": site["a"]}
    # A dismissed photo is not proposed again; others are, after new outfalls arrive.
    assert review.repropose(db) == 0
    # Every link went through the write path: the op log explains it.
    with db.read() as conn:
        ops = conn.execute(
            "SELECT COUNT(*) FROM op WHERE entity='photo' AND fields LIKE '%outfall_id%'"
        ).fetchone()[0]
    assert ops == 3


def test_change_refuses_an_inspection_of_another_outfall(
    site: dict[str, Any], tmp_path: Path
) -> None:
    photo(tmp_path, "p.jpg", taken=VISIT)
    report = _import(site, tmp_path)
    with pytest.raises(Problem) as problem:
        review.change(
            site["db"], report.photos[0].sha256, outfall_id=site["b"], inspection_id=site["visit"]
        )
    assert problem.value.key == "photos.inspection_not_of_outfall"
    flags = review.change(
        site["db"], report.photos[0].sha256, outfall_id=None, inspection_id=site["visit"]
    )
    assert flags == [PhotoFlag.NO_GPS.value]


def test_cli_pending_and_accept(site: dict[str, Any], tmp_path: Path) -> None:
    from tests.conftest import db_target, run_inspector

    folder = tmp_path / "in"
    folder.mkdir()
    photo(folder, "p.jpg", taken=VISIT + dt.timedelta(minutes=2))
    report = _import(site, folder)
    sha = report.photos[0].sha256
    db = db_target(site["db"])
    listed = run_inspector("--db", db, "photos", "pending")
    assert sha[:12] in listed.stdout
    assert "410823QT0001" in listed.stdout
    refused = run_inspector("--db", db, "photos", "accept")
    assert refused.returncode == 1
    assert refused.stderr.strip()
    done = run_inspector("--db", db, "photos", "accept", sha[:8])
    assert done.returncode == 0
    assert "1" in done.stdout
    assert "No photo matches" in run_inspector("--db", db, "photos", "pending").stdout


def test_inspection_for_offers_the_chosen_outfalls_visit(
    site: dict[str, Any], tmp_path: Path
) -> None:
    """Changing a proposal's outfall keeps an inspection: that outfall's, by the time."""
    db = site["db"]
    photo(tmp_path, "p.jpg", taken=VISIT + dt.timedelta(minutes=5))
    sha = _import(site, tmp_path).photos[0].sha256
    assert review.inspection_for(db, sha, site["a"]) == site["visit"]
    assert review.inspection_for(db, sha, site["c"]) is None  # never inspected
    with pytest.raises(Problem) as problem:
        review.inspection_for(db, "0" * 64, site["a"])
    assert problem.value.key == "photos.no_such_photo"


def test_the_import_summary_counts_what_the_rows_show(site: dict[str, Any], tmp_path: Path) -> None:
    """The summary once said "2 proposed" while a row read "(none proposed)": it counted
    every photo examined. The rows are right; the summary now counts as they do."""
    from inspector.i18n import t
    from inspector.ui.screens.photos import summary

    lat, lon = offset(OUTFALL_LAT, OUTFALL_LON, 5)
    photo(tmp_path, "near.jpg", taken=VISIT + dt.timedelta(minutes=3), lat=lat, lon=lon)
    far_lat, far_lon = offset(OUTFALL_LAT, OUTFALL_LON, 5000)
    photo(
        tmp_path, "far.jpg", taken=VISIT + dt.timedelta(days=40), lat=far_lat, lon=far_lon, seed=1
    )
    report = _import(site, tmp_path)
    rows = review.list_proposals(site["db"])
    assert len(rows) == report.pending_review == 2
    with_outfall = [p for p in rows if p.outfall_id is not None]
    assert (report.proposed, report.unmatched) == (len(with_outfall), 1) == (1, 1)
    shown = summary(report).plain
    assert t("photos.ui.summary_matching", proposed=1, unmatched=1, pending=2) in shown
    assert report.as_json()["unmatched"] == 1
