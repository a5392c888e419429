"""Form fields driven by the models' own declarations (`inspector.models.spec`).

A `Field` knows its column's kind, choices and limits from `spec_for(Model)`, so a form
validates exactly as the write path will: as you type, it says in words what is wrong
(the same message a ledger import would give), and a save that the write path refuses
leaves every typed value in place.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, Select, Static

from inspector.domain.printable import printable
from inspector.i18n import has, language, t
from inspector.ui.widgets.forms.chips import DIGITS, Chips

if TYPE_CHECKING:
    from inspector.models.spec import FieldSpec, ModelSpec, Reference
    from inspector.ui.widgets.forms.path import PathKind

BOOL_OPTIONS = (("ui.yes", "yes"), ("ui.no", "no"))
MAX_CHIPS = 10


def field_label(entity: str, name: str) -> str:
    key = f"field.{entity}.{name}"
    return t(key) if has(key) else name


class Field(Vertical):
    """One labelled field; `raw` is what was typed or chosen, exactly."""

    @dataclass
    class Edited(Message):
        field: Field

    def __init__(
        self,
        entity: str,
        spec: FieldSpec,
        *,
        value: Any = None,
        label: str | None = None,
        control: str | None = None,
        options: Sequence[tuple[str, str]] | None = None,
        required: bool | None = None,
        placeholder: str = "",
        reference: Reference | None = None,
        hint: str | None = None,
        digits: str | None = None,
        path: PathKind | None = None,
    ) -> None:
        """`path`: the field holds a path of this kind (completion, a folder tree, the
        path shown resolved)."""
        super().__init__(classes="field", id=f"field-{spec.name}")
        self.entity = entity
        self.spec = spec
        self.name_ = spec.name
        self.label = label or field_label(entity, spec.name)
        if required is None:
            # A choice with a default is never blank in a record: cleared in a form, it is
            # asked for again rather than refused later without a word.
            required = spec.required or (spec.kind == "choice" and spec.default is not None)
        self.required = required
        self.reference = reference
        self.placeholder = placeholder
        self.hint = hint
        self.digits = digits
        self.path_kind = path
        self._options = list(options) if options is not None else self._choice_options()
        self.control_kind = control or ("path" if path is not None else self._default_control())
        if (
            value is None
            and spec.kind == "choice"
            and spec.default is not None
            and any(key == spec.default for _label, key in self._options)
        ):
            # A new record's choice starts at the model's default, as the record would;
            # never at one the form does not offer (a select refuses it and takes the
            # app down).
            value = spec.default
        self._initial = value
        self._shown_problem: str | None = None
        self.initial_raw: Any = None
        """What the control held when the form was filled: edits are measured from it."""
        self.touched = False

    # -- building ------------------------------------------------------------------------

    def _choice_options(self) -> list[tuple[str, str]]:
        spec = self.spec
        lang = language()
        if spec.choice is not None:
            return [(m.label(lang), m.value) for m in spec.choice]
        if spec.kind == "list" and spec.list_of and spec.list_of != "text":
            from inspector.domain.choices import CHOICES

            return [(m.label(lang), m.value) for m in CHOICES[spec.list_of]]
        if spec.kind == "bool":
            return [(t(k), v) for k, v in BOOL_OPTIONS]
        return []

    def _default_control(self) -> str:
        spec = self.spec
        if spec.kind == "list" and self._options:
            return "chips-multi"
        if spec.kind in ("choice", "bool") or self._options:
            return "chips" if len(self._options) <= MAX_CHIPS else "select"
        return "input"

    def compose(self) -> ComposeResult:
        mark = " *" if self.required else ""
        with Horizontal(classes="field-row"):
            yield Label(self.label + mark, classes="field-label")
            yield self._make_control()
        yield Static("", classes="field-error", markup=False)
        if self.hint:
            yield Static(self.hint, classes="field-hint hint", markup=False)

    def _make_control(self) -> Any:
        value = self._initial
        self.initial_raw = self._as_raw(value)
        cid = f"control-{self.name_}"
        if self.control_kind == "chips-multi":
            return Chips(
                self._options,
                value=list(value or []),
                multiple=True,
                id=cid,
                digits=self.digits or DIGITS,
            )
        if self.control_kind == "chips":
            return Chips(self._options, value=_key(value), id=cid, digits=self.digits or DIGITS)
        if self.control_kind == "select":
            return Select(
                self._options,
                value=_key(value) if _key(value) is not None else Select.NULL,
                allow_blank=True,
                prompt=t("form.choose"),
                compact=True,
                id=cid,
            )
        if self.control_kind == "check":
            return Checkbox("", bool(value), compact=True, id=cid)
        if self.control_kind == "path":
            from inspector.ui.widgets.forms.path import PathBox, PathKind

            kind = self.path_kind or PathKind()
            return PathBox(_as_text(value), kind=kind, input_id=cid, placeholder=self.placeholder)
        return Input(_as_text(value), placeholder=self.placeholder, compact=True, id=cid)

    # -- value ---------------------------------------------------------------------------

    def _as_raw(self, value: Any) -> Any:
        """`value` as this field's control reports it back through `raw`."""
        kind = self.control_kind
        if kind == "chips-multi":
            return list(value or [])
        if kind in ("chips", "select"):
            return _key(value)
        if kind == "check":
            return bool(value)
        return _as_text(value)

    def raw_for(self, value: Any) -> Any:
        """What `raw` would be had the field been filled with the stored `value`."""
        return self._as_raw(value)

    @property
    def modified(self) -> bool:
        """Whether the value differs from what the form was filled with."""
        return bool(self.raw != self.initial_raw)

    def reset(self, value: Any) -> None:
        """Fill the field with a stored value again (after a save): not an edit."""
        self.initial_raw = self._as_raw(value)
        self.set_raw(value)
        self.touched = False
        self.show_problem(None)

    @property
    def control(self) -> Any:
        return self.query_one(f"#control-{self.name_}")

    @property
    def raw(self) -> Any:
        control = self.control
        if isinstance(control, Chips):
            if control.multiple:
                return list(control.value or ())
            return control.value
        if isinstance(control, Select):
            return None if control.value is Select.NULL else control.value
        if isinstance(control, Checkbox):
            return control.value
        return control.value

    def set_raw(self, value: Any) -> None:
        control = self.control
        if isinstance(control, Chips):
            control.value = tuple(value or ()) if control.multiple else _key(value)
        elif isinstance(control, Select):
            key = _key(value)
            control.value = key if key is not None else Select.NULL
        elif isinstance(control, Checkbox):
            control.value = bool(value)
        else:
            control.value = _as_text(value)
            # The cursor after the text, nothing selected: the next key typed adds to what
            # came back rather than replacing it.
            control.cursor_position = len(control.value)

    def blank(self) -> bool:
        raw = self.raw
        return raw is None or raw == [] or (isinstance(raw, str) and not raw.strip())

    def problem(self) -> str | None:
        """What is wrong with the value as it stands, in words (None: nothing)."""
        from inspector.models.spec import Invalid

        if self.blank():
            if self.required:
                return t("error.required", field=self.label)
            return None
        try:
            self.spec.clean(self.raw, self.reference)
        except Invalid as exc:
            return t(f"error.{exc.code}", field=self.label, **exc.params)
        return None

    def show_problem(self, message: str | None) -> None:
        # Unchanged: touch nothing, or every keystroke would re-lay out the whole form.
        if message == self._shown_problem:
            return
        self._shown_problem = message
        error = self.query_one(".field-error", Static)
        error.update(message or "")
        error.display = bool(message)
        self.set_class(bool(message), "-invalid")

    def validate_now(self, *, strict: bool = False) -> str | None:
        """Check and show. Before the field is touched a blank required value is not yet
        an error (unless `strict`, as on save)."""
        message = self.problem()
        if message and not strict and not self.touched and self.blank():
            message = None
        self.show_problem(message)
        return message

    def on_mount(self) -> None:
        self.query_one(".field-error", Static).display = False

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(Chips.Changed)
    def _edited(self, event: Message) -> None:
        event.stop()
        # Controls also report the value they were built or filled with: not an edit.
        if not self.modified and not self.touched:
            return
        self.touched = True
        self.validate_now()
        self.post_message(self.Edited(self))

    def focus_control(self) -> None:
        self.control.focus()


def _key(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _text(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e15 else str(value)
    # Stored text shown for editing is shown escaped like everywhere else; a field left
    # as it was is not an edit (`modified`), so it is never written back escaped.
    return printable(str(value))


def _as_text(value: Any) -> str:
    """A stored or typed value as a text box shows it: a list as the items a person would
    type ("张三、李四"), a mapping as JSON, never as Python writes them (`['张三']`)."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "、".join(_text(v) for v in value)
    if isinstance(value, dict):
        import json

        return json.dumps(value, ensure_ascii=False)
    return _text(value)


class FieldForm(Vertical):
    """Fields of one record. `values()` gives what was typed, keyed by field name."""

    def __init__(self, *fields: Field, id: str | None = None, classes: str = "") -> None:
        super().__init__(*fields, id=id, classes=("field-form " + classes).strip())

    @property
    def fields(self) -> list[Field]:
        return list(self.query(Field))

    def field(self, name: str) -> Field:
        return self.query_one(f"#field-{name}", Field)

    def values(self, names: Iterable[str] | None = None) -> dict[str, Any]:
        wanted = set(names) if names is not None else None
        return {f.name_: f.raw for f in self.fields if wanted is None or f.name_ in wanted}

    def check(self) -> list[str]:
        """Validate every field as on save; returns the problems, in form order. (The
        screen puts the focus on the first of them: it may hold more than one form.)"""
        problems = []
        for f in self.fields:
            message = f.validate_now(strict=True)
            if message:
                problems.append(message)
        return problems

    def restore(self, values: dict[str, Any]) -> None:
        """Fill the fields named in `values` with what was typed (a draft)."""
        for f in self.fields:
            if f.name_ in values:
                f.set_raw(values[f.name_])

    def show_failure(self, failure: Any) -> list[str]:
        """Show a `ValidationFailed` from the write path against the fields it names."""
        messages = []
        for error in failure.errors:
            try:
                target = self.field(error.field)
            except Exception:  # a field this form does not show
                target = None
            message = error.message(failure.entity, label=target.label if target else None)
            if target is not None:
                target.show_problem(message)
            messages.append(message)
        return messages


def focus_first_problem(screen: Any) -> bool:
    """Put the focus on the first field that shows a problem, in reading order (the order
    of the screen's widgets: down one column, then the next). False if none shows one."""
    for node in screen.query(".field.-invalid"):
        if hasattr(node, "focus_control"):
            node.focus_control()
            node.scroll_visible()
            return True
    return False


def model_spec(model: Any) -> ModelSpec:
    from inspector.models.spec import spec_for

    return spec_for(model)
