"""Drawing a county's yearly self-inspection plan from the register, and saving it.

The draw is split in two so that anyone can check it:

- `gather_inputs` reads the register and returns the draw's complete inputs as plain JSON
  (the candidates by stratum, keyed by their public codes, declared conflicts of
  interest, the inspector pool, the seed, the due-date window...). They are stored on
  the plan.
- `compute` turns those inputs into the plan's items without touching the database, by
  the algorithm of `inspector.domain.draw` named in the inputs (plans drawn by an older
  version keep verifying by it). `verify_plan` runs it again on the stored inputs and
  compares, so a plan can be re-drawn on any machine, years later.
- `draw_record` is what is published with the result (一公开): everything the selection
  and the due dates depend on, candidates by public code, no person named;
  `verify_record` re-runs the draw from that record alone, without any database.

The inspector pool is the county's roster (执法人员名录库, `services.plans.roster`)
unless the request names its own.

Which outfalls may be drawn: those of the county that exist as outfalls today, that is
confirmed, traced, in remediation, remediated, pre-closed, closed or in service.
Suspected points are not yet known to be outfalls; rejected and abolished ones are not.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from inspector.data import draw_inputs as draw_data
from inspector.data import plan_items as items_data
from inspector.data import plans as plans_data
from inspector.data import recusals as recusals_data
from inspector.data.areas import Area
from inspector.data.engine import Conn
from inspector.data.outfalls import outfalls_by_code
from inspector.data.reference import ReferenceData
from inspector.data.remediations import overdue_remediations
from inspector.data.writer import Writer
from inspector.domain import draw as rules
from inspector.domain.choices import Category, PlanMethod, State
from inspector.domain.draw import Candidate, DrawError
from inspector.domain.periods import SELF_INSPECTION_DUE
from inspector.i18n import Problem, language
from inspector.i18n.reasons import keyed
from inspector.models import Plan, PlanItem
from inspector.services.register import reader

ELIGIBLE_STATES: tuple[State, ...] = (
    State.CONFIRMED,
    State.TRACED,
    State.IN_REMEDIATION,
    State.REMEDIATED,
    State.PRE_CLOSED,
    State.CLOSED,
    State.IN_SERVICE,
)
STRATA = ("category", "river")
#: Why a targeted plan lists an outfall (each reason adds one to its priority).
TARGET_REASONS = ("violation", "follow_up", "overdue", "uninspected")
#: How long without an inspection makes an outfall "uninspected" for a targeted plan.
UNINSPECTED_DAYS = 365
INPUTS_VERSION = 2
"""2: candidates, priorities and conflicts keyed by public code, with `ids` mapping each
code to its outfall (version 1 keyed everything by internal id)."""
MAX_SEED = 200
RECORD_FORMAT = "outfall-inspector/draw-record"
RECORD_VERSION = 1


@dataclass(frozen=True)
class DrawRequest:
    """What the clerk asks for. `county` may be a code or a name."""

    year: int
    county: str
    inspectors: Sequence[str] | None = None
    """The pool; None takes the county's roster (执法人员名录库)."""
    method: str = PlanMethod.DOUBLE_RANDOM.value
    count: int | None = None
    fraction: str | None = None
    """Exact text ("0.1", "10%", "1/10"), never a float: it is part of the inputs."""
    strata: str | None = None
    seed: str | None = None
    outfalls: Sequence[str] = ()
    """Targeted plans: outfall codes chosen by hand (otherwise chosen by TARGET_REASONS)."""
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True)
class DrawnItem:
    outfall_id: str
    """The outfall's id ("" when computed from a published record, which has none)."""
    stratum: str
    inspector_a: str
    inspector_b: str
    due_date: dt.date
    reasons: tuple[str, ...] = ()
    key: str = ""
    """The candidate's key in the draw: its public code (algorithm 2) or id (1)."""


@dataclass(frozen=True)
class Selected:
    """One item of the selection alone (steps 1-5 and 7): what a published record can
    check without the inspectors' names."""

    key: str
    stratum: str
    due_date: dt.date
    reasons: tuple[str, ...] = ()


@dataclass
class Draft:
    """A computed plan, not yet saved: what `plan draw` prints and the Plans screen
    previews before the clerk confirms."""

    inputs: dict[str, Any]
    items: list[DrawnItem]
    seats: dict[str, int]
    codes: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    """Outfall id -> (code, name, river), for showing the items."""
    county_name: str = ""

    @property
    def year(self) -> int:
        return int(self.inputs["year"])

    @property
    def county(self) -> str:
        return str(self.inputs["county"])

    @property
    def method(self) -> str:
        return str(self.inputs["method"])

    @property
    def seed(self) -> str:
        return str(self.inputs["seed"])

    @property
    def candidate_count(self) -> int:
        return sum(len(ids) for ids in self.inputs["candidates"].values())

    def as_json(self) -> dict[str, Any]:
        public_inputs = {k: v for k, v in self.inputs.items() if k != "candidates"}
        public_inputs["candidate_count"] = self.candidate_count
        public_inputs["candidate_digest"] = candidate_digest(self.inputs)
        return {
            "inputs": public_inputs,
            "seats": self.seats,
            "items": [
                {
                    "outfall_id": it.outfall_id,
                    "code": self.codes.get(it.outfall_id, ("", "", ""))[0],
                    "name": self.codes.get(it.outfall_id, ("", "", ""))[1],
                    "stratum": it.stratum,
                    "inspectors": [it.inspector_a, it.inspector_b],
                    "due_date": it.due_date.isoformat(),
                    "reasons": list(it.reasons),
                }
                for it in self.items
            ],
        }


def candidate_digest(inputs: dict[str, Any]) -> str:
    """SHA-256 of the candidate keys, sorted, one per line: a short fingerprint of the
    register the draw was made from, for the printed record."""
    ids = sorted(i for ids in inputs["candidates"].values() for i in ids)
    return hashlib.sha256("\n".join(ids).encode()).hexdigest()


# -- computing from inputs (no database) ---------------------------------------------------


def select(inputs: dict[str, Any]) -> tuple[list[Selected], dict[str, int]]:
    """Steps 1-5 and 7 of the draw from its inputs alone: the drawn candidates' keys in
    order, with their due dates, and the seats per stratum. No inspector is needed."""
    algorithm = str(inputs.get("algorithm") or rules.ALGORITHM_BY_ID)
    seed, year, county = str(inputs["seed"]), int(inputs["year"]), str(inputs["county"])
    method = PlanMethod.of(inputs["method"])
    candidates = [
        Candidate(key, stratum)
        for stratum, keys in sorted(inputs["candidates"].items())
        for key in keys
    ]
    rules.check_distinct(candidates)
    priority_reasons: dict[str, list[str]] = inputs.get("priority") or {}
    if method is PlanMethod.DOUBLE_RANDOM:
        fraction = rules.parse_fraction(inputs["fraction"]) if inputs.get("fraction") else None
        n = rules.sample_size(len(candidates), count=inputs.get("count"), fraction=fraction)
        chosen, seats = rules.draw_sample(
            candidates, n, seed=seed, year=year, county=county, algorithm=algorithm
        )
    elif method is PlanMethod.FULL_COVERAGE:
        rules.sample_size(len(candidates))
        chosen = rules.ranked(candidates, seed=seed, year=year, county=county, algorithm=algorithm)
        seats = {"": len(chosen)}
    else:
        rules.sample_size(len(candidates))
        order = rules.prioritised(
            candidates,
            {k: len(v) for k, v in priority_reasons.items()},
            seed=seed,
            year=year,
            county=county,
            algorithm=algorithm,
        )
        count = inputs.get("count")
        if count is not None:
            rules.sample_size(len(candidates), count=count)
        chosen = order[:count] if count is not None else order
        seats = {"": len(chosen)}
    start, end = (dt.date.fromisoformat(d) for d in inputs["window"])
    dues = rules.spread_due_dates(len(chosen), start=start, end=end)
    selected = [
        Selected(c.outfall_id, c.stratum, due, tuple(priority_reasons.get(c.outfall_id, ())))
        for c, due in zip(chosen, dues, strict=True)
    ]
    return selected, seats


def compute(inputs: dict[str, Any]) -> tuple[list[DrawnItem], dict[str, int]]:
    """The plan's items from its inputs alone, by `inspector.domain.draw` (the version
    the inputs name)."""
    algorithm = str(inputs.get("algorithm") or rules.ALGORITHM_BY_ID)
    selected, seats = select(inputs)
    keys = [s.key for s in selected]
    pairs = rules.assign_pairs(
        keys,
        inputs["inspectors"],
        excluded=inputs.get("excluded") or {},
        seed=str(inputs["seed"]),
        year=int(inputs["year"]),
        county=str(inputs["county"]),
        algorithm=algorithm,
    )
    # Algorithm 2 keys candidates by code; the plan's items name their outfalls by id.
    ids: dict[str, str] = inputs.get("ids") or {}
    by_id = algorithm == rules.ALGORITHM_BY_ID
    items = [
        DrawnItem(
            s.key if by_id else ids.get(s.key, ""),
            s.stratum,
            a,
            b,
            s.due_date,
            s.reasons,
            key=s.key,
        )
        for s, (a, b) in zip(selected, pairs, strict=True)
    ]
    return items, seats


# -- gathering inputs from the register ----------------------------------------------------


def resolve_county(ref: ReferenceData, text: str) -> str:
    code = ref.region_code(str(text))
    region = ref.regions.get(code or "")
    if region is None or region.level != "county":
        raise Problem("plan.unknown_county", county=text)
    return region.code


def split_names(text: str) -> list[str]:
    """Names as typed on a command line or in a form: comma, semicolon, 、 or new line."""
    return [n.strip() for n in re.split(r"[,;，；、\n]", text) if n.strip()]


def new_seed() -> str:
    """Eight decimal digits: easy to read out at a public draw and to type back in."""
    return f"{secrets.randbelow(10**8):08d}"


def default_window(year: int, today: dt.date) -> tuple[dt.date, dt.date]:
    """Items fall due from today (or 1 January, for a plan drawn ahead or after the fact)
    to the due date of the yearly self-inspection report, 20 December."""
    m, d = SELF_INSPECTION_DUE[2]
    end = dt.date(year, m, d)
    first = dt.date(year, 1, 1)
    start = today if first <= today <= end else first
    return start, end


def _stratum(strata: str | None, river: str, category: str) -> str:
    if strata == "category":
        return Category.of(category).level1.value
    if strata == "river":
        return river
    return ""


def gather_inputs(
    conn: Conn, request: DrawRequest, *, today: dt.date
) -> tuple[dict[str, Any], dict[str, tuple[str, str, str]], str]:
    """The draw's complete inputs, read from the register; also each candidate's
    (code, name, river) and the county's name. Raises Problem for every bad input."""
    ref = ReferenceData.load(conn)
    if not 2000 <= request.year <= 2100:
        raise Problem("plan.bad_year", year=request.year)
    county = resolve_county(ref, request.county)
    method = PlanMethod.parse(request.method or "")
    if method is None:
        raise Problem("plan.bad_method", method=request.method)
    _check_options(request, method)
    if request.fraction is not None:
        try:
            rules.parse_fraction(request.fraction)
        except DrawError as exc:
            raise _problem(exc, {}) from None
    seed = (request.seed if request.seed is not None else new_seed()).strip()
    if not seed or len(seed) > MAX_SEED:
        raise Problem("plan.bad_seed", max=MAX_SEED)
    if request.inspectors is None:
        pool = rules.clean_pool(roster_data_names(conn, county))
        source = "roster"
        if len(pool) < 2:
            raise Problem(
                "plan.roster_too_small", county=ref.regions[county].name_zh, size=len(pool)
            )
    else:
        pool = rules.clean_pool(request.inspectors)
        source = "given"
    if len(pool) < 2:
        raise Problem("plan.pool_too_small", size=len(pool))
    too_long = [p for p in pool if len(p) > 60]
    if too_long:
        raise Problem("plan.name_too_long", name=too_long[0])
    default_start, default_end = default_window(request.year, today)
    start = request.start or default_start
    end = request.end or default_end
    if end < start:
        raise Problem("plan.window_closed", start=start.isoformat(), end=end.isoformat())

    rows = draw_data.county_outfalls(
        conn, county_code=county, states=[s.value for s in ELIGIBLE_STATES]
    )
    shown = {oid: (code, name, river) for oid, code, name, river, _ in rows}
    # The draw keys candidates by public code: two outfalls sharing one cannot be told
    # apart by anyone checking the published list.
    code_of: dict[str, str] = {}
    seen: dict[str, str] = {}
    for oid, code, _name, _river, _cat in rows:
        if code in seen:
            raise Problem("plan.duplicate_code", code=code)
        seen[code] = oid
        code_of[oid] = code
    strata_of = {oid: _stratum(request.strata, river, cat) for oid, _, _, river, cat in rows}
    priority: dict[str, list[str]] = {}
    if method is PlanMethod.TARGETED:
        if request.outfalls:
            chosen = _hand_picked(conn, county, request.outfalls, shown)
            priority = {oid: ["chosen"] for oid in chosen}
        else:
            priority = target_reasons(conn, county, start=start, eligible=set(shown))
        strata_of = dict.fromkeys(priority, "")
    candidates: dict[str, list[str]] = {}
    for oid in sorted(strata_of, key=lambda i: code_of[i]):
        candidates.setdefault(strata_of[oid], []).append(code_of[oid])
    if not candidates:
        county_name = ref.regions[county].name(language())
        key = "plan.no_targets" if method is PlanMethod.TARGETED else "plan.no_candidates"
        raise Problem(key, county=county_name, year=request.year)
    excluded = exclusions(conn, county, pool, today=today, outfalls=set(strata_of))
    inputs: dict[str, Any] = {
        "version": INPUTS_VERSION,
        "algorithm": rules.ALGORITHM,
        "year": request.year,
        "county": county,
        "method": method.value,
        "seed": seed,
        "count": request.count,
        "fraction": request.fraction.strip() if request.fraction is not None else None,
        "strata": request.strata,
        "window": [start.isoformat(), end.isoformat()],
        "eligible_states": [s.value for s in ELIGIBLE_STATES],
        "drawn_on": today.isoformat(),
        "inspectors": pool,
        "inspectors_from": source,
        "excluded": {code_of[oid]: names for oid, names in excluded.items()},
        "candidates": candidates,
        "ids": {code_of[oid]: oid for oid in sorted(strata_of, key=lambda i: code_of[i])},
    }
    if priority:
        inputs["priority"] = {code_of[oid]: reasons for oid, reasons in priority.items()}
    return inputs, shown, ref.regions[county].name(language())


def roster_data_names(conn: Conn, county: str) -> list[str]:
    """The county's roster (执法人员名录库): the pool when a draw names none."""
    from inspector.data.roster import roster

    return [m.name for m in roster(conn, county_code=county)]


def _check_options(request: DrawRequest, method: PlanMethod) -> None:
    if request.strata is not None and request.strata not in STRATA:
        raise Problem("plan.bad_strata", strata=request.strata, options=", ".join(STRATA))
    if request.count is not None and request.fraction is not None:
        raise Problem("plan.count_and_fraction")
    if request.count is not None and request.count < 1:
        raise Problem("plan.draw.count_range", count=request.count)
    if method is PlanMethod.DOUBLE_RANDOM:
        if request.count is None and request.fraction is None:
            raise Problem("plan.size_needed")
        if request.outfalls:
            raise Problem("plan.outfalls_only_targeted")
    elif method is PlanMethod.FULL_COVERAGE:
        if request.count is not None or request.fraction is not None:
            raise Problem("plan.size_not_for_full")
        if request.strata or request.outfalls:
            raise Problem("plan.options_not_for_full")
    else:
        if request.fraction is not None or request.strata:
            raise Problem("plan.options_not_for_targeted")


def _hand_picked(
    conn: Conn,
    county: str,
    codes: Iterable[str],
    eligible: dict[str, tuple[str, str, str]],
) -> list[str]:
    by_code = {code: oid for oid, (code, _, _) in eligible.items()}
    out: list[str] = []
    for code in codes:
        code = code.strip()
        oid = by_code.get(code)
        if oid is None:
            # Say why the code is not a candidate: unknown, another county's, or here but
            # not in a state a plan draws from.
            found = outfalls_by_code(conn, code=code)
            if not found:
                raise Problem("outfall.not_found", code=code)
            here = [ref for ref in found if ref.county_code == county]
            if not here:
                raise Problem("plan.outfall_other_county", code=code)
            raise Problem("plan.outfall_not_eligible", code=code, state=State.of(here[0].state).zh)
        if oid not in out:
            out.append(oid)
    return out


def target_reasons(
    conn: Conn, county: str, *, start: dt.date, eligible: set[str]
) -> dict[str, list[str]]:
    """Why each outfall belongs in a targeted plan (TARGET_REASONS), as of `start`:

    - violation: an inspection of it has found a violation;
    - follow_up: its latest inspection asked for follow-up or rated it suspect/obvious;
    - overdue: it is overdue (`inspector.data.remediations`: in remediation, past its
      transition end or, without one, its deadline);
    - uninspected: no inspection in the UNINSPECTED_DAYS before `start`.
    """
    reasons: dict[str, list[str]] = {}

    def add(oid: str, reason: str) -> None:
        if oid in eligible:
            reasons.setdefault(oid, []).append(reason)

    for oid in draw_data.outfalls_with_violation(conn, county_code=county):
        add(oid, "violation")
    for latest in draw_data.latest_inspections(conn, county_code=county):
        if latest.follow_up or latest.suspicion in ("suspect", "obvious"):
            add(latest.outfall_id, "follow_up")
    for row in sorted(
        overdue_remediations(conn, today=start, area=Area(county=county)),
        key=lambda r: r.outfall_id,
    ):
        add(row.outfall_id, "overdue")
    since = (start - dt.timedelta(days=UNINSPECTED_DAYS)).isoformat()
    recent = draw_data.inspected_since(conn, county_code=county, since=since)
    for oid in sorted(eligible - recent):
        add(oid, "uninspected")
    return reasons


def exclusions(
    conn: Conn,
    county: str,
    pool: Sequence[str],
    *,
    today: dt.date,
    outfalls: set[str],
) -> dict[str, list[str]]:
    """Who in the pool must not inspect which candidate, from declared conflicts of
    interest: by outfall, or by owner (every outfall whose current main owner it is)."""
    in_pool = {rules.person_key(p): p for p in pool}
    out: dict[str, set[str]] = {}
    by_owner: dict[str, set[str]] = {}
    for inspector, outfall_id, owner_id in recusals_data.live_recusals(conn):
        name = in_pool.get(rules.person_key(inspector))
        if name is None:
            continue
        if outfall_id in outfalls:
            out.setdefault(outfall_id, set()).add(name)
        if owner_id:
            by_owner.setdefault(owner_id, set()).add(name)
    if by_owner:
        owners = draw_data.main_owners(conn, county_code=county, today=today.isoformat())
        for oid, owner_id in owners.items():
            if oid in outfalls and owner_id in by_owner:
                out.setdefault(oid, set()).update(by_owner[owner_id])
    return {oid: sorted(names) for oid, names in sorted(out.items())}


def _problem(exc: DrawError, codes: dict[str, tuple[str, str, str]]) -> Problem:
    params = dict(exc.params)
    if "outfall_id" in params:
        key = str(params.pop("outfall_id"))
        # Algorithm 2 names candidates by code already; algorithm 1 by id.
        params["code"] = codes[key][0] if key in codes else key
    if "eligible" in params:
        eligible = params["eligible"]
        params["eligible"] = "、".join(eligible) if eligible else "—"  # type: ignore[arg-type]
        params["count"] = len(eligible)  # type: ignore[arg-type]
    return Problem(f"plan.draw.{exc.code}", **params)


def prepare_draw(conn: Conn, request: DrawRequest, *, today: dt.date) -> Draft:
    """Gather the inputs and compute the plan; nothing is written."""
    inputs, shown, county_name = gather_inputs(conn, request, today=today)
    try:
        items, seats = compute(inputs)
    except DrawError as exc:
        raise _problem(exc, shown) from None
    return Draft(inputs=inputs, items=items, seats=seats, codes=shown, county_name=county_name)


# -- saving --------------------------------------------------------------------------------


def save_plan(w: Writer, draft: Draft, *, replace: bool = False) -> str:
    """Store the plan and its items (in the caller's transaction); returns the plan id.

    One plan per county, year and method: an existing one is refused unless `replace`,
    and even then only while none of its items has been fulfilled.
    """
    conn = reader(w)
    old = plans_data.live_plan_id(
        conn, year=draft.year, county_code=draft.county, method=draft.method
    )
    if old is not None:
        if not replace:
            raise Problem(
                "plan.exists",
                year=draft.year,
                county=draft.county_name or draft.county,
                method=PlanMethod.of(draft.method).label(language()),
            )
        stored = items_data.stored_items(conn, plan_id=old)
        done = sum(1 for s in stored if s.status == "done")
        if done:
            raise Problem("plan.replace_fulfilled", done=done)
        for s in stored:
            w.delete(PlanItem, s.id, reason=keyed("reason.plan_redrawn"))
        w.delete(Plan, old, reason=keyed("reason.plan_redrawn"))
    inputs = draft.inputs
    fraction = inputs.get("fraction")
    plan_id = w.create(
        Plan,
        {
            "year": draft.year,
            "county_code": draft.county,
            "method": draft.method,
            "sample_size": len(draft.items),
            "fraction": float(rules.parse_fraction(fraction)) if fraction else None,
            "strata": inputs.get("strata"),
            "seed": draft.seed,
            "inputs": inputs,
            "inspector_pool": inputs["inspectors"],
        },
    )
    for item in draft.items:
        w.create(
            PlanItem,
            {
                "plan_id": plan_id,
                "outfall_id": item.outfall_id,
                "inspector_a": item.inspector_a,
                "inspector_b": item.inspector_b,
                "due_date": item.due_date,
                "status": "pending",
            },
        )
    return plan_id


# -- verifying -----------------------------------------------------------------------------


@dataclass
class Verification:
    """A plan's stored items against a fresh computation from its stored inputs."""

    plan_id: str
    expected: int
    matching: int
    missing: list[str] = field(default_factory=list)
    """Outfall ids the draw gives that the plan lacks."""
    extra: list[str] = field(default_factory=list)
    """Outfall ids in the plan the draw does not give."""
    changed: list[str] = field(default_factory=list)
    """Outfall ids whose inspectors or due date differ from the draw's."""

    @property
    def ok(self) -> bool:
        return not (self.missing or self.extra or self.changed)

    def as_json(self) -> dict[str, Any]:
        return {
            "plan_id": self.plan_id,
            "ok": self.ok,
            "expected": self.expected,
            "matching": self.matching,
            "missing": self.missing,
            "extra": self.extra,
            "changed": self.changed,
        }


def verify_plan(conn: Conn, plan_id: str) -> Verification:
    """Re-run the draw from the plan's stored inputs and compare with its items.

    Items edited by hand after the draw (an inspector swapped for illness) show as
    changed: the comparison is a record, not an accusation.
    """
    inputs = plans_data.live_plan_inputs(conn, plan_id=plan_id)
    if inputs is None:
        raise Problem("plan.not_found", plan=plan_id)
    try:
        expected, _ = compute(inputs)
    except (DrawError, KeyError, TypeError, ValueError):
        raise Problem("plan.inputs_unusable", plan=plan_id) from None
    stored = {
        item.outfall_id: (item.inspector_a, item.inspector_b, item.due_date)
        for item in items_data.stored_items(conn, plan_id=plan_id)
    }
    result = Verification(plan_id=plan_id, expected=len(expected), matching=0)
    drawn = {it.outfall_id for it in expected}
    for it in expected:
        got = stored.get(it.outfall_id)
        if got is None:
            result.missing.append(it.outfall_id)
        elif got == (it.inspector_a, it.inspector_b, it.due_date.isoformat()):
            result.matching += 1
        else:
            result.changed.append(it.outfall_id)
    result.extra = sorted(oid for oid in stored if oid not in drawn)
    return result


# -- the published record (一公开) ---------------------------------------------------------

#: Inputs that go into the published record as they are: everything the selection and the
#: due dates depend on. The inspector pool, the conflicts of interest and the internal ids
#: stay out: they name people, or mean nothing outside the database.
_PUBLIC_INPUTS = (
    "algorithm",
    "year",
    "county",
    "method",
    "seed",
    "count",
    "fraction",
    "strata",
    "window",
    "eligible_states",
    "drawn_on",
    "candidates",
    "priority",
)


def draw_record(inputs: dict[str, Any], *, county_name: str = "") -> dict[str, Any]:
    """What is published with a plan's result so that anyone can re-run its draw: the
    inputs of the selection (candidates by public code) and the drawn list it gave,
    without any person's name."""
    selected, seats = select(inputs)
    record: dict[str, Any] = {
        "format": RECORD_FORMAT,
        "version": RECORD_VERSION,
        "county_name": county_name,
        **{k: inputs[k] for k in _PUBLIC_INPUTS if k in inputs},
        "candidate_count": sum(len(v) for v in inputs["candidates"].values()),
        "candidate_digest": candidate_digest(inputs),
        "seats": seats,
        "drawn": [
            {"code": s.key, "stratum": s.stratum, "due_date": s.due_date.isoformat()}
            for s in selected
        ],
    }
    return record


@dataclass
class RecordVerification:
    """A published draw re-run from its record alone."""

    algorithm: str
    candidates: int
    expected: list[tuple[str, str]]
    """(code, due date) of each item the draw gives, in order."""
    published: list[tuple[str, str]]
    digest_ok: bool

    @property
    def missing(self) -> list[str]:
        got = {c for c, _ in self.published}
        return [c for c, _ in self.expected if c not in got]

    @property
    def extra(self) -> list[str]:
        want = {c for c, _ in self.expected}
        return [c for c, _ in self.published if c not in want]

    @property
    def changed(self) -> list[str]:
        """Items drawn but listed in another place or with another due date."""
        want = {c: (i, d) for i, (c, d) in enumerate(self.expected)}
        return [c for i, (c, d) in enumerate(self.published) if c in want and want[c] != (i, d)]

    @property
    def ok(self) -> bool:
        return self.digest_ok and self.expected == self.published

    def as_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "algorithm": self.algorithm,
            "candidates": self.candidates,
            "expected": len(self.expected),
            "matching": sum(
                1 for a, b in zip(self.expected, self.published, strict=False) if a == b
            ),
            "missing": self.missing,
            "extra": self.extra,
            "changed": self.changed,
            "digest_ok": self.digest_ok,
        }


def verify_record(record: dict[str, Any]) -> RecordVerification:
    """Re-run the draw from a published record (no database) and compare with the list
    it publishes."""
    if not isinstance(record, dict) or record.get("format") != RECORD_FORMAT:
        raise Problem("plan.record_not_a_record")
    if int(record.get("version", 0)) > RECORD_VERSION:
        raise Problem("plan.record_newer", version=record.get("version"))
    try:
        selected, _seats = select(record)
        published = [(str(d["code"]), str(d["due_date"])) for d in record["drawn"]]
        digest = candidate_digest(record)
    except DrawError as exc:
        raise _problem(exc, {}) from None
    except (KeyError, TypeError, ValueError):
        raise Problem("plan.record_unusable") from None
    return RecordVerification(
        algorithm=str(record.get("algorithm") or rules.ALGORITHM_BY_ID),
        candidates=sum(len(v) for v in record["candidates"].values()),
        expected=[(s.key, s.due_date.isoformat()) for s in selected],
        published=published,
        digest_ok=digest == record.get("candidate_digest", digest),
    )
