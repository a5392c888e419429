"""The demo database: a realistic 焦作 register, built by living through the campaign.

Each outfall gets a history (registered, checked on site, traced, remediated, signed
off, inspected) scheduled between 2023 and today. All events of all outfalls are run in
time order through the real workflows, on a simulated clock, so the demo's change
history reads like a real one and every lifecycle rule is honoured along the way.

`size="large"` builds a million outfalls directly (no simulated history) for
performance work.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import importlib
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inspector.data.db import Database, open_database
from inspector.data.reference import ReferenceData
from inspector.data.writer import Writer
from inspector.domain import credit_code
from inspector.domain.choices import (
    ApprovalKind,
    AssignmentBasis,
    Bank,
    Category,
    Colour,
    DischargePattern,
    EntryMode,
    Floatable,
    Measure,
    MouthShape,
    Odour,
    OwnerKind,
    ProtectedArea,
    SignageItem,
    SignageState,
    State,
    Suspicion,
    TaskSource,
    TraceMethod,
    TraceResult,
    Violation,
)
from inspector.domain.hlc import HybridClock
from inspector.domain.ids import reproducible
from inspector.domain.lifecycle import STORM_OUTLETS, needs_setting_approval
from inspector.domain.periods import today as calendar_today
from inspector.locations import package_resource
from inspector.models import Inspection, Outfall, Remediation
from inspector.services import register as reg
from inspector.services.replica import init_replica

Progress = Callable[[float], None]

SMALL_OUTFALLS = 2200
LARGE_OUTFALLS = 1_000_000
CAMPAIGN_START = dt.datetime(2023, 2, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
CST = dt.timezone(dt.timedelta(hours=8))
WORKDAY_START = dt.timedelta(hours=8, minutes=30)
WORKDAY_LENGTH = dt.timedelta(hours=9)

#: (category, weight, owner kind). Owner kinds: company, farm, wwtp, municipal, village, unknown.
CATEGORY_MIX: tuple[tuple[Category, int, str], ...] = (
    (Category.OTH_URBAN_STORM, 26, "municipal"),
    (Category.OTH_RURAL_SEWAGE, 15, "village"),
    (Category.IND_ENT_FACTORY, 13, "company"),
    (Category.OTH_URBAN_SEWAGE, 9, "municipal"),
    (Category.AGR_LIVESTOCK, 6, "farm"),
    (Category.IND_STORM_FACTORY, 5, "company"),
    (Category.OTH_IRRIGATION, 5, "municipal"),
    (Category.OTH_SMALL_LIVESTOCK, 4, "farm"),
    (Category.URBAN_WWTP, 3, "wwtp"),
    (Category.OTH_RURAL_WWTP, 3, "village"),
    (Category.IND_PARK_WWTP, 2, "wwtp"),
    (Category.AGR_AQUACULTURE, 2, "farm"),
    (Category.IND_ENT_MINE, 1, "company"),
    (Category.UNDETERMINED, 6, "unknown"),
)

#: Final lifecycle state and its share of the register.
STATE_MIX: tuple[tuple[State, int], ...] = (
    (State.SUSPECTED, 4),
    (State.REJECTED, 4),
    (State.CONFIRMED, 8),
    (State.TRACED, 10),
    (State.IN_REMEDIATION, 16),
    (State.REMEDIATED, 8),
    (State.PRE_CLOSED, 6),
    (State.CLOSED, 6),
    (State.IN_SERVICE, 24),
    (State.ABOLISHED, 14),
)

#: Share of outfalls per county (rural counties along the Yellow and Qin rivers have more).
COUNTY_WEIGHTS = {
    "410802": 4, "410803": 6, "410804": 5, "410811": 5, "410821": 12, "410822": 10,
    "410823": 16, "410825": 12, "410882": 13, "410883": 11, "410800SFQ": 6,
}  # fmt: skip

#: Mouth shapes an entry mode allows (three each: one draw, as the demo always made).
SHAPES_BY_ENTRY: dict[EntryMode, tuple[MouthShape, MouthShape, MouthShape]] = {
    EntryMode.PIPE: (MouthShape.CIRCULAR,) * 3,
    EntryMode.PUMP_STATION: (MouthShape.CIRCULAR,) * 3,
    EntryMode.OPEN_CHANNEL: (MouthShape.TRAPEZOIDAL, MouthShape.RECTANGULAR, MouthShape.IRREGULAR),
    EntryMode.BOX_CULVERT: (MouthShape.RECTANGULAR,) * 3,
    EntryMode.SLUICE: (MouthShape.RECTANGULAR, MouthShape.ARCH, MouthShape.RECTANGULAR),
    EntryMode.OTHER: (MouthShape.CIRCULAR, MouthShape.RECTANGULAR, MouthShape.ARCH),
}
_ROUND = ("DN300", "DN400", "DN600", "DN800", "DN1000", "DN1200", "DN1500")
_BOX = ("0.6×0.4 m", "0.8×0.6 m", "1.0×0.8 m", "1.2×0.8 m", "1.5×1.0 m", "2.0×1.5 m", "2.5×2.0 m")
_CHANNEL = (
    "上宽1.2 m",
    "上宽1.5 m",
    "上宽2.0 m",
    "上宽2.5 m",
    "上宽3.0 m",
    "上宽4.0 m",
    "上宽5.0 m",
)
#: Mouth sizes by shape: a diameter for round ones, width by height for boxes and arches.
SIZES_BY_SHAPE: dict[MouthShape, tuple[str, ...]] = {
    MouthShape.CIRCULAR: _ROUND,
    MouthShape.RECTANGULAR: _BOX,
    MouthShape.ARCH: _BOX,
    MouthShape.TRAPEZOIDAL: _CHANNEL,
    MouthShape.IRREGULAR: _CHANNEL,
}
STORM_CATEGORIES = frozenset(
    c for c in Category if ".storm" in c.value or c.value.endswith("storm")
)
#: Storm outlets discharge when it rains (five: one draw from as many as every pattern).
STORM_PATTERNS = (
    DischargePattern.RAIN_ONLY,
    DischargePattern.RAIN_ONLY,
    DischargePattern.RAIN_ONLY,
    DischargePattern.INTERMITTENT,
    DischargePattern.NONE,
)

REJECT_REASONS = (
    "现场核实为农田灌溉退水口，非排污口",
    "为自然沟渠汇水口，无排污来源",
    "已废弃多年，管道已封堵",
    "遥感影像误判，现场无排口",
)


#: Further demo material ("module:function", called with the database and the builder
#: once the register is built), contributed by the areas that own it.
EXTRAS: tuple[str, ...] = (
    "inspector.services.demo_photos:add_demo_photos",
    "inspector.services.demo_plans:build",
    # The field laptop's bundle edits records the other extras have made.
    "inspector.services.demo_sync:add_field_laptop",
    # After everything else, so the ids drawn before it stay as they were.
    "inspector.services.demo_map:add_demo_layers",
)


def load_material() -> dict[str, Any]:
    path = package_resource("assets") / "demo" / "jiaozuo.json"
    return dict(json.loads(path.read_text(encoding="utf-8")))


class SimClock:
    """The simulated wall clock the demo's operations are stamped with."""

    def __init__(self) -> None:
        self.now = CAMPAIGN_START

    def ms(self) -> int:
        return int(self.now.timestamp() * 1000)


@dataclass(order=True)
class Event:
    at: dt.datetime
    order: int
    action: Callable[[Writer], None] = field(compare=False)
    actor: str = field(compare=False, default="")


@dataclass
class Plan:
    """What will happen to one outfall over the campaign."""

    index: int
    county: str
    river: str
    township: str
    category: Category
    owner_kind: str
    final: State
    lat: float
    lon: float
    name: str
    registered: dt.datetime
    outfall_id: str = ""
    measure: Measure | None = None
    protected: bool = False
    """In a drinking-water source protection area: banned (依法取缔)."""
    immediate: bool = False
    """立行立改: remediated straight after confirmation, before any owner is known."""
    bank: str = "unknown"
    """The bank its name gives (左岸 left, 右岸 right): the stored field says the same."""
    completes: dt.datetime | None = None
    """When its remediation works are done (always before today), if they are."""


class DemoBuilder:
    def __init__(self, db: Database, *, seed: int, today: dt.date | None = None) -> None:
        self.db = db
        self.rng = random.Random(seed)
        self.material = load_material()
        with db.read() as conn:
            self.ref = ReferenceData.load(conn)
        self.today = today or calendar_today()
        self.end = dt.datetime.combine(self.today, dt.time(18, 0), CST) - dt.timedelta(days=1)
        self.clock = SimClock()
        self._order = 0
        self.events: list[Event] = []
        self.counters: dict[tuple[str, str], int] = {}
        self.staff = self._staff()
        self.owner_cache: dict[str, str] = {}
        self.wwtps: dict[str, list[Plan]] = {}
        self.plans: list[Plan] = []
        """Every outfall's plan, once `run` has built the register."""
        self.last_heading: float | None = None
        """The river's direction (degrees) at the last point `point_on_river` gave."""

    # -- people and names ------------------------------------------------------------------

    def person(self) -> str:
        m = self.material
        return self.rng.choice(m["surnames"]) + self.rng.choice(m["given_names"])

    def phone(self) -> str:
        return (
            "1" + self.rng.choice("3578") + "".join(self.rng.choice("0123456789") for _ in range(9))
        )

    def _staff(self) -> dict[str, list[str]]:
        return {county: [self.person() for _ in range(5)] for county in COUNTY_WEIGHTS}

    def village(self) -> str:
        m = self.material
        return (
            self.rng.choice(m["village_prefixes"])
            + self.rng.choice(m["surnames"])
            + self.rng.choice(m["village_suffixes"])
            + "村"
        )

    def credit(self, prefix: str, county: str) -> str:
        body = (
            prefix
            + county[:6]
            + "".join(self.rng.choice(credit_code.ALPHABET[:10] + "ABCDEFGH") for _ in range(9))
        )
        return body + credit_code.check_character(body)

    # -- geography -------------------------------------------------------------------------

    def point_on_river(self, river: str, county: str) -> tuple[float, float]:
        """A point on the bank of the river (its synthetic line, `demo_map`), inside the
        county where possible.

        The random draws are the ones this method has always made, and the test of
        whether a try falls in the county is made on the coarse course as before: every
        other draw of the demo (names, states, histories) stays as it was.
        """
        from inspector.services.demo_map import demo_rivers, place_on_river

        line = self.material["rivers"].get(river)
        dense = demo_rivers().get(river)
        self.last_heading = None
        bbox = self.ref.regions[county].bbox
        assert bbox is not None
        for _ in range(40):
            if line:
                i = self.rng.randrange(len(line) - 1)
                f = self.rng.random()
                lat = line[i][0] + (line[i + 1][0] - line[i][0]) * f
                lon = line[i][1] + (line[i + 1][1] - line[i][1]) * f
                g_lat = self.rng.gauss(0, 0.003)
                g_lon = self.rng.gauss(0, 0.003)
                if dense is not None and bbox.contains(lat + g_lat, lon + g_lon):
                    blat, blon, self.last_heading = place_on_river(dense, i, f, g_lon, g_lat)
                    # Kept in the county's box (a meander may swing just out of it).
                    blat = min(max(blat, bbox.south), bbox.north)
                    blon = min(max(blon, bbox.west), bbox.east)
                    return round(blat, 6), round(blon, 6)
                lat += g_lat
                lon += g_lon
            else:
                lat = self.rng.uniform(bbox.south, bbox.north)
                lon = self.rng.uniform(bbox.west, bbox.east)
            if bbox.contains(lat, lon):
                return round(lat, 6), round(lon, 6)
        return (
            round(self.rng.uniform(bbox.south, bbox.north), 6),
            round(self.rng.uniform(bbox.west, bbox.east), 6),
        )

    def rivers_of(self, county: str) -> list[str]:
        # In a fixed order of their own, not the reference data's: the demo's random
        # choices (and so every screen built on it) must not move when that order does.
        return sorted(r.name for r in self.ref.rivers.values() if county in r.regions)

    # -- planning --------------------------------------------------------------------------

    def plan_outfalls(self, count: int) -> list[Plan]:
        rng = self.rng
        counties = list(COUNTY_WEIGHTS)
        weights = list(COUNTY_WEIGHTS.values())
        cats = [c for c, _, _ in CATEGORY_MIX]
        cat_w = [w for _, w, _ in CATEGORY_MIX]
        owner_kind = {c: k for c, _, k in CATEGORY_MIX}
        states = [s for s, _ in STATE_MIX]
        state_w = [w for _, w in STATE_MIX]
        plans = []
        for i in range(count):
            county = rng.choices(counties, weights)[0]
            river = rng.choice(self.rivers_of(county))
            category = rng.choices(cats, cat_w)[0]
            final = rng.choices(states, state_w)[0]
            if category is Category.UNDETERMINED and final not in (
                State.SUSPECTED,
                State.CONFIRMED,
                State.REJECTED,
                State.TRACED,
            ):
                category = Category.OTH_URBAN_STORM
            if category in STORM_OUTLETS and final is State.ABOLISHED:
                # 严禁合并、封堵城镇雨洪排口: a town's storm outlet is kept, never removed.
                final = State.IN_SERVICE
            township = rng.choice(self.material["townships"][county])
            lat, lon = self.point_on_river(river, county)
            # Most outfalls were found in the 2023 investigation; the rest trickle in.
            days = int(rng.triangular(0, (self.end - CAMPAIGN_START).days * 0.9, 60))
            registered = CAMPAIGN_START + dt.timedelta(days=days, minutes=rng.randrange(0, 480))
            plan = Plan(
                i,
                county,
                river,
                township,
                category,
                owner_kind[category],
                final,
                lat,
                lon,
                "",
                registered,
            )
            plan.name = self.outfall_name(plan)
            if final is State.ABOLISHED and i % 9 == 4:
                plan.protected = True
            if (
                final in (State.IN_REMEDIATION, State.REMEDIATED, State.PRE_CLOSED)
                and owner_kind[category] in ("village", "municipal", "unknown")
                and i % 11 == 3
            ):
                plan.immediate = True
            plans.append(plan)
            if category in (Category.URBAN_WWTP, Category.IND_PARK_WWTP) and final not in (
                State.REJECTED,
                State.ABOLISHED,
                State.SUSPECTED,
            ):
                self.wwtps.setdefault(county, []).append(plan)
        return plans

    def outfall_name(self, plan: Plan) -> str:
        county = self.ref.regions[plan.county].name_zh
        key = (plan.county, plan.river)
        self.counters[key] = self.counters.get(key, 0) + 1
        n = self.counters[key]
        bank = self.rng.choice(("左岸", "右岸"))
        plan.bank = Bank.parse(bank).value  # type: ignore[union-attr]
        place = (
            self.village()
            if "街道" not in plan.township
            else self.rng.choice(self.material["landmarks"])
        )
        return f"{county}{plan.township}{place}{plan.river}{bank}{n}#{plan.category.zh}"

    # -- scheduling ------------------------------------------------------------------------

    def at(self, when: dt.datetime, actor: str, action: Callable[[Writer], None]) -> None:
        self._order += 1
        heapq.heappush(self.events, Event(when, self._order, action, actor))

    def on_duty(self, when: dt.datetime) -> dt.datetime:
        """`when` moved into the working day (08:30 to 17:30, Beijing) of its own date.

        The schedule draws its gaps in fractions of days, so times of day came out even
        over the clock: inspections at three in the morning. Squeezing each day's 24 hours
        into its working hours keeps every outfall's events in their order.
        """
        local = when.astimezone(CST)
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        fraction = (local - midnight) / dt.timedelta(days=1)
        duty = midnight + WORKDAY_START + fraction * WORKDAY_LENGTH
        return min(duty, self.end)

    def schedule(self, plan: Plan) -> None:
        """Lay out this outfall's history up to its final state, all before today."""
        rng = self.rng
        staff = self.staff[plan.county]
        path = self._path(plan)
        gaps = [rng.uniform(*span) for _, span in path]
        total = sum(gaps)
        room = (self.end - plan.registered).total_seconds() / 86400
        if total > room:
            gaps = [g * room / total * 0.95 for g in gaps]
        when = plan.registered
        self.at(self.on_duty(when), rng.choice(staff), functools.partial(self._register, plan=plan))
        inspect_from: dt.datetime | None = None
        for (step, _), gap in zip(path, gaps, strict=True):
            when = when + dt.timedelta(days=gap, minutes=rng.randrange(0, 300))
            actor = (
                rng.choice(staff)
                if step not in ("county", "city")
                else ("县局" + self.person() if step == "county" else "市局" + self.person())
            )
            duty = self.on_duty(when)
            self.at(duty, actor, functools.partial(self._step, plan=plan, step=step, when=duty))
            if step == "confirm":
                inspect_from = when
            if step == "complete":
                plan.completes = duty
        if inspect_from is not None and plan.final is not State.REJECTED:
            span = (self.end - inspect_from).days
            for _ in range(rng.choice((0, 1, 1, 2, 2, 3, 4))):
                if span < 2:
                    break
                when = self.on_duty(
                    inspect_from + dt.timedelta(days=rng.uniform(1, span), hours=rng.uniform(0, 8))
                )
                self.at(
                    when,
                    rng.choice(staff),
                    functools.partial(
                        self._inspect, plan=plan, when=when, source=TaskSource.ROUTINE
                    ),
                )

    def _path(self, plan: Plan) -> list[tuple[str, tuple[float, float]]]:
        f = plan.final
        steps: list[tuple[str, tuple[float, float]]] = []
        if f is State.SUSPECTED:
            return steps
        if f is State.REJECTED:
            return [("confirm", (5, 60))] if self.rng.random() < 0.3 else [("reject", (5, 90))]
        steps.append(("confirm", (5, 60)))
        if f is State.CONFIRMED:
            return steps
        if plan.immediate:
            # 立行立改: a simple problem fixed at once, no owner looked for first.
            steps.append(("plan_now", (1, 10)))
            steps.append(("complete", (5, 30)))
            if f is State.IN_REMEDIATION:
                return steps[:-1]
            if f is State.REMEDIATED:
                return steps
            steps.append(("county", (10, 45)))
            return steps
        steps.append(("trace", (20, 200)))
        if f is State.TRACED:
            if self.rng.random() < 0.4:
                steps.append(("draft_plan", (10, 90)))  # a plan made, works not yet begun
            return steps
        if f is State.IN_SERVICE and plan.owner_kind == "wwtp" and self.rng.random() < 0.5:
            steps.append(("approve", (10, 90)))
            return steps
        steps.append(("plan", (15, 120)))
        if f is State.IN_REMEDIATION:
            if self.rng.random() < 0.15:
                steps.append(("replan", (30, 180)))  # the first plan was revised
            return steps
        steps.append(("complete", (60, 400)))
        if f is State.REMEDIATED:
            return steps
        steps.append(("county", (10, 45)))
        if f is State.PRE_CLOSED:
            return steps
        steps.append(("city", (15, 60)))
        if f is State.CLOSED:
            return steps
        steps.append(("settle", (1, 30)))
        return steps

    # -- the events ------------------------------------------------------------------------

    def _register(self, w: Writer, plan: Plan) -> None:
        rng = self.rng
        level = 1 if plan.final is State.SUSPECTED or rng.random() < 0.35 else 2
        # Fields that describe one fact agree with each other and with the name: the
        # bank is the name's, a pipe's mouth is round and sized by diameter, a culvert's
        # is a box, a storm outlet discharges when it rains. Each value is still one draw
        # from a list of the same length as before, so every later random choice of the
        # demo (and the plans drawn from it by hash) stays as it was, drawn in its order.
        accuracy = round(rng.uniform(3, 15), 1)
        rng.choice(("left", "right"))  # was the bank, drawn apart from the name's
        entry = EntryMode.of(rng.choice([m.value for m in EntryMode]))
        shape = rng.choice(SHAPES_BY_ENTRY[entry])
        size = rng.choice(SIZES_BY_SHAPE[shape])
        pattern = rng.choice(
            STORM_PATTERNS if plan.category in STORM_CATEGORIES else tuple(DischargePattern)
        ).value
        values: dict[str, Any] = {
            "name": plan.name,
            "county_code": plan.county,
            "township": plan.township,
            "lat": plan.lat,
            "lon": plan.lon,
            "accuracy_m": accuracy,
            "position_source": "typed",
            "river": plan.river,
            "bank": plan.bank,
            "category": plan.category.value,
            "entry_mode": entry.value,
            "mouth_shape": shape.value,
            "mouth_size": size,
            "discharge_pattern": pattern,
            "investigation_level": level,
            "in_national_platform": rng.choice(("yes", "yes", "no", "unverified")),
            "code": f"{plan.county}{plan.category.type_code}{plan.index + 1:05d}",
        }
        if plan.protected:
            values["protected_area"] = ProtectedArea.DRINKING_WATER.value
        if rng.random() < 0.4:
            values["national_code"] = (
                f"HH{plan.county}{plan.category.type_code}{rng.randrange(10**7):07d}"
            )
            # The national unified code is given by the national platform.
            values["in_national_platform"] = "yes"
        plan.outfall_id = reg.create_outfall(
            w, values, reason="一级排查:无人机遥感解译" if level == 1 else "二级排查:人工徒步核查"
        )

    def _step(self, w: Writer, plan: Plan, step: str, when: dt.datetime) -> None:
        rng = self.rng
        oid = plan.outfall_id
        if step == "confirm":
            reg.transition(w, oid, State.CONFIRMED, reason="现场核实确认为入河排污口")
            self._inspect(w, plan, when, TaskSource.ROUTINE)
            if plan.final is State.REJECTED:
                reg.transition(w, oid, State.REJECTED, reason=rng.choice(REJECT_REASONS))
        elif step == "reject":
            reg.transition(w, oid, State.REJECTED, reason=rng.choice(REJECT_REASONS))
        elif step == "trace":
            self._trace(w, plan, when)
        elif step == "approve":
            w.update(
                Outfall,
                oid,
                {
                    "approval_no": f"焦环审〔{when.year}〕{rng.randrange(1, 200)}号",
                    "approval_kind": ApprovalKind.APPROVAL.value,
                },
            )
            reg.transition(
                w, oid, State.IN_SERVICE, reason="已取得入河排污口设置审批，纳入日常监管"
            )
        elif step == "plan":
            self._plan_remediation(w, plan, when)
            reg.transition(w, oid, State.IN_REMEDIATION, reason="整治方案已批复，启动整治")
        elif step == "plan_now":
            self._plan_remediation(w, plan, when)
            reg.transition(w, oid, State.IN_REMEDIATION, reason="问题简单，立行立改")
        elif step == "draft_plan":
            self._plan_remediation(w, plan, when)
        elif step == "replan":
            old = reg.current_remediation(w, oid)
            assert old is not None
            w.update(
                Remediation, old["id"], {"status": "cancelled"}, reason="原方案不可行，重新制定"
            )
            self._plan_remediation(w, plan, when)
            w.update(Remediation, reg.current_remediation(w, oid)["id"], {"status": "in_progress"})  # type: ignore[index]
        elif step == "complete":
            measure = plan.measure or Measure.STANDARDISE
            evidence = {
                Measure.BAN: "排口已封堵，管道已拆除，现场照片及封堵记录存档",
                Measure.MERGE: "污水已接入市政管网，原排口封堵，接管证明存档",
                Measure.STANDARDISE: "已设置规范化排放口、标志牌及采样井，完成排污许可登记",
            }[measure]
            passed = rng.random() < 0.92
            reg.record_completion(
                w,
                oid,
                evidence=evidence,
                retest_result="复测达标" if passed else "复测氨氮超标，已督促整改",
                retest_passed=passed,
                reason="整治完成，提交佐证材料",
            )
        elif step == "county":
            reg.county_signoff(
                w, oid, by=w.actor, on=when.date(), reason="县级核查通过，同意预销号"
            )
        elif step == "city":
            reg.city_signoff(w, oid, by=w.actor, on=when.date(), reason="市级审核通过，予以销号")
        elif step == "settle":
            if plan.measure is Measure.STANDARDISE and needs_setting_approval(plan.category):
                # 部令第35号: kept only with a setting approval, obtained with the works.
                w.update(
                    Outfall,
                    oid,
                    {
                        "approval_no": f"焦环审〔{when.year}〕{rng.randrange(1, 200)}号",
                        "approval_kind": ApprovalKind.APPROVAL.value,
                    },
                )
            reg.settle_closed(w, oid, reason="销号后按整治类型转入长效监管或注销")

    def _owner(self, w: Writer, plan: Plan) -> str:
        rng = self.rng
        m = self.material
        county = self.ref.regions[plan.county].name_zh
        if plan.owner_kind == "company":
            # Some companies own several outfalls in the same county.
            key = f"company:{plan.county}:{rng.randrange(0, 60)}"
            if key in self.owner_cache:
                return self.owner_cache[key]
            suffix, industry = rng.choice(m["company_kinds"])
            values = {
                "name": f"{county}{rng.choice(m['company_words'])}{suffix}",
                "credit_code": self.credit("91", plan.county),
                "kind": OwnerKind.ENTERPRISE.value,
                "industry": industry,
                "address": f"{county}{plan.township}",
                "contact": self.person(),
                "phone": self.phone(),
                "permit_no": f"91{plan.county}{rng.randrange(10**9):09d}001P",
            }
        elif plan.owner_kind == "farm":
            key = f"farm:{plan.index}"
            suffix, industry = rng.choice(m["farm_kinds"])
            surname = rng.choice(m["surnames"])
            individual = rng.random() < 0.3
            values = {
                "name": f"{county}{plan.township}{surname}{'某' if individual else rng.choice(m['company_words'])}{suffix}",
                "kind": (OwnerKind.INDIVIDUAL if individual else OwnerKind.ENTERPRISE).value,
                "industry": industry,
                "contact": self.person(),
                "phone": self.phone(),
            }
            if not individual:
                values["credit_code"] = self.credit("93", plan.county)
        elif plan.owner_kind == "wwtp":
            key = f"wwtp:{plan.county}:{rng.randrange(0, 3)}"
            if key in self.owner_cache:
                return self.owner_cache[key]
            values = {
                "name": f"{county}{rng.choice(('第一', '第二', '城东', '城西', '产业集聚区'))}污水处理厂",
                "credit_code": self.credit("91", plan.county),
                "kind": OwnerKind.ENTERPRISE.value,
                "industry": "水的生产和供应业",
                "contact": self.person(),
                "phone": self.phone(),
            }
        elif plan.owner_kind == "village":
            key = f"village:{plan.county}:{plan.township}:{rng.randrange(0, 8)}"
            if key in self.owner_cache:
                return self.owner_cache[key]
            values = {
                "name": f"{county}{plan.township}{self.village()}村民委员会",
                "credit_code": self.credit("54", plan.county),
                "kind": OwnerKind.VILLAGE.value,
                "contact": self.person(),
                "phone": self.phone(),
            }
        else:  # municipal drainage
            key = f"municipal:{plan.county}"
            if key in self.owner_cache:
                return self.owner_cache[key]
            values = {
                "name": f"{county}住房和城乡建设局",
                "credit_code": self.credit("11", plan.county),
                "kind": OwnerKind.GOVERNMENT.value,
                "industry": "公共管理",
            }
        owner_id = reg.find_or_create_owner(w, values)
        self.owner_cache[key] = owner_id
        return owner_id

    def _trace(self, w: Writer, plan: Plan, when: dt.datetime) -> None:
        rng = self.rng
        oid = plan.outfall_id
        methods = rng.sample([m.value for m in TraceMethod], rng.randint(1, 3))
        backstop = plan.owner_kind == "unknown" or rng.random() < 0.05
        reg.add_trace_record(
            w,
            oid,
            {
                "methods": methods,
                "route_notes": "沿排口上溯管网约" + str(rng.randrange(50, 1500)) + "米",
                "conclusion": "未能查明排放主体，由县级人民政府兜底"
                if backstop
                else "已查明排放主体",
                "result": (
                    TraceResult.NO_OWNER_FOUND if backstop else TraceResult.OWNER_FOUND
                ).value,
                "traced_on": when.date(),
                "staff": w.actor,
            },
        )
        if backstop:
            reg.assign_government_backstop(w, oid, evidence="溯源未果", reason="政府兜底")
        else:
            reg.assign_owner(
                w,
                oid,
                self._owner(w, plan),
                basis=AssignmentBasis.TRACED,
                evidence="溯源调查报告",
                valid_from=when.date(),
            )
        reg.transition(w, oid, State.TRACED, reason="溯源完成，明确责任主体")

    def _plan_remediation(self, w: Writer, plan: Plan, when: dt.datetime) -> None:
        rng = self.rng
        if plan.protected:
            measure = Measure.BAN  # 饮用水水源保护区: banned by law
        elif plan.category in STORM_OUTLETS:
            measure = Measure.STANDARDISE  # 严禁合并、封堵城镇雨洪排口
        elif plan.final is State.ABOLISHED:
            measure = Measure.MERGE if rng.random() < 0.5 else Measure.BAN
        elif plan.final in (State.IN_SERVICE, State.CLOSED) or plan.owner_kind in (
            "wwtp",
            "company",
        ):
            measure = Measure.STANDARDISE
        else:
            measure = rng.choice(
                (Measure.STANDARDISE, Measure.STANDARDISE, Measure.MERGE, Measure.BAN)
            )
        target = None
        if measure is Measure.MERGE:
            targets = [p for p in self.wwtps.get(plan.county, []) if p.outfall_id and p is not plan]
            if targets:
                target = rng.choice(targets).outfall_id
            else:
                measure = Measure.BAN
        plan.measure = measure
        deadline = (when + dt.timedelta(days=rng.randint(90, 540))).date()
        transition_end = None
        if plan.final is State.IN_REMEDIATION:
            # Works still under way today: most are on time, some are overdue, and some
            # past their deadline are still inside a transition period (过渡期).
            deadline = max(deadline, self.today + dt.timedelta(days=rng.randint(-300, 420)))
            if deadline < self.today and plan.index % 4 == 1:
                transition_end = self.today + dt.timedelta(days=30 + plan.index % 300)
        elif plan.completes is not None and deadline >= self.today:
            # Works already done were due by a day already past (done on time, some days
            # before it): an abolished outfall with its deadline next year read as a
            # remediation still to come. No draw of its own, so the rest stays as it was.
            done = plan.completes.date()
            deadline = done + dt.timedelta(days=plan.index % ((self.today - done).days or 1))
        reg.plan_remediation(
            w,
            plan.outfall_id,
            {
                "measure": measure.value,
                "merge_target_id": target,
                "deadline": deadline,
                "transition_end": transition_end,
                "immediate": plan.immediate,
                "responsible": self.ref.regions[plan.county].backstop_body
                or self.ref.regions[plan.county].name_zh,
                "plan_text": {
                    Measure.BAN: "依法取缔，封堵排口，拆除排污管道",
                    Measure.MERGE: "截污纳管，污水并入污水处理厂后封堵原排口",
                    Measure.STANDARDISE: "设置标志牌和采样井，规范排放口建设，纳入排污许可管理",
                }[measure],
            },
        )

    def _inspect(self, w: Writer, plan: Plan, when: dt.datetime, source: TaskSource) -> None:
        rng = self.rng
        staff = self.staff[plan.county]
        pair = rng.sample(staff, 2)
        flowing = rng.random() < 0.55
        dirty = plan.category in (
            Category.OTH_RURAL_SEWAGE,
            Category.OTH_URBAN_SEWAGE,
            Category.AGR_LIVESTOCK,
            Category.IND_ENT_FACTORY,
        )
        severity = rng.choice((1, 2, 3)) if flowing and dirty and rng.random() < 0.5 else 0
        violation = rng.random() < 0.03 and plan.owner_kind in ("company", "farm")
        signage = rng.choice(list(SignageState))
        items = (
            [i.value for i in SignageItem if rng.random() < 0.8]
            if signage is not SignageState.ABSENT
            else []
        )
        values: dict[str, Any] = {
            "outfall_id": plan.outfall_id,
            "started_at": when,
            "ended_at": when + dt.timedelta(minutes=rng.randint(10, 50)),
            "inspectors": pair,
            "task_source": source.value,
            "flow_present": flowing,
            "flow_level": rng.choice(("trickle", "moderate", "substantial")) if flowing else "none",
            "colour": rng.choice((Colour.GREY, Colour.BROWN, Colour.BLACK)).value
            if severity
            else Colour.CLEAR.value,
            "colour_severity": severity,
            "odour": (Odour.SEWAGE if severity else Odour.NONE).value,
            "odour_severity": severity,
            "turbidity_severity": severity,
            "oil_film_severity": 1 if severity and rng.random() < 0.2 else 0,
            "floatables": (Floatable.TRASH if rng.random() < 0.2 else Floatable.NONE).value,
            "deposits": rng.random() < 0.15,
            "abnormal_vegetation": rng.random() < 0.05,
            "signage": signage.value,
            "signage_items": items,
            "sampled": flowing and rng.random() < 0.4,
            "suspicion": (
                Suspicion.OBVIOUS
                if violation
                else Suspicion.SUSPECT
                if severity >= 2
                else Suspicion.UNLIKELY
            ).value,
            "follow_up": severity >= 2 or violation,
        }
        if values["sampled"]:
            values.update(
                {
                    "water_temp_c": round(rng.uniform(6, 28), 1),
                    "ph": round(rng.uniform(6.2, 8.8), 2),
                    "conductivity_us_cm": round(rng.uniform(300, 2500)),
                    "cod_mg_l": round(rng.uniform(10, 40 + 60 * severity), 1),
                    "nh3n_mg_l": round(rng.uniform(0.2, 2 + 6 * severity), 2),
                    "tp_mg_l": round(rng.uniform(0.05, 0.5 + severity), 2),
                }
            )
        elif flowing:
            values["no_sample_reason"] = rng.choice(
                ("水量过小，不具备采样条件", "排口位于水下，无法采样")
            )
        if violation:
            values["violation"] = Violation.ILLEGAL_DISCHARGE.value
            values["violation_desc"] = "夜间通过暗管偷排未经处理的生产废水，已固定证据并移交执法"
        w.create(Inspection, values)

    # -- running ---------------------------------------------------------------------------

    def run(self, count: int, progress: Progress | None = None) -> list[Plan]:
        """Build the register; returns each outfall's plan (its id, county, fate...)."""
        plans = self.plan_outfalls(count)
        for plan in plans:
            self.schedule(plan)
        total = len(self.events)
        with self.db.write(bulk=True) as w:
            w.clock = HybridClock(last=w.clock.last, clock=self.clock.ms)
            done = 0
            while self.events:
                event = heapq.heappop(self.events)
                self.clock.now = event.at
                w.actor = event.actor
                event.action(w)
                done += 1
                if progress and done % 500 == 0:
                    progress(done / total)
        return plans


CENTRE_NAME = "焦作市生态环境局(演示)"
CENTRE_USER = "演示管理员"


def build_demo(
    path: Path,
    *,
    size: str = "small",
    seed: int = 2024,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> Database:
    """Create the demo database at `path` (which must not exist yet)."""
    db = open_database(path)
    if size == "large":
        init_replica(db, name=CENTRE_NAME, role="central", region="410800", user=CENTRE_USER)
        from inspector.services.demo_large import build_large

        build_large(db, count=LARGE_OUTFALLS, seed=seed, progress=progress)
        from inspector.services.demo_map import add_demo_layers

        add_demo_layers(db)
        return db
    # The same ids on every run: plans are drawn by hashing ids, and the demo should show
    # the same plans (and the same screens) wherever it is built.
    start = dt.datetime.combine(today or calendar_today(), dt.time(), dt.UTC)
    with reproducible(seed, int(start.timestamp() * 1000) - 400 * 86_400_000):
        init_replica(db, name=CENTRE_NAME, role="central", region="410800", user=CENTRE_USER)
        builder = DemoBuilder(db, seed=seed, today=today)
        builder.plans = builder.run(SMALL_OUTFALLS, progress=progress)
        for name in EXTRAS:
            module, _, function = name.partition(":")
            getattr(importlib.import_module(module), function)(db, builder)
    return db
