"""The stale-edit rule: a save never silently overwrites a value someone else stored after
the person opened the form.

Several people edit one central record at once (each their own `inspector`, on one
PostgreSQL database or one SQLite file opened twice). A form remembers the values it was
filled with (`seen`); on save, inside the write transaction (one writer at a time, so
nobody can slip in between this check and the write), each field the person changed is
compared with what is stored now:

- the person did not change it (what they save is what they saw): it is not written, so
  whatever someone else stored there stays, and it is never a conflict;
- nobody else changed it, or someone else stored the very value being saved: it is saved;
- otherwise the whole save is refused with `StaleEdit`, naming for each such field what
  the person saw, what is stored now (with who stored it and when, from the operation
  log) and what they are saving. Saving over it is a second, explicit decision: the same
  save again with `seen` set to what is stored now.

Some values are not a field the form shows filled in but a choice the person makes
outright, such as who answers for an outfall (its main owner is a row of its own, and the
dialog starts empty). Whatever such a dialog saves is the person's decision, even the
value they saw, so `still_as_seen` refuses it whenever someone else changed the value
since, unless they chose the very same one; the refusal is the same `StaleEdit`.

One rule, one place: every service that saves a form's edit of an existing record calls
`unchanged_since` (or `still_as_seen` for such a choice). `seen=None` (a command with no
form) saves as before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from inspector.data.history import last_set
from inspector.data.writer import Writer
from inspector.domain.moments import shown
from inspector.domain.printable import printable
from inspector.i18n import Problem, language, t
from inspector.models import SYNCED
from inspector.models.spec import same_value, spec_for


@dataclass(frozen=True)
class StaleField:
    """One field someone else changed after the person saw it."""

    field: str
    label: str
    seen: Any
    """What the person saw when the form was filled (canonical)."""
    stored: Any
    """What is stored now."""
    saving: Any
    """What the person is saving."""
    by: str | None
    at: dt.datetime | None
    """Who stored the value there now, and when (UTC); None when the log does not say."""
    seen_text: str
    stored_text: str
    saving_text: str

    def as_json(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "seen": self.seen,
            "stored": self.stored,
            "saving": self.saving,
            "by": self.by,
            "at": self.at.isoformat() if self.at else None,
        }


class StaleEdit(Problem):
    """A save refused because someone else changed what the person is changing; nothing
    was saved. `fields` says, field by field, what each side holds."""

    def __init__(
        self,
        entity: str,
        row_id: str,
        record: str,
        fields: tuple[StaleField, ...],
        *,
        kind: str = "stale",
    ):
        """`kind`: "stale" (someone changed it after the form was filled) or "registered"
        (the record was found already registered, with other values than typed)."""
        self.entity = entity
        self.row_id = row_id
        self.record = record
        self.fields = fields
        self.kind = kind
        super().__init__(self.message_key("refused"), record=record)

    def message_key(self, part: str) -> str:
        """The message key of `part` (refused, field, title, intro) for this kind of
        refusal."""
        return f"stale.registered.{part}" if self.kind == "registered" else f"stale.{part}"

    def stored_values(self) -> dict[str, Any]:
        """What is stored now, by field: the `seen` of a save that goes over it."""
        return {f.field: f.stored for f in self.fields}

    def __str__(self) -> str:
        sep = "；" if language() == "zh" else "; "
        parts = [
            t(
                self.message_key("field"),
                field=f.label,
                seen=f.seen_text,
                stored=f.stored_text,
                who=who_and_when(f),
                saving=f.saving_text,
            )
            for f in self.fields
        ]
        return t(self.message_key("refused"), record=self.record, fields=sep.join(parts))


def who_and_when(field: StaleField, tz: dt.tzinfo | None = None) -> str:
    """ "张三, 2026-11-23 10:30" for the change that put the stored value there."""
    if field.by is None:
        return t("stale.by_unknown")
    return t("stale.by", by=printable(field.by), at=shown(field.at, tz) if field.at else "")


def value_text(entity: str, name: str, value: Any) -> str:
    """A canonical value as a person reads it, in the current language."""
    from inspector.domain.choices import CHOICES

    if value is None or value == [] or value == "":
        return t("stale.blank")
    model = SYNCED.get(entity)
    spec = spec_for(model).fields.get(name) if model is not None else None
    lang = language()
    if spec is not None and spec.choice is not None and isinstance(value, str):
        member = spec.choice._value2member_map_.get(value)
        return member.label(lang) if member is not None else printable(value)  # type: ignore[attr-defined]
    if spec is not None and spec.kind == "list" and isinstance(value, list):
        kind = CHOICES.get(spec.list_of or "")
        items = []
        for item in value:
            member = kind._value2member_map_.get(str(item)) if kind else None
            items.append(member.label(lang) if member is not None else str(item))  # type: ignore[attr-defined]
        return printable("、".join(items))
    if isinstance(value, bool) or (spec is not None and spec.kind == "bool"):
        return t("ui.yes") if value else t("ui.no")
    if isinstance(value, float):
        return f"{value:g}"
    return printable(str(value))


def unchanged_since(
    w: Writer,
    model: Any,
    row_id: str,
    changes: Mapping[str, Any],
    seen: Mapping[str, Any] | None,
    *,
    current: Mapping[str, Any],
    record: str,
    describe: Mapping[str, Callable[[Any], str]] | None = None,
) -> dict[str, Any]:
    """The part of `changes` (canonical values) to write, given what the person `seen`
    when the form was filled and the row as stored now (`current`, read inside `w`).

    Fields `seen` does not name are written as given (the form did not show them).
    Raises `StaleEdit` naming every field someone else changed meanwhile; `record` names
    the record for a person, `describe` shows a field's values another way (an id as
    the code it stands for)."""
    if seen is None:
        return dict(changes)
    spec = spec_for(model)
    out: dict[str, Any] = {}
    stale: list[tuple[str, Any, Any, Any]] = []
    for name, value in changes.items():
        if name not in seen or name not in spec.fields:
            out[name] = value
            continue
        # A form may hand back what it was filled with as stored (JSON text, 0/1).
        was = spec.fields[name].from_storage(seen[name])
        now = current.get(name)
        if same_value(value, was):
            continue  # not the person's change: what is stored stays
        if not _overwrites(was, now, value):
            out[name] = value
            continue
        stale.append((name, was, now, value))
    if not stale:
        return out
    w.flush()
    setters = last_set(w.conn, spec.entity, row_id)
    fields = []
    for name, was, now, value in stale:
        show = (describe or {}).get(name) or (
            lambda v, name=name: value_text(spec.entity, name, v)  # type: ignore[misc]
        )
        setter = setters.get(name)
        fields.append(
            _stale_field(
                name,
                _label(spec.entity, name),
                (was, now, value),
                (setter.actor, setter.at) if setter else None,
                show,
            )
        )
    raise StaleEdit(spec.entity, row_id, record, tuple(fields))


def still_as_seen(
    name: str,
    *,
    saving: Any,
    now: Any,
    seen: Mapping[str, Any] | None,
    entity: str,
    row_id: str,
    record: Callable[[], str],
    label: str,
    describe: Callable[[Any], str],
    changed_by: Callable[[], tuple[str, dt.datetime] | None],
) -> None:
    """Refuse saving `saving` as the choice `name` (not a stored field: a value the
    person picks outright) when what holds now (`now`, read inside the write) is neither
    what `seen` says the person saw nor `saving` itself.

    Unlike a field of `unchanged_since`, saving the value seen is still the person's
    decision: it is refused too if someone else changed it since. `record` names the
    record, `describe` shows a value, `changed_by` says who made what holds now and when
    (all asked only when refusing)."""
    if seen is None or name not in seen:
        return
    was = seen[name]
    if not _overwrites(was, now, saving):
        return
    field = _stale_field(name, label, (was, now, saving), changed_by(), describe)
    raise StaleEdit(entity, row_id, record(), (field,))


def _overwrites(was: Any, now: Any, saving: Any) -> bool:
    """Whether saving would replace something someone else stored after the person saw
    `was`: it changed since, and not to what the person is saving."""
    return not (same_value(now, was) or same_value(now, saving))


def _stale_field(
    name: str,
    label: str,
    values: tuple[Any, Any, Any],
    setter: tuple[str, dt.datetime] | None,
    show: Callable[[Any], str],
) -> StaleField:
    was, now, saving = values
    return StaleField(
        field=name,
        label=label,
        seen=was,
        stored=now,
        saving=saving,
        by=setter[0] if setter else None,
        at=setter[1] if setter else None,
        seen_text=show(was),
        stored_text=show(now),
        saving_text=show(saving),
    )


def _label(entity: str, name: str) -> str:
    from inspector.i18n import has

    key = f"field.{entity}.{name}"
    return t(key) if has(key) else name
