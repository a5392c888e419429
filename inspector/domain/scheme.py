"""The assessment scheme (考核细则): the 附件1 scorecard and the rules around it, read from
a reference file (`db/reference/scorecard.json` is shipped; a city loads its own).

A card has two sections, water quality and key work, each out of its points, made of
items that may have sub-indicators. An item's points must equal the sum of its
sub-indicators', and a section's the sum of its items': a card that does not add up is
refused, naming the item. Each leaf is scored by one rule:

- `manual`: entered by hand per county and period, with its basis;
- `violations`: the item's points less `per_case` for each enforcement case found in
  the county in the period, down to zero (the enforcement item);

and a `deductions` list takes points off a section for events the app records
(`incidents`: `per` points for each incident in the county in the period).

Every figure is exact (`Fraction`); nothing here is rounded.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

FORMAT = "inspector-scorecard"
VERSION = 1
SECTIONS = ("water_quality", "key_work")
RULES = ("manual", "violations")
DEDUCTION_RULES = ("incidents",)
ANNUAL_CONSEQUENCES = ("interview", "accountability", "eia_suspension")


class SchemeError(ValueError):
    """A card that cannot be used: `where` is the JSON path, `what` a message key of
    `assess.scheme.*`, `detail` its parameters."""

    def __init__(self, where: str, what: str, **detail: Any) -> None:
        super().__init__(f"{where}: {what} {detail}")
        self.where = where
        self.what = what
        self.detail = detail


def exact(value: Any, where: str) -> Fraction:
    """A figure of the card (an int or a decimal written as text) as an exact number."""
    if isinstance(value, bool) or not isinstance(value, int | str | float):
        raise SchemeError(where, "not_a_number", value=value)
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise SchemeError(where, "not_a_number", value=value) from None
    if not number.is_finite():
        raise SchemeError(where, "not_a_number", value=value)
    return Fraction(number)


@dataclass(frozen=True)
class Item:
    key: str
    zh: str
    en: str
    points: Fraction
    rule: str = "manual"
    per_case: Fraction = Fraction(1)
    items: tuple[Item, ...] = ()
    undocumented: bool = False

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def leaves(self) -> Iterator[Item]:
        if not self.items:
            yield self
        for child in self.items:
            yield from child.leaves()


@dataclass(frozen=True)
class Deduction:
    key: str
    zh: str
    en: str
    rule: str
    per: Fraction
    section: str
    assumed: bool

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Section:
    key: str
    points: Fraction
    items: tuple[Item, ...]

    def leaves(self) -> list[Item]:
        return [leaf for item in self.items for leaf in item.leaves()]

    def manual(self) -> list[Item]:
        return [leaf for leaf in self.leaves() if leaf.rule == "manual"]

    @property
    def manual_points(self) -> Fraction:
        return sum((leaf.points for leaf in self.manual()), Fraction(0))


@dataclass(frozen=True)
class Part:
    """A part of a city department's assessment (市政府有关部门)."""

    key: str
    zh: str
    en: str
    points: Fraction

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Scheme:
    name_zh: str
    name_en: str
    source: str
    note_en: str
    note_zh: str
    water_weight: Fraction
    key_work_weight: Fraction
    excellent: Fraction
    good: Fraction
    pass_mark: Fraction
    warned: int
    interview_after_last: int
    accountability_after_last: int
    annual_fail: tuple[str, ...]
    eia_exceptions_zh: str
    eia_exceptions_en: str
    deterioration_declines: int
    results_due: tuple[int, int]
    water_quality: Section
    key_work: Section
    deductions: tuple[Deduction, ...]
    department_parts: tuple[Part, ...]
    advanced_units: int
    complaint_days: int
    quarterly_due_days: int
    document: Mapping[str, Any]
    """The file as read, kept so the scheme in force can be shown and exported."""

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    def note(self, lang: str) -> str:
        """What is known of the card's source, and what was assumed."""
        return (self.note_zh if lang == "zh" else self.note_en) or self.note_en or self.note_zh

    def section(self, key: str) -> Section:
        return self.water_quality if key == "water_quality" else self.key_work

    def item(self, key: str) -> Item | None:
        for section in (self.water_quality, self.key_work):
            for item in section.items:
                for node in _walk(item):
                    if node.key == key:
                        return node
        return None

    def section_of(self, key: str) -> str | None:
        for section in (self.water_quality, self.key_work):
            if any(node.key == key for item in section.items for node in _walk(item)):
                return section.key
        return None

    @property
    def enforcement(self) -> Item | None:
        return next((leaf for leaf in self.key_work.leaves() if leaf.rule == "violations"), None)

    @property
    def department_points(self) -> Fraction:
        return sum((p.points for p in self.department_parts), Fraction(0))


def _walk(item: Item) -> Iterator[Item]:
    yield item
    for child in item.items:
        yield from _walk(child)


# -- reading a card --------------------------------------------------------------------------


def _text(doc: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str:
    value = doc.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise SchemeError(f"{where}.{key}", "text_needed")
    return value.strip()


def _int(doc: Mapping[str, Any], key: str, where: str, default: int | None = None) -> int:
    value = doc.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SchemeError(f"{where}.{key}", "whole_number_needed", value=value)
    return value


def _map(doc: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
    value = doc.get(key)
    if not isinstance(value, Mapping):
        raise SchemeError(f"{where}.{key}", "section_needed")
    return value


def _item(raw: Any, where: str, keys: set[str]) -> Item:
    if not isinstance(raw, Mapping):
        raise SchemeError(where, "section_needed")
    key = _text(raw, "key", where)
    if key in keys or key in SECTIONS:
        raise SchemeError(f"{where}.key", "duplicate_key", key=key)
    keys.add(key)
    points = exact(raw.get("points"), f"{where}.points")
    if points < 0:
        raise SchemeError(f"{where}.points", "negative", value=raw.get("points"))
    children_raw = raw.get("items") or []
    if not isinstance(children_raw, list):
        raise SchemeError(f"{where}.items", "list_needed")
    children = tuple(_item(c, f"{where}.items[{i}]", keys) for i, c in enumerate(children_raw))
    rule = raw.get("rule", "manual")
    if rule not in RULES:
        raise SchemeError(f"{where}.rule", "unknown_rule", rule=rule, options=", ".join(RULES))
    if children and rule != "manual":
        raise SchemeError(f"{where}.rule", "rule_on_parent", rule=rule)
    if children:
        total = sum((c.points for c in children), Fraction(0))
        if total != points:
            raise SchemeError(
                f"{where}.points", "sum", key=key, points=_shown(points), total=_shown(total)
            )
    per_case = exact(raw.get("per_case", 1), f"{where}.per_case")
    if per_case <= 0:
        raise SchemeError(f"{where}.per_case", "negative", value=raw.get("per_case"))
    return Item(
        key=key,
        zh=_text(raw, "zh", where),
        en=_text(raw, "en", where),
        points=points,
        rule=rule,
        per_case=per_case,
        items=children,
        undocumented=bool(raw.get("undocumented", False)),
    )


def _section(doc: Mapping[str, Any], key: str, keys: set[str]) -> Section:
    raw = _map(doc, key, "$")
    points = exact(raw.get("points"), f"$.{key}.points")
    items_raw = raw.get("items")
    if not isinstance(items_raw, list) or not items_raw:
        raise SchemeError(f"$.{key}.items", "list_needed")
    items = tuple(_item(r, f"$.{key}.items[{i}]", keys) for i, r in enumerate(items_raw))
    total = sum((i.points for i in items), Fraction(0))
    if total != points:
        raise SchemeError(
            f"$.{key}.points", "sum", key=key, points=_shown(points), total=_shown(total)
        )
    return Section(key=key, points=points, items=items)


def _shown(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else str(float(value))


def parse_scheme(doc: Any) -> Scheme:
    """Check a card document and return the scheme it describes (raises SchemeError)."""
    if not isinstance(doc, Mapping):
        raise SchemeError("$", "section_needed")
    if doc.get("format") != FORMAT:
        raise SchemeError("$.format", "wrong_format", expected=FORMAT)
    if doc.get("version") != VERSION:
        raise SchemeError("$.version", "wrong_version", version=doc.get("version"))
    weights = _map(doc, "weights", "$")
    water_weight = exact(weights.get("water_quality"), "$.weights.water_quality")
    key_weight = exact(weights.get("key_work"), "$.weights.key_work")
    if water_weight < 0 or key_weight < 0 or water_weight + key_weight != 1:
        raise SchemeError("$.weights", "weights_sum")
    grades = _map(doc, "grades", "$")
    excellent = exact(grades.get("excellent"), "$.grades.excellent")
    good = exact(grades.get("good"), "$.grades.good")
    pass_mark = exact(grades.get("pass"), "$.grades.pass")
    if not 0 < pass_mark < good < excellent <= 100:
        raise SchemeError("$.grades", "grades_order")
    keys: set[str] = set()
    water = _section(doc, "water_quality", keys)
    key_work = _section(doc, "key_work", keys)
    if water.points != 100 or key_work.points != 100:
        raise SchemeError("$", "hundred")
    if sum(1 for leaf in key_work.leaves() if leaf.rule == "violations") > 1:
        raise SchemeError("$.key_work", "one_enforcement")
    if any(leaf.rule != "manual" for leaf in water.leaves()):
        raise SchemeError("$.water_quality", "water_manual")
    deductions = []
    for i, raw in enumerate(doc.get("deductions") or []):
        where = f"$.deductions[{i}]"
        if not isinstance(raw, Mapping):
            raise SchemeError(where, "section_needed")
        rule = raw.get("rule")
        if rule not in DEDUCTION_RULES:
            raise SchemeError(
                f"{where}.rule", "unknown_rule", rule=rule, options=", ".join(DEDUCTION_RULES)
            )
        section = raw.get("from")
        if section not in SECTIONS:
            raise SchemeError(f"{where}.from", "unknown_section", section=section)
        per = exact(raw.get("per"), f"{where}.per")
        if per <= 0:
            raise SchemeError(f"{where}.per", "negative", value=raw.get("per"))
        deductions.append(
            Deduction(
                key=_text(raw, "key", where),
                zh=_text(raw, "zh", where),
                en=_text(raw, "en", where),
                rule=str(rule),
                per=per,
                section=str(section),
                assumed=bool(raw.get("assumed", False)),
            )
        )
    monthly = _map(doc, "monthly", "$")
    warned = _int(monthly, "warned", "$.monthly")
    interview = _int(monthly, "interview_after_last", "$.monthly")
    accountability = _int(monthly, "accountability_after_last", "$.monthly")
    if not 0 < interview <= accountability <= 12:
        raise SchemeError("$.monthly", "months_order")
    annual = _map(doc, "annual_fail", "$")
    consequences = annual.get("consequences")
    if not isinstance(consequences, list) or any(
        c not in ANNUAL_CONSEQUENCES for c in consequences
    ):
        raise SchemeError(
            "$.annual_fail.consequences",
            "unknown_consequence",
            options=", ".join(ANNUAL_CONSEQUENCES),
        )
    deterioration = _map(doc, "deterioration", "$")
    due = _map(doc, "results_due", "$")
    due_month = _int(due, "month", "$.results_due")
    due_day = _int(due, "day", "$.results_due")
    if not (1 <= due_month <= 12 and 1 <= due_day <= 31):
        raise SchemeError("$.results_due", "bad_date")
    departments = _map(doc, "departments", "$")
    parts = []
    part_keys: set[str] = set()
    for i, raw in enumerate(departments.get("parts") or []):
        where = f"$.departments.parts[{i}]"
        if not isinstance(raw, Mapping):
            raise SchemeError(where, "section_needed")
        key = _text(raw, "key", where)
        if key in part_keys:
            raise SchemeError(f"{where}.key", "duplicate_key", key=key)
        part_keys.add(key)
        points = exact(raw.get("points"), f"{where}.points")
        if points <= 0:
            raise SchemeError(f"{where}.points", "negative", value=raw.get("points"))
        parts.append(Part(key, _text(raw, "zh", where), _text(raw, "en", where), points))
    if not parts:
        raise SchemeError("$.departments.parts", "list_needed")
    part_total = sum((p.points for p in parts), Fraction(0))
    if part_total != 100:
        raise SchemeError(
            "$.departments.parts", "sum", key="departments", points="100", total=_shown(part_total)
        )
    complaints = _map(doc, "complaints", "$")
    reports = _map(doc, "reports", "$")
    days = _int(complaints, "handling_days", "$.complaints")
    if days == 0:
        raise SchemeError("$.complaints.handling_days", "whole_number_needed", value=0)
    return Scheme(
        name_zh=_text(doc, "name_zh", "$"),
        name_en=_text(doc, "name_en", "$"),
        source=_text(doc, "source", "$", required=False),
        note_en=_text(doc, "note", "$", required=False),
        note_zh=_text(doc, "note_zh", "$", required=False),
        water_weight=water_weight,
        key_work_weight=key_weight,
        excellent=excellent,
        good=good,
        pass_mark=pass_mark,
        warned=warned,
        interview_after_last=interview,
        accountability_after_last=accountability,
        annual_fail=tuple(str(c) for c in consequences),
        eia_exceptions_zh=str(annual.get("eia_suspension_exceptions_zh") or ""),
        eia_exceptions_en=str(annual.get("eia_suspension_exceptions_en") or ""),
        deterioration_declines=_int(deterioration, "declines", "$.deterioration"),
        results_due=(due_month, due_day),
        water_quality=water,
        key_work=key_work,
        deductions=tuple(deductions),
        department_parts=tuple(parts),
        advanced_units=_int(departments, "advanced_units", "$.departments"),
        complaint_days=days,
        quarterly_due_days=_int(reports, "quarterly_due_days", "$.reports"),
        document=doc,
    )
