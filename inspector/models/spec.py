"""Validation and canonical values, derived from the table models' own declarations.

A value has three forms: what a person or a spreadsheet gives (text, numbers, dates),
the canonical value (JSON-ready: str, int, float, bool, list, dict or None; dates as
`YYYY-MM-DD`, datetimes as UTC `YYYY-MM-DD HH:MM:SS.ffffff`), and the stored value
(canonical, with lists and dicts as JSON text). Operations carry canonical values, so
two replicas compare exactly what they store.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from functools import cache, cached_property
from typing import Any

import annotated_types
from sqlmodel import SQLModel

from inspector.domain import credit_code, jsontext, moments
from inspector.domain.choices import CHOICES, Choice, TriState
from inspector.i18n import Problem, t

DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"

#: The range of a stored integer, the same on both engines.
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


@dataclass(frozen=True)
class FieldError:
    """One field's problem; `code` names the message `error.<code>`."""

    field: str
    code: str
    params: dict[str, Any] = dc_field(default_factory=dict)

    def message(self, entity: str, lang: str | None = None, label: str | None = None) -> str:
        name = label or t(f"field.{entity}.{self.field}", lang=lang)
        return t(f"error.{self.code}", lang=lang, field=name, **self.params)


class ValidationFailed(Problem):
    """Values refused, every bad field at once; shown as one line naming each field."""

    def __init__(self, entity: str, errors: list[FieldError]) -> None:
        self.entity = entity
        self.errors = errors
        super().__init__("validation.failed")

    def messages(self, lang: str | None = None) -> list[str]:
        return [e.message(self.entity, lang) for e in self.errors]

    def __str__(self) -> str:
        return "; ".join(self.messages())


class Invalid(Exception):
    """Raised by a converter; becomes a FieldError once the field is known."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(code)


class Clean(dict[str, Any]):
    """Canonical values that have passed validation: the writer accepts these as they are."""


@dataclass(frozen=True)
class Reference:
    """The reference data checks need; None skips them (remote data is taken as sent)."""

    regions: frozenset[str]
    rivers: frozenset[str]


# -- converters -------------------------------------------------------------------------

_TRUE = {"1", "true", "yes", "y", "是", "有", "√", "✓", "t", "对"}
_FALSE = {"0", "false", "no", "n", "否", "无", "没有", "×", "f", "✗"}


def holds_nul(value: Any) -> bool:
    """Whether any text in `value` (JSON-like: keys, lists and objects included) holds
    U+0000, which PostgreSQL cannot store. Without recursion: a stranger's manifest may
    nest a thousand levels deep, past Python's recursion limit."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list | tuple):
            pending.extend(item)
    return False


def _to_str(value: Any) -> str:
    if isinstance(value, str):
        if "\x00" in value:
            # Invisible, of no use in any field, and PostgreSQL cannot store it.
            raise Invalid("nul")
        return value.strip()
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Invalid("not_text")
    # Spreadsheets turn codes such as 410821 into numbers; take them back as text.
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _to_int(value: Any) -> int:
    if isinstance(value, bool):
        raise Invalid("not_integer", value=value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip()
    try:
        return int(text)
    except ValueError:
        try:
            number = float(text)
        except ValueError:
            raise Invalid("not_integer", value=text) from None
        if not number.is_integer():
            raise Invalid("not_integer", value=text) from None
        return int(number)


def _to_float(value: Any) -> float:
    if isinstance(value, bool):
        raise Invalid("not_number", value=value)
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip().replace("，", ".")
        try:
            number = float(text)
        except ValueError:
            raise Invalid("not_number", value=text) from None
    if not math.isfinite(number):
        raise Invalid("not_number", value=value)
    return number


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    text = str(value).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    parsed = TriState.parse(text)
    if parsed is TriState.YES:
        return True
    if parsed is TriState.NO:
        return False
    raise Invalid("not_bool", value=value)


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def _to_date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    # Excel and openpyxl sometimes hand over "2025-06-30 00:00:00".
    text = re.sub(r"[ T]00:00(:00)?(\.0+)?$", "", text)
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            except ValueError:
                break
    raise Invalid("not_date", value=text)


def to_utc_text(moment: dt.datetime) -> str:
    """Canonical form of an aware moment (`inspector.domain.moments.to_stored`)."""
    return moments.to_stored(moment)


def _to_datetime(value: Any) -> str:
    # Typed text is local time, read in this computer's zone; the UI reads it in its own
    # zone first (`moments.read_typed`) and hands over an aware moment. Either way the
    # conversion to UTC is `moments`' alone.
    try:
        return moments.typed_to_stored(value if isinstance(value, dt.datetime) else str(value))
    except moments.NaiveMoment:
        raise
    except ValueError:
        raise Invalid("not_datetime", value=value) from None


def parse_stored_datetime(text: str) -> dt.datetime:
    """A stored (UTC) datetime back into an aware datetime."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def _choice_converter(kind: type[Choice]) -> Callable[[Any], str]:
    def convert(value: Any) -> str:
        member = kind.parse(str(value))
        if member is None:
            raise Invalid("not_choice", value=value, options=_options(kind))
        return member.value

    return convert


def _options(kind: type[Choice]) -> str:
    from inspector.i18n import language

    lang = language()
    return ", ".join(m.label(lang) for m in kind)


def _list_converter(kind: str) -> Callable[[Any], list[str]]:
    item: Callable[[Any], str]
    item = _to_str if kind == "text" else _choice_converter(CHOICES[kind])

    def convert(value: Any) -> list[str]:
        if isinstance(value, str):
            stripped = value.strip()
            if stripped.startswith("["):
                try:
                    value = jsontext.loads(stripped)
                except json.JSONDecodeError:
                    raise Invalid("not_list") from None
            else:
                value = list(re.split(r"[,;，；、/\n]", stripped))
        if not isinstance(value, list | tuple | set | frozenset):
            raise Invalid("not_list")
        out: list[str] = []
        for v in value:
            converted = item(v)
            if converted and converted not in out:
                out.append(converted)
        return out

    return convert


def _to_json_dict(value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        try:
            value = jsontext.loads(value)
        except json.JSONDecodeError:
            raise Invalid("not_list") from None
    if not isinstance(value, dict):
        raise Invalid("not_list")
    return value


# -- specs ------------------------------------------------------------------------------


@dataclass
class FieldSpec:
    name: str
    kind: str
    """str, int, float, bool, date, datetime, choice, list or json."""
    required: bool
    default: Any
    convert: Callable[[Any], Any]
    choice: type[Choice] | None = None
    list_of: str | None = None
    ge: float | None = None
    le: float | None = None
    max_length: int | None = None
    check: str | None = None
    personal: bool = False

    def clean(self, value: Any, reference: Reference | None = None) -> Any:
        """Canonical value of `value`, or raise Invalid. Blank text means 'no value'."""
        if value is None or (isinstance(value, str) and not value.strip()):
            if self.required:
                raise Invalid("required")
            # A blank cell or form field means "the default": None for optional fields,
            # the declared default (0, False, "suspected") for the others.
            return [] if self.kind == "list" else self.default
        result = self.convert(value)
        if (
            self.max_length is not None
            and isinstance(result, str)
            and len(result) > self.max_length
        ):
            raise Invalid("too_long", max=self.max_length)
        if self.ge is not None and result < self.ge:
            raise Invalid("below_min", min=_num(self.ge))
        if self.le is not None and result > self.le:
            raise Invalid("above_max", max=_num(self.le))
        if self.check:
            result = _CHECKS[self.check](result, reference)
        return result

    def to_storage(self, value: Any) -> Any:
        if value is not None and self.kind in ("list", "json"):
            return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        return value

    def from_storage(self, value: Any) -> Any:
        if value is None:
            return [] if self.kind == "list" else None
        if self.kind in ("list", "json") and isinstance(value, str):
            return json.loads(value)
        if self.kind == "bool":
            return bool(value)
        return value


def _num(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


def _check_credit_code(value: str, _ref: Reference | None) -> str:
    code = credit_code.normalise(value)
    problem = credit_code.problem(code)
    if problem is not None:
        raise Invalid(
            problem.code, position=problem.position, char=problem.char, expected=problem.expected
        )
    return code


def _check_region(value: str, ref: Reference | None) -> str:
    if ref is not None and value not in ref.regions:
        raise Invalid("region_unknown", value=value)
    return value


def _check_river(value: str, ref: Reference | None) -> str:
    if ref is not None and value not in ref.rivers:
        raise Invalid("river_unknown", value=value)
    return value


_CHECKS: dict[str, Callable[[Any, Reference | None], Any]] = {
    "credit_code": _check_credit_code,
    "region": _check_region,
    "river": _check_river,
}

_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "str": _to_str,
    "int": _to_int,
    "float": _to_float,
    "bool": _to_bool,
    "date": _to_date,
    "datetime": _to_datetime,
    "json": _to_json_dict,
}


def _base_type(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _base_type(args[0])
    return annotation


def _field_spec(name: str, info: Any) -> FieldSpec:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    base = _base_type(info.annotation)
    origin = typing.get_origin(base)
    choice_kind = extra.get("choice")
    list_of = extra.get("list_of")
    convert: Callable[[Any], Any]
    if choice_kind:
        kind = "choice"
        convert = _choice_converter(CHOICES[choice_kind])
    elif list_of or origin is list:
        kind = "list"
        convert = _list_converter(list_of or "text")
    elif origin is dict or base is dict:
        kind = "json"
        convert = _CONVERTERS["json"]
    else:
        kind = {
            str: "str",
            int: "int",
            float: "float",
            bool: "bool",
            dt.date: "date",
            dt.datetime: "datetime",
        }[base]
        convert = _CONVERTERS[kind]
    ge = le = max_length = None
    for m in info.metadata:
        if isinstance(m, annotated_types.Ge):
            ge = float(m.ge)  # type: ignore[arg-type]
        elif isinstance(m, annotated_types.Le):
            le = float(m.le)  # type: ignore[arg-type]
        elif isinstance(m, annotated_types.MaxLen):
            max_length = m.max_length
    if kind == "int":
        # What both engines store (SQLite's INTEGER, PostgreSQL's BIGINT); Python's
        # integers go beyond, and a value past it failed the save or the import.
        ge = max(ge, INT64_MIN) if ge is not None else INT64_MIN
        le = min(le, INT64_MAX) if le is not None else INT64_MAX
    default = info.get_default(call_default_factory=True) if not info.is_required() else None
    if isinstance(default, Choice):
        default = default.value
    return FieldSpec(
        name=name,
        kind=kind,
        required=info.is_required(),
        default=default,
        convert=convert,
        choice=CHOICES[choice_kind] if choice_kind else None,
        list_of=list_of,
        ge=ge,
        le=le,
        max_length=max_length,
        check=extra.get("check"),
        personal=bool(extra.get("personal")),
    )


@dataclass
class ModelSpec:
    model: type[SQLModel]
    entity: str
    fields: dict[str, FieldSpec]
    columns: tuple[str, ...]
    """Every stored column in table order, `id` first."""

    def clean(
        self,
        values: Mapping[str, Any],
        *,
        partial: bool = False,
        reference: Reference | None = None,
    ) -> Clean:
        """Validate `values`; all problems at once in ValidationFailed, else canonical values.

        On create (`partial=False`) fields not given take their defaults, and required ones
        must be present; on update only the given fields are checked.
        """
        if isinstance(values, Clean):
            return values
        errors: list[FieldError] = []
        out = Clean()
        for name, value in values.items():
            spec = self.fields.get(name)
            if spec is None:
                errors.append(FieldError(name, "unknown_field"))
                continue
            try:
                out[name] = spec.clean(value, reference)
            except Invalid as exc:
                params = dict(exc.params)
                errors.append(FieldError(name, exc.code, params))
        if not partial:
            for name, spec in self.fields.items():
                if name in values:
                    continue
                if spec.required:
                    errors.append(FieldError(name, "required"))
                else:
                    out[name] = spec.default
        if errors:
            raise ValidationFailed(self.entity, errors)
        return out

    def from_row(self, row: Iterable[Any]) -> dict[str, Any]:
        """Canonical values of a stored row given in `columns` order."""
        values = dict(zip(self.columns, row, strict=True))
        for name, spec in self.fields.items():
            values[name] = spec.from_storage(values[name])
        return values

    @cached_property
    def _storage_plan(self) -> tuple[tuple[str, bool, Any], ...]:
        return tuple(
            (c, self.fields[c].kind in ("list", "json"), self.fields[c].default)
            for c in self.columns
            if c != "id"
        )

    def storage_row(self, row_id: str, clean: Mapping[str, Any]) -> tuple[Any, ...]:
        """The stored row, in `columns` order, for canonical values (defaults filled in)."""
        out: list[Any] = [row_id]
        get = clean.get
        for name, is_json, default in self._storage_plan:
            value = get(name, default)
            if is_json and value is not None:
                value = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
            out.append(value)
        return tuple(out)

    def personal_fields(self) -> frozenset[str]:
        return frozenset(n for n, s in self.fields.items() if s.personal)


@cache
def spec_for(model: type[SQLModel]) -> ModelSpec:
    table = model.__table__  # type: ignore[attr-defined]
    # Columns the database computes (the outfall's map cell) and keys kept beside a row
    # (its name in reading order) are neither written with it nor synced: they are not
    # fields of the record.
    fields = {
        name: _field_spec(name, info)
        for name, info in model.model_fields.items()
        if name != "id" and not _derived(info)
    }
    return ModelSpec(
        model=model,
        entity=table.name,
        fields=fields,
        columns=tuple(
            c.name for c in table.columns if c.computed is None and not c.info.get("derived")
        ),
    )


def _derived(info: Any) -> bool:
    extra = info.json_schema_extra
    return isinstance(extra, dict) and bool(extra.get("derived"))


def same_value(a: Any, b: Any) -> bool:
    """Equality of canonical values as a person would see it (1 == 1.0, [] == None)."""
    if a is None or a == []:
        return b is None or b == []
    if isinstance(a, float) or isinstance(b, float):
        try:
            return math.isclose(float(a), float(b), rel_tol=0, abs_tol=1e-9)
        except (TypeError, ValueError):
            return False
    return bool(a == b)
