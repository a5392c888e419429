"""Demo photos: three dozen generated phone photos of recent inspections, imported and
matched through the real photo services.

Each of twelve recent inspections gets a close-up, a distance shot and a photo of the
sign board (whose text shows exactly the items the inspection recorded), with EXIF
position and time a phone would write. A few carry the problems reviewers meet in real
life (no position, a wrong camera clock, taken far away or after the visit): those are
left waiting for review, the rest are accepted, so the Photos screen has both.
"""

from __future__ import annotations

import datetime as dt
import math
import tempfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inspector.data import demo as demo_data
from inspector.domain.choices import Category, PhotoKind, SignageItem, SignageState
from inspector.i18n.reasons import keyed
from inspector.models import Photo
from inspector.models.spec import parse_stored_datetime
from inspector.services.photos import review, signage, synthetic
from inspector.services.photos.importer import import_folder

if TYPE_CHECKING:
    from inspector.data.db import Database
    from inspector.services.demo import DemoBuilder

INSPECTIONS = 12
PHONES = (("HUAWEI", "Mate 60"), ("Xiaomi", "14"), ("OPPO", "Find X7"), ("vivo", "X100"))


def _offset(lat: float, lon: float, metres: float, bearing: float) -> tuple[float, float]:
    dlat = metres * math.cos(math.radians(bearing)) / 111_320
    dlon = metres * math.sin(math.radians(bearing)) / (111_320 * math.cos(math.radians(lat)))
    return lat + dlat, lon + dlon


def _sign_lines(*, name: str, code: str, category: str, items: list[str]) -> list[str]:
    text = {
        SignageItem.NAME.value: f"名称：{name[-14:]}",
        SignageItem.CODE.value: f"编码：{code}",
        SignageItem.TYPE.value: f"类型：{Category.of(category).zh}",
        SignageItem.OWNER.value: "责任主体：见登记信息",
        SignageItem.AUTHORITY.value: "监督管理单位：焦作市生态环境局",
        SignageItem.PHONE.value: "监督举报电话：12369",
        SignageItem.QR.value: "扫码查询信息公开",
    }
    return ["入河排污口标志牌", *(text[i] for i in items if i in text)]


def add_demo_photos(db: Database, builder: DemoBuilder) -> None:
    rng = builder.rng
    with db.read() as conn:
        rows = demo_data.recent_signage_visits(conn, limit=200)
    chosen: list[demo_data.SignageVisit] = []
    seen: set[str] = set()
    for row in rows:
        key = row.code
        if key in seen:
            continue
        seen.add(key)
        chosen.append(row)
        if len(chosen) == INSPECTIONS:
            break
    review_later: list[str] = []
    with tempfile.TemporaryDirectory(prefix="demo-photos-") as tmp:
        folder = Path(tmp)
        plan: list[tuple[str, str, str]] = []  # (file, kind, inspection id)
        for n, row in enumerate(chosen):
            start = parse_stored_datetime(row.started_at)
            end = (
                parse_stored_datetime(row.ended_at)
                if row.ended_at
                else start + dt.timedelta(minutes=30)
            )
            minutes = max(2.0, (end - start).total_seconds() / 60)
            make, model = PHONES[n % len(PHONES)]
            items = [str(i) for i in builder_items(row.signage_items)]
            for k, kind in enumerate(
                (PhotoKind.OUTFALL_CLOSE, PhotoKind.OUTFALL_DISTANCE, PhotoKind.SIGNAGE)
            ):
                moment = start + dt.timedelta(minutes=rng.uniform(1, minutes - 1))
                metres = (
                    rng.uniform(2, 12)
                    if kind is not PhotoKind.OUTFALL_DISTANCE
                    else rng.uniform(15, 35)
                )
                lat, lon = _offset(row.lat, row.lon, metres, rng.uniform(0, 360))
                tags = synthetic.Tags(
                    taken=moment,
                    lat=round(lat, 7),
                    lon=round(lon, 7),
                    altitude_m=round(rng.uniform(80, 140), 1),
                    accuracy_m=round(rng.uniform(3, 12), 1),
                    direction_deg=round(rng.uniform(0, 359), 1),
                    gps_time=moment,
                    make=make,
                    model=model,
                )
                special = (n, k)
                if special == (0, 1):  # the gallery app stripped the location
                    tags = synthetic.Tags(taken=moment, make=make, model=model)
                elif special == (1, 0):  # camera clock never set after a battery change
                    tags = synthetic.Tags(
                        **{**tags.__dict__, "taken": moment + dt.timedelta(hours=3, minutes=12)}
                    )
                elif special == (2, 1):  # taken from the bridge upstream
                    far = _far_from_every_outfall(db, row, rng)
                    tags = synthetic.Tags(
                        **{**tags.__dict__, "lat": round(far[0], 7), "lon": round(far[1], 7)}
                    )
                elif special == (3, 0):  # back after lunch for one more picture
                    later = end + dt.timedelta(hours=2, minutes=40)
                    tags = synthetic.Tags(**{**tags.__dict__, "taken": later, "gps_time": later})
                if kind is PhotoKind.SIGNAGE:
                    if row.signage == "absent":
                        image = synthetic.river_scene(rng, distance=True)
                    else:
                        image = synthetic.sign_scene(
                            _sign_lines(
                                name=row.name, code=row.code, category=row.category, items=items
                            ),
                            qr=SignageItem.QR.value in items,
                        )
                else:
                    image = synthetic.river_scene(rng, distance=kind is PhotoKind.OUTFALL_DISTANCE)
                name = f"IMG_{start.astimezone(dt.timezone(dt.timedelta(hours=8))):%Y%m%d}_{n:02d}{k}.jpg"
                data = synthetic.encode(image, tags)
                # A size from the name, not from `rng`: the rest of the demo stays as it was.
                size = 70_000 + zlib.crc32(name.encode()) % 40_000
                (folder / name).write_bytes(pad_jpeg(data, size))
                plan.append((name, kind.value, row.id))
                if special in ((0, 1), (1, 0), (2, 1), (3, 0)):
                    review_later.append(name)
        report = import_folder(db, folder, workers=1, collect=True)
    by_name = {Path(p.path).name: p for p in report.photos}
    to_accept = [
        by_name[name].sha256 for name, _, _ in plan if name not in review_later and name in by_name
    ]
    review.accept(db, to_accept)
    with db.write(reason=keyed("reason.demo_photos")) as w:
        for name, kind_key, inspection_id in plan:
            photo = by_name.get(name)
            if photo is None:
                continue
            w.update(Photo, photo.sha256, {"kind": kind_key})
            if kind_key == PhotoKind.SIGNAGE.value and name not in review_later:
                row = next(r for r in chosen if r.id == inspection_id)
                signage.write_signage_check(
                    w,
                    inspection_id=inspection_id,
                    state=SignageState.of(row.signage),
                    shown=builder_items(row.signage_items),
                    photo_id=photo.sha256,
                )


def pad_jpeg(data: bytes, size: int) -> bytes:
    """`data` (a JPEG) grown to exactly `size` bytes with comment segments before its
    scan, or unchanged if it is already larger.

    The demo's pictures are drawn the same everywhere, but their encoded size depends on
    the JPEG library Pillow was built with, and screens show sizes: padded to a size
    chosen by the seed, a photo shows the same number on every machine."""
    if len(data) + 4 > size:
        return data
    at = 2  # after SOI: walk the segments to the start of scan
    while at + 4 <= len(data) and data[at] == 0xFF and data[at + 1] != 0xDA:
        at += 2 + int.from_bytes(data[at + 2 : at + 4], "big")
    if at + 2 > len(data) or data[at : at + 2] != b"\xff\xda":
        return data
    gap = size - len(data)
    comments = bytearray()
    while gap > 0:
        # A comment segment is 4 bytes of marker and length, then up to 65,533 bytes.
        body = min(gap - 4, 65_533)
        if body < 0 or (gap - 4 - body) in (1, 2, 3):
            body = max(0, gap - 4 - 4)
        comments += b"\xff\xfe" + (body + 2).to_bytes(2, "big") + b" " * body
        gap -= 4 + body
    return data[:at] + bytes(comments) + data[at:]


def _far_from_every_outfall(
    db: Database, row: demo_data.SignageVisit, rng: Any
) -> tuple[float, float]:
    """A point 140 m from the inspected outfall and not within 60 m of any other, so the
    photo is flagged as far whatever the register holds around it."""
    from inspector.services.register import nearby_outfalls

    point = _offset(row.lat, row.lon, 140, rng.uniform(0, 360))
    with db.read() as conn:
        for _ in range(36):
            if not nearby_outfalls(conn, point[0], point[1], 60):
                break
            point = _offset(row.lat, row.lon, 140, rng.uniform(0, 360))
    return point


def builder_items(stored: str | list[str] | None) -> list[str]:
    """Signage items as stored (JSON text) or as a list."""
    if stored is None:
        return []
    if isinstance(stored, str):
        import json

        return list(json.loads(stored))
    return list(stored)
