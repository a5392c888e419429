"""Demo material for sync: a field laptop whose offline work reaches the central record.

The demo database is the city's central record. A second replica (a 武陟县 field laptop)
is made from a full bundle of it, and then both sides work without seeing each other:
the laptop re-measures and annotates a few outfalls, corrects an owner's phone number,
inspects, and registers an outfall it found on the bank; the centre edits some of the
same fields and registers the same outfall from a citizen's report. The laptop's bundle
then arrives at the centre through the real import, so the demo opens with conflicts to
resolve, a possible duplicate to merge, and a bundle history with both directions.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inspector.data import demo as demo_data
from inspector.data.db import Database, open_database
from inspector.domain.choices import Category
from inspector.models import Inspection, Outfall, Owner
from inspector.services import register as reg
from inspector.services.replica import identity, init_replica
from inspector.services.sync.exchange import export_bundle, import_bundle

if TYPE_CHECKING:
    from inspector.services.demo import DemoBuilder

LAPTOP_NAME = "武陟县巡查终端（演示）"
# Codes are given, not generated: generated ones carry the replica's random tag, and a
# demo built twice with one seed must be the same register.
_TYPE = Category.OTH_RURAL_SEWAGE.type_code
_BOX_SIZES = ("1.2×0.8 m", "1.0×0.8 m", "1.5×1.0 m")
"""Box mouths as measured on site and as a design drawing has them."""


def add_field_laptop(db: Database, builder: DemoBuilder) -> None:
    rng = builder.rng
    staff = builder.staff["410823"]
    with db.read() as conn:
        rows = demo_data.field_picks(conn, county="410823")
    picks = rng.sample(rows, 6)
    owner_id = next((r.owner_id for r in rows if r.owner_id and r not in picks), None)
    with tempfile.TemporaryDirectory(prefix=".demo-laptop-", dir=db.path.parent) as tmp:
        folder = Path(tmp)
        laptop = open_database(folder / "laptop.db")
        init_replica(laptop, name=LAPTOP_NAME, role="field", region="410823", user=staff[0])
        start = folder / "register.bundle"
        export_bundle(db, start, everything=True)
        import_bundle(laptop, start, trust=True)
        central_id = identity(db).id

        found_at = picks[5]
        lat, lon = found_at.lat + 0.012, found_at.lon + 0.009
        new_outfall: dict[str, Any] = {
            "county_code": "410823",
            "township": "大封镇",
            "lat": lat,
            "lon": lon,
            "river": found_at.river,
            "category": Category.OTH_RURAL_SEWAGE.value,
            "entry_mode": "pipe",
        }
        # What the two sides disagree on stays true to the outfall: a size in the way its
        # mouth is measured, a discharge pattern a storm outlet can have.
        from inspector.services.demo import STORM_CATEGORIES

        # Two values, neither the one stored: each side's edit is a real change, so the
        # two meet as a conflict.
        round_mouth = picks[0].mouth_shape == "circular"
        sizes = ("DN800", "DN600", "DN1000") if round_mouth else _BOX_SIZES
        measured, drawn = [v for v in sizes if v != picks[0].mouth_size][:2]
        survey = "现场实测管径" if round_mouth else "现场实测"
        storm = Category.of(picks[1].category) in STORM_CATEGORIES
        patterns = (
            ("intermittent", "rain_only", "none")
            if storm
            else ("continuous", "intermittent", "rain_only")
        )
        seen, booked = [v for v in patterns if v != picks[1].discharge_pattern][:2]
        # The laptop, offline by the river.
        with laptop.write(actor=staff[1], reason="现场复核") as w:
            w.update(
                Outfall, picks[0].id, {"mouth_size": measured, "notes": f"{survey} {measured}"}
            )
            w.update(Outfall, picks[1].id, {"discharge_pattern": seen})
            w.update(Outfall, picks[2].id, {"notes": "排口下游 20 米有明显黑臭水体"})
            if owner_id is not None:
                w.update(Owner, owner_id, {"phone": "13937120456"}, reason="责任主体联系人更换")
            w.create(
                Inspection,
                {
                    "outfall_id": picks[3].id,
                    # Yesterday afternoon, the last working day before the demo's today.
                    "started_at": builder.end - dt.timedelta(hours=2, minutes=30),
                    "inspectors": [staff[1], staff[2]],
                    "flow_present": True,
                    "colour": "grey",
                    "colour_severity": 2,
                    "odour": "sewage",
                    "odour_severity": 2,
                    "suspicion": "suspect",
                    "follow_up": True,
                    "notes": "离线记录，待同步",
                },
            )
            reg.create_outfall(
                w,
                {
                    **new_outfall,
                    "name": "武陟县大封镇村东沟渠排口（巡查新发现）",
                    "code": f"410823{_TYPE}90001",
                },
                reason="二级排查：徒步新发现",
            )
        # Meanwhile at the centre, the same fields from the desk.
        with db.write(actor="市局" + builder.person(), reason="内业核对") as w:
            w.update(Outfall, picks[0].id, {"mouth_size": drawn, "notes": f"按设计图纸为 {drawn}"})
            w.update(Outfall, picks[1].id, {"discharge_pattern": booked})
            w.update(Outfall, picks[2].id, {"notes": "群众反映夜间有异味"})
            if owner_id is not None:
                w.update(Owner, owner_id, {"phone": "13703910788"}, reason="电话回访更新")
            reg.create_outfall(
                w,
                {
                    **new_outfall,
                    "lat": lat + 0.00003,
                    "name": "大封镇村东排污口（群众举报）",
                    "code": f"410823{_TYPE}90002",
                },
                reason="12345 群众举报",
            )
        report = folder / "laptop-to-centre.bundle"
        export_bundle(laptop, report, to=central_id)
        import_bundle(db, report, trust=True)
        # The centre's reply, which the laptop would take home as its receipt.
        export_bundle(db, folder / "centre-to-laptop.bundle", to=LAPTOP_NAME)
        laptop.dispose()
