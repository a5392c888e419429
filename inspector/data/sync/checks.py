"""Every incoming value checked as a local write checks it, and refusals in words.

A value from another replica must be exactly what this program's own validation
(`inspector.models.spec`) makes of it: the right type, range, choice, length, a region
and river this replica knows, a valid credit code. The checks here are compiled from the
same field declarations `spec.clean` reads, as one small predicate per field, because a
bundle may hold a million operations; a value a predicate rejects goes through
`spec.clean` itself, which says what is wrong in the words a local save would use.

`Refusal` is one reason a bundle is refused (record, field, value, reason);
`OperationsRefused` carries the first few to the person, with exit status 2.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

import orjson

from inspector.domain import credit_code
from inspector.i18n import Problem, language, t
from inspector.models.spec import FieldSpec, Invalid, ModelSpec, Reference, spec_for

#: How many problems a refusal lists (the first ones found).
SHOWN = 5

Check = Callable[[Any], bool]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$")


@functools.cache
def synced_specs() -> dict[str, ModelSpec]:
    from inspector.models import SYNCED

    return {name: spec_for(model) for name, model in SYNCED.items()}


@functools.cache
def required_fields() -> dict[str, frozenset[str]]:
    """Fields a new row must be given, by table."""
    return {
        name: frozenset(f for f, s in spec.fields.items() if s.required)
        for name, spec in synced_specs().items()
    }


@functools.cache
def references() -> dict[str, dict[str, str]]:
    """Foreign keys of synced tables: table -> field -> referenced table."""
    from inspector.models import SYNCED

    out: dict[str, dict[str, str]] = {}
    for name, model in SYNCED.items():
        table = model.__table__  # type: ignore[attr-defined]
        for column in table.columns:
            for fk in column.foreign_keys:
                out.setdefault(name, {})[column.name] = fk.column.table.name
    return out


def _is_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_datetime(value: str) -> bool:
    if not _DATETIME.match(value):
        return False
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _canonical_text(value: Any, max_length: int | None) -> bool:
    return (
        type(value) is str
        and value != ""
        and not value[0].isspace()
        and not value[-1].isspace()
        and (max_length is None or len(value) <= max_length)
        and "\x00" not in value
    )


def _compile(spec: FieldSpec, ref: Reference) -> Check:
    """A predicate true exactly for canonical valid values of one field (None included
    when the field may be empty)."""
    nullable = not spec.required
    lo, hi, most = spec.ge, spec.le, spec.max_length
    base: Check
    if spec.kind == "str":
        check = spec.check
        if check == "region":
            regions = ref.regions

            def base(v: Any) -> bool:
                return _canonical_text(v, most) and v in regions
        elif check == "river":
            rivers = ref.rivers

            def base(v: Any) -> bool:
                return _canonical_text(v, most) and v in rivers
        elif check == "credit_code":

            def base(v: Any) -> bool:
                return (
                    _canonical_text(v, most)
                    and credit_code.normalise(v) == v
                    and credit_code.problem(v) is None
                )
        else:

            def base(v: Any) -> bool:
                return _canonical_text(v, most)
    elif spec.kind == "int":

        def base(v: Any) -> bool:
            return type(v) is int and (lo is None or v >= lo) and (hi is None or v <= hi)
    elif spec.kind == "float":

        def base(v: Any) -> bool:
            return (
                (type(v) is float or type(v) is int)
                and math.isfinite(v)
                and (lo is None or v >= lo)
                and (hi is None or v <= hi)
            )
    elif spec.kind == "bool":

        def base(v: Any) -> bool:
            return type(v) is bool
    elif spec.kind == "date":

        def base(v: Any) -> bool:
            return type(v) is str and _is_date(v)
    elif spec.kind == "datetime":

        def base(v: Any) -> bool:
            return type(v) is str and _is_datetime(v)
    elif spec.kind == "choice":
        assert spec.choice is not None
        keys = frozenset(m.value for m in spec.choice)

        def base(v: Any) -> bool:
            return type(v) is str and v in keys
    elif spec.kind == "list":
        item: Check
        if spec.list_of and spec.list_of != "text":
            from inspector.domain.choices import CHOICES

            members = frozenset(m.value for m in CHOICES[spec.list_of])

            def item(v: Any) -> bool:
                return type(v) is str and v in members
        else:

            def item(v: Any) -> bool:
                return _canonical_text(v, None)

        def base(v: Any) -> bool:
            return type(v) is list and all(item(x) for x in v) and len(set(v)) == len(v)

        # An empty list is what a blank list field holds.
        return lambda v: v is None or base(v)
    else:  # json

        def base(v: Any) -> bool:
            # No NUL in any text inside (JSON writes it \u0000): PostgreSQL refuses it.
            return type(v) is dict and b"\\u0000" not in orjson.dumps(v)

    if nullable:
        return lambda v: v is None or base(v)
    return base


@dataclass(frozen=True)
class Validators:
    """Per table, per field, the canonical-value predicate (see `_compile`)."""

    checks: dict[str, dict[str, Check]]
    reference: Reference

    def explain(self, entity: str, name: str, value: Any) -> tuple[str, dict[str, Any]]:
        """Why `value` was refused for this field: the error local validation gives,
        or, when it would accept the value, that the value is not in canonical form."""
        spec = synced_specs()[entity].fields[name]
        try:
            cleaned = spec.clean(value, self.reference)
        except Invalid as exc:
            return exc.code, dict(exc.params)
        except (TypeError, ValueError, AttributeError, OverflowError):
            return "not_canonical", {}
        if cleaned is None and spec.required:
            return "required", {}
        return "not_canonical", {}


def validators(reference: Reference) -> Validators:
    checks = {
        entity: {name: _compile(f, reference) for name, f in spec.fields.items()}
        for entity, spec in synced_specs().items()
    }
    return Validators(checks, reference)


# -- refusals -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    """One reason to refuse a bundle, as a person reads it."""

    reason: str
    """Message key `refusal.<reason>`."""
    origin: str = ""
    seq: int = 0
    entity: str = ""
    record: str = ""
    """How a person knows the record: an outfall's code, else a short id."""
    field: str = ""
    value: Any = None
    params: dict[str, Any] = dc_field(default_factory=dict)
    unnamed: str = ""
    """The id of a record still to be named from the database (`record` is its short
    id until then): a refusal found off the importer's thread is named on it."""

    def text(self, names: dict[str, str], lang: str | None = None) -> str:
        origin = names.get(self.origin) or self.origin[:8]
        label = t(f"field.{self.entity}.{self.field}", lang=lang) if self.field else ""
        if self.reason == "value":
            from inspector.models.spec import FieldError

            params = dict(self.params["params"])
            if "options" in params:
                # The whole list of choices (dozens of categories) drowns the sentence.
                options = str(params["options"]).split(", ")
                params["options"] = ", ".join(options[:4]) + ("…" if len(options) > 4 else "")
            message = FieldError(self.field, self.params["code"], params).message(self.entity, lang)
            detail = t("refusal.value", lang=lang, message=message, value=show(self.value))
        elif self.reason == "authority":
            from inspector.domain.choices import ReplicaRole

            role = ReplicaRole.parse(str(self.params.get("role", "")))
            detail = t(
                f"authority.{self.params['denial']}",
                lang=lang,
                role=role.label(lang or language()) if role else self.params.get("role", ""),
                region=self.params.get("region", ""),
            )
        else:
            target = self.params.get("target", "")
            detail = t(
                f"refusal.{self.reason}",
                lang=lang,
                **{
                    **self.params,
                    "field": label,
                    "origin": origin,
                    "value": show(self.value),
                    "target": t("entity." + target, lang=lang) if target else "",
                },
            )
        where = (
            f"{t('entity.' + self.entity, lang=lang)} {self.record}".strip() if self.entity else ""
        )
        if not where:
            return t("refusal.item_bare", lang=lang, detail=detail, origin=origin, seq=self.seq)
        if not self.origin:
            return t("refusal.item_reference", lang=lang, where=where, detail=detail)
        return t("refusal.item", lang=lang, where=where, detail=detail, origin=origin, seq=self.seq)


def show(value: Any, width: int = 40) -> str:
    text = "—" if value is None else value if isinstance(value, str) else repr(value)
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


class OperationsRefused(Problem):
    """Operations a bundle carries that this replica does not accept: exit status 2,
    nothing changed; the message lists the first few."""

    exit_code = 2

    def __init__(self, refusals: list[Refusal], *, more: bool = False) -> None:
        self.refusals = refusals[:SHOWN]
        self.more = more or len(refusals) > SHOWN
        self.file = ""
        self.source = ""
        self.names: dict[str, str] = {}
        super().__init__("refusal.bundle")

    def __str__(self) -> str:
        lang = language()
        sep = "；" if lang == "zh" else "; "
        items = sep.join(r.text(self.names, lang) for r in self.refusals)
        if self.more:
            items += sep + t("refusal.more", lang=lang)
        return t("refusal.bundle", lang=lang, file=self.file, source=self.source, items=items)
