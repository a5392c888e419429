"""Register workflows: outfalls, owners, tracing, remediation and lifecycle steps.

Every function takes a `Writer` (the caller owns the transaction, so a screen's save or
an import is all-or-nothing) and keyword arguments. Lifecycle rules are asked of
`inspector.domain.lifecycle`, never restated here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from inspector.data import outfalls as outfall_data
from inspector.data import owners as owner_data
from inspector.data.engine import Conn
from inspector.data.remediations import live_remediation_id
from inspector.data.writer import NotFound, Writer
from inspector.domain import lifecycle
from inspector.domain.choices import (
    ApprovalKind,
    AssignmentBasis,
    AssignmentRole,
    Category,
    Measure,
    OwnerKind,
    ProtectedArea,
    State,
)
from inspector.domain.geo import degrees_box, distance_m, haversine_m
from inspector.domain.lifecycle import Facts, Need, Rule, TransitionRefused
from inspector.domain.periods import today
from inspector.domain.printable import printable
from inspector.i18n import Problem, language, t
from inspector.models import Outfall, Owner, OwnerAssignment, Remediation, TraceRecord
from inspector.models.spec import Clean, spec_for
from inspector.services.stale import StaleEdit, still_as_seen, unchanged_since

# -- lifecycle ------------------------------------------------------------------------------


def rule_text(rules: tuple[Rule, ...]) -> str:
    """The rules named, each with its document, joined for one sentence."""
    sep = "；" if language() == "zh" else "; "
    return sep.join(t(f"rule.{r.value}") for r in rules)


class Refused(Problem):
    """A lifecycle step refused, in words naming what is missing or which rule it breaks."""

    def __init__(self, refusal: TransitionRefused) -> None:
        self.refusal = refusal
        super().__init__("lifecycle.refused")

    def __str__(self) -> str:
        lang = language()
        r = self.refusal
        current, target = r.current.label(lang), r.target.label(lang)
        if r.illegal:
            allowed = lifecycle.targets(r.current)
            joiner = "、" if lang == "zh" else ", "
            names = joiner.join(s.label(lang) for s in allowed) if allowed else t("lifecycle.none")
            return t("lifecycle.illegal", current=current, target=target, allowed=names)
        sep = "；" if lang == "zh" else "; "
        parts: list[str] = []
        if r.missing:
            missing = sep.join(t(f"need.{n.value}") for n in r.missing)
            parts.append(t("lifecycle.refused", current=current, target=target, missing=missing))
        if r.broken:
            parts.append(
                t("lifecycle.breaks", current=current, target=target, rules=rule_text(r.broken))
            )
        return sep.join(parts)


class RuleBroken(Problem):
    """A plan or a change refused because it breaks a rule of the source documents; the
    sentence names the outfall and each rule with its document."""

    def __init__(self, code: str, rules: tuple[Rule, ...]) -> None:
        self.rules = rules
        super().__init__("rule.refused", code=code, rules=rule_text(rules))

    def __str__(self) -> str:
        return t("rule.refused", code=self.params["code"], rules=rule_text(self.rules))


def reader(source: Writer | Conn) -> Conn:
    """A connection that sees everything written so far, the writer's buffer included."""
    if isinstance(source, Writer):
        source.flush()
        return source.conn
    return source


def current_main_assignment(source: Writer | Conn, outfall_id: str) -> dict[str, Any] | None:
    row = owner_data.current_main_assignment(
        reader(source), outfall_id=outfall_id, today=today().isoformat()
    )
    return None if row is None else row._asdict()


def current_remediation(source: Writer | Conn, outfall_id: str) -> dict[str, Any] | None:
    """The outfall's live remediation: the newest one not cancelled or deleted."""
    rem_id = live_remediation_id(reader(source), outfall_id=outfall_id)
    return None if rem_id is None else {"id": rem_id}


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _choice(kind: Any, value: Any) -> Any:
    return kind.parse(str(value)) if value else None


def gather_facts(w: Writer, outfall_id: str, *, reason: str | None = None) -> Facts:
    """What the lifecycle rules need to know about one outfall, read inside `w`."""
    w.flush()
    outfall = w.get(Outfall, outfall_id)
    if outfall is None:
        raise NotFound("outfall", outfall_id)
    has_owner = current_main_assignment(w, outfall_id) is not None
    rem_ref = current_remediation(w, outfall_id)
    rem = w.get(Remediation, rem_ref["id"]) if rem_ref else None
    measure = Measure.of(rem["measure"]) if rem and rem["measure"] else None
    merge_ok = False
    target_category = None
    if rem and rem["merge_target_id"]:
        target = w.get(Outfall, rem["merge_target_id"])
        merge_ok = (
            target is not None
            and not target["deleted"]
            and target["id"] != outfall_id
            and target["state"] not in (State.ABOLISHED, State.REJECTED)
        )
        target_category = _choice(Category, target["category"]) if target else None
    return Facts(
        has_owner=has_owner,
        measure=measure,
        deadline=_date(rem["deadline"]) if rem else None,
        transition_end=_date(rem["transition_end"]) if rem else None,
        merge_target=merge_ok,
        merge_target_category=target_category,
        evidence=bool(rem and (rem["evidence"] or "").strip()),
        county_signoff=bool(rem and rem["county_signoff_on"]),
        city_signoff=bool(rem and rem["city_signoff_on"]),
        approval_no=bool((outfall["approval_no"] or "").strip()),
        approval_kind=_choice(ApprovalKind, outfall["approval_kind"]),
        reason=bool(reason and reason.strip()),
        immediate=bool(rem and rem["immediate"]),
        category=_choice(Category, outfall["category"]),
        protected_area=_choice(ProtectedArea, outfall["protected_area"]),
    )


def transition(
    w: Writer,
    outfall_id: str,
    target: State,
    *,
    reason: str | None = None,
    seen: Mapping[str, object] | None = None,
) -> str:
    """Move an outfall to `target` if the lifecycle allows it now; else raise `Refused`.

    A step back (the re-test failed, the city sent it back) withdraws what the step
    forward relied on (`lifecycle.STEP_BACK_CLEARS`): the evidence or the county's
    sign-off must then be given again, so an old sign-off never closes new works.

    `seen`: `{"state": ...}`, the state the dialog showed. Some targets are steps from
    more than one state (rejected from suspected or confirmed), so a step chosen from a
    state someone else has left since is refused (`StaleEdit`) rather than taken from
    theirs.
    """
    outfall = w.get(Outfall, outfall_id)
    if outfall is None:
        raise NotFound("outfall", outfall_id)
    unchanged_since(
        w,
        Outfall,
        outfall_id,
        {"state": target.value},
        seen,
        current=outfall,
        record=f"{outfall['code']} {outfall['name']}",
    )
    current = State.of(outfall["state"])
    try:
        lifecycle.check(current, target, gather_facts(w, outfall_id, reason=reason))
    except TransitionRefused as exc:
        raise Refused(exc) from None
    op_id = w.update(Outfall, outfall_id, {"state": target.value}, reason=reason)
    assert op_id is not None  # a legal step always changes the state
    rem = current_remediation(w, outfall_id)
    if rem is not None:
        changes: dict[str, Any] = dict.fromkeys(
            lifecycle.STEP_BACK_CLEARS.get((current, target), ())
        )
        status = {State.IN_REMEDIATION: "in_progress", State.REMEDIATED: "completed"}.get(target)
        if status:
            changes["status"] = status
        if changes:
            w.update(Remediation, rem["id"], changes, reason=reason)
    return op_id


def missing_preconditions(w: Writer, outfall_id: str, target: State) -> tuple[Need, ...]:
    """What `target` still needs (empty when the step could be taken now)."""
    outfall = w.get(Outfall, outfall_id)
    if outfall is None:
        raise NotFound("outfall", outfall_id)
    return lifecycle.missing_for(State.of(outfall["state"]), target, gather_facts(w, outfall_id))


def step_problems(w: Writer, outfall_id: str, target: State) -> list[str]:
    """Everything that stops `target` now, as words: the missing preconditions, then the
    rules the step would break (empty when the step could be taken)."""
    outfall = w.get(Outfall, outfall_id)
    if outfall is None:
        raise NotFound("outfall", outfall_id)
    current = State.of(outfall["state"])
    facts = gather_facts(w, outfall_id)
    missing = lifecycle.missing_for(current, target, facts)
    broken = lifecycle.broken_for(current, target, facts)
    return [t(f"need.{n.value}") for n in missing] + [t(f"rule.{r.value}") for r in broken]


@dataclass(frozen=True)
class NextStep:
    """A state the outfall may move to, and what stops it now (empty: it could)."""

    state: State
    problems: tuple[str, ...]

    @property
    def ready(self) -> bool:
        return not self.problems

    def as_json(self) -> dict[str, Any]:
        return {"state": self.state.value, "ready": self.ready, "needs": list(self.problems)}


class _ReadOnly(Exception):
    """Ends a transaction opened only to read through the write path's view."""


def next_steps(db: Any, outfall_id: str) -> list[NextStep]:
    """Each state the outfall may move to now, with what it still lacks (asked of the
    lifecycle rules; the transaction is rolled back, nothing is written). Empty on a
    read-only database."""
    if db.readonly:
        return []
    out: list[NextStep] = []
    try:
        with db.write() as w:
            outfall = w.get(Outfall, outfall_id)
            if outfall is None:
                return []
            for target in lifecycle.targets(State.of(outfall["state"])):
                out.append(NextStep(target, tuple(step_problems(w, outfall_id, target))))
            raise _ReadOnly
    except _ReadOnly:
        pass
    return out


# -- outfalls -------------------------------------------------------------------------------


def replica_tag(replica_id: str) -> str:
    """Four characters from the replica's random bits: codes made offline on two laptops
    then differ, instead of both becoming ...-0001."""
    return replica_id.replace("-", "")[-4:].upper()


def next_local_code(conn: Conn, county_code: str, category: Category, tag: str) -> str:
    """Region + type + this replica's tag + sequence, e.g. 410821GY-7F3A-0001."""
    prefix = f"{county_code}{category.type_code}-{tag}-"
    code = outfall_data.last_code_with_prefix(conn, prefix=prefix)
    last = 0
    if code:
        tail = code[len(prefix) :]
        last = int(tail) if tail.isdigit() else 0
    return f"{prefix}{last + 1:04d}"


@dataclass(frozen=True)
class Nearby:
    id: str
    code: str
    name: str
    river: str
    distance_m: float


def nearby_outfalls(
    conn: Conn,
    lat: float,
    lon: float,
    radius_m: float = 30.0,
    *,
    exclude_id: str | None = None,
    limit: int = 20,
) -> list[Nearby]:
    """Live outfalls within `radius_m` of a point, nearest first (possible duplicates)."""
    rows = outfall_data.outfalls_in_box(conn, box=degrees_box(lat, lon, radius_m))
    # Rank by the cheap formula, then measure the few survivors exactly.
    candidates = sorted(rows, key=lambda r: haversine_m(lat, lon, r[4], r[5]))[: limit * 2]
    found = []
    for rid, code, name, river, rlat, rlon in candidates:
        if rid == exclude_id:
            continue
        d = distance_m(lat, lon, rlat, rlon)
        if d <= radius_m:
            found.append(Nearby(rid, code, name, river, d))
    return sorted(found, key=lambda n: n.distance_m)[:limit]


def create_outfall(w: Writer, values: dict[str, Any], *, reason: str | None = None) -> str:
    """Register a new outfall; a local code is generated when none is given."""
    # Keep validated input marked as such, so it is not validated twice.
    values = Clean(values) if isinstance(values, Clean) else dict(values)
    if not str(values.get("code") or "").strip():
        category = Category.parse(str(values.get("category") or "")) or Category.UNDETERMINED
        county = str(values.get("county_code") or "")
        values["code"] = next_local_code(reader(w), county, category, replica_tag(w.origin))
    return w.create(Outfall, values, reason=reason)


def update_outfall(
    w: Writer,
    outfall_id: str,
    changes: dict[str, Any],
    *,
    reason: str | None = None,
    seen: Mapping[str, object] | None = None,
) -> str | None:
    """Change an outfall's own fields (not its state: that is `transition`), refusing a
    change that would make its live remediation plan, or a plan to merge another outfall
    into it, break a rule: an outfall turned into an urban storm outlet while planned for a
    ban, or put in a protected area while planned to be kept.

    `seen`: the fields as the form showed them when it was filled; a field someone else
    changed since is not overwritten (`services.stale`: `StaleEdit`)."""
    current = w.get(Outfall, outfall_id)
    if current is None:
        raise NotFound("outfall", outfall_id)
    if "state" in changes:
        raise Problem("outfall.state_by_step")
    clean = spec_for(Outfall).clean(changes, partial=True, reference=w.reference())
    clean = Clean(
        unchanged_since(
            w,
            Outfall,
            outfall_id,
            clean,
            seen,
            current=current,
            record=f"{current['code']} {current['name']}",
        )
    )
    after = {**current, **clean}
    if any(k in clean for k in ("category", "protected_area")):
        facts = gather_facts(w, outfall_id)
        plan = lifecycle.Plan(
            category=_choice(Category, after["category"]),
            protected_area=_choice(ProtectedArea, after["protected_area"]),
            measure=facts.measure,
            merge_target_category=facts.merge_target_category,
            deadline=facts.deadline,
            transition_end=facts.transition_end,
        )
        live_plan = facts.measure is not None and State.of(current["state"]) not in (
            State.CLOSED,
            State.ABOLISHED,
            State.IN_SERVICE,
        )
        broken = lifecycle.plan_breaches(plan) if live_plan else ()
        if _choice(Category, after["category"]) in lifecycle.STORM_OUTLETS and (
            merging_into(w, outfall_id)
        ):
            broken = (*broken, Rule.NO_MERGE_INTO_STORM)
        if broken:
            raise RuleBroken(str(after["code"]), broken)
    return w.update(Outfall, outfall_id, clean, reason=reason, current=current)


def merging_into(source: Writer | Conn, outfall_id: str) -> list[str]:
    """Outfalls whose live plan is to be merged into `outfall_id` and are not yet done."""
    return outfall_data.merging_into(reader(source), outfall_id=outfall_id)


# -- owners ---------------------------------------------------------------------------------

MAIN_OWNER = "main_owner"
"""What a dialog that assigns a main owner names in `seen`: the main owner it showed (an
owner id, or None for none). Not a field of any table: who answers is a row of its own."""


def find_owner(source: Writer | Conn, *, name: str, credit_code: str | None) -> str | None:
    conn = reader(source)
    if credit_code:
        found = owner_data.owner_with_credit_code(conn, credit_code=credit_code)
        if found:
            return found
    return owner_data.owner_named(conn, name=name)


def find_or_create_owner(
    w: Writer,
    values: dict[str, Any],
    *,
    seen: Mapping[str, object] | None = None,
    reason: str | None = None,
    defaults: Mapping[str, object] | None = None,
) -> str:
    """The owner with this credit code (or, without one, this exact name), made if new
    (with `defaults` for what `values` leaves blank: only a new owner takes them).

    `seen`: what a form showed in the owner's fields before the person typed. With it,
    details typed for an owner already registered are not dropped: a detail the register
    lacks is filled in, and one that differs from what is stored is saved only if it is
    what the person saw, otherwise refused with `StaleEdit` (what they typed, what is
    stored, who stored it), so saving over it is a decision of its own: a command gives
    `seen={}` (it showed nothing), a form what it showed. Without it (the demo, a
    backstop body) an owner already registered is left as it is."""
    name = str(values.get("name") or "").strip()
    code = values.get("credit_code") or None
    existing = find_owner(w, name=name, credit_code=code)
    if not existing:
        blank = {k: v for k, v in (defaults or {}).items() if not str(values.get(k) or "").strip()}
        return w.create(Owner, {**values, **blank})
    if seen is None:
        return existing
    current = w.get(Owner, existing)
    assert current is not None  # just found
    spec = spec_for(Owner)
    typed = {k: v for k, v in values.items() if k in spec.fields and str(v or "").strip()}
    clean = spec.clean(typed, partial=True, reference=w.reference())
    try:
        changes = unchanged_since(
            w,
            Owner,
            existing,
            clean,
            {k: seen.get(k) for k in clean},
            current=current,
            record=str(current["name"]),
        )
    except StaleEdit as stale:
        # Not changed since the form was filled, most likely: registered before it.
        raise StaleEdit(
            stale.entity, stale.row_id, stale.record, stale.fields, kind="registered"
        ) from None
    # Only what really differs is written (and logged).
    w.update(Owner, existing, Clean(changes), reason=reason, current=current)
    return existing


def backstop_owner(w: Writer, region_code: str) -> str:
    """The body that answers for an outfall of `region_code` when no owner is found
    (政府兜底), as the region's reference data names it: a county's people's government,
    a zone's administrative committee (管委会). Made as an owner if new."""
    body = outfall_data.backstop_body(reader(w), region_code=region_code)
    if body is None:
        raise Problem("owner.no_backstop_body", region=region_code)
    return find_or_create_owner(w, {"name": body[0], "kind": OwnerKind.GOVERNMENT.value})


def assign_owner(
    w: Writer,
    outfall_id: str,
    owner_id: str,
    *,
    role: AssignmentRole = AssignmentRole.MAIN,
    basis: AssignmentBasis = AssignmentBasis.TRACED,
    evidence: str | None = None,
    valid_from: dt.date | None = None,
    reason: str | None = None,
    new_outfall: bool = False,
    seen: Mapping[str, object] | None = None,
) -> str:
    """Make `owner_id` answer for the outfall. A new main owner ends the previous one's
    assignment on the same day; the old one stays in the history.

    `new_outfall=True` says the outfall was created in this transaction and so has no
    owner yet: a bulk import then skips a lookup per row.

    `seen`: `{MAIN_OWNER: owner id or None}`, the main owner the dialog showed. A main
    owner someone else assigned or ended since is not replaced (`StaleEdit`), unless it
    is `owner_id` already; another role replaces nobody and is never refused.
    """
    start = valid_from or today()
    if role is AssignmentRole.MAIN and not new_outfall:
        previous = current_main_assignment(w, outfall_id)
        if seen is not None:
            _main_owner_as_seen(w, outfall_id, owner_id, previous, seen)
        if previous is not None:
            if previous["owner_id"] == owner_id and previous["basis"] == basis.value:
                return str(previous["id"])
            w.update(OwnerAssignment, previous["id"], {"valid_until": start}, reason=reason)
    # Every value here is already canonical except the free-text evidence: check only that.
    spec = spec_for(OwnerAssignment)
    values = Clean(
        {
            **{name: f.default for name, f in spec.fields.items()},
            "outfall_id": outfall_id,
            "owner_id": owner_id,
            "role": role.value,
            "basis": basis.value,
            "evidence": spec.clean({"evidence": evidence}, partial=True)["evidence"],
            "valid_from": start.isoformat(),
        }
    )
    return w.create(OwnerAssignment, values, reason=reason)


def _main_owner_as_seen(
    w: Writer,
    outfall_id: str,
    owner_id: str,
    current: Mapping[str, Any] | None,
    seen: Mapping[str, object],
) -> None:
    def record() -> str:
        outfall = w.get(Outfall, outfall_id)
        return f"{outfall['code']} {outfall['name']}" if outfall else outfall_id

    def changed_by() -> tuple[str, dt.datetime] | None:
        return owner_data.last_main_assignment_change(reader(w), outfall_id=outfall_id)

    still_as_seen(
        MAIN_OWNER,
        saving=owner_id,
        now=current["owner_id"] if current else None,
        seen=seen,
        entity="outfall",
        row_id=outfall_id,
        record=record,
        label=t("stale.main_owner"),
        describe=lambda v: _owner_text(w, v),
        changed_by=changed_by,
    )


def _owner_text(w: Writer, owner_id: Any) -> str:
    """An owner as a person tells it from others: its name and credit code."""
    if not owner_id:
        return t("owner.none.short")
    row = w.get(Owner, str(owner_id))
    name, code = (row["name"], row["credit_code"]) if row else (str(owner_id), None)
    if not code:
        return printable(name)
    return printable(t("stale.owner", name=name, code=code))


def assign_government_backstop(
    w: Writer,
    outfall_id: str,
    *,
    evidence: str | None = None,
    reason: str | None = None,
    seen: Mapping[str, object] | None = None,
) -> str:
    """政府兜底: the region's backstop body answers for an outfall whose emitter is unknown,
    once a tracing record has found no owner (`Rule.BACKSTOP_AFTER_TRACING`). `seen` as
    for `assign_owner`: the backstop replaces the main owner too."""
    outfall = w.get(Outfall, outfall_id)
    if outfall is None:
        raise NotFound("outfall", outfall_id)
    if not outfall_data.has_fruitless_trace(reader(w), outfall_id=outfall_id):
        raise RuleBroken(str(outfall["code"]), (Rule.BACKSTOP_AFTER_TRACING,))
    owner_id = backstop_owner(w, outfall["county_code"])
    return assign_owner(
        w,
        outfall_id,
        owner_id,
        basis=AssignmentBasis.GOVERNMENT_BACKSTOP,
        evidence=evidence,
        reason=reason,
        seen=seen,
    )


def add_trace_record(
    w: Writer, outfall_id: str, values: dict[str, Any], *, reason: str | None = None
) -> str:
    """A tracing effort (溯源): its methods, route, conclusion and what it found."""
    if w.get(Outfall, outfall_id) is None:
        raise NotFound("outfall", outfall_id)
    return w.create(TraceRecord, {**values, "outfall_id": outfall_id}, reason=reason)


def permit_annotation_warning(source: Writer | Conn, owner_id: str) -> str | None:
    """The warning an enterprise outside a park with two or more outfalls of its own
    gets until its permit annotation (排污许可证载明) is recorded; None otherwise."""
    conn = reader(source)
    row = outfall_data.owner_permit(conn, owner_id=owner_id)
    if row is None or row[1] != OwnerKind.ENTERPRISE.value:
        return None
    count = outfall_data.enterprise_outfall_count(
        conn,
        owner_id=owner_id,
        categories=frozenset(c.value for c in lifecycle.ENTERPRISE_OUTFALLS),
        today=today().isoformat(),
    )
    if not lifecycle.permit_annotation_needed(count, annotated=bool((row[2] or "").strip())):
        return None
    return t("rule.permit_annotation", owner=row[0], count=count)


def record_permit_annotation(
    w: Writer, owner_id: str, annotation: str, *, reason: str | None = None
) -> None:
    """Record how the owner's discharge permit lists its outfalls (排污许可证载明)."""
    if w.get(Owner, owner_id) is None:
        raise NotFound("owner", owner_id)
    if not annotation.strip():
        raise Problem("owner.annotation_needed")
    w.update(Owner, owner_id, {"permit_annotation": annotation.strip()}, reason=reason)


# -- remediation ----------------------------------------------------------------------------


def plan_remediation(
    w: Writer,
    outfall_id: str,
    values: dict[str, Any],
    *,
    reason: str | None = None,
    seen: Mapping[str, object] | None = None,
) -> str:
    """Record the remediation plan (一口一策): measure, deadline, transition end, merge
    target, 立行立改... A plan that breaks a rule of the source documents is refused
    (`lifecycle.plan_breaches`: storm outlets, protected areas, the transition period).

    The live remediation is revised in place, unless the city has already signed it off:
    new works after a closing get a plan of their own, so the old sign-offs stay with the
    old works and cannot close the new ones.
    """
    outfall = w.get(Outfall, outfall_id)
    if outfall is None:
        raise NotFound("outfall", outfall_id)
    target = values.get("merge_target_id")
    if target and target == outfall_id:
        raise Problem("remediation.merge_into_itself")
    existing = current_remediation(w, outfall_id)
    live = w.get(Remediation, existing["id"]) if existing else None
    if live is not None and live["city_signoff_on"]:
        live = None
    spec = spec_for(Remediation)
    clean = spec.clean(values, partial=True, reference=w.reference())
    if live is not None:
        # Someone else's change to the live plan since the form showed it (or a plan made
        # since a form that showed none) is not overwritten (`services.stale`); a plan
        # made new here overwrites nothing.
        clean = Clean(
            unchanged_since(
                w,
                Remediation,
                live["id"],
                clean,
                seen,
                current=live,
                record=f"{outfall['code']} {outfall['name']}",
                describe={"merge_target_id": lambda v: _code(w, v) if v else t("stale.blank")},
            )
        )
    after = {**(live or {}), **clean}
    target_row = w.get(Outfall, after["merge_target_id"]) if after.get("merge_target_id") else None
    plan = lifecycle.Plan(
        category=_choice(Category, outfall["category"]),
        protected_area=_choice(ProtectedArea, outfall["protected_area"]),
        measure=_choice(Measure, after.get("measure")),
        merge_target_category=_choice(Category, target_row["category"]) if target_row else None,
        deadline=_date(after.get("deadline")),
        transition_end=_date(after.get("transition_end")),
    )
    broken = lifecycle.plan_breaches(plan)
    if broken:
        raise RuleBroken(str(outfall["code"]), broken)
    if live is not None:
        w.update(Remediation, live["id"], clean, reason=reason)
        return str(live["id"])
    return w.create(Remediation, {**clean, "outfall_id": outfall_id}, reason=reason)


def _live_remediation(w: Writer, outfall_id: str) -> str:
    rem = current_remediation(w, outfall_id)
    if rem is None:
        raise Problem("remediation.none", code=_code(w, outfall_id))
    return str(rem["id"])


def _code(w: Writer, outfall_id: str) -> str:
    row = w.get(Outfall, outfall_id)
    return row["code"] if row else outfall_id


def record_completion(
    w: Writer,
    outfall_id: str,
    *,
    evidence: str,
    retest_result: str | None = None,
    retest_passed: bool | None = None,
    reason: str | None = None,
) -> None:
    """Works done: store the evidence (and re-test), then step to remediated."""
    _record_then_step(
        w,
        outfall_id,
        {"evidence": evidence, "retest_result": retest_result, "retest_passed": retest_passed},
        State.REMEDIATED,
        reason,
    )


def _record_then_step(
    w: Writer, outfall_id: str, changes: dict[str, Any], state: State, reason: str | None
) -> None:
    """Store what the step needs on the live remediation, then take the step: the
    lifecycle checks the stored values, so a refused step rolls both back."""
    w.update(Remediation, _live_remediation(w, outfall_id), changes, reason=reason)
    transition(w, outfall_id, state, reason=reason)


def county_signoff(
    w: Writer, outfall_id: str, *, by: str, on: dt.date | None = None, reason: str | None = None
) -> None:
    """县级预销号: the county signs the remediation off."""
    _record_then_step(
        w,
        outfall_id,
        {"county_signoff_by": by, "county_signoff_on": on or today()},
        State.PRE_CLOSED,
        reason,
    )


def city_signoff(
    w: Writer, outfall_id: str, *, by: str, on: dt.date | None = None, reason: str | None = None
) -> None:
    """市级销号: the city closes the outfall off (已销号, a state ledgers record as such)."""
    _record_then_step(
        w,
        outfall_id,
        {"city_signoff_by": by, "city_signoff_on": on or today()},
        State.CLOSED,
        reason,
    )


def settle_closed(w: Writer, outfall_id: str, *, reason: str | None = None) -> State:
    """After closing: a standardised outfall stays under supervision (长效监管), a banned or
    merged one is abolished. Returns the state it moved to."""
    measure = gather_facts(w, outfall_id).measure
    final = State.IN_SERVICE if measure is Measure.STANDARDISE else State.ABOLISHED
    transition(w, outfall_id, final, reason=reason)
    return final
