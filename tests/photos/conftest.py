"""Photo fixtures: a camera card the tests make (and the real samples, when they are here),
and a database with an outfall and an inspection."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SAMPLES

#: The shared real-camera samples (tests on them are marked `needs_samples`).
SAMPLE_PHOTOS = SAMPLES / "photos"
CST = dt.timezone(dt.timedelta(hours=8))
#: An outfall on the 沁河 in 武陟县, and a 40-minute inspection of it.
OUTFALL_LAT, OUTFALL_LON = 35.0912, 113.3847
VISIT = dt.datetime(2025, 6, 3, 10, 0, tzinfo=CST)


@pytest.fixture
def photos(camera_card: Path) -> Path:
    """The card's photos: the samples' folders and names, made by the tests."""
    return camera_card


@pytest.fixture
def site(db) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Two outfalls 30 m apart and one 2 km away, with an inspection of the first."""
    from inspector.models import Inspection
    from inspector.services import register as reg
    from inspector.services.replica import init_replica

    init_replica(db, name="武陟县", role="county", region="410823", user="tester")
    base = {
        "county_code": "410823",
        "river": "沁河",
        "category": "other.urban_storm",
    }
    with db.write() as w:
        a = reg.create_outfall(
            w,
            {
                **base,
                "code": "410823QT0001",
                "name": "武陟县大封镇沁河右岸1#城镇雨洪排口",
                "lat": OUTFALL_LAT,
                "lon": OUTFALL_LON,
            },
        )
        b = reg.create_outfall(
            w,
            {
                **base,
                "code": "410823QT0002",
                "name": "武陟县大封镇沁河右岸2#城镇雨洪排口",
                "lat": OUTFALL_LAT + 0.00027,
                "lon": OUTFALL_LON,
            },
        )
        c = reg.create_outfall(
            w,
            {
                **base,
                "code": "410823QT0003",
                "name": "武陟县大封镇沁河右岸3#城镇雨洪排口",
                "lat": OUTFALL_LAT + 0.018,
                "lon": OUTFALL_LON,
            },
        )
        visit = w.create(
            Inspection,
            {
                "outfall_id": a,
                "started_at": VISIT,
                "ended_at": VISIT + dt.timedelta(minutes=40),
                "inspectors": ["张三", "李四"],
            },
        )
    return {"db": db, "a": a, "b": b, "c": c, "visit": visit}


def offset(lat: float, lon: float, north_m: float, east_m: float = 0.0) -> tuple[float, float]:
    import math

    return lat + north_m / 111_320, lon + east_m / (111_320 * math.cos(math.radians(lat)))


def photo(
    folder: Path,
    name: str,
    *,
    seed: int = 0,
    size: tuple[int, int] = (640, 480),
    fmt: str = "JPEG",
    **tags: Any,
) -> Path:
    import random

    from inspector.services.photos import synthetic

    image = synthetic.river_scene(random.Random(seed), size)
    return synthetic.write_photo(folder / name, image, synthetic.Tags(**tags), fmt=fmt)
